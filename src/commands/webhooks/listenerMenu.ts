import * as vscode from 'vscode';
import type { Services } from '../../services';

interface MenuItem extends vscode.QuickPickItem {
	run: () => Thenable<unknown>;
}

/**
 * `signalwire.webhooks.listenerMenu` (the status bar item's click): a small menu of what to do with
 * the running listener, Stop Webhook Listener, Copy URL, Show Webhooks and Route a Number's Inbound
 * SMS Here..., so that a click never stops it unasked. Resolves to the label picked.
 */
export async function showListenerMenu(services: Services): Promise<string | undefined> {
	const webhooks = services.webhooks;
	const localUrl = webhooks.localUrl;
	if (!localUrl) {
		vscode.window.setStatusBarMessage(vscode.l10n.t('The webhook listener is not running'), 3000);
		return undefined;
	}
	const url = webhooks.publicUrl ?? localUrl;
	const routed = webhooks.routes.routedTo(localUrl);
	const items: MenuItem[] = [
		{
			label: `$(debug-stop) ${vscode.l10n.t('Stop Webhook Listener')}`,
			description: routed.length > 0 ? vscode.l10n.t('puts back the SmsUrl of {0}', routed.join(', ')) : '',
			run: () => vscode.commands.executeCommand('signalwire.stopWebhookListener'),
		},
		{
			label: `$(copy) ${vscode.l10n.t('Copy URL')}`,
			description: url,
			run: async () => {
				await vscode.env.clipboard.writeText(url);
				vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', url), 3000);
			},
		},
		{
			label: `$(list-flat) ${vscode.l10n.t('Show Webhooks')}`,
			run: () => vscode.commands.executeCommand('signalwire.webhooks.focus'),
		},
		{
			label: `$(arrow-swap) ${vscode.l10n.t("Route a Number's Inbound SMS Here...")}`,
			run: () => vscode.commands.executeCommand('signalwire.routeInboundSms'),
		},
	];
	const picked = await vscode.window.showQuickPick(items, {
		title: vscode.l10n.t('Webhook Listener on {0}', localUrl),
		placeHolder: vscode.l10n.t('{0} requests received', webhooks.log.size),
	});
	if (!picked) {
		return undefined;
	}
	await picked.run();
	return picked.label.replace(/^\$\([a-z-]+\) /, '');
}
