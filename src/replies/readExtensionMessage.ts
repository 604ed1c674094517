/**
 * How a conversation panel's webview reads a message from the extension (./protocol.ts has the
 * messages). Tolerant like the compose form's reader (src/compose/readExtensionMessage.ts), with
 * the same guard helpers (src/util/messageGuards.ts): a message of a known type is accepted with
 * its bad parts dropped and its over-long texts cut with "…", so that one oversized field (a
 * 25,000-character body, a 300-character sid) never blanks the thread. Pure: no `vscode`, no DOM.
 */
import { MAX_MEDIA_URLS } from '../core/types';
import {
	isFiniteNumber,
	isHttpUrl,
	isPlainObject,
	isText,
	own,
	readLink as readLinkOf,
	readMessageL10n,
	readText,
	type DroppedPart,
} from '../util/messageGuards';
import {
	MAX_BUBBLES,
	MAX_FIELD_LENGTH,
	MAX_LINK_LENGTH,
	MAX_REQUEST_ID_LENGTH,
	type Bubble,
	type BubbleMedia,
	type ConversationExtensionMessage,
	type ReplyError,
	type ThreadInfo,
} from './protocol';

export type { DroppedPart };

/** An `init` as the webview reads it: a draft it could not read is left out (the webview keeps its own). */
export type ReceivedConversationInit = Omit<Extract<ConversationExtensionMessage, { type: 'init' }>, 'draft'> & {
	draft?: { body: string; mediaUrls: string[] };
};
export type ReceivedConversationMessage =
	ReceivedConversationInit | Exclude<ConversationExtensionMessage, { type: 'init' }>;

/** A short field (sid, status, time, a number): cut to {@link MAX_FIELD_LENGTH}; '' when it is not a string. */
function readField(value: unknown, part: string, dropped: DroppedPart): string {
	const text = readText(value, part, dropped, MAX_FIELD_LENGTH);
	if (text === undefined) {
		dropped(part);
		return '';
	}
	return text;
}

/** A link is never cut (a cut URL points elsewhere): an over-long or non-string one is undefined. */
function readLink(value: unknown): string | undefined {
	return readLinkOf(value, MAX_LINK_LENGTH);
}

/** Media: each unreadable or over-long URL is dropped on its own. */
function readMedia(value: unknown, dropped: DroppedPart): BubbleMedia[] {
	if (!Array.isArray(value)) {
		dropped('bubble.media');
		return [];
	}
	const media: BubbleMedia[] = [];
	for (const item of value.slice(0, MAX_MEDIA_URLS)) {
		const url = isPlainObject(item) ? readLink(own(item, 'url')) : undefined;
		if (url === undefined || !isPlainObject(item)) {
			dropped('bubble.media.url');
			continue;
		}
		const image = own(item, 'image');
		if (typeof image !== 'boolean') {
			dropped('bubble.media.image');
		}
		media.push({ url, image: image === true });
	}
	if (value.length > MAX_MEDIA_URLS) {
		dropped(`bubble.media (${value.length - MAX_MEDIA_URLS} over ${MAX_MEDIA_URLS})`);
	}
	return media;
}

/** A body or error: null stays null, a text is cut; anything else is dropped (null). */
function readOptionalText(value: unknown, part: string, dropped: DroppedPart): string | null {
	if (value === null) {
		return null;
	}
	const text = readText(value, part, dropped);
	if (text === undefined) {
		dropped(part);
		return null;
	}
	return text;
}

function readCount(value: unknown, part: string, dropped: DroppedPart): number {
	if (isFiniteNumber(value)) {
		return value;
	}
	dropped(part);
	return 0;
}

/**
 * One bubble, its bad parts dropped; undefined when it is not an object or its direction is not
 * one of the two (which side it goes on is all a bubble is).
 */
function readBubble(value: unknown, dropped: DroppedPart): Bubble | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	const direction = own(value, 'direction');
	if (direction !== 'inbound' && direction !== 'outbound') {
		return undefined;
	}
	const origin = own(value, 'origin');
	const deleted = own(value, 'deleted');
	const redacted = own(value, 'redacted');
	const time = own(value, 'time');
	if (typeof deleted !== 'boolean' || typeof redacted !== 'boolean') {
		dropped('bubble.deleted/redacted');
	}
	if (origin !== 'sent' && origin !== 'polled' && origin !== 'imported') {
		dropped('bubble.origin');
	}
	const timeText = typeof time === 'string' && time.length <= MAX_FIELD_LENGTH ? time : '';
	if (timeText !== time) {
		dropped('bubble.time');
	}
	return {
		sid: readField(own(value, 'sid'), 'bubble.sid', dropped),
		direction,
		body: readOptionalText(own(value, 'body'), 'bubble.body', dropped),
		status: readField(own(value, 'status'), 'bubble.status', dropped),
		time: timeText,
		segments: readCount(own(value, 'segments'), 'bubble.segments', dropped),
		numMedia: readCount(own(value, 'numMedia'), 'bubble.numMedia', dropped),
		media: readMedia(own(value, 'media'), dropped),
		error: readOptionalText(own(value, 'error'), 'bubble.error', dropped),
		origin: origin === 'sent' || origin === 'imported' ? origin : 'polled',
		deleted: deleted === true,
		redacted: redacted === true,
	};
}

/**
 * The bubbles, each unreadable one dropped; past {@link MAX_BUBBLES} the newest are kept and the
 * earlier ones counted as hidden.
 */
function readBubbles(
	value: unknown,
	hiddenValue: unknown,
	dropped: DroppedPart,
): { bubbles: Bubble[]; hidden: number } {
	let hidden = isFiniteNumber(hiddenValue) && hiddenValue >= 0 ? Math.floor(hiddenValue) : 0;
	if (hidden !== hiddenValue) {
		dropped('hidden');
	}
	if (!Array.isArray(value)) {
		dropped('bubbles');
		return { bubbles: [], hidden };
	}
	const over = Math.max(0, value.length - MAX_BUBBLES);
	if (over > 0) {
		dropped(`bubbles (${over} over ${MAX_BUBBLES})`);
		hidden += over;
	}
	const bubbles: Bubble[] = [];
	let bad = 0;
	for (const item of value.slice(over)) {
		const bubble = readBubble(item, dropped);
		if (bubble) {
			bubbles.push(bubble);
		} else {
			bad++;
		}
	}
	if (bad > 0) {
		dropped(`bubbles (${bad} malformed)`);
	}
	return { bubbles, hidden };
}

function readThread(value: unknown, dropped: DroppedPart): ThreadInfo {
	const thread = isPlainObject(value) ? value : {};
	if (!isPlainObject(value)) {
		dropped('thread');
	}
	return {
		ownNumber: readField(own(thread, 'ownNumber'), 'thread.ownNumber', dropped),
		otherParty: readField(own(thread, 'otherParty'), 'thread.otherParty', dropped),
		space: readField(own(thread, 'space'), 'thread.space', dropped),
	};
}

/** The draft, or undefined when it is unreadable (the webview keeps its own). Media URLs are never cut. */
function readDraft(value: unknown, dropped: DroppedPart): { body: string; mediaUrls: string[] } | undefined {
	const body = isPlainObject(value) ? readText(own(value, 'body'), 'draft.body', dropped) : undefined;
	const urls = isPlainObject(value) ? own(value, 'mediaUrls') : undefined;
	if (body === undefined || !Array.isArray(urls)) {
		dropped('draft');
		return undefined;
	}
	const mediaUrls = urls.slice(0, MAX_MEDIA_URLS + 8).filter((url): url is string => readLink(url) !== undefined);
	if (mediaUrls.length !== urls.length) {
		dropped('draft.mediaUrls');
	}
	return { body, mediaUrls };
}

/** A failed send's error: the message cut (empty when unreadable: the webview says so), a bad hint or link dropped. */
function readError(value: unknown, dropped: DroppedPart): ReplyError {
	const message = isPlainObject(value) ? readText(own(value, 'message'), 'error.message', dropped) : undefined;
	if (message === undefined) {
		dropped('error');
	}
	const error: ReplyError = { message: message ?? '' };
	const hint = isPlainObject(value) ? own(value, 'hint') : undefined;
	const moreInfo = isPlainObject(value) ? own(value, 'moreInfo') : undefined;
	if (typeof hint === 'string') {
		error.hint = readText(hint, 'error.hint', dropped);
	} else if (hint !== undefined) {
		dropped('error.hint');
	}
	const link = readLink(moreInfo);
	if (link !== undefined && isHttpUrl(link)) {
		error.moreInfo = link;
	} else if (moreInfo !== undefined) {
		dropped('error.moreInfo');
	}
	return error;
}

/**
 * Reads a message from the extension; undefined when it is not an object of a known type, or a
 * `sendResult` without its request id (nothing is left to match it to). Anything else is read
 * with its bad parts dropped and its texts cut; `dropped` hears what (never the values).
 */
export function parseConversationExtensionMessage(
	value: unknown,
	dropped: DroppedPart = () => {},
): ReceivedConversationMessage | undefined {
	if (!isPlainObject(value)) {
		return undefined;
	}
	switch (own(value, 'type')) {
		case 'init': {
			const { bubbles, hidden } = readBubbles(own(value, 'bubbles'), own(value, 'hidden'), dropped);
			const sending = own(value, 'sending');
			if (typeof sending !== 'boolean') {
				dropped('sending');
			}
			const message: ReceivedConversationInit = {
				type: 'init',
				thread: readThread(own(value, 'thread'), dropped),
				bubbles,
				hidden,
				sending: sending === true,
			};
			const draft = readDraft(own(value, 'draft'), dropped);
			if (draft) {
				message.draft = draft;
			}
			const l10n = readMessageL10n(value, dropped);
			if (l10n) {
				message.l10n = l10n;
			}
			return message;
		}
		case 'bubbles':
			return { type: 'bubbles', ...readBubbles(own(value, 'bubbles'), own(value, 'hidden'), dropped) };
		case 'sendResult': {
			const requestId = own(value, 'requestId');
			// Tolerant: even an empty id is read (it matches no send; the webview ignores it).
			if (!isText(requestId, MAX_REQUEST_ID_LENGTH)) {
				return undefined;
			}
			if (own(value, 'ok') === true) {
				return {
					type: 'sendResult',
					requestId,
					ok: true,
					sid: readField(own(value, 'sid'), 'sid', dropped),
					status: readField(own(value, 'status'), 'status', dropped),
				};
			}
			if (own(value, 'ok') !== false) {
				dropped('ok');
			}
			return { type: 'sendResult', requestId, ok: false, error: readError(own(value, 'error'), dropped) };
		}
		default:
			return undefined;
	}
}

/** True for a message exactly as the extension sends it: read whole, nothing dropped or cut. */
export function isConversationExtensionMessage(value: unknown): boolean {
	let whole = true;
	const message = parseConversationExtensionMessage(value, () => {
		whole = false;
	});
	return message !== undefined && whole;
}
