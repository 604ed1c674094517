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
 *
 * The two directions differ in strictness. The extension refuses a whole malformed message from
 * the webview (it acts on them: a send). The webview drops only the bad part of a message from the
 * extension, so that one bad part (1,001 numbers, a 20,001-character error) never wedges the form;
 * the extension also caps what it posts (src/compose/outgoing.ts).
 */
import { MAX_MEDIA_URLS } from '../core/types';
import type { MessageDraft } from '../core/draft';
import { isFiniteNumber, isPlainObject, isRequestId, isText, own, readTextList } from '../util/messageGuards';

/** The webview panel's view type (also the serializer's and the `onWebviewPanel:` activation event's). */
export { COMPOSE_VIEW_TYPE } from '../contributions';

/**
 * MAX_TEXT_LENGTH: the longest string in any field of a message (src/util/messageGuards.ts, shared
 * with the conversation panel). The webview refuses a longer draft text; the extension cuts longer
 * texts before posting them and the webview cuts them again on arrival (with "…").
 */
export {
	MAX_TEXT_LENGTH,
	cutText,
	describeRejected,
	isFiniteNumber,
	isPlainObject,
	isRequestId,
	own,
} from '../util/messageGuards';
/** At most this many From suggestions travel to the webview (the extension picks the most relevant). */
export const MAX_NUMBERS = 1000;
/** Longer phone numbers are not numbers: such an option is dropped. */
export const MAX_PHONE_NUMBER_LENGTH = 100;
/** A number's friendly name is cut to this. */
export const MAX_FRIENDLY_NAME_LENGTH = 200;
/** A documentation link longer than this is dropped (a cut URL would point elsewhere). */
export const MAX_LINK_LENGTH = 2000;
/** The webview's request ids are short (src/util/messageGuards.ts). */
export { MAX_L10N_ENTRIES, MAX_REQUEST_ID_LENGTH } from '../util/messageGuards';

/** A messaging-capable number of the Space, for the From suggestions. */
export interface NumberOption {
	phoneNumber: string;
	friendlyName: string;
	sms: boolean;
	mms: boolean;
	/** True when its inbound SMS go to the webhook listener (the suggestion says so). */
	routed?: boolean;
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

/**
 * The webhook listener as the form shows it while it runs: the StatusCallback a send may get
 * (src/webhooks/webhookService.ts) and whether the setting `signalwire.webhooks.addStatusCallback`
 * adds it by default. Absent (or null) while the listener is stopped or cannot be reached.
 */
export interface ListenerInfo {
	statusCallbackUrl: string;
	addByDefault: boolean;
}

export type SendResultPayload =
	{ ok: true; sid: string; status: string; to: string } | { ok: false; error: SendErrorInfo };

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
	/**
	 * The form's "Add StatusCallback to the webhook listener" box; absent when the form did not show it (the setting
	 * decides).
	 */
	addStatusCallback?: boolean;
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
	/** The extension's translations (`vscode.l10n.bundle`) for the script's own strings; absent in English. */
	l10n?: Record<string, string>;
	/** The webhook listener while it runs (the form then shows its StatusCallback box). */
	listener?: ListenerInfo;
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

/** The webhook listener started or stopped, or the setting changed; null: not running (no box). */
export interface ListenerChangedMessage {
	type: 'listenerChanged';
	listener: ListenerInfo | null;
}

export type ExtensionToWebviewMessage =
	InitMessage | NumbersMessage | SendResultMessage | SignedInChangedMessage | ListenerChangedMessage;

// --- guards ----------------------------------------------------------------------------------

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
	const rawMediaUrls = own(value, 'mediaUrls');
	if (rawMediaUrls !== undefined) {
		const mediaUrls = readTextList(rawMediaUrls, MAX_MEDIA_URLS);
		if (!mediaUrls) {
			return undefined;
		}
		draft.mediaUrls = mediaUrls;
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
			const addStatusCallback = own(value, 'addStatusCallback');
			if (
				!draft ||
				!isRequestId(requestId) ||
				(addStatusCallback !== undefined && typeof addStatusCallback !== 'boolean')
			) {
				return undefined;
			}
			return addStatusCallback === undefined
				? { type: 'send', requestId, draft }
				: { type: 'send', requestId, draft, addStatusCallback };
		}
		default:
			return undefined;
	}
}

export function isWebviewToExtensionMessage(value: unknown): value is WebviewToExtensionMessage {
	return parseWebviewToExtensionMessage(value) !== undefined;
}
