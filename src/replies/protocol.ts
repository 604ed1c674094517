/**
 * The messages between a conversation panel's webview and the extension, both ways. The extension
 * refuses a whole malformed message from the webview (it acts on them: a send, a delete); the
 * webview drops only the bad part of a message from the extension (./readExtensionMessage.ts), and
 * the extension cuts what it posts to the limits below first (./outgoing.ts). Both guards accept
 * only plain data and return a fresh copy of the known keys.
 * Pure: no `vscode`, no DOM (bundled into the webview script and unit-tested in Node).
 *
 * Handshake: the webview posts `ready` when its script has started (again after every reload of
 * a hidden panel); the extension answers with `init` and posts nothing before it.
 */
import { MAX_MEDIA_URLS } from '../core/types';
import { isHttpUrl, isPlainObject, isRequestId, isText, own, readTextList } from '../util/messageGuards';

/** The conversation panels' view type. */
export const CONVERSATION_VIEW_TYPE = 'signalwire.conversation';

/** A body, an error text, a draft (src/util/messageGuards.ts, shared with the compose form). */
export { MAX_TEXT_LENGTH } from '../util/messageGuards';
/** A sid, a status, a time, a number of the thread: longer ones are cut with "…". */
export const MAX_FIELD_LENGTH = 200;
/** A media URL or documentation link: a longer one is dropped (a cut URL would point elsewhere). */
export const MAX_LINK_LENGTH = 4096;
/** Bubbles sent at most (the newest); the panel says how many earlier ones are not shown. */
export const MAX_BUBBLES = 500;
/** The webview's request ids are short (src/util/messageGuards.ts). */
export { MAX_L10N_ENTRIES, MAX_REQUEST_ID_LENGTH } from '../util/messageGuards';

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
			const mediaUrls = readTextList(own(value, 'mediaUrls'), MAX_MEDIA_URLS + 8, MAX_LINK_LENGTH);
			if (!isText(body) || !mediaUrls) {
				return undefined;
			}
			if (own(value, 'type') === 'draftChanged') {
				return { type: 'draftChanged', body, mediaUrls };
			}
			const requestId = own(value, 'requestId');
			return isRequestId(requestId) ? { type: 'send', requestId, body, mediaUrls } : undefined;
		}
		case 'action': {
			const action = own(value, 'action');
			const sid = own(value, 'sid');
			return typeof action === 'string' &&
				(ACTIONS as readonly string[]).includes(action) &&
				isText(sid, MAX_FIELD_LENGTH) &&
				sid !== ''
				? { type: 'action', action: action as BubbleAction, sid }
				: undefined;
		}
		case 'openLink': {
			const url = own(value, 'url');
			return isText(url, MAX_LINK_LENGTH) && isHttpUrl(url) ? { type: 'openLink', url } : undefined;
		}
		default:
			return undefined;
	}
}
