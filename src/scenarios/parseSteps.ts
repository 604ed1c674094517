/**
 * The step lines of a `.smstest` file (./parse.ts reads the file around them): `> text`,
 * `< text`, `< /regex/flags`, `name> …`/`name< …` for named handsets, `status:`, `error:`,
 * `silence:`, `wait:`, `set:`; and the `handset:` directive.
 */
import * as l10n from '@vscode/l10n';
import {
	STATUSES,
	checkRegex,
	readAssignment,
	readDuration,
	readPhone,
	readRegexLiteral,
	readTemplate,
	type Read,
	type SyntaxError,
} from './syntax';
import type { Handset, Scenario, Step, Template } from './types';

export function readHandset(value: string, line: number, column: number): Read<Omit<Handset, 'range'>> {
	const m = /^([A-Za-z_][\w-]*)\s+(\S+)$/.exec(value);
	if (!m) {
		return {
			ok: false,
			error: {
				column,
				endColumn: column + Math.max(1, value.length),
				message: l10n.t('Expected "handset: <name> <number>", such as "handset: alice +15550100101".'),
			},
		};
	}
	const phone = readPhone(m[2], line, column + value.lastIndexOf(m[2]));
	return phone.ok ? { ok: true, value: { name: m[1], number: phone.value } } : phone;
}

export type Report = (line: number, error: SyntaxError) => void;
export type Use = (template: Template) => Template;
export type Base = { range: Step['range']; line: number; text: string };

export function readArrowStep(
	arrow: RegExpExecArray,
	base: Base,
	scenario: Scenario,
	line: number,
	indent: number,
	raw: string,
	report: Report,
	use: Use,
): Step | undefined {
	const handset = arrow[1];
	if (handset !== undefined && !scenario.handsets.some((h) => h.name === handset)) {
		report(line, {
			column: indent,
			endColumn: indent + handset.length,
			message: l10n.t('Unknown handset "{0}": expected "handset: {0} +1…" before the first step.', handset),
		});
		return undefined;
	}
	const arrowColumn = raw.indexOf(arrow[2], indent + (handset?.length ?? 0));
	const afterArrow = arrow[3];
	const skip = afterArrow.startsWith(' ') ? 1 : 0;
	const text = afterArrow.slice(skip).trimEnd();
	const column = arrowColumn + 1 + skip;
	if (arrow[2] === '>') {
		const body = readTemplate(text, line, column, 'text');
		if (!body.ok) {
			report(line, body.error);
			return undefined;
		}
		return { kind: 'send', ...base, handset, body: use(body.value), media: [] };
	}
	if (text === '') {
		report(line, {
			column: arrowColumn,
			endColumn: arrowColumn + 1,
			message: l10n.t('Expected the reply after "<": exact text, or /regex/flags.'),
		});
		return undefined;
	}
	if (text.startsWith('/')) {
		const literal = readRegexLiteral(text, column);
		if (!literal.ok) {
			report(line, literal.error);
			return undefined;
		}
		const source = readTemplate(literal.value.source, line, literal.value.sourceColumn, 'regex');
		if (!source.ok) {
			report(line, source.error);
			return undefined;
		}
		const bad = checkRegex(source.value, literal.value.flags, column, column + text.length);
		if (bad) {
			report(line, bad);
			return undefined;
		}
		return {
			kind: 'expect',
			...base,
			handset,
			match: { kind: 'regex', source: use(source.value), flags: literal.value.flags },
			saves: [],
		};
	}
	const exact = readTemplate(text, line, column, 'text');
	if (!exact.ok) {
		report(line, exact.error);
		return undefined;
	}
	return { kind: 'expect', ...base, handset, match: { kind: 'exact', text: use(exact.value) }, saves: [] };
}

export function readKeywordStep(
	key: string,
	value: string,
	base: Base,
	line: number,
	column: number,
	report: Report,
	use: Use,
): Step | undefined {
	const fail = (message: string): undefined => {
		report(line, { column, endColumn: column + Math.max(1, value.length), message });
		return undefined;
	};
	switch (key) {
		case 'status': {
			const status = value.toLowerCase();
			return STATUSES.includes(status)
				? { kind: 'status', ...base, status }
				: fail(l10n.t('Expected a status after "status:": one of {0}.', STATUSES.join(', ')));
		}
		case 'error':
			return /^\d{3,6}$/.test(value)
				? { kind: 'error', ...base, code: value }
				: fail(l10n.t('Expected an error code after "error:", such as 21610.'));
		case 'silence':
		case 'wait': {
			const ms = readDuration(value, column);
			if (!ms.ok) {
				report(line, ms.error);
				return undefined;
			}
			return key === 'silence'
				? { kind: 'silence', ...base, durationMs: ms.value }
				: { kind: 'wait', ...base, durationMs: ms.value };
		}
		default: {
			const assignment = readAssignment(value, column, 'set: NAME = value');
			if (!assignment.ok) {
				report(line, assignment.error);
				return undefined;
			}
			const template = readTemplate(assignment.value.rest, line, assignment.value.restColumn, 'text');
			if (!template.ok) {
				report(line, template.error);
				return undefined;
			}
			return { kind: 'set', ...base, name: assignment.value.name, value: use(template.value) };
		}
	}
}
