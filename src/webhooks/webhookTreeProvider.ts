/**
 * The Webhooks view: every request the listener received in this session, newest first, with its
 * time, kind, key fields and a signature badge (the icon). A click opens it as read-only JSON.
 * Bursts redraw once (a short debounce).
 */
import * as vscode from 'vscode';
import { requestRow, requestTooltip, signatureLabel } from './presentation';
import type { SignatureState } from './requests';
import type { WebhookService } from './webhookService';

/** A request, by its id in the session log. */
export interface WebhookRequestNode {
	readonly kind: 'webhookRequest';
	readonly id: number;
}

const BADGES: Record<SignatureState, vscode.ThemeIcon> = {
	valid: new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed')),
	invalid: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
	unchecked: new vscode.ThemeIcon('circle-large-outline'),
};

/** Redraws at most this often during a burst. */
const REDRAW_DELAY_MS = 50;

export class WebhookTreeProvider implements vscode.TreeDataProvider<WebhookRequestNode>, vscode.Disposable {
	private readonly _onDidChangeTreeData = new vscode.EventEmitter<WebhookRequestNode | undefined | void>();
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private readonly subscription: vscode.Disposable;
	private pending: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly webhooks: WebhookService) {
		this.subscription = webhooks.onDidChange(() => this.refreshSoon());
	}

	refreshSoon(): void {
		this.pending ??= setTimeout(() => {
			this.pending = undefined;
			this._onDidChangeTreeData.fire();
		}, REDRAW_DELAY_MS);
	}

	getChildren(element?: WebhookRequestNode): WebhookRequestNode[] {
		if (element) {
			return [];
		}
		return this.webhooks.log.newestFirst().map((record) => ({ kind: 'webhookRequest', id: record.id }));
	}

	getTreeItem(node: WebhookRequestNode): vscode.TreeItem {
		const record = this.webhooks.log.get(node.id);
		if (!record) {
			return new vscode.TreeItem(vscode.l10n.t('(no longer kept)'));
		}
		const row = requestRow(record);
		const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
		item.id = `webhook-${record.id}`;
		item.description = row.description;
		item.iconPath = BADGES[record.signature.state];
		item.contextValue = 'webhookRequest';
		item.accessibilityInformation = { label: `${row.label}, ${row.description}, ${signatureLabel(record.signature.state)}` };
		item.command = { command: 'signalwire.webhooks.openRequest', title: vscode.l10n.t('Open Request'), arguments: [node] };
		return item;
	}

	/** The tooltip, built only when VS Code shows it. */
	resolveTreeItem(item: vscode.TreeItem, node: WebhookRequestNode): vscode.TreeItem {
		const record = this.webhooks.log.get(node.id);
		if (record) {
			item.tooltip = requestTooltip(record);
		}
		return item;
	}

	dispose(): void {
		clearTimeout(this.pending);
		this.subscription.dispose();
		this._onDidChangeTreeData.dispose();
	}
}

/**
 * Says in the view, while no signed-in Space has a Signing Key, that callbacks are unverified (and
 * so change the Messages view unchecked), and offers Set Signing Key in its title bar.
 */
export function describeWebhooksView(view: vscode.TreeView<unknown>, webhooks: WebhookService): vscode.Disposable {
	const describe = () => {
		const unverified = !webhooks.signingKeys.anyKey;
		view.message = unverified
			? vscode.l10n.t('Callbacks are unverified: no Signing Key is set. Set one (the key icon) to apply only signed callbacks.')
			: undefined;
		void vscode.commands.executeCommand('setContext', 'signalwire.webhooks.unverified', unverified);
	};
	void webhooks.signingKeys.ready().then(describe);
	return webhooks.signingKeys.onDidReload(describe);
}
