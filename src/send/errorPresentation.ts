/**
 * Turns any error of a send into plain words and a storable {@link SendFailure}. No `vscode` import.
 */
import { explainErrorCode } from '../core/errorCodes';
import { isSignalWireApiError, isSignalWireError, isUnexpectedResponseError } from '../signalwire/errors';
import type { SendFailure } from './outcome';
import { isMessageValidationError } from './validationError';

export function failureFromError(error: unknown): SendFailure {
	if (isSignalWireApiError(error)) {
		return {
			kind: 'api',
			message: error.apiMessage || error.message,
			httpStatus: error.httpStatus,
			...(error.code !== undefined ? { code: error.code } : {}),
			...(error.moreInfo ? { moreInfo: error.moreInfo } : {}),
		};
	}
	if (isUnexpectedResponseError(error)) {
		// The answer had a status even if its body was unusable (an HTML 500, broken JSON in a 201).
		return { kind: error.kind, message: error.message, ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}) };
	}
	if (isSignalWireError(error)) {
		return { kind: error.kind, message: error.message };
	}
	if (isMessageValidationError(error)) {
		return { kind: 'validation', message: error.message };
	}
	const kind = typeof (error as { kind?: unknown })?.kind === 'string' ? String((error as { kind: string }).kind) : 'unknown';
	return { kind, message: error instanceof Error ? error.message : String(error) };
}

/** One line for a notification: the API's code and message in plain words. */
export function describeError(error: unknown): string {
	if (isSignalWireApiError(error)) {
		const explained = error.code !== undefined ? explainErrorCode(error.code) : undefined;
		const code = error.code !== undefined ? ` ${error.code}` : '';
		const hint = explained ? ` ${explained.explanation}` : '';
		return `SignalWire error${code} (HTTP ${error.httpStatus}): ${error.apiMessage || error.message}.${hint}`.replace(/\.\./g, '.');
	}
	return error instanceof Error ? error.message : String(error);
}

/** The "More Info" link of an error, when it has one. */
export function moreInfoUrl(error: unknown): string | undefined {
	if (isSignalWireApiError(error)) {
		return error.moreInfo ?? (error.code !== undefined ? explainErrorCode(error.code)?.moreInfoUrl : undefined);
	}
	return undefined;
}
