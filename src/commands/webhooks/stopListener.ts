import * as vscode from 'vscode';
import type { Services } from '../../services';

/**
 * `signalwire.stopWebhookListener`: points routed numbers back where they were, then stops the
 * listener. Resolves true if one was running.
 */
export async function stopWebhookListener(services: Services): Promise<boolean> {
	const stopped = await services.webhooks.stop();
	vscode.window.setStatusBarMessage(stopped ? vscode.l10n.t('Webhook listener stopped') : vscode.l10n.t('The webhook listener is not running'), 3000);
	return stopped;
}
