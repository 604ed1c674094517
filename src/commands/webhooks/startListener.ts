import * as vscode from 'vscode';
import type { Services } from '../../services';
import { isLoopbackSpace, type StartedListener } from '../../webhooks/webhookService';
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
 * resolves to `{ localUrl, publicUrl?, lastPortTaken? }`. Without a port (and the setting 0) it
 * reuses the last port when that is free; `lastPortTaken` says when it was not. In a remote
 * window without a public URL it offers the
 * forwarded address VS Code gives the port (`vscode.env.asExternalUri`).
 */
export async function startWebhookListener(
	services: Services,
	argument?: unknown,
): Promise<StartedListener | undefined> {
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

/** What Start says once the listener runs, and whether it offers the forwarded address as the public URL. */
export async function listenerAnnouncement(
	services: Services,
	started: StartedListener,
	remoteName: string | undefined = vscode.env.remoteName,
): Promise<{ message: string; offerForwardedAddress: boolean }> {
	if (started.publicUrl) {
		return {
			message: vscode.l10n.t('Webhook listener on {0}, public URL {1}.', started.localUrl, started.publicUrl),
			offerForwardedAddress: false,
		};
	}
	const profile = await services.credentials.activeProfile();
	if (profile && isLoopbackSpace(profile.spaceUrl)) {
		// The local server calls the listener directly: a forwarded address would only add a hop.
		return {
			message: vscode.l10n.t(
				'Webhook listener on {0}. The local server reaches it directly: no public URL needed.',
				started.localUrl,
			),
			offerForwardedAddress: false,
		};
	}
	if (remoteName === undefined) {
		return {
			message: vscode.l10n.t(
				'Webhook listener on {0}. SignalWire needs a public https URL to reach it: set signalwire.webhooks.publicUrl (e.g. a tunnel you run).',
				started.localUrl,
			),
			offerForwardedAddress: false,
		};
	}
	return {
		message: vscode.l10n.t(
			'Webhook listener on {0}. This is a remote window: use the address VS Code forwards for this port as the public URL?',
			started.localUrl,
		),
		offerForwardedAddress: true,
	};
}

async function announce(services: Services, started: StartedListener): Promise<void> {
	if (started.lastPortTaken) {
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				"Port {0}, the webhook listener's last port, is in use now: it listens on {1} instead. A tunnel or signalwire.webhooks.publicUrl set for port {0} needs the new port.",
				started.lastPortTaken,
				started.localUrl,
			),
		);
	}
	const { message, offerForwardedAddress } = await listenerAnnouncement(services, started);
	if (!offerForwardedAddress) {
		void vscode.window.showInformationMessage(message);
		return;
	}
	const forward = vscode.l10n.t('Use Forwarded Address');
	const choice = await vscode.window.showInformationMessage(message, forward);
	if (choice !== forward) {
		return;
	}
	const external = await vscode.env.asExternalUri(vscode.Uri.parse(started.localUrl));
	const publicUrl = external.toString(true).replace(/\/+$/, '');
	await services.webhooks.stop();
	const restarted = await services.webhooks.start({ port: Number(new URL(started.localUrl).port), publicUrl });
	void vscode.window.showInformationMessage(
		vscode.l10n.t('Webhook listener on {0}, public URL {1}.', restarted.localUrl, restarted.publicUrl ?? publicUrl),
	);
}
