/**
 * Parses a `.smstest` file (README, "Conversation tests") into scenarios and steps with line ranges.
 * Never throws: every problem is a diagnostic naming what was expected, at its line and column.
 * A file with errors must not be run (the CLI and the editor check `hasErrors`).
 */
import * as l10n from '@vscode/l10n';
import { attachAttribute, ATTRIBUTE_NAMES } from './attributes';
import { readArrowStep, readHandset, readKeywordStep } from './parseSteps';
import { lineRange, readDuration, readPhone, readUrl, type Read, type SyntaxError } from './syntax';
import type { Diagnostic, Handset, ParseResult, Scenario, ScenarioFile, Step, Template, VariableUse } from './types';

export interface ParseOptions {
	/** Shown in reports (`file:line`). */
	path?: string;
	/**
	 * Variables given from outside (`--var`, the environment): a `${NAME}` the file does not define
	 * and this does not know is reported. Default: none known.
	 */
	isKnownVariable?: (name: string) => boolean;
	/** The severity of an unknown variable: 'warning' (default; the editor) or 'error' (the CLI). */
	unknownVariables?: 'error' | 'warning';
}

/** Directives: scenario settings written before the scenario's first step (or before the first scenario, for all). */
const DIRECTIVES = ['from', 'to', 'app', 'timeout', 'handset'];
const STEP_KEYWORDS = ['status', 'error', 'silence', 'wait', 'set'];
const ARROW = /^([A-Za-z_][\w-]*)?\s*([<>])(.*)$/;
const KEY_VALUE = /^([A-Za-z][\w-]*)\s*:(.*)$/;

interface Defaults {
	from?: Template;
	to?: Template;
	app?: Template;
	timeoutMs?: number;
	handsets: Handset[];
}

export function hasErrors(result: ParseResult): boolean {
	return result.diagnostics.some((d) => d.severity === 'error');
}

export function parseScenarios(text: string, options: ParseOptions = {}): ParseResult {
	const diagnostics: Diagnostic[] = [];
	const variables: VariableUse[] = [];
	const scenarios: Scenario[] = [];
	const file: ScenarioFile = { path: options.path, scenarios, variables };
	const defaults: Defaults = { handsets: [] };
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
	let current: Scenario | undefined;
	let defined = new Set<string>();
	let lastStep: Step | undefined;
	/** A `from:`/`to:` line of the current scenario was wrong (reported): no second error for it. */
	let badNumber = false;

	const report = (line: number, error: SyntaxError, severity: Diagnostic['severity'] = 'error'): void => {
		diagnostics.push({
			line,
			column: error.column,
			endColumn: error.endColumn,
			message: error.message,
			severity,
			code: 'syntax',
		});
	};
	const use = (template: Template): Template => {
		for (const part of template.parts) {
			if ('variable' in part) {
				const known = defined.has(part.variable) || (options.isKnownVariable?.(part.variable) ?? false);
				variables.push({ name: part.variable, range: part.range, defined: known });
				if (!known) {
					diagnostics.push({
						line: part.range.startLine,
						column: part.range.startColumn,
						endColumn: part.range.endColumn,
						message: l10n.t(
							'Unknown variable {0}: define it with "set:" or "save:" before this line, or give it with --var {1}=value or the environment.',
							`\${${part.variable}}`,
							part.variable,
						),
						severity: options.unknownVariables ?? 'warning',
						code: 'unknown-variable',
					});
				}
			}
		}
		return template;
	};
	const take = <T>(line: number, read: Read<T>): T | undefined => {
		if (!read.ok) {
			report(line, read.error);
			return undefined;
		}
		return read.value;
	};
	const extend = (line: number, endColumn: number): void => {
		if (current) {
			current.range.endLine = line;
			current.range.endColumn = endColumn;
		}
	};
	const finish = (): void => {
		if (!current) {
			return;
		}
		const at = { column: current.range.startColumn, endColumn: lines[current.range.startLine].length };
		for (const step of current.steps) {
			if (step.kind === 'send' && step.body.parts.length === 0 && step.media.length === 0) {
				const line = step.range.startLine;
				report(line, {
					column: step.range.startColumn,
					endColumn: lines[line].trimEnd().length,
					message: l10n.t('Expected the text to send after ">", or a "media:" line under it.'),
				});
			}
		}
		if (current.steps.length === 0) {
			report(
				current.range.startLine,
				{
					...at,
					message: l10n.t(
						'Scenario "{0}" has no steps: expected "> text" or "< text" lines after it.',
						current.name,
					),
				},
				'warning',
			);
		} else if ((!current.from || !current.to) && !badNumber) {
			const missing = !current.from ? 'from' : 'to';
			const message =
				missing === 'from'
					? l10n.t(
							'Scenario "{0}" needs "from: +1…" (the tester\'s number) before its first step.',
							current.name,
						)
					: l10n.t(
							'Scenario "{0}" needs "to: +1…" (the number under test) before its first step.',
							current.name,
						);
			report(current.range.startLine, { ...at, message });
		}
		current = undefined;
	};

	for (let index = 0; index < lines.length; index++) {
		const raw = lines[index];
		const trimmed = raw.trim();
		if (trimmed === '' || trimmed.startsWith('#')) {
			continue;
		}
		const indent = raw.length - raw.trimStart().length;
		const end = raw.trimEnd().length;
		const keyValue = KEY_VALUE.exec(trimmed);
		const key = keyValue?.[1].toLowerCase();
		const valueColumn = keyValue
			? indent + trimmed.indexOf(':') + 1 + (/^\s*/.exec(keyValue[2])?.[0].length ?? 0)
			: 0;
		const value = keyValue ? keyValue[2].trim() : '';

		// Attributes: indented `key: value` lines under a step.
		if (key !== undefined && ATTRIBUTE_NAMES.includes(key) && indent > 0 && lastStep) {
			const error = attachAttribute(lastStep, key, value, index, valueColumn, use);
			if (error) {
				report(index, error);
			} else if (lastStep.kind === 'expect') {
				lastStep.saves.forEach((save) => defined.add(save.name));
			}
			lastStep.range.endLine = index;
			lastStep.range.endColumn = end;
			extend(index, end);
			continue;
		}
		if (key !== undefined && ATTRIBUTE_NAMES.includes(key) && !STEP_KEYWORDS.includes(key)) {
			report(index, {
				column: indent,
				endColumn: end,
				message: lastStep
					? l10n.t('"{0}:" is an attribute: indent it under the step it belongs to.', key)
					: l10n.t('"{0}:" is an attribute of a step: expected a "> text" or "< text" line before it.', key),
			});
			continue;
		}

		if (key === 'scenario') {
			finish();
			const name = value;
			if (name === '') {
				report(index, {
					column: indent,
					endColumn: end,
					message: l10n.t('Expected a name after "scenario:".'),
				});
			} else if (scenarios.some((s) => s.name === name)) {
				report(
					index,
					{
						column: valueColumn,
						endColumn: end,
						message: l10n.t('Another scenario of this file is named "{0}".', name),
					},
					'warning',
				);
			}
			current = {
				name: name || l10n.t('(unnamed scenario, line {0})', index + 1),
				range: lineRange(index, indent, end),
				line: index + 1,
				from: defaults.from,
				to: defaults.to,
				app: defaults.app,
				timeoutMs: defaults.timeoutMs,
				handsets: [...defaults.handsets],
				steps: [],
			};
			scenarios.push(current);
			defined = new Set();
			lastStep = undefined;
			badNumber = false;
			continue;
		}

		if (key !== undefined && DIRECTIVES.includes(key)) {
			if (current && current.steps.length > 0) {
				report(index, {
					column: indent,
					endColumn: end,
					message: l10n.t('"{0}:" must come before the scenario\'s first step.', key),
				});
				continue;
			}
			const target: Defaults = current ?? defaults;
			switch (key) {
				case 'from':
				case 'to': {
					const phone = take(index, readPhone(value, index, valueColumn));
					if (phone) {
						target[key] = use(phone);
					} else {
						badNumber = true;
					}
					break;
				}
				case 'app': {
					const url = take(index, readUrl(value, index, valueColumn, '"app:"'));
					if (url) {
						target.app = use(url);
					}
					break;
				}
				case 'timeout': {
					const ms = take(index, readDuration(value, valueColumn));
					if (ms !== undefined) {
						target.timeoutMs = ms;
					}
					break;
				}
				case 'handset': {
					const handset = readHandset(value, index, valueColumn);
					if (!handset.ok) {
						report(index, handset.error);
					} else if (target.handsets.some((h) => h.name === handset.value.name)) {
						report(index, {
							column: valueColumn,
							endColumn: end,
							message: l10n.t('Handset "{0}" is already defined.', handset.value.name),
						});
					} else {
						use(handset.value.number);
						target.handsets.push({ ...handset.value, range: lineRange(index, indent, end) });
					}
					break;
				}
			}
			extend(index, end);
			continue;
		}

		const arrow = keyValue ? undefined : ARROW.exec(trimmed);
		const isStepKeyword = key !== undefined && STEP_KEYWORDS.includes(key);
		if (!arrow && !isStepKeyword) {
			report(index, {
				column: indent,
				endColumn: end,
				message: l10n.t(
					'Expected "> text" (send), "< text" or "< /regex/" (expect), or one of scenario:, from:, to:, app:, timeout:, handset:, status:, error:, silence:, wait:, set:.',
				),
			});
			continue;
		}
		if (!current) {
			report(index, {
				column: indent,
				endColumn: end,
				message: l10n.t('Expected "scenario: <name>" before the first step.'),
			});
			continue;
		}
		const range = lineRange(index, indent, end);
		const base = { range, line: index + 1, text: trimmed };
		let step: Step | undefined;
		if (arrow) {
			step = readArrowStep(arrow, base, current, index, indent, raw, report, use);
		} else {
			step = readKeywordStep(key!, value, base, index, valueColumn, report, use);
		}
		if (step) {
			current.steps.push(step);
			lastStep = step;
			extend(index, end);
			if (step.kind === 'set') {
				defined.add(step.name);
			}
		}
	}
	finish();
	diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
	return { file, diagnostics };
}
