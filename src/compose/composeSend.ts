/**
 * The compose form's send: validate the draft again (the form may be stale or forged), send it
 * through the one MessageSender, and turn the outcome into what the form shows.
 */
import * as vscode from 'vscode';
import { explainErrorCode } from '../core/errorCodes';
import { validateMessage } from '../core/validation';
import type { Profile } from '../credentials/profile';
import { describeError, failureFromError, moreInfoUrl } from '../errors/presentation';
import type { SendOptions } from '../send/messageSender';
import type { Services } from '../services';
import type { IncomingPhoneNumber } from '../core/types';
import type { MessageDraft } from '../core/draft';
import type { NumberOption, SendErrorInfo, SendResultPayload } from './protocol';

/** Sends a draft from the form for a signed-in profile. Never throws: a failure is a result. */
export async function sendDraft(
	services: Services,
	profile: Profile,
	draft: MessageDraft,
	options: SendOptions = {},
): Promise<SendResultPayload> {
	const validation = validateMessage(draft);
	if (!validation.ok) {
		// The form disables Send while invalid; this guards against a stale or forged message.
		services.logger.warn(
			`Compose: refused to send an invalid draft: ${validation.problems.map((p) => p.rule).join(', ')}`,
		);
		return { ok: false, error: { message: validation.problems.map((p) => p.message).join(' ') } };
	}
	let sent;
	try {
		sent = await services.sender.send(profile, validation.params, options);
	} catch (error) {
		// No client (the token is gone) or a failure before the request.
		services.logger.error(`Compose: sending failed: ${describeError(error)}`);
		return { ok: false, error: errorInfo(error) };
	}
	const { outcome, error } = sent;
	if (!outcome.message) {
		return { ok: false, error: errorInfo(error ?? outcome.error) };
	}
	// The message has gone out: remembering the numbers must not turn that into a failure.
	void services.recents.remember(validation.params.from, validation.params.to).catch((rememberError: unknown) => {
		services.logger.warn(`Compose: could not remember the recent numbers: ${describeError(rememberError)}`);
	});
	return { ok: true, sid: outcome.message.sid, status: outcome.message.status, to: outcome.message.to };
}

/** The answer to a Send while signed out. */
export function notSignedInResult(): SendResultPayload {
	return { ok: false, error: { message: vscode.l10n.t('Not signed in: sign in to a SignalWire Space to send.') } };
}

/** The answer to a second Send while one is in flight. */
export function busyResult(): SendResultPayload {
	return { ok: false, error: { message: vscode.l10n.t('A send is already in progress: wait for its result.') } };
}

export function toNumberOption(number: IncomingPhoneNumber): NumberOption {
	return {
		phoneNumber: number.phone_number,
		friendlyName: number.friendly_name,
		sms: number.capabilities.sms,
		mms: number.capabilities.mms,
	};
}

function errorInfo(error: unknown): SendErrorInfo {
	const failure = failureFromError(error);
	const link = moreInfoUrl(error);
	const explained = failure.code !== undefined ? explainErrorCode(failure.code) : undefined;
	const hint = explained ? [explained.explanation, explained.action].filter(Boolean).join(' ') : undefined;
	return {
		message: failure.message,
		...(failure.code !== undefined ? { code: failure.code } : {}),
		...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
		...(link ? { moreInfo: link } : {}),
		...(hint ? { hint } : {}),
	};
}
