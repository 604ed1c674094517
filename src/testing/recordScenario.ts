/**
 * A conversation written down as a `.smstest` scenario ("Save Conversation as Test..."): the
 * thread's own number is `from:` (the tester), the other party `to:`; each message sent from the
 * own number becomes a `>` step, each reply a `<` exact expectation, escaped so that the parser
 * (src/scenarios/parse.ts) reads back exactly the text that arrived. Optionally, runs of digits in
 * replies (one-time codes) become `save:` captures, and later sends that repeat them use `${NAME}`.
 * Pure: no `vscode`.
 */
import * as l10n from '@vscode/l10n';

export interface RecordedMessage {
	/** From the own number (`>`), or to it (`<`). */
	direction: 'outbound' | 'inbound';
	body: string;
	/** Media URLs of a send (an MMS), if known. */
	mediaUrls?: readonly string[];
	/** The number of media a reply carried. */
	numMedia?: number;
	/** When it happened (ms; SignalWire's dates have whole seconds), for {@link orderForReplay}. */
	at?: number;
}

/**
 * The messages in the order a replay needs. SignalWire's dates have whole seconds, so a reply that
 * came within the same second as the send has the same time, and the thread may list it first. Within
 * one second, sends go before replies (a reply answers a send); otherwise the order is kept.
 */
export function orderForReplay<T extends RecordedMessage>(messages: readonly T[]): T[] {
	return messages
		.map((message, index) => ({ message, index }))
		.sort((a, b) => {
			const second = (m: RecordedMessage): number => Math.floor((m.at ?? 0) / 1000);
			const bySecond =
				a.message.at === undefined || b.message.at === undefined ? 0 : second(a.message) - second(b.message);
			if (bySecond !== 0) {
				return bySecond;
			}
			const sameSecond = a.message.at !== undefined && b.message.at !== undefined;
			const byDirection = sameSecond
				? (a.message.direction === 'outbound' ? 0 : 1) - (b.message.direction === 'outbound' ? 0 : 1)
				: 0;
			return byDirection || a.index - b.index;
		})
		.map(({ message }) => message);
}

export interface RecordOptions {
	name: string;
	ownNumber: string;
	otherParty: string;
	messages: readonly RecordedMessage[];
	/** Turn runs of 4 to 10 digits in replies into `save:` captures. */
	captureDigits?: boolean;
	/** The `timeout:` line (default 10s). */
	timeout?: string;
	/** The first line's comment (where it was recorded from). */
	comment?: string;
}

/** Runs of digits that look like codes: 4 to 10 digits, not part of a longer word or number. */
const CODE = /(?<![\w+])\d{4,10}(?!\w)/g;

/**
 * Escapes text for a `>` body or a `<` exact expectation: `\`, newline, tab, `$`, and a leading
 * `/` (which would read as a regex) get their escape; a leading space is kept by the parser only
 * after the one space that follows the arrow, which {@link stepLine} writes.
 */
export function escapeStepText(text: string): string {
	const escaped = text
		.replace(/\\/g, '\\\\')
		.replace(/\r\n|\r|\n/g, '\\n')
		.replace(/\t/g, '\\t')
		.replace(/\$/g, '\\$');
	return escaped.startsWith('/') ? `\\${escaped}` : escaped;
}

/** Escapes text for use inside a `/regex/` of an expectation. */
export function escapeRegexText(text: string): string {
	return text
		.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
		.replace(/\r\n|\r|\n/g, '\\n')
		.replace(/\t/g, '\\t');
}

/** Whether these replies hold digits that a run may see differ (the command asks before capturing them). */
export function hasCodes(messages: readonly RecordedMessage[]): boolean {
	return messages.some((message) => message.direction === 'inbound' && new RegExp(CODE.source).test(message.body));
}

export function recordScenario(options: RecordOptions): string {
	const lines: string[] = [];
	if (options.comment) {
		lines.push(`# ${options.comment.replace(/\r?\n/g, ' ')}`);
	}
	lines.push(
		`scenario: ${options.name.replace(/\r?\n/g, ' ')}`,
		`from: ${options.ownNumber}`,
		`to: ${options.otherParty}`,
		`timeout: ${options.timeout ?? '10s'}`,
		'',
	);
	const first = options.messages.findIndex((message) => message.direction === 'outbound');
	if (first > 0) {
		const leftOut = l10n.t(
			'{0} earlier message(s) from {1} before the first send are left out: nothing would make them arrive again.',
			first,
			options.otherParty,
		);
		lines.push(`# ${leftOut}`);
	}
	/** Captured values → variable names, for later sends that repeat them. */
	const captured = new Map<string, string>();
	let captures = 0;
	for (const message of first < 0 ? [] : options.messages.slice(first)) {
		if (message.direction === 'outbound') {
			if (message.body === '' && !message.mediaUrls?.length) {
				// Nothing to send again (an imported MMS whose media URLs are not known here).
				lines.push(`# ${l10n.t('A message without text or known media URLs is left out.')}`);
				continue;
			}
			lines.push(stepLine('>', sendText(message.body, captured)));
			if (message.mediaUrls && message.mediaUrls.length > 0) {
				lines.push(`  media: ${message.mediaUrls.join(' ')}`);
			}
			continue;
		}
		const codes = options.captureDigits ? [...message.body.matchAll(CODE)] : [];
		if (message.body === '') {
			// An empty exact expectation does not parse: a reply with media only.
			lines.push('< /^$/');
		} else if (codes.length === 0) {
			lines.push(stepLine('<', escapeStepText(message.body)));
		} else {
			let pattern = '';
			let at = 0;
			const saves: string[] = [];
			for (const code of codes) {
				pattern += `${escapeRegexText(message.body.slice(at, code.index))}(\\d{${code[0].length}})`;
				at = code.index + code[0].length;
				captures++;
				const name = captures === 1 ? 'CODE' : `CODE${captures}`;
				captured.set(code[0], name);
				saves.push(name);
			}
			pattern += escapeRegexText(message.body.slice(at));
			lines.push(`< /^${pattern}$/`);
			saves.forEach((name, index) => {
				const groups = codes.map((code, i) =>
					i === index ? `(\\d{${code[0].length}})` : `\\d{${code[0].length}}`,
				);
				lines.push(`  save: ${name} = /${captureContext(message.body, codes, groups)}/`);
			});
		}
		if ((message.numMedia ?? 0) > 0) {
			lines.push(`  media: ${message.numMedia}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

/** `> text` / `< text`: one space after the arrow, then the escaped text (empty text stays `>`). */
function stepLine(arrow: '>' | '<', escaped: string): string {
	return escaped === '' ? arrow : `${arrow} ${escaped}`;
}

/** A send's text with the codes captured so far replaced by their `${NAME}`. */
function sendText(body: string, captured: ReadonlyMap<string, string>): string {
	let text = escapeStepText(body);
	for (const [value, name] of captured) {
		text = text.replace(new RegExp(`(?<!\\d)${value}(?!\\d)`, 'g'), `\${${name}}`);
	}
	return text;
}

/** The reply's whole pattern with only one code as a group, so that `save:` takes that one. */
function captureContext(body: string, codes: readonly RegExpMatchArray[], groups: readonly string[]): string {
	let pattern = '';
	let at = 0;
	codes.forEach((code, index) => {
		pattern += escapeRegexText(body.slice(at, code.index)) + groups[index];
		at = (code.index ?? 0) + code[0].length;
	});
	return pattern + escapeRegexText(body.slice(at));
}
