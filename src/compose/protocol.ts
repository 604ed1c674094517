/**
 * The messages between the compose webview and the extension, both ways, with a guard for each
 * direction. Pure: no `vscode`, no DOM (bundled into the webview script and unit-tested in Node).
 *
 * Handshake: the webview posts `ready` when its script has started (again after every reload of
 * a hidden panel); the extension posts nothing before it, and answers it with `init`.
 *
 * The guards check every field's type and accept only plain data; {@link parseWebviewToExtensionMessage}
 * and {@link parseExtensionToWebviewMessage} also return a fresh copy holding only the known keys,
 * so odd keys (`__proto__`, `constructor`, anything unknown) never travel further.
 */
import { MAX_MEDIA_URLS } from '../core/types';
import type { MessageDraft } from '../core/draft';

/** The webview panel's view type (also the serializer's and the `onWebviewPanel:` activation event's). */
export { COMPOSE_VIEW_TYPE } from '../contributions';

/** Longest string accepted in any field of a message (a Body is at most 1,600 characters; this is lenient). */
export const MAX_TEXT_LENGTH = 20_000;

/** A messaging-capable number of the Space, for the From suggestions. */
export interface NumberOption {
	phoneNumber: string;
	friendlyName: string;
	sms: boolean;
	mms: boolean;
}

/** What a failed send shows: the API's code and message when the API answered. */
export interface SendErrorInfo {
	message: string;
	code?: number;
	httpStatus?: number;
	/** A documentation link (the webview links it only when it is https: or http:). */
	moreInfo?: string;
	/** What the code means and what to do, in plain words, when the code is known. */
	hint?: string;
}

export type SendResultPayload =
	| { ok: true; sid: string; status: string; to: string }
	| { ok: false; error: SendErrorInfo };

// --- webview → extension ---------------------------------------------------------------------

export interface ReadyMessage {
	type: 'ready';
}
export interface DraftChangedMessage {
	type: 'draftChanged';
	draft: MessageDraft;
}
export interface SendMessage {
	type: 'send';
	/** Chosen by the webview; the `sendResult` carries it back. */
	requestId: string;
	draft: MessageDraft;
}
export interface SignInMessage {
	type: 'signIn';
}

export type WebviewToExtensionMessage = ReadyMessage | DraftChangedMessage | SendMessage | SignInMessage;

// --- extension → webview ---------------------------------------------------------------------

export interface InitMessage {
	type: 'init';
	draft: MessageDraft;
	numbers: NumberOption[];
	/** The active profile's label, or null when not signed in. */
	profile: string | null;
	/** True while a send of this panel is in flight (the webview was reloaded meanwhile). */
	sending: boolean;
	/** The last send's result, so that it survives a reload of the webview. */
	lastResult?: SendResultPayload & { requestId: string };
}
export interface NumbersMessage {
	type: 'numbers';
	numbers: NumberOption[];
	/** Why the numbers could not be loaded, when they could not. */
	error?: string;
}
export interface SendResultMessage {
	type: 'sendResult';
	requestId: string;
	result: SendResultPayload;
}
export interface SignedInChangedMessage {
	type: 'signedInChanged';
	profile: string | null;
}

export type ExtensionToWebviewMessage = InitMessage | NumbersMessage | SendResultMessage | SignedInChangedMessage;

// --- guards ----------------------------------------------------------------------------------

type Plain = Record<string, unknown>;

/** A plain object (not an array, not a class instance, not null). */
function isPlainObject(value: unknown): value is Plain {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return false;
	}
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/** Reads an own property only: never one inherited through a polluted prototype. */
function own(object: Plain, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function isText(value: unknown): value is string {
	return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function isOptionalText(value: unknown): value is string | undefined {
	return value === undefined || isText(value);
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

const DRAFT_TEXT_FIELDS = ['to', 'from', 'messagingServiceSid', 'body', 'statusCallback', 'applicationSid'] as const;
const DRAFT_TEXT_OR_NUMBER_FIELDS = ['validityPeriod', 'maxPrice'] as const;

/**
 * Reads a draft: strings, at most {@link MAX_MEDIA_URLS} media URLs (strings), a boolean and
 * strings-or-numbers; unknown keys are dropped. Undefined when any known field has a wrong type.
 */
export function parseDraft(value: unknown): MessageDraft | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const draft: MessageDraft = {};
	for (const field of DRAFT_TEXT_FIELDS) {
		const v = own(value, field);
		if (v === undefined) {
			continue;
		}
		if (!isText(v)) {
			return undefined;
		}
		draft[field] = v;
	}
	const mediaUrls = own(value, 'mediaUrls');
	if (mediaUrls !== undefined) {
		if (!Array.isArray(mediaUrls) || mediaUrls.length > MAX_MEDIA_URLS || !mediaUrls.every(isText)) {
			return undefined;
		}
		draft.mediaUrls = [...mediaUrls];
	}
	const sendAsMms = own(value, 'sendAsMms');
	if (sendAsMms !== undefined) {
		if (typeof sendAsMms !== 'boolean') {
			return undefined;
		}
		draft.sendAsMms = sendAsMms;
	}
	for (const field of DRAFT_TEXT_OR_NUMBER_FIELDS) {
		const v = own(value, field);
		if (v === undefined) {
			continue;
		}
		if (!isText(v) && !isFiniteNumber(v)) {
			return undefined;
		}
		draft[field] = v;
	}
	return draft;
}

/** Reads a message from the webview; undefined when it is unknown or malformed. */
export function parseWebviewToExtensionMessage(value: unknown): WebviewToExtensionMessage | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	switch (own(value, 'type')) {
		case 'ready':
			return { type: 'ready' };
		case 'signIn':
			return { type: 'signIn' };
		case 'draftChanged': {
			const draft = parseDraft(own(value, 'draft'));
			return draft ? { type: 'draftChanged', draft } : undefined;
		}
		case 'send': {
			const requestId = own(value, 'requestId');
			const draft = parseDraft(own(value, 'draft'));
			if (!draft || !isText(requestId) || requestId.length === 0 || requestId.length > 100) {
				return undefined;
			}
			return { type: 'send', requestId, draft };
		}
		default:
			return undefined;
	}
}

export function isWebviewToExtensionMessage(value: unknown): value is WebviewToExtensionMessage {
	return parseWebviewToExtensionMessage(value) !== undefined;
}

function parseNumbers(value: unknown): NumberOption[] | undefined {
	if (!Array.isArray(value) || value.length > 1000) {
		return undefined;
	}
	const numbers: NumberOption[] = [];
	for (const item of value) {
		if (!isPlainObject(item)) {
			return undefined;
		}
		const phoneNumber = own(item, 'phoneNumber');
		const friendlyName = own(item, 'friendlyName');
		const sms = own(item, 'sms');
		const mms = own(item, 'mms');
		if (!isText(phoneNumber) || !isText(friendlyName) || typeof sms !== 'boolean' || typeof mms !== 'boolean') {
			return undefined;
		}
		numbers.push({ phoneNumber, friendlyName, sms, mms });
	}
	return numbers;
}

function parseProfile(value: unknown): string | null | undefined {
	if (value === null) {
		return null;
	}
	return isText(value) ? value : undefined;
}

function parseSendResult(value: unknown): SendResultPayload | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const ok = own(value, 'ok');
	if (ok === true) {
		const sid = own(value, 'sid');
		const status = own(value, 'status');
		const to = own(value, 'to');
		return isText(sid) && isText(status) && isText(to) ? { ok: true, sid, status, to } : undefined;
	}
	if (ok !== false) {
		return undefined;
	}
	const error = own(value, 'error');
	if (!isPlainObject(error)) {
		return undefined;
	}
	const message = own(error, 'message');
	const code = own(error, 'code');
	const httpStatus = own(error, 'httpStatus');
	const moreInfo = own(error, 'moreInfo');
	const hint = own(error, 'hint');
	if (
		!isText(message) ||
		!(code === undefined || isFiniteNumber(code)) ||
		!(httpStatus === undefined || isFiniteNumber(httpStatus)) ||
		!isOptionalText(moreInfo) ||
		!isOptionalText(hint)
	) {
		return undefined;
	}
	return {
		ok: false,
		error: {
			message,
			...(code !== undefined ? { code } : {}),
			...(httpStatus !== undefined ? { httpStatus } : {}),
			...(moreInfo !== undefined ? { moreInfo } : {}),
			...(hint !== undefined ? { hint } : {}),
		},
	};
}

/** Reads a message from the extension; undefined when it is unknown or malformed. */
export function parseExtensionToWebviewMessage(value: unknown): ExtensionToWebviewMessage | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	switch (own(value, 'type')) {
		case 'init': {
			const draft = parseDraft(own(value, 'draft'));
			const numbers = parseNumbers(own(value, 'numbers'));
			const profile = parseProfile(own(value, 'profile'));
			const sending = own(value, 'sending');
			const rawLast = own(value, 'lastResult');
			if (!draft || !numbers || profile === undefined || typeof sending !== 'boolean') {
				return undefined;
			}
			if (rawLast === undefined) {
				return { type: 'init', draft, numbers, profile, sending };
			}
			const lastResult = parseSendResult(rawLast);
			const requestId = isPlainObject(rawLast) ? own(rawLast, 'requestId') : undefined;
			if (!lastResult || !isText(requestId)) {
				return undefined;
			}
			return { type: 'init', draft, numbers, profile, sending, lastResult: { ...lastResult, requestId } };
		}
		case 'numbers': {
			const numbers = parseNumbers(own(value, 'numbers'));
			const error = own(value, 'error');
			if (!numbers || !isOptionalText(error)) {
				return undefined;
			}
			return error !== undefined ? { type: 'numbers', numbers, error } : { type: 'numbers', numbers };
		}
		case 'sendResult': {
			const requestId = own(value, 'requestId');
			const result = parseSendResult(own(value, 'result'));
			return isText(requestId) && result ? { type: 'sendResult', requestId, result } : undefined;
		}
		case 'signedInChanged': {
			const profile = parseProfile(own(value, 'profile'));
			return profile !== undefined ? { type: 'signedInChanged', profile } : undefined;
		}
		default:
			return undefined;
	}
}

export function isExtensionToWebviewMessage(value: unknown): value is ExtensionToWebviewMessage {
	return parseExtensionToWebviewMessage(value) !== undefined;
}

/** A short description of a rejected message for the log: its type (if a string) and its shape, never its text. */
export function describeRejected(value: unknown): string {
	if (!isPlainObject(value)) {
		if (value === null || value === undefined) {
			return String(value);
		}
		return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
	}
	const type = own(value, 'type');
	const keys = Object.keys(value).slice(0, 10).map((k) => (k.length > 30 ? `${k.slice(0, 30)}…` : k));
	const typeText = typeof type === 'string' ? JSON.stringify(type.length > 40 ? `${type.slice(0, 40)}…` : type) : type === undefined ? 'missing' : `(${typeof type})`;
	return `type ${typeText}, keys [${keys.join(', ')}]`;
}
