/** Text shared by the reporters: times, durations, a message line, a failure's details, a transcript. */
import type { ArrivedMessage, ScenarioResult, StepFailure } from '../../src/scenarios/runTypes';

/** `12:00:01.234` (UTC). */
export function clock(at: number): string {
	return new Date(at).toISOString().slice(11, 23);
}

export function duration(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function arrivedLine(m: ArrivedMessage): string {
	return `${clock(m.at)}  ${m.from} → ${m.to}  ${JSON.stringify(m.body)}${m.numMedia ? ` (${m.numMedia} media)` : ''}`;
}

/** The lines that explain a failure: expected, actual, what arrived during the wait (with times), where. */
export function failureLines(failure: StepFailure): string[] {
	const lines = [failure.message, `expected: ${failure.expected}`];
	if (failure.actual !== undefined) {
		lines.push(`actual:   ${failure.actual}`);
	}
	if (failure.arrivedDuringWait.length > 0) {
		lines.push('arrived during the wait:');
		failure.arrivedDuringWait.forEach((m) => lines.push(`  ${arrivedLine(m)}`));
	} else if (failure.waitedMs !== undefined) {
		lines.push(`nothing arrived during the wait (${duration(failure.waitedMs)})`);
	}
	lines.push(`at ${failure.location.path ?? '<input>'}:${failure.location.line}`);
	return lines;
}

export function transcriptText(result: ScenarioResult): string {
	return result.transcript
		.map((t) => {
			const who = t.from && t.to ? `${t.from} → ${t.to}  ` : '';
			const text = t.kind === 'status' ? t.text : JSON.stringify(t.text);
			return `${clock(t.at)}  ${t.kind.padEnd(8)} ${who}${text}`;
		})
		.join('\n');
}
