/**
 * Attributes: indented `key: value` lines under a step (README, "Conversation tests").
 *   under `>`: media: URL [URL...]            (at most 8: the send is an MMS)
 *   under `<`: within: 5s, media: 2 | >=1, segments: 1 | <=2, save: NAME = /regex(group)/flags
 */
import * as l10n from '@vscode/l10n';
import { readAssignment, readCount, readDuration, readRegexLiteral, readUrl, type SyntaxError } from './syntax';
import { MAX_MEDIA, type Step, type Template } from './types';

export const ATTRIBUTE_NAMES = ['within', 'media', 'segments', 'save'];

const ALLOWED: Partial<Record<Step['kind'], string[]>> = {
	send: ['media'],
	expect: ['within', 'media', 'segments', 'save'],
};

/** Applies one attribute line to `step`; returns what was wrong, if anything. */
export function attachAttribute(
	step: Step,
	key: string,
	value: string,
	line: number,
	column: number,
	use: (t: Template) => Template,
): SyntaxError | undefined {
	const allowed = ALLOWED[step.kind] ?? [];
	const whole = { column, endColumn: column + Math.max(1, value.length) };
	if (!allowed.includes(key)) {
		return {
			...whole,
			message:
				allowed.length === 0
					? l10n.t('"{0}:" is not an attribute of a "{1}" step: it takes none.', key, step.kind)
					: l10n.t(
							'"{0}:" is not an attribute of this step: expected one of {1}.',
							key,
							allowed.map((a) => `${a}:`).join(', '),
						),
		};
	}
	if (step.kind === 'send') {
		const urls = value.split(/\s+/).filter((u) => u !== '');
		if (urls.length === 0) {
			return {
				...whole,
				message: l10n.t('Expected one or more media URLs after "media:", separated by spaces.'),
			};
		}
		if (step.media.length + urls.length > MAX_MEDIA) {
			return { ...whole, message: l10n.t('Expected at most {0} media URLs on one message.', MAX_MEDIA) };
		}
		let at = 0;
		for (const url of urls) {
			const offset = value.indexOf(url, at);
			at = offset + url.length;
			const read = readUrl(url, line, column + offset, l10n.t('a media URL'));
			if (!read.ok) {
				return read.error;
			}
			step.media.push(use(read.value));
		}
		return undefined;
	}
	if (step.kind !== 'expect') {
		return undefined;
	}
	switch (key) {
		case 'within': {
			const ms = readDuration(value, column);
			if (!ms.ok) {
				return ms.error;
			}
			step.withinMs = ms.value;
			return undefined;
		}
		case 'media':
		case 'segments': {
			const count = readCount(
				value,
				column,
				key === 'media' ? l10n.t('the number of media') : l10n.t('the number of segments'),
			);
			if (!count.ok) {
				return count.error;
			}
			step[key] = count.value;
			return undefined;
		}
		default: {
			const assignment = readAssignment(value, column, 'save: NAME = /regex(group)/');
			if (!assignment.ok) {
				return assignment.error;
			}
			const { name, rest, restColumn } = assignment.value;
			const literal = readRegexLiteral(rest, restColumn);
			if (!literal.ok) {
				return literal.error;
			}
			try {
				const pattern = new RegExp(literal.value.source, literal.value.flags.replace(/[gy]/g, ''));
				step.saves.push({
					name,
					pattern,
					range: { startLine: line, startColumn: column, endLine: line, endColumn: column + value.length },
				});
				return undefined;
			} catch (error) {
				return {
					column: restColumn,
					endColumn: restColumn + rest.length,
					message: l10n.t('Expected a valid JavaScript regex: {0}', (error as Error).message),
				};
			}
		}
	}
}
