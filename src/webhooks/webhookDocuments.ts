/**
 * "Open Request": a read-only JSON document per received webhook (`signalwire-webhook:` scheme)
 * with its method, path, headers, form, signature check and the listener's answer.
 */
import * as vscode from 'vscode';
import { WEBHOOK_SCHEME } from '../contributions';
import { timeOfDay } from './presentation';
import { requestDocument, type WebhookRequestRecord } from './requests';
import type { WebhookService } from './webhookService';

/** `signalwire-webhook:/inbound 04:33:42.json?id=12`: the tab says the request's kind and time. */
export function webhookDocumentUri(record: Pick<WebhookRequestRecord, 'id' | 'kind' | 'time'>): vscode.Uri {
	const path = `/${record.kind} ${timeOfDay(record.time)}.json`;
	return vscode.Uri.from({ scheme: WEBHOOK_SCHEME, path, query: `id=${record.id}` });
}

export class WebhookDocumentProvider implements vscode.TextDocumentContentProvider {
	constructor(private readonly webhooks: WebhookService) {}

	provideTextDocumentContent(uri: vscode.Uri): string {
		const id = Number(new URLSearchParams(uri.query).get('id'));
		const record = this.webhooks.log.get(id);
		if (!record) {
			const error = vscode.l10n.t(
				'This request is no longer kept (the view keeps the last 500 of this session).',
			);
			return `${JSON.stringify({ error }, null, 2)}\n`;
		}
		return `${JSON.stringify(requestDocument(record), null, 2)}\n`;
	}
}
