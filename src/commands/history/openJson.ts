import * as vscode from 'vscode';
import { historyDocumentUri } from '../../history/historyDocuments';
import { resolveEntry } from '../../history/entryPicker';
import type { Services } from '../../services';

/**
 * `signalwire.history.openJson`: opens the full request and response of a message in a read-only
 * JSON editor. Resolves to the document's URI.
 */
export async function openJson(services: Services, argument?: unknown): Promise<vscode.Uri | undefined> {
	const entry = await resolveEntry(services.history, argument, vscode.l10n.t('Open which message as JSON?'));
	if (!entry) {
		return undefined;
	}
	const uri = historyDocumentUri(entry);
	let document = await vscode.workspace.openTextDocument(uri);
	if (document.languageId !== 'json') {
		document = await vscode.languages.setTextDocumentLanguage(document, 'json');
	}
	await vscode.window.showTextDocument(document, { preview: true });
	return uri;
}
