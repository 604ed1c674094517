/**
 * The messages between a conversation panel's webview and the extension, both ways, with a guard
 * for each direction that accepts only plain data and returns a fresh copy of the known keys.
 * Pure: no `vscode`, no DOM (bundled into the webview script and unit-tested in Node).
 *
 * Handshake: the webview posts `ready` when its script has started (again after every reload of
 * a hidden panel); the extension answers with `init` and posts nothing before it.
 */
import { MAX_MEDIA_URLS } from '../core/types';

/** The conversation panels' view type. */
export const CONVERSATION_VIEW_TYPE = 'signalwire.conversation';

export const MAX_TEXT_LENGTH = 20_000;
/** Bubbles sent at most (the newest); the panel says how many earlier ones are not shown. */
export const MAX_BUBBLES = 500;
/** Translations sent at most (the extension's bundle has far fewer). */
export const MAX_L10N_ENTRIES = 5000;

export interface BubbleMedia {
	url: string;
	/** An https URL that looks like an image: previewed; anything else is a link. */
	image: boolean;
}

/** One message as the panel shows it. All text is shown with textContent, never as HTML. */
export interface Bubble {
	sid: string;
	direction: 'inbound' | 'outbound';
	/** null: no body (media only, or redacted: see `redacted`). */
	body: string | null;
	status: string;
	/** ISO time. */
	time: string;
	segments: number;
	numMedia: number;
	media: BubbleMedia[];
	/** The error code and its explanation, for failed or undelivered messages. */
	error: string | null;
	origin: 'sent' | 'polled' | 'imported';
	deleted: boolean;
	redacted: boolean;
}

export interface ThreadInfo {
	ownNumber: string;
	otherParty: string;
	space: string;
}

export interface ReplyError {
	message: string;
	hint?: string;
	moreInfo?: string;
}

// --- webview → extension ---------------------------------------------------------------------

export type BubbleAction = 'delete' | 'redact' | 'showMedia' | 'copySid';

export type ConversationWebviewMessage =
	| { type: 'ready' }
	| { type: 'send'; requestId: string; body: string; mediaUrls: string[] }
	| { type: 'draftChanged'; body: string; mediaUrls: string[] }
	| { type: 'action'; action: BubbleAction; sid: string }
	| { type: 'openLink'; url: string };

// --- extension → webview ---------------------------------------------------------------------

export type ConversationExtensionMessage =
	| {
			type: 'init';
			thread: ThreadInfo;
			bubbles: Bubble[];
			hidden: number;
			draft: { body: string; mediaUrls: string[] };
			sending: boolean;
			/** The extension's translations (`vscode.l10n.bundle`) for the script's own strings; absent in English. */
			l10n?: Record<string, string>;
	  }
	| { type: 'bubbles'; bubbles: Bubble[]; hidden: number }
	| { type: 'sendResult'; requestId: string; ok: true; sid: string; status: string }
	| { type: 'sendResult'; requestId: string; ok: false; error: ReplyError };

// --- guards ----------------------------------------------------------------------------------

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return false;
	}
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

function own(object: Plain, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function isText(value: unknown, max = MAX_TEXT_LENGTH): value is string {
	return typeof value === 'string' && value.length <= max;
}

function textList(value: unknown, max: number): string[] | undefined {
	if (!Array.isArray(value) || value.length > max || !value.every((item) => isText(item, 4096))) {
		return undefined;
	}
	return [...(value as string[])];
}

const ACTIONS: readonly BubbleAction[] = ['delete', 'redact', 'showMedia', 'copySid'];

/** A message from the webview, or undefined when it is not exactly one of the known shapes. */
export function parseConversationWebviewMessage(value: unknown): ConversationWebviewMessage | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	switch (own(value, 'type')) {
		case 'ready':
			return { type: 'ready' };
		case 'send':
		case 'draftChanged': {
			const body = own(value, 'body');
			const mediaUrls = textList(own(value, 'mediaUrls'), MAX_MEDIA_URLS + 8);
			if (!isText(body) || !mediaUrls) {
				return undefined;
			}
			if (own(value, 'type') === 'draftChanged') {
				return { type: 'draftChanged', body, mediaUrls };
			}
			const requestId = own(value, 'requestId');
			return isText(requestId, 100) && requestId !== '' ? { type: 'send', requestId, body, mediaUrls } : undefined;
		}
		case 'action': {
			const action = own(value, 'action');
			const sid = own(value, 'sid');
			return typeof action === 'string' && (ACTIONS as readonly string[]).includes(action) && isText(sid, 200) && sid !== ''
				? { type: 'action', action: action as BubbleAction, sid }
				: undefined;
		}
		case 'openLink': {
			const url = own(value, 'url');
			return isText(url, 4096) && /^https?:\/\//i.test(url) ? { type: 'openLink', url } : undefined;
		}
		default:
			return undefined;
	}
}

function parseBubble(value: unknown): Bubble | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const direction = own(value, 'direction');
	const origin = own(value, 'origin');
	const body = own(value, 'body');
	const error = own(value, 'error');
	const media = own(value, 'media');
	const fields = ['sid', 'status', 'time'].map((key) => own(value, key));
	const numbers = ['segments', 'numMedia'].map((key) => own(value, key));
	if (
		(direction !== 'inbound' && direction !== 'outbound') ||
		(origin !== 'sent' && origin !== 'polled' && origin !== 'imported') ||
		!(body === null || isText(body)) ||
		!(error === null || isText(error)) ||
		!fields.every((field) => isText(field, 200)) ||
		!numbers.every((n) => typeof n === 'number' && Number.isFinite(n)) ||
		typeof own(value, 'deleted') !== 'boolean' ||
		typeof own(value, 'redacted') !== 'boolean' ||
		!Array.isArray(media)
	) {
		return undefined;
	}
	const items: BubbleMedia[] = [];
	for (const item of media) {
		if (!isPlainObject(item) || !isText(own(item, 'url'), 4096) || typeof own(item, 'image') !== 'boolean') {
			return undefined;
		}
		items.push({ url: own(item, 'url') as string, image: own(item, 'image') as boolean });
	}
	const [sid, status, time] = fields as string[];
	const [segments, numMedia] = numbers as number[];
	return {
		sid,
		direction,
		body,
		status,
		time,
		segments,
		numMedia,
		media: items,
		error,
		origin,
		deleted: own(value, 'deleted') as boolean,
		redacted: own(value, 'redacted') as boolean,
	};
}

/** Translations: the string entries of a plain object (others, and those past the bound, are dropped); undefined when it is not one. */
function parseL10n(value: unknown): Record<string, string> | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const bundle: Record<string, string> = {};
	for (const [key, text] of Object.entries(value).slice(0, MAX_L10N_ENTRIES)) {
		if (isText(text) && key.length <= MAX_TEXT_LENGTH && key !== '__proto__') {
			bundle[key] = text;
		}
	}
	return bundle;
}

function parseBubbles(value: unknown): Bubble[] | undefined {
	if (!Array.isArray(value) || value.length > MAX_BUBBLES) {
		return undefined;
	}
	const bubbles: Bubble[] = [];
	for (const item of value) {
		const bubble = parseBubble(item);
		if (!bubble) {
			return undefined;
		}
		bubbles.push(bubble);
	}
	return bubbles;
}

/** A message from the extension, checked in the webview before it touches the page. */
export function parseConversationExtensionMessage(value: unknown): ConversationExtensionMessage | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const hidden = own(value, 'hidden');
	switch (own(value, 'type')) {
		case 'init': {
			const thread = own(value, 'thread');
			const draft = own(value, 'draft');
			const bubbles = parseBubbles(own(value, 'bubbles'));
			if (!isPlainObject(thread) || !isPlainObject(draft) || !bubbles || typeof hidden !== 'number' || typeof own(value, 'sending') !== 'boolean') {
				return undefined;
			}
			const info = ['ownNumber', 'otherParty', 'space'].map((key) => own(thread, key));
			const body = own(draft, 'body');
			const mediaUrls = textList(own(draft, 'mediaUrls'), MAX_MEDIA_URLS + 8);
			if (!info.every((field) => isText(field, 200)) || !isText(body) || !mediaUrls) {
				return undefined;
			}
			const [ownNumber, otherParty, space] = info as string[];
			const l10n = parseL10n(own(value, 'l10n'));
			const sending = own(value, 'sending') as boolean;
			return { type: 'init', thread: { ownNumber, otherParty, space }, bubbles, hidden, draft: { body, mediaUrls }, sending, ...(l10n ? { l10n } : {}) };
		}
		case 'bubbles': {
			const bubbles = parseBubbles(own(value, 'bubbles'));
			return bubbles && typeof hidden === 'number' ? { type: 'bubbles', bubbles, hidden } : undefined;
		}
		case 'sendResult': {
			const requestId = own(value, 'requestId');
			if (!isText(requestId, 100)) {
				return undefined;
			}
			if (own(value, 'ok') === true) {
				const sid = own(value, 'sid');
				const status = own(value, 'status');
				return isText(sid, 200) && isText(status, 200) ? { type: 'sendResult', requestId, ok: true, sid, status } : undefined;
			}
			const error = own(value, 'error');
			if (own(value, 'ok') !== false || !isPlainObject(error) || !isText(own(error, 'message'))) {
				return undefined;
			}
			const hint = own(error, 'hint');
			const moreInfo = own(error, 'moreInfo');
			return {
				type: 'sendResult',
				requestId,
				ok: false,
				error: {
					message: own(error, 'message') as string,
					...(isText(hint) ? { hint } : {}),
					...(isText(moreInfo, 4096) && /^https?:\/\//i.test(moreInfo) ? { moreInfo } : {}),
				},
			};
		}
		default:
			return undefined;
	}
}
