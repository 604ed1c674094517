import type * as vscode from 'vscode';

/**
 * A base for classes that own disposables (shape of vscode-pull-request-github's lifecycle.ts).
 */
export abstract class Disposable implements vscode.Disposable {
	private readonly _disposables: vscode.Disposable[] = [];
	private _isDisposed = false;

	protected get isDisposed(): boolean {
		return this._isDisposed;
	}

	protected register<T extends vscode.Disposable>(disposable: T): T {
		if (this._isDisposed) {
			disposable.dispose();
		} else {
			this._disposables.push(disposable);
		}
		return disposable;
	}

	dispose(): void {
		if (this._isDisposed) {
			return;
		}
		this._isDisposed = true;
		while (this._disposables.length) {
			this._disposables.pop()?.dispose();
		}
	}
}
