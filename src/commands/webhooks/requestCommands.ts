import * as vscode from 'vscode';
import { shellQuote } from '../../core/curl';
import type { Services } from '../../services';
import { requestRow } from '../../webhooks/presentation';
import { replayCommand, type WebhookRequestRecord } from '../../webhooks/requests';
import { webhookDocumentUri } from '../../webhooks/webhookDocuments';

/** The request an argument names (a view node, an id, `{ id }`); without one, a quick pick. */
async function resolveRequest(
	services: Services,
	argument: unknown,
	placeHolder: string,
): Promise<WebhookRequestRecord | undefined> {
	const id =
		typeof argument === 'number'
			? argument
			: typeof argument === 'object' && argument !== null
				? (argument as { id?: unknown }).id
				: undefined;
	if (typeof id === 'number') {
		const record = services.webhooks.log.get(id);
		if (!record) {
			void vscode.window.showWarningMessage(vscode.l10n.t('That webhook request is no longer kept.'));
		}
		return record;
	}
	const records = services.webhooks.log.newestFirst();
	if (records.length === 0) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('No webhook requests yet. Start the webhook listener and send a message.'),
		);
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(
		records.map((record) => ({ ...requestRow(record), record })),
		{ placeHolder },
	);
	return picked?.record;
}

/** `signalwire.webhooks.openRequest`: the request as read-only JSON. Resolves to the document's URI. */
export async function openWebhookRequest(services: Services, argument?: unknown): Promise<vscode.Uri | undefined> {
	const record = await resolveRequest(services, argument, vscode.l10n.t('Open which webhook request?'));
	if (!record) {
		return undefined;
	}
	const uri = webhookDocumentUri(record);
	let document = await vscode.workspace.openTextDocument(uri);
	if (document.languageId !== 'json') {
		document = await vscode.languages.setTextDocumentLanguage(document, 'json');
	}
	await vscode.window.showTextDocument(document, { preview: true });
	return uri;
}

/** `signalwire.webhooks.copyAsCurl`: a curl command that replays the request to the listener. */
export async function copyWebhookAsCurl(services: Services, argument?: unknown): Promise<string | undefined> {
	const record = await resolveRequest(services, argument, vscode.l10n.t('Copy which webhook request as curl?'));
	const localUrl = services.webhooks.replayUrl;
	if (!record || !localUrl) {
		return undefined;
	}
	const command = replayCommand(record, localUrl, shellQuote);
	await vscode.env.clipboard.writeText(command);
	vscode.window.setStatusBarMessage(
		vscode.l10n.t('Copied a curl command that replays the request to {0}', localUrl),
		4000,
	);
	return command;
}

/** `signalwire.webhooks.clear`: forgets the requests received so far. */
export function clearWebhookRequests(services: Services): number {
	const count = services.webhooks.log.size;
	services.webhooks.log.clear();
	return count;
}
