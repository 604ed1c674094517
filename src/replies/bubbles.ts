/**
 * Turns known messages into what a conversation panel shows (./protocol.ts): direction, status,
 * time, segments, media (https images previewed, anything else a link), the explained error.
 * Pure: no `vscode`; unit-tested in plain mocha.
 */
import * as l10n from '@vscode/l10n';
import { isInbound, messageTime, type KnownMessage } from '../core/conversations';
import { explainErrorCode } from '../core/errorCodes';
import { MAX_BUBBLES, type Bubble, type BubbleMedia } from './protocol';

const IMAGE_PATH = /\.(png|jpe?g|gif|webp|bmp)(\?|#|$)/i;

/** A media URL as the panel shows it: only https URLs with an image extension are previewed. */
export function bubbleMedia(url: string): BubbleMedia {
	let image = false;
	try {
		const parsed = new URL(url);
		image = parsed.protocol === 'https:' && IMAGE_PATH.test(parsed.pathname);
	} catch {
		image = false;
	}
	return { url, image };
}

export function toBubble(known: KnownMessage): Bubble {
	const { message } = known;
	const code = message.error_code;
	const explained = code ? explainErrorCode(code) : undefined;
	const error = code
		? explained
			? l10n.t('Error {0}: {1}. {2}', code, explained.title, explained.explanation)
			: l10n.t('Error {0}: {1}', code, message.error_message ?? '')
		: null;
	const time = messageTime(message);
	return {
		sid: message.sid,
		direction: isInbound(message) ? 'inbound' : 'outbound',
		body: known.deletedAt !== undefined ? null : message.body,
		status: known.deletedAt !== undefined ? 'deleted' : message.status,
		time: time > 0 ? new Date(time).toISOString() : '',
		segments: message.num_segments,
		numMedia: message.num_media,
		media: known.deletedAt !== undefined ? [] : (known.mediaUrls ?? []).map(bubbleMedia),
		error,
		origin: known.origin,
		deleted: known.deletedAt !== undefined,
		redacted: known.redactedAt !== undefined,
	};
}

/** The newest {@link MAX_BUBBLES} of a thread (oldest first), and how many earlier ones are left out. */
export function threadBubbles(messages: readonly KnownMessage[]): { bubbles: Bubble[]; hidden: number } {
	const hidden = Math.max(0, messages.length - MAX_BUBBLES);
	return { bubbles: messages.slice(hidden).map(toBubble), hidden };
}
