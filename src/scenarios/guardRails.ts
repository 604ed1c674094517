/**
 * The guard rails of a run against a real Space, shared by `sms-sandbox test --target space`
 * (cli/src/space.ts) and the editor's Active Space profile (src/testing/spaceTarget.ts): the most
 * messages and segments a run can send, and scenarios that send STOP and never START. No `vscode`.
 */
import { measureBody } from '../core/segments';
import { renderText } from './template';
import type { Scenario, Template } from './types';

const STOP_WORDS = /^\s*(STOP|STOPALL|UNSUBSCRIBE|CANCEL|END|QUIT)\s*$/i;
const START_WORDS = /^\s*(START|YES|UNSTOP)\s*$/i;

/** A step's text with the run's variables; a value saved during the run counts as a six-character code. */
export function templateText(template: Template | undefined, vars: Record<string, string>): string {
	if (!template) {
		return '';
	}
	try {
		return renderText(template, (name) => vars[name]);
	} catch {
		// A value saved during the run: count it as six characters (a code).
		return template.parts.map((p) => ('text' in p ? p.text : '000000')).join('');
	}
}

/** The most messages and segments the selected scenarios send. */
export function estimateSends(
	selections: ReadonlyArray<{ scenario: Scenario }>,
	vars: Record<string, string>,
): { messages: number; segments: number } {
	let messages = 0;
	let segments = 0;
	for (const { scenario } of selections) {
		for (const step of scenario.steps) {
			if (step.kind === 'send') {
				messages++;
				segments +=
					step.media.length > 0 ? 1 : Math.max(1, measureBody(templateText(step.body, vars)).segments);
			}
		}
	}
	return { messages, segments };
}

/** The scenarios that send STOP (to a number) and never START afterwards. */
export function stopWithoutStart(scenario: Scenario, vars: Record<string, string>): boolean {
	let stopped = false;
	for (const step of scenario.steps) {
		if (step.kind === 'send') {
			const body = templateText(step.body, vars);
			stopped = STOP_WORDS.test(body) ? true : START_WORDS.test(body) ? false : stopped;
		}
	}
	return stopped;
}
