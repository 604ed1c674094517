import * as vscode from 'vscode';
import type { Services } from '../../services';

/**
 * `signalwire.stopWebhookListener`: points routed numbers back where they were, then stops the
 * listener, saying what it put back ("+15550100100: SmsUrl restored to (none)"). Resolves true if
 * one was running.
 */
export async function stopWebhookListener(services: Services): Promise<boolean> {
	const routes = services.webhooks.routes;
	const before = routes.saved();
	const stopped = await services.webhooks.stop();
	if (!stopped) {
		vscode.window.setStatusBarMessage(vscode.l10n.t('The webhook listener is not running'), 3000);
		return false;
	}
	// A route no longer saved was put back (or was changed elsewhere and left alone: it is no longer ours either way).
	const left = new Set(routes.saved().map((route) => `${route.profileId}|${route.sid}`));
	const restored = before
		.filter((route) => !left.has(`${route.profileId}|${route.sid}`))
		.map((route) => {
			const previous = route.previous.smsUrl || vscode.l10n.t('(none)');
			return vscode.l10n.t('{0}: SmsUrl restored to {1}', route.phoneNumber, previous);
		});
	void vscode.window.showInformationMessage(
		restored.length > 0
			? vscode.l10n.t('Webhook listener stopped. {0}.', restored.join('; '))
			: vscode.l10n.t('Webhook listener stopped.'),
	);
	return true;
}
