/**
 * A conversation webview's one state object: everything its script (./main.ts) remembers between
 * events, as the compose form keeps its own (src/compose/webview/state.ts). No DOM, no `vscode`:
 * unit-tested in Node.
 */
import type { ThreadInfo } from '../protocol';

export interface ConversationState {
	/** The thread, once `init` said it (Send stays disabled until then). */
	thread: ThreadInfo | undefined;
	/** The request id of the reply in flight; 'pending' for one in flight before this script (re)started. */
	pendingRequest: string | undefined;
	/** The media URL rows as typed (empty rows included). */
	mediaUrls: string[];
	/** Follows new bubbles while the user is at the bottom; set by scrolling. */
	following: boolean;
	/** The newest bubble shown: a newer one while not following shows "New messages ↓". */
	newestSid: string | undefined;
}

export function createConversationState(): ConversationState {
	return { thread: undefined, pendingRequest: undefined, mediaUrls: [], following: true, newestSid: undefined };
}

/** What the webview keeps with `setState`: the reply being typed. */
export interface SavedReply {
	body: string;
	mediaUrls: string[];
}

/** Reads the reply saved by an earlier run of the script: each part only when it has the right type. */
export function readSavedReply(value: unknown): Partial<SavedReply> {
	if (typeof value !== 'object' || value === null) {
		return {};
	}
	const { body, mediaUrls } = value as { body?: unknown; mediaUrls?: unknown };
	return {
		...(typeof body === 'string' ? { body } : {}),
		...(Array.isArray(mediaUrls)
			? { mediaUrls: mediaUrls.filter((url): url is string => typeof url === 'string') }
			: {}),
	};
}
