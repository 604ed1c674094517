/**
 * "Open as JSON": a read-only document per history entry (`signalwire-history:` scheme) with the
 * full request and response. It follows the entry: a status update refreshes an open document.
 */
import * as vscode from 'vscode';
import type { HistoryService } from './historyService';
import type { HistoryEntry } from './entry';
import { entryDocument } from './presentation';

import { HISTORY_SCHEME } from '../contributions';

export { HISTORY_SCHEME };

/** `signalwire-history:/+15550100199 0a059168.json?id=…` (the name is what the editor tab shows). */
export function historyDocumentUri(entry: HistoryEntry): vscode.Uri {
	const name = `${entry.params.to || 'message'} ${(entry.message?.sid ?? entry.id).slice(0, 8)}`.replace(
		/[\\/:*?"<>|#%]/g,
		'_',
	);
	return vscode.Uri.from({
		scheme: HISTORY_SCHEME,
		path: `/${name}.json`,
		query: `id=${encodeURIComponent(entry.id)}`,
	});
}

function entryIdOf(uri: vscode.Uri): string | undefined {
	return new URLSearchParams(uri.query).get('id') ?? undefined;
}

export class HistoryDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
	private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this._onDidChange.event;
	private readonly subscription: vscode.Disposable;

	constructor(private readonly history: HistoryService) {
		this.subscription = history.onDidChange((change) => {
			for (const document of vscode.workspace.textDocuments) {
				if (document.uri.scheme !== HISTORY_SCHEME) {
					continue;
				}
				const id = entryIdOf(document.uri);
				if (
					change.kind === 'reset' ||
					(change.kind === 'batch' ? id !== undefined && change.ids.includes(id) : id === change.id)
				) {
					this._onDidChange.fire(document.uri);
				}
			}
		});
	}

	async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
		await this.history.ready();
		const id = entryIdOf(uri);
		const entry = id !== undefined ? this.history.get(id) : undefined;
		if (!entry) {
			return `${JSON.stringify({ error: vscode.l10n.t('This message is no longer in the history.') }, null, 2)}\n`;
		}
		return `${JSON.stringify(entryDocument(entry), null, 2)}\n`;
	}

	dispose(): void {
		this.subscription.dispose();
		this._onDidChange.dispose();
	}
}
