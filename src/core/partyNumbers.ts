/**
 * The numbers of a message that enters from outside (a poll or an import of the Space's list, an
 * inbound webhook): a number holding invisible or direction-changing characters (bidi overrides
 * and isolates such as U+202E, zero-width characters such as U+200B, other format or control
 * characters) could show as another number, e.g. in a thread title. Such a message is refused, not
 * cleaned (cleaning could turn it into a number it is not), and shown with those characters
 * written out (`+1555\u202E1110\u200B`). Pure: no `vscode`.
 */
import type { Message } from './types';

/** Format (Cf: bidi controls, zero-width, BOM, soft hyphen), control (Cc), line and paragraph separators. */
const HIDDEN_CHARACTER = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/u;
const HIDDEN_CHARACTERS = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/gu;

/** True when the text holds a character that is invisible or changes the direction of what follows. */
export function hasHiddenCharacters(text: string): boolean {
	return HIDDEN_CHARACTER.test(text);
}

/** The text with each invisible or direction character written out as `\uXXXX` (safe to show). */
export function showHiddenCharacters(text: string): string {
	return text.replace(HIDDEN_CHARACTERS, (char) => {
		const code = char.codePointAt(0) ?? 0;
		return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
	});
}

/** A refused message as it can be shown: its SID and numbers with the hidden characters written out. */
export interface RefusedMessage {
	sid: string;
	from: string;
	to: string;
}

/** Splits messages into those whose SID, From and To are clean and those refused. */
export function screenMessageNumbers<T extends Pick<Message, 'sid' | 'from' | 'to'>>(
	messages: readonly T[],
): { accepted: T[]; refused: RefusedMessage[] } {
	const accepted: T[] = [];
	const refused: RefusedMessage[] = [];
	for (const message of messages) {
		const fields = [message.sid, message.from ?? '', message.to ?? ''];
		if (fields.some(hasHiddenCharacters)) {
			const [sid, from, to] = fields.map(showHiddenCharacters) as [string, string, string];
			refused.push({ sid, from, to });
		} else {
			accepted.push(message);
		}
	}
	return { accepted, refused };
}

/** One line per refused message, for the log and a notification's detail. */
export function describeRefusedMessages(refused: readonly RefusedMessage[]): string {
	return refused.map((r) => `${r.sid} from ${r.from} to ${r.to}`).join('; ');
}
