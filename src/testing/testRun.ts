/**
 * Reports a scenario's run to a `vscode.TestRun`: each step passes, fails or is skipped on its
 * own, a failed exact match is a diff (expected vs actual body), a regex or timeout failure says
 * what arrived during the wait (with times), and every failure points at its step's line. The
 * scenario's transcript goes to the run's output. Also keeps what it reported (the integration
 * tests read it: the Testing API does not hand results back to the extension that made them).
 */
import * as vscode from 'vscode';
import type { ArrivedMessage, ScenarioResult, StepEvent, StepFailure, TranscriptEntry } from '../scenarios/runTypes';

export type ReportedState = 'enqueued' | 'started' | 'passed' | 'failed' | 'errored' | 'skipped';

/** What was reported for one test item in the last run that touched it. */
export interface ReportedResult {
	state: ReportedState;
	/** The first message's text (failed / errored). */
	message?: string;
	/** For a diff: the expected and actual body. */
	expected?: string;
	actual?: string;
	/** The 0-based line the message points at. */
	line?: number;
	durationMs?: number;
}

/** Results by test item id, kept across runs (each report replaces the item's entry). */
export class ReportedResults {
	private readonly byId = new Map<string, ReportedResult>();
	private readonly changed = new vscode.EventEmitter<string>();
	readonly onDidChange = this.changed.event;
	/** Completed runs so far (each `end()`), for tests that wait for a (continuous) run. */
	runsEnded = 0;

	get(id: string): ReportedResult | undefined {
		return this.byId.get(id);
	}

	set(id: string, result: ReportedResult): void {
		this.byId.set(id, result);
		this.changed.fire(id);
	}

	ended(): void {
		this.runsEnded++;
		this.changed.fire('');
	}

	dispose(): void {
		this.changed.dispose();
	}
}

function time(at: number): string {
	return new Date(at).toISOString().slice(11, 23);
}

export function describeArrived(messages: readonly ArrivedMessage[]): string {
	if (messages.length === 0) {
		return vscode.l10n.t('Nothing arrived during the wait.');
	}
	return [
		vscode.l10n.t('Arrived during the wait:'),
		...messages.map((message) => {
			const media = message.numMedia > 0 ? ` [${message.numMedia} media]` : '';
			return `  ${time(message.at)}  ${message.from} → ${message.to}: ${JSON.stringify(message.body)}${media}`;
		}),
	].join('\n');
}

/**
 * The body in an exact expectation's `expected` / `actual`: the engine writes them as a JSON string
 * followed by details (`"Echo: Hi" (0 media, 1 segments)`), so that spaces and newlines show in its
 * one-line reports; the diff editor shows the text itself. Anything else is returned as it is.
 */
export function bodyText(text: string): string {
	if (!text.startsWith('"')) {
		return text;
	}
	for (let end = 1; end < text.length; end++) {
		if (text[end] === '\\') {
			end++;
		} else if (text[end] === '"') {
			try {
				const value: unknown = JSON.parse(text.slice(0, end + 1));
				return typeof value === 'string' ? value : text;
			} catch {
				return text;
			}
		}
	}
	return text;
}

/** The test messages of a failed step: a diff for an exact body, else the text with what arrived. */
export function failureMessages(
	failure: StepFailure,
	isExact: boolean,
	location: vscode.Location,
): vscode.TestMessage[] {
	const waited =
		failure.waitedMs !== undefined
			? ` ${vscode.l10n.t('(waited {0} s)', (failure.waitedMs / 1000).toFixed(1))}`
			: '';
	const text = `${failure.message}${waited}\n${describeArrived(failure.arrivedDuringWait)}`;
	const message =
		isExact && failure.actual !== undefined
			? vscode.TestMessage.diff(text, bodyText(failure.expected), bodyText(failure.actual))
			: new vscode.TestMessage(text);
	message.location = location;
	return [message];
}

export function formatTranscript(name: string, transcript: readonly TranscriptEntry[]): string {
	const lines = [vscode.l10n.t('Scenario "{0}"', name)];
	for (const entry of transcript) {
		const route = entry.from || entry.to ? `${entry.from ?? ''} → ${entry.to ?? ''}: ` : '';
		lines.push(`  ${time(entry.at)}  ${entry.kind.padEnd(8)} ${route}${entry.text}`);
	}
	return `${lines.join('\r\n')}\r\n`;
}

/** Forwards one scenario's step events to the run, and records them. */
export class ScenarioReporter {
	constructor(
		private readonly run: vscode.TestRun,
		private readonly results: ReportedResults,
		private readonly uri: vscode.Uri,
		private readonly scenarioItem: vscode.TestItem,
		private readonly stepItems: readonly vscode.TestItem[],
	) {}

	enqueue(): void {
		for (const item of [this.scenarioItem, ...this.stepItems]) {
			this.run.enqueued(item);
			this.results.set(item.id, { state: 'enqueued' });
		}
	}

	started(): void {
		this.run.started(this.scenarioItem);
		this.results.set(this.scenarioItem.id, { state: 'started' });
	}

	onStep(event: StepEvent): void {
		const item = this.stepItems[event.index];
		if (!item) {
			return;
		}
		switch (event.type) {
			case 'started':
				this.run.started(item);
				this.results.set(item.id, { state: 'started' });
				break;
			case 'passed':
				this.run.passed(item, event.durationMs);
				this.results.set(item.id, { state: 'passed', durationMs: event.durationMs });
				break;
			case 'failed': {
				const line = event.step.range.startLine;
				const location = new vscode.Location(this.uri, new vscode.Position(line, 0));
				const isExact = event.step.kind === 'expect' && event.step.match.kind === 'exact';
				const messages = failureMessages(event.failure, isExact, location);
				this.run.failed(item, messages, event.durationMs);
				this.results.set(item.id, {
					state: 'failed',
					message: messages[0]!.message.toString(),
					expected: isExact ? bodyText(event.failure.expected) : undefined,
					actual: isExact && event.failure.actual !== undefined ? bodyText(event.failure.actual) : undefined,
					line,
					durationMs: event.durationMs,
				});
				break;
			}
			case 'skipped':
				this.run.skipped(item);
				this.results.set(item.id, { state: 'skipped' });
				break;
		}
	}

	finished(result: ScenarioResult): void {
		this.run.appendOutput(formatTranscript(result.scenario.name, result.transcript), undefined, this.scenarioItem);
		const scenarioLine = result.scenario.range.startLine;
		if (result.error) {
			this.errored(result.error, scenarioLine);
			return;
		}
		if (result.status === 'passed') {
			this.run.passed(this.scenarioItem, result.durationMs);
			this.results.set(this.scenarioItem.id, { state: 'passed', durationMs: result.durationMs });
		} else if (result.status === 'aborted') {
			this.run.skipped(this.scenarioItem);
			this.results.set(this.scenarioItem.id, { state: 'skipped' });
		} else {
			const failed = result.steps.find((step) => step.status === 'failed');
			const text = failed?.failure
				? vscode.l10n.t('Step at line {0} failed: {1}', failed.step.line, failed.failure.message)
				: vscode.l10n.t('The scenario failed.');
			const message = new vscode.TestMessage(text);
			const line = failed ? failed.step.range.startLine : scenarioLine;
			message.location = new vscode.Location(this.uri, new vscode.Position(line, 0));
			this.run.failed(this.scenarioItem, message, result.durationMs);
			this.results.set(this.scenarioItem.id, {
				state: 'failed',
				message: text,
				line,
				durationMs: result.durationMs,
			});
		}
		// Steps the engine did not report (it could not start) are skipped, not left spinning.
		for (const [index, item] of this.stepItems.entries()) {
			if (!result.steps[index] || this.results.get(item.id)?.state === 'enqueued') {
				this.run.skipped(item);
				this.results.set(item.id, { state: 'skipped' });
			}
		}
	}

	/** Not run: the user did not agree to a Space run, or the run was cancelled. */
	skipped(): void {
		for (const item of [this.scenarioItem, ...this.stepItems]) {
			this.run.skipped(item);
			this.results.set(item.id, { state: 'skipped' });
		}
	}

	/** The scenario could not run (a parse error in its file, no target): errored at `line`. */
	errored(text: string, line: number): void {
		const message = new vscode.TestMessage(text);
		message.location = new vscode.Location(this.uri, new vscode.Position(line, 0));
		this.run.errored(this.scenarioItem, message);
		this.results.set(this.scenarioItem.id, { state: 'errored', message: text, line });
		for (const item of this.stepItems) {
			if (this.results.get(item.id)?.state === 'enqueued' || this.results.get(item.id)?.state === 'started') {
				this.run.skipped(item);
				this.results.set(item.id, { state: 'skipped' });
			}
		}
	}
}
