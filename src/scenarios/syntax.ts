/**
 * The small pieces of the `.smstest` syntax (README, "Conversation tests"): templates with
 * `${NAME}`, durations, counts, regex literals, phone numbers. Each reader returns a value or a
 * message naming what was expected; positions are columns of the line being read.
 */
import * as l10n from '@vscode/l10n';
import type { CountCheck, Range, Template, TemplatePart } from './types';

export interface SyntaxError {
	/** 0-based columns in the line. */
	column: number;
	endColumn: number;
	message: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; error: SyntaxError };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const E164 = /^\+[1-9]\d{1,14}$/;
export const STATUSES = [
	'accepted',
	'scheduled',
	'queued',
	'sending',
	'sent',
	'delivered',
	'undelivered',
	'failed',
	'received',
	'receiving',
	'canceled',
	'read',
];

function fail<T>(column: number, endColumn: number, message: string): Read<T> {
	return { ok: false, error: { column, endColumn: Math.max(endColumn, column + 1), message } };
}

/** The escapes of body text: `\n` newline, `\t` tab, `\$` dollar, `\\` backslash, `\/` slash. */
const TEXT_ESCAPES: Record<string, string> = { n: '\n', t: '\t', $: '$', '\\': '\\', '/': '/' };

/**
 * Reads `text` (found at `column` of `line`) as a template. `mode: 'text'` applies the body
 * escapes; `mode: 'regex'` keeps every `\x` as it is (the regex's own escapes; `\${` is a literal).
 */
export function readTemplate(text: string, line: number, column: number, mode: 'text' | 'regex'): Read<Template> {
	const parts: TemplatePart[] = [];
	let literal = '';
	const flush = (): void => {
		if (literal !== '') {
			parts.push({ text: literal });
			literal = '';
		}
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\\' && i + 1 < text.length) {
			const next = text[i + 1];
			if (mode === 'regex') {
				literal += c + next;
			} else {
				literal += TEXT_ESCAPES[next] ?? c + next;
			}
			i++;
			continue;
		}
		if (c === '$' && text[i + 1] === '{') {
			const name = NAME.exec(text.slice(i + 2))?.[0];
			const close = i + 2 + (name?.length ?? 0);
			if (!name || text[close] !== '}') {
				return fail(
					column + i,
					column + close + 1,
					l10n.t(
						'Expected a variable name and "}" after "${": a name is letters, digits and _ (write "\\$" for a literal dollar).',
					),
				);
			}
			flush();
			parts.push({ variable: name, range: lineRange(line, column + i, column + close + 1) });
			i = close;
			continue;
		}
		literal += c;
	}
	flush();
	return { ok: true, value: { parts, range: lineRange(line, column, column + text.length) } };
}

export function lineRange(line: number, startColumn: number, endColumn: number): Range {
	return { startLine: line, startColumn, endLine: line, endColumn };
}

/** The template's text when it has no variables, else undefined. */
export function literalOf(template: Template): string | undefined {
	return template.parts.every((part) => 'text' in part)
		? template.parts.map((part) => ('text' in part ? part.text : '')).join('')
		: undefined;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)$/;

/** `500ms`, `5s`, `1.5s`, `2m`/`2min` → milliseconds. */
export function readDuration(text: string, column: number): Read<number> {
	const m = DURATION.exec(text);
	if (!m) {
		return fail(
			column,
			column + text.length,
			l10n.t('Expected a duration such as 5s, 500ms or 1m, not "{0}".', text),
		);
	}
	const unit = m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000;
	const ms = Math.round(Number(m[1]) * unit);
	if (ms > 3_600_000) {
		return fail(column, column + text.length, l10n.t('Expected a duration of at most 1 hour, not "{0}".', text));
	}
	return { ok: true, value: ms };
}

/** `3`, `=3`, `<=3`, `>=3`, `<3`, `>3`. */
export function readCount(text: string, column: number, what: string): Read<CountCheck> {
	const m = /^(<=|>=|<|>|=)?\s*(\d{1,4})$/.exec(text);
	if (!m) {
		return fail(
			column,
			column + text.length,
			l10n.t(
				'Expected {0} as a number, optionally after <=, >=, < or > (such as 1 or <=2), not "{1}".',
				what,
				text,
			),
		);
	}
	return { ok: true, value: { op: (m[1] ?? '=') as CountCheck['op'], count: Number(m[2]) } };
}

/** `/source/flags` at `column`: the source (escapes kept) and the flags. */
export function readRegexLiteral(
	text: string,
	column: number,
): Read<{ source: string; flags: string; sourceColumn: number }> {
	const m = /^\/(.*)\/([dgimsuvy]*)$/.exec(text);
	if (!m || m[1] === '') {
		return fail(
			column,
			column + text.length,
			l10n.t('Expected a regex as /pattern/flags (flags among d, i, m, s, u, v, y), with its closing "/".'),
		);
	}
	return { ok: true, value: { source: m[1], flags: m[2], sourceColumn: column + 1 } };
}

/** Compiles a regex whose `${NAME}` parts are stand-ins, to report a bad pattern before running. */
export function checkRegex(
	source: Template,
	flags: string,
	column: number,
	endColumn: number,
): SyntaxError | undefined {
	const probe = source.parts.map((part) => ('text' in part ? part.text : '(?:x)')).join('');
	try {
		new RegExp(probe, flags);
		return undefined;
	} catch (error) {
		return {
			column,
			endColumn,
			message: l10n.t('Expected a valid JavaScript regex: {0}', (error as Error).message),
		};
	}
}

/** A phone number template: a literal one must be E.164. */
export function readPhone(text: string, line: number, column: number): Read<Template> {
	if (text === '') {
		return fail(column, column + 1, l10n.t('Expected a phone number in E.164 form, such as +15550100123.'));
	}
	const template = readTemplate(text, line, column, 'text');
	if (!template.ok) {
		return template;
	}
	const literal = literalOf(template.value);
	if (literal !== undefined && !E164.test(literal)) {
		return fail(
			column,
			column + text.length,
			l10n.t('Expected a phone number in E.164 form, such as +15550100123, not "{0}".', text),
		);
	}
	return template;
}

/** A URL template: a literal one must be http(s). */
export function readUrl(text: string, line: number, column: number, what: string): Read<Template> {
	const template = readTemplate(text, line, column, 'text');
	if (!template.ok) {
		return template;
	}
	const literal = literalOf(template.value);
	if (literal !== undefined && !/^https?:\/\/[^\s/]+/i.test(literal)) {
		return fail(
			column,
			column + Math.max(text.length, 1),
			l10n.t('Expected {0} as an http:// or https:// URL, not "{1}".', what, text),
		);
	}
	return template;
}

/** `NAME = rest`: the name, and where the rest starts. */
export function readAssignment(
	text: string,
	column: number,
	what: string,
): Read<{ name: string; rest: string; restColumn: number }> {
	const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s?/.exec(text);
	if (!m) {
		return fail(
			column,
			column + text.length,
			l10n.t('Expected "{0}": a variable name (letters, digits, _), "=" and a value.', what),
		);
	}
	return { ok: true, value: { name: m[1], rest: text.slice(m[0].length), restColumn: column + m[0].length } };
}
