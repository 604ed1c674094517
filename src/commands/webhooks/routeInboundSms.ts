import * as vscode from 'vscode';
import type { Services } from '../../services';
import { describeError } from '../../errors/presentation';
import { listSmsRouting } from '../../signalwire/phoneNumbers';

/**
 * `signalwire.routeInboundSms` `{ sid? | phoneNumber? }`: points a number of the active Space at the
 * webhook listener (`<public URL>/inbound`, POST), starting the listener once a number is picked. The previous
 * SmsUrl comes back when the listener stops. Resolves to `{ phoneNumber, smsUrl }`.
 */
export async function routeInboundSms(
	services: Services,
	argument?: unknown,
): Promise<{ phoneNumber: string; smsUrl: string } | undefined> {
	const interactive = argument === undefined;
	const fail = (message: string): undefined => {
		if (!interactive) {
			throw new Error(message);
		}
		void vscode.window.showErrorMessage(message);
		return undefined;
	};
	const profile = await services.credentials.activeProfile();
	if (!profile) {
		return fail(vscode.l10n.t('Sign in to a SignalWire Space first.'));
	}
	// Nothing starts until a number is picked: first whether SignalWire could reach the listener at all.
	if (!services.webhooks.canReach(profile)) {
		return fail(
			vscode.l10n.t(
				'SignalWire cannot reach the webhook listener on this machine: set signalwire.webhooks.publicUrl to a public https URL that forwards to it (e.g. a tunnel), then route the number again.',
			),
		);
	}
	let sid: string | undefined;
	try {
		const numbers = await listSmsRouting(await services.clients.clientFor(profile));
		const wanted =
			typeof argument === 'object' && argument !== null
				? (argument as { sid?: unknown; phoneNumber?: unknown })
				: {};
		if (typeof wanted.sid === 'string' || typeof wanted.phoneNumber === 'string') {
			sid = numbers.find((n) => n.sid === wanted.sid || n.phoneNumber === wanted.phoneNumber)?.sid;
			if (!sid) {
				return fail(vscode.l10n.t('No number {0} in this Space.', String(wanted.sid ?? wanted.phoneNumber)));
			}
		} else {
			const running = services.webhooks.baseUrlFor(profile);
			const picked = await vscode.window.showQuickPick(
				numbers.map((n) => ({
					label: n.phoneNumber,
					description: services.webhooks.routes.isRouted(profile, n.sid)
						? vscode.l10n.t('routed here')
						: n.smsUrl
							? vscode.l10n.t('SmsUrl {0}', n.smsUrl)
							: vscode.l10n.t('no SmsUrl'),
					sid: n.sid,
				})),
				{
					title: vscode.l10n.t("Route a Number's Inbound SMS Here"),
					placeHolder: running
						? vscode.l10n.t('Which number should send its inbound SMS to {0}/inbound?', running)
						: vscode.l10n.t(
								'Which number should send its inbound SMS to the webhook listener (started once you pick)?',
							),
				},
			);
			sid = picked?.sid;
		}
	} catch (error) {
		services.logger.error(`Route inbound SMS: ${describeError(error)}`);
		return fail(vscode.l10n.t('Routing the number failed: {0}', describeError(error)));
	}
	if (!sid) {
		return undefined;
	}
	try {
		await services.webhooks.start();
	} catch (error) {
		return fail(vscode.l10n.t('The webhook listener did not start: {0}', describeError(error)));
	}
	const base = services.webhooks.baseUrlFor(profile);
	if (!base) {
		return fail(
			vscode.l10n.t(
				'SignalWire cannot reach {0} on this machine: set signalwire.webhooks.publicUrl to a public https URL that forwards to it (e.g. a tunnel), then stop and start the listener.',
				services.webhooks.localUrl ?? '',
			),
		);
	}
	try {
		const route = await services.webhooks.routes.route(
			profile,
			sid,
			`${base}/inbound`,
			services.webhooks.localUrl ?? base,
		);
		if (interactive) {
			void vscode.window.showInformationMessage(
				vscode.l10n.t(
					'Inbound SMS to {0} now come to the Webhooks view. Its previous SmsUrl comes back when the listener stops.',
					route.phoneNumber,
				),
			);
		}
		return { phoneNumber: route.phoneNumber, smsUrl: route.routedUrl };
	} catch (error) {
		services.logger.error(`Route inbound SMS: ${describeError(error)}`);
		return fail(vscode.l10n.t('Routing the number failed: {0}', describeError(error)));
	}
}
