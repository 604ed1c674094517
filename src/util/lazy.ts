import * as vscode from 'vscode';

/**
 * A tree data provider that stands in for one built later: the view can be created at activation
 * while what fills it loads when VS Code first asks for its children (the view is shown).
 */
export class LazyTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
	readonly onDidChangeTreeData = this.changed.event;
	private target: vscode.TreeDataProvider<T> | undefined;
	private forwarding: vscode.Disposable | undefined;

	constructor(private readonly load: () => vscode.TreeDataProvider<T>) {}

	private provider(): vscode.TreeDataProvider<T> {
		if (!this.target) {
			this.target = this.load();
			this.forwarding = this.target.onDidChangeTreeData?.((element) => this.changed.fire(element));
		}
		return this.target;
	}

	getChildren(element?: T): vscode.ProviderResult<T[]> {
		return this.provider().getChildren(element);
	}

	getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
		return this.provider().getTreeItem(element);
	}

	getParent(element: T): vscode.ProviderResult<T> {
		return this.provider().getParent?.(element);
	}

	resolveTreeItem(
		item: vscode.TreeItem,
		element: T,
		token: vscode.CancellationToken,
	): vscode.ProviderResult<vscode.TreeItem> {
		const provider = this.provider();
		return provider.resolveTreeItem ? provider.resolveTreeItem(item, element, token) : item;
	}

	dispose(): void {
		this.forwarding?.dispose();
		this.changed.dispose();
	}
}

/** A text document content provider whose implementation is built on first use. */
export class LazyTextDocumentContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;
	private target: vscode.TextDocumentContentProvider | undefined;
	private forwarding: vscode.Disposable | undefined;

	constructor(private readonly load: () => vscode.TextDocumentContentProvider) {}

	provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
		if (!this.target) {
			this.target = this.load();
			this.forwarding = this.target.onDidChange?.((changed) => this.changed.fire(changed));
		}
		return this.target.provideTextDocumentContent(uri, token);
	}

	dispose(): void {
		this.forwarding?.dispose();
		this.changed.dispose();
	}
}
