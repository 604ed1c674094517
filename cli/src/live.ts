/**
 * The live output: a line per step as it ends (✓/✗, the step text, its time), a failure's details
 * under its line, and at the end the plain line `N passed, N failed` (scenarios). Every line goes
 * through the scrubber.
 */
import type { ScenarioResult, StepEvent } from '../../src/scenarios/runTypes';
import { duration, failureLines } from './format';
import type { RunRecord, Selection } from './runner';

export class LiveReporter {
	constructor(
		private readonly write: (line: string) => void,
		private readonly options: { color: boolean; parallel: boolean },
	) {}

	#paint(code: string, text: string): string {
		return this.options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
	}

	scenarioStart(selection: Selection): void {
		if (!this.options.parallel) {
			this.write(`${selection.file} › ${selection.scenario.name}`);
		}
	}

	step(selection: Selection, event: StepEvent): void {
		const prefix = this.options.parallel ? `${selection.scenario.name} › ` : '';
		if (event.type === 'passed') {
			this.write(
				`  ${this.#paint('32', '✓')} ${prefix}${event.step.text} ${this.#paint('2', `(${duration(event.durationMs)})`)}`,
			);
		} else if (event.type === 'failed') {
			this.write(
				`  ${this.#paint('31', '✗')} ${prefix}${event.step.text} ${this.#paint('2', `(${duration(event.durationMs)})`)}`,
			);
			failureLines(event.failure).forEach((line) => this.write(`      ${line}`));
		}
	}

	scenarioEnd(selection: Selection, result: ScenarioResult): void {
		if (result.status === 'aborted') {
			this.write(`  - ${selection.scenario.name}: stopped`);
		}
	}

	summary(records: RunRecord[], totalMs: number): void {
		const steps = records.flatMap((r) => r.result?.steps ?? r.scenario.steps.map(() => ({ status: 'skipped' })));
		const count = (status: string): number => steps.filter((s) => s.status === status).length;
		const passed = records.filter((r) => r.result?.status === 'passed').length;
		const failed = records.filter((r) => r.result && r.result.status !== 'passed').length;
		const notRun = records.length - passed - failed;
		this.write('');
		this.write(
			`steps: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped` +
				`${notRun ? `; ${notRun} scenarios not run` : ''} (${duration(totalMs)})`,
		);
		this.write(`${passed} passed, ${failed} failed`);
	}
}
