/**
 * The webhook listener's status bar item (src/webhooks/webhookService.ts) and the
 * `signalwire.webhooks.running` context key the menus use: shown while the listener runs, with what
 * it received and refused in its tooltip.
 */
import * as vscode from 'vscode';
import type { WebhookListener } from './listener';
import type { NumberRouter } from './numberRoutes';

/** What the item shows, read at each update. */
export interface WebhookStatusView {
	/** The running listener, if any. */
	readonly listener: Pick<WebhookListener, 'localUrl' | 'refused'> | undefined;
	readonly publicBase: string | undefined;
	/** The requests received this session. */
	readonly requests: number;
	readonly routes: Pick<NumberRouter, 'routedTo'>;
	/** The service was disposed: the item stays hidden. */
	readonly disposed: boolean;
}

export class WebhookStatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem(
		'signalwire.webhooks',
		vscode.StatusBarAlignment.Left,
		49,
	);
	/** The `signalwire.webhooks.running` context key as last set (menus use it). */
	private contextRunning = false;

	constructor(private readonly view: () => WebhookStatusView) {
		this.item.name = vscode.l10n.t('SignalWire Webhook Listener');
	}

	update(): void {
		const view = this.view();
		const listener = view.listener;
		if (this.contextRunning !== (listener !== undefined)) {
			this.contextRunning = listener !== undefined;
			void vscode.commands.executeCommand('setContext', 'signalwire.webhooks.running', this.contextRunning);
		}
		if (!listener || view.disposed) {
			this.item.hide();
			return;
		}
		this.item.text = `$(radio-tower) ${vscode.l10n.t('Webhooks: {0}', view.requests)}`;
		this.item.tooltip = this.tooltip();
		this.item.command = 'signalwire.webhooks.listenerMenu';
		this.item.show();
	}

	/**
	 * What the tooltip says while the listener runs: where it listens, which numbers are routed to it, what it
	 * received.
	 */
	tooltip(): string | undefined {
		const { listener, publicBase, requests, routes } = this.view();
		if (!listener) {
			return undefined;
		}
		const refused = Object.values(listener.refused).reduce((a, b) => a + b, 0);
		const routed = routes.routedTo(listener.localUrl);
		return [
			vscode.l10n.t('Webhook listener on {0}', listener.localUrl),
			publicBase
				? vscode.l10n.t('Public URL: {0}', publicBase)
				: vscode.l10n.t('No public URL: only the local server can reach it.'),
			routed.length > 0
				? vscode.l10n.t(
						'Routed here: inbound SMS to {0} (their previous SmsUrl comes back when the listener stops).',
						routed.join(', '),
					)
				: vscode.l10n.t(
						'No number routed here: run "Route a Number\'s Inbound SMS Here..." to receive inbound SMS.',
					),
			vscode.l10n.t('{0} requests received, {1} refused. Click for Stop, Copy URL and more.', requests, refused),
		].join('\n');
	}

	dispose(): void {
		this.item.dispose();
	}
}
