/**
 * How the webview reads a message from the extension (src/compose/protocol.ts has the messages).
 * Lenient by design: a message of a known type is accepted with its bad parts dropped and its
 * over-long texts cut, so that one bad part never wedges the form. Pure: no `vscode`, no DOM.
 */
import type { MessageDraft } from '../core/draft';
import {
	MAX_FRIENDLY_NAME_LENGTH,
	MAX_LINK_LENGTH,
	MAX_NUMBERS,
	MAX_PHONE_NUMBER_LENGTH,
	isFiniteNumber,
	isPlainObject,
	isRequestId,
	own,
	parseDraft,
	type ExtensionToWebviewMessage,
	type InitMessage,
	type ListenerChangedMessage,
	type ListenerInfo,
	type NumberOption,
	type NumbersMessage,
	type SendErrorInfo,
	type SendResultMessage,
	type SendResultPayload,
	type SignedInChangedMessage,
} from './protocol';
import { readLink, readMessageL10n, readText, type DroppedPart } from '../util/messageGuards';

export type { DroppedPart };

/** An `init` as the webview reads it: a draft or profile it could not read is left out (it keeps its own). */
export interface ReceivedInitMessage extends Omit<InitMessage, 'draft' | 'profile'> {
	draft?: MessageDraft;
	profile?: string | null;
}
/** A `sendResult` as the webview reads it: `result` is undefined when it could not be read (the send still ends). */
export interface ReceivedSendResultMessage extends Omit<SendResultMessage, 'result'> {
	result: SendResultPayload | undefined;
}
/** What {@link parseExtensionToWebviewMessage} returns. */
export type ReceivedExtensionMessage =
	ReceivedInitMessage | NumbersMessage | ReceivedSendResultMessage | SignedInChangedMessage | ListenerChangedMessage;

/**
 * Reads a number list leniently: a list that is not an array becomes empty, an item that is not a
 * number option is dropped, items after the first {@link MAX_NUMBERS} are dropped, names are cut,
 * a `routed` that is not a boolean is left out.
 */
function readNumbers(value: unknown, dropped: DroppedPart): NumberOption[] {
	if (!Array.isArray(value)) {
		dropped('numbers');
		return [];
	}
	const numbers: NumberOption[] = [];
	let bad = 0;
	for (const item of value.slice(0, MAX_NUMBERS)) {
		const plain = isPlainObject(item);
		const phoneNumber = plain ? own(item, 'phoneNumber') : undefined;
		const friendlyName = plain
			? readText(own(item, 'friendlyName'), 'numbers.friendlyName', dropped, MAX_FRIENDLY_NAME_LENGTH)
			: undefined;
		const sms = plain ? own(item, 'sms') : undefined;
		const mms = plain ? own(item, 'mms') : undefined;
		const routed = plain ? own(item, 'routed') : undefined;
		if (
			typeof phoneNumber !== 'string' ||
			phoneNumber.length > MAX_PHONE_NUMBER_LENGTH ||
			friendlyName === undefined ||
			typeof sms !== 'boolean' ||
			typeof mms !== 'boolean'
		) {
			bad++;
			continue;
		}
		if (typeof routed === 'boolean') {
			numbers.push({ phoneNumber, friendlyName, sms, mms, routed });
		} else {
			if (routed !== undefined) {
				dropped('numbers.routed');
			}
			numbers.push({ phoneNumber, friendlyName, sms, mms });
		}
	}
	if (bad > 0) {
		dropped(`numbers (${bad} malformed)`);
	}
	if (value.length > MAX_NUMBERS) {
		dropped(`numbers (${value.length - MAX_NUMBERS} over ${MAX_NUMBERS})`);
	}
	return numbers;
}

/**
 * The webhook listener: its StatusCallback URL (never cut: an over-long one is unreadable) and the
 * default of the box; null when not running; undefined when unreadable (the form shows no box).
 */
function readListener(value: unknown, dropped: DroppedPart): ListenerInfo | null | undefined {
	if (value === null) {
		return null;
	}
	const url = isPlainObject(value) ? readLink(own(value, 'statusCallbackUrl'), MAX_LINK_LENGTH) : undefined;
	const addByDefault = isPlainObject(value) ? own(value, 'addByDefault') : undefined;
	if (!url || typeof addByDefault !== 'boolean') {
		dropped('listener');
		return undefined;
	}
	return { statusCallbackUrl: url, addByDefault };
}

/** A profile label (cut) or null; undefined when it is neither. */
function readProfile(value: unknown, dropped: DroppedPart): string | null | undefined {
	return value === null ? null : readText(value, 'profile', dropped);
}

/**
 * Reads a send result. Texts are cut; an optional part of the wrong type (code, httpStatus,
 * moreInfo, hint) is dropped; a result without its required parts is unreadable (undefined).
 */
function readSendResult(value: unknown, dropped: DroppedPart): SendResultPayload | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const ok = own(value, 'ok');
	if (ok === true) {
		const sid = readText(own(value, 'sid'), 'sid', dropped);
		const status = readText(own(value, 'status'), 'status', dropped);
		const to = readText(own(value, 'to'), 'to', dropped);
		return sid !== undefined && status !== undefined && to !== undefined
			? { ok: true, sid, status, to }
			: undefined;
	}
	const error = own(value, 'error');
	if (ok !== false || !isPlainObject(error)) {
		return undefined;
	}
	const message = readText(own(error, 'message'), 'error.message', dropped);
	if (message === undefined) {
		return undefined;
	}
	const info: SendErrorInfo = { message };
	const code = own(error, 'code');
	const httpStatus = own(error, 'httpStatus');
	const moreInfo = own(error, 'moreInfo');
	const hint = own(error, 'hint');
	if (isFiniteNumber(code)) {
		info.code = code;
	} else if (code !== undefined) {
		dropped('error.code');
	}
	if (isFiniteNumber(httpStatus)) {
		info.httpStatus = httpStatus;
	} else if (httpStatus !== undefined) {
		dropped('error.httpStatus');
	}
	// A link is never cut (a cut URL points elsewhere): an over-long one is dropped.
	const link = readLink(moreInfo, MAX_LINK_LENGTH);
	if (link !== undefined) {
		info.moreInfo = link;
	} else if (moreInfo !== undefined) {
		dropped('error.moreInfo');
	}
	if (typeof hint === 'string') {
		info.hint = readText(hint, 'error.hint', dropped);
	} else if (hint !== undefined) {
		dropped('error.hint');
	}
	return { ok: false, error: info };
}

/**
 * Reads a message from the extension; undefined when it is not an object of a known type (or a
 * `sendResult` without its request id, a `signedInChanged` without its profile: nothing is left).
 *
 * Anything else is accepted with its bad parts dropped, so that one bad part never wedges the
 * form: an `init` without a readable draft or profile leaves the form's own; unreadable numbers
 * are dropped one by one (and after the first {@link MAX_NUMBERS}); over-long texts are cut with
 * "…"; a `sendResult` whose result is unreadable still ends the send (`result` undefined).
 * `dropped` hears what was dropped (for the webview's console; never the values).
 */
export function parseExtensionToWebviewMessage(
	value: unknown,
	dropped: DroppedPart = () => {},
): ReceivedExtensionMessage | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	switch (own(value, 'type')) {
		case 'init': {
			const draft = parseDraft(own(value, 'draft'));
			const profile = readProfile(own(value, 'profile'), dropped);
			const sending = own(value, 'sending');
			const message: ReceivedInitMessage = {
				type: 'init',
				numbers: readNumbers(own(value, 'numbers'), dropped),
				sending: sending === true,
			};
			if (draft) {
				message.draft = draft;
			} else {
				dropped('draft');
			}
			if (profile !== undefined) {
				message.profile = profile;
			} else {
				dropped('profile');
			}
			if (typeof sending !== 'boolean') {
				dropped('sending');
			}
			const l10n = readMessageL10n(value, dropped);
			if (l10n) {
				message.l10n = l10n;
			}
			const rawListener = own(value, 'listener');
			const listener = rawListener === undefined ? undefined : readListener(rawListener, dropped);
			if (listener) {
				message.listener = listener;
			}
			const rawLast = own(value, 'lastResult');
			if (rawLast !== undefined) {
				const lastResult = readSendResult(rawLast, dropped);
				const requestId = isPlainObject(rawLast) ? own(rawLast, 'requestId') : undefined;
				if (lastResult && isRequestId(requestId)) {
					message.lastResult = { ...lastResult, requestId };
				} else {
					dropped('lastResult');
				}
			}
			return message;
		}
		case 'numbers': {
			const numbers = readNumbers(own(value, 'numbers'), dropped);
			const rawError = own(value, 'error');
			const error = readText(rawError, 'error', dropped);
			if (rawError !== undefined && error === undefined) {
				dropped('error');
			}
			return error !== undefined ? { type: 'numbers', numbers, error } : { type: 'numbers', numbers };
		}
		case 'sendResult': {
			const requestId = own(value, 'requestId');
			if (!isRequestId(requestId)) {
				return undefined;
			}
			const result = readSendResult(own(value, 'result'), dropped);
			if (!result) {
				dropped('result');
			}
			return { type: 'sendResult', requestId, result };
		}
		case 'signedInChanged': {
			const profile = readProfile(own(value, 'profile'), dropped);
			return profile !== undefined ? { type: 'signedInChanged', profile } : undefined;
		}
		case 'listenerChanged': {
			// An unreadable listener hides the box: a send then follows the setting.
			return { type: 'listenerChanged', listener: readListener(own(value, 'listener'), dropped) ?? null };
		}
		default:
			return undefined;
	}
}

/** True for a message exactly as the extension sends it: accepted whole, nothing dropped or cut. */
export function isExtensionToWebviewMessage(value: unknown): value is ExtensionToWebviewMessage {
	let whole = true;
	const message = parseExtensionToWebviewMessage(value, () => {
		whole = false;
	});
	return message !== undefined && whole && !(message.type === 'sendResult' && message.result === undefined);
}
