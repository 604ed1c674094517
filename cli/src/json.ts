/** `--reporter json`: the whole run as one JSON document (scrubbed like every other output). */
import type { RunRecord } from './runner';

export function jsonReport(records: RunRecord[], totalMs: number): string {
	const scenarios = records.map(({ file, scenario, result }) => ({
		file,
		name: scenario.name,
		line: scenario.line,
		status: result?.status ?? 'not run',
		durationMs: result?.durationMs ?? 0,
		...(result?.error ? { error: result.error } : {}),
		steps: scenario.steps.map((step, i) => {
			const r = result?.steps[i];
			return {
				line: step.line,
				text: step.text,
				status: r?.status ?? 'skipped',
				durationMs: r?.durationMs ?? 0,
				...(r?.detail !== undefined ? { detail: r.detail } : {}),
				...(r?.failure ? { failure: r.failure } : {}),
			};
		}),
		transcript: result?.transcript ?? [],
	}));
	const passed = scenarios.filter((s) => s.status === 'passed').length;
	const failed = scenarios.filter((s) => s.status === 'failed' || s.status === 'aborted').length;
	const notRun = scenarios.length - passed - failed;
	return `${JSON.stringify({ passed, failed, notRun, durationMs: totalMs, scenarios }, null, 2)}\n`;
}
