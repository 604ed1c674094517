/**
 * Substitutes `${NAME}` in templates when a step runs, and finds the variables a scenario uses
 * before it defines them (an unknown variable is an error before anything is sent).
 */
import type { Scenario, Step, Template } from './types';

export type Lookup = (name: string) => string | undefined;

export class UnknownVariableError extends Error {
	constructor(
		readonly variable: string,
		readonly line: number,
	) {
		super(`\${${variable}}`);
	}
}

/** The template's text; a variable's value goes in as is. */
export function renderText(template: Template, lookup: Lookup): string {
	return template.parts
		.map((part) => ('text' in part ? part.text : valueOf(part.variable, part.range.startLine, lookup)))
		.join('');
}

/** The template as a regex source: a variable's value is matched literally. */
export function renderRegexSource(template: Template, lookup: Lookup): string {
	return template.parts
		.map((part) => ('text' in part ? part.text : escapeRegex(valueOf(part.variable, part.range.startLine, lookup))))
		.join('');
}

function valueOf(name: string, line: number, lookup: Lookup): string {
	const value = lookup(name);
	if (value === undefined) {
		throw new UnknownVariableError(name, line + 1);
	}
	return value;
}

export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The templates a step reads. */
export function templatesOf(step: Step): Template[] {
	switch (step.kind) {
		case 'send':
			return [step.body, ...step.media];
		case 'expect':
			return [step.match.kind === 'exact' ? step.match.text : step.match.source];
		case 'set':
			return [step.value];
		default:
			return [];
	}
}

/**
 * The first `${NAME}` the scenario uses that neither `known` nor an earlier `set:`/`save:` defines,
 * with its 1-based line; undefined when there is none.
 */
export function firstUnknownVariable(
	scenario: Scenario,
	known: (name: string) => boolean,
): { name: string; line: number } | undefined {
	const defined = new Set<string>();
	const check = (templates: Array<Template | undefined>): { name: string; line: number } | undefined => {
		for (const template of templates) {
			for (const part of template?.parts ?? []) {
				if ('variable' in part && !defined.has(part.variable) && !known(part.variable)) {
					return { name: part.variable, line: part.range.startLine + 1 };
				}
			}
		}
		return undefined;
	};
	const head = check([scenario.from, scenario.to, scenario.app, ...scenario.handsets.map((h) => h.number)]);
	if (head) {
		return head;
	}
	for (const step of scenario.steps) {
		const found = check(templatesOf(step));
		if (found) {
			return found;
		}
		if (step.kind === 'set') {
			defined.add(step.name);
		} else if (step.kind === 'expect') {
			step.saves.forEach((save) => defined.add(save.name));
		}
	}
	return undefined;
}
