/**
 * Turns any error of a send into plain words and a storable {@link SendFailure}. No `vscode` import.
 */
import * as l10n from '@vscode/l10n';
import { explainErrorCode } from '../core/errorCodes';
import { shorten } from '../core/secrets';
import { isSignalWireApiError, isSignalWireError, isUnexpectedResponseError } from '../signalwire/errors';
import type { SendFailure } from '../send/outcome';
import { isMessageValidationError } from '../send/validationError';
import { errorText } from './errorText';

/**
 * The most kept of a failure's text (history, notifications, logs). The client already cuts what
 * it takes from an answer; this bounds everything else (an error thrown by anything on the way).
 */
export const MAX_FAILURE_TEXT_CHARS = 2000;

export function failureFromError(error: unknown): SendFailure {
	if (isSignalWireApiError(error)) {
		return {
			kind: 'api',
			message: shorten(error.apiMessage || error.message, MAX_FAILURE_TEXT_CHARS),
			httpStatus: error.httpStatus,
			...(error.code !== undefined ? { code: error.code } : {}),
			...(error.moreInfo ? { moreInfo: shorten(error.moreInfo, MAX_FAILURE_TEXT_CHARS) } : {}),
		};
	}
	if (isUnexpectedResponseError(error)) {
		// The answer had a status even if its body was unusable (an HTML 500, broken JSON in a 201).
		return {
			kind: error.kind,
			message: shorten(error.message, MAX_FAILURE_TEXT_CHARS),
			...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
		};
	}
	if (isSignalWireError(error)) {
		return { kind: error.kind, message: shorten(error.message, MAX_FAILURE_TEXT_CHARS) };
	}
	if (isMessageValidationError(error)) {
		return { kind: 'validation', message: shorten(error.message, MAX_FAILURE_TEXT_CHARS) };
	}
	const kind =
		typeof (error as { kind?: unknown })?.kind === 'string'
			? shorten(String((error as { kind: string }).kind), 40)
			: 'unknown';
	return { kind, message: shorten(errorText(error), MAX_FAILURE_TEXT_CHARS) };
}

/** One line for a notification: the API's code and message in plain words. */
export function describeError(error: unknown): string {
	if (isSignalWireApiError(error)) {
		const explained = error.code !== undefined ? explainErrorCode(error.code) : undefined;
		const said = shorten(error.apiMessage || error.message, MAX_FAILURE_TEXT_CHARS);
		const line =
			error.code !== undefined
				? l10n.t('SignalWire error {0} (HTTP {1}): {2}.', error.code, error.httpStatus, said)
				: l10n.t('SignalWire error (HTTP {0}): {1}.', error.httpStatus, said);
		return `${line}${explained ? ` ${explained.explanation}` : ''}`.replace(/\.\./g, '.');
	}
	return shorten(errorText(error), MAX_FAILURE_TEXT_CHARS);
}

/**
 * The "More Info" link of an error, when it has one: the server's `more_info` if it is an https
 * URL, else the link of the explained error code. Any other scheme (`vscode:`, `file:`,
 * `command:`, plain `http:`…) is never offered: the answer is untrusted.
 */
export function moreInfoUrl(error: unknown): string | undefined {
	if (!isSignalWireApiError(error)) {
		return undefined;
	}
	const fromServer = error.moreInfo !== undefined ? httpsUrl(error.moreInfo) : undefined;
	if (fromServer) {
		return fromServer;
	}
	const explained = error.code !== undefined ? explainErrorCode(error.code)?.moreInfoUrl : undefined;
	return explained !== undefined ? httpsUrl(explained) : undefined;
}

/** `text` as a URL when it is an absolute https URL with a host and no user info; otherwise undefined. */
export function httpsUrl(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) {
		return undefined;
	}
	return url.href;
}
