import * as vscode from 'vscode';
import type { Services } from '../../services';
import type { StartedListener } from '../../webhooks/webhookService';
import { errorText } from '../../errors/errorText';

/** What a caller may pass: `{ port?, publicUrl? }`. */
function startOptions(argument: unknown): { port?: number; publicUrl?: string; host?: string } {
	if (typeof argument !== 'object' || argument === null) {
		return {};
	}
	const value = argument as { port?: unknown; publicUrl?: unknown; host?: unknown };
	return {
		...(typeof value.port === 'number' ? { port: value.port } : {}),
		...(typeof value.publicUrl === 'string' ? { publicUrl: value.publicUrl } : {}),
		...(typeof value.host === 'string' ? { host: value.host } : {}),
	};
}

/**
 * `signalwire.startWebhookListener` `{ port?, publicUrl? }`: starts the loopback listener and
 * resolves to `{ localUrl, publicUrl? }`. In a remote window without a public URL it offers the
 * forwarded address VS Code gives the port (`vscode.env.asExternalUri`).
 */
export async function startWebhookListener(services: Services, argument?: unknown): Promise<StartedListener | undefined> {
	const options = startOptions(argument);
	const interactive = argument === undefined;
	let started: StartedListener;
	try {
		started = await services.webhooks.start(options);
	} catch (error) {
		const message = errorText(error);
		services.logger.error(`Webhook listener: ${message}`);
		if (!interactive) {
			throw error;
		}
		void vscode.window.showErrorMessage(vscode.l10n.t('The webhook listener did not start: {0}', message));
		return undefined;
	}
	if (interactive) {
		void announce(services, started);
	}
	return started;
}

async function announce(services: Services, started: StartedListener): Promise<void> {
	if (started.publicUrl) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Webhook listener on {0}, public URL {1}.', started.localUrl, started.publicUrl));
		return;
	}
	if (vscode.env.remoteName === undefined) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('Webhook listener on {0}. SignalWire needs a public https URL to reach it: set signalwire.webhooks.publicUrl (e.g. a tunnel you run).', started.localUrl),
		);
		return;
	}
	const forward = vscode.l10n.t('Use Forwarded Address');
	const choice = await vscode.window.showInformationMessage(
		vscode.l10n.t('Webhook listener on {0}. This is a remote window: use the address VS Code forwards for this port as the public URL?', started.localUrl),
		forward,
	);
	if (choice !== forward) {
		return;
	}
	const external = await vscode.env.asExternalUri(vscode.Uri.parse(started.localUrl));
	const publicUrl = external.toString(true).replace(/\/+$/, '');
	await services.webhooks.stop();
	const restarted = await services.webhooks.start({ port: Number(new URL(started.localUrl).port), publicUrl });
	void vscode.window.showInformationMessage(vscode.l10n.t('Webhook listener on {0}, public URL {1}.', restarted.localUrl, restarted.publicUrl ?? publicUrl));
}
