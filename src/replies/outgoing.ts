/**
 * What the extension posts to a conversation panel, cut to the protocol's limits (./protocol.ts)
 * so that the webview never has to drop it, as the compose form does (src/compose/outgoing.ts):
 * texts cut with "…" (src/util/messageGuards.ts), over-long media URLs and links left out (a cut
 * URL would point elsewhere), at most {@link MAX_BUBBLES} bubbles (the earlier ones counted as hidden).
 * Pure: no `vscode` (unit-tested in Node).
 */
import { cutText } from '../util/messageGuards';
import {
	MAX_BUBBLES,
	MAX_FIELD_LENGTH,
	MAX_LINK_LENGTH,
	type Bubble,
	type ConversationExtensionMessage,
	type ReplyError,
} from './protocol';

function capBubble(bubble: Bubble): Bubble {
	return {
		...bubble,
		sid: cutText(bubble.sid, MAX_FIELD_LENGTH),
		status: cutText(bubble.status, MAX_FIELD_LENGTH),
		time: bubble.time.length <= MAX_FIELD_LENGTH ? bubble.time : '',
		body: bubble.body === null ? null : cutText(bubble.body),
		error: bubble.error === null ? null : cutText(bubble.error),
		media: bubble.media.filter((item) => item.url.length <= MAX_LINK_LENGTH),
	};
}

function capBubbles(bubbles: readonly Bubble[], hidden: number): { bubbles: Bubble[]; hidden: number } {
	const over = Math.max(0, bubbles.length - MAX_BUBBLES);
	return { bubbles: bubbles.slice(over).map(capBubble), hidden: hidden + over };
}

function capError(error: ReplyError): ReplyError {
	const capped: ReplyError = { message: cutText(error.message) };
	if (error.hint !== undefined) {
		capped.hint = cutText(error.hint);
	}
	if (error.moreInfo !== undefined && error.moreInfo.length <= MAX_LINK_LENGTH) {
		capped.moreInfo = error.moreInfo;
	}
	return capped;
}

/** The message with every list and text within the protocol's limits. */
export function capConversationMessage(message: ConversationExtensionMessage): ConversationExtensionMessage {
	switch (message.type) {
		case 'init':
			return {
				...message,
				thread: {
					ownNumber: cutText(message.thread.ownNumber, MAX_FIELD_LENGTH),
					otherParty: cutText(message.thread.otherParty, MAX_FIELD_LENGTH),
					space: cutText(message.thread.space, MAX_FIELD_LENGTH),
				},
				...capBubbles(message.bubbles, message.hidden),
				draft: {
					body: cutText(message.draft.body),
					mediaUrls: message.draft.mediaUrls.filter((url) => url.length <= MAX_LINK_LENGTH),
				},
			};
		case 'bubbles':
			return { ...message, ...capBubbles(message.bubbles, message.hidden) };
		case 'sendResult':
			return message.ok
				? {
						...message,
						sid: cutText(message.sid, MAX_FIELD_LENGTH),
						status: cutText(message.status, MAX_FIELD_LENGTH),
					}
				: { ...message, error: capError(message.error) };
	}
}
