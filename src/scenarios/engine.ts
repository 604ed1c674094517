/**
 * Runs one scenario against a target (README, "Conversation tests"): checks its variables before
 * anything is sent, opens the target, watches each tester's inbox, runs the steps in order and
 * stops at the first failure. Tells `onStep` as each step starts and ends. Never rejects.
 */
import * as l10n from '@vscode/l10n';
import type { RunOptions, ScenarioResult, StepEvent, StepFailure, StepResult, Target, TargetSession } from './runTypes';
import { runStep, type RunContext } from './steps';
import { firstUnknownVariable, renderText, UnknownVariableError } from './template';
import { DEFAULT_TIMEOUT_MS, type Scenario } from './types';
import { AbortedError, Changes, Inbox } from './waiting';
import { errorText } from '../errors/errorText';

const E164 = /^\+[1-9]\d{1,14}$/;

export async function runScenario(
	scenario: Scenario,
	target: Target,
	options: RunOptions = {},
): Promise<ScenarioResult> {
	const started = Date.now();
	const signal = options.signal ?? new AbortController().signal;
	const steps: StepResult[] = scenario.steps.map((step) => ({ step, status: 'skipped', durationMs: 0 }));
	const result: ScenarioResult = { scenario, status: 'passed', steps, transcript: [], durationMs: 0 };
	const emit = (event: StepEvent): void => {
		try {
			options.onStep?.(event);
		} catch {
			// A listener's error must not stop the run.
		}
	};
	const location = (line: number): StepFailure['location'] => ({ path: options.path, line });
	/** Fails the step at `index` (or the first) before anything ran; the rest are skipped. */
	const failEarly = (message: string, line?: number): ScenarioResult => {
		const index = Math.max(
			0,
			line === undefined
				? 0
				: scenario.steps.findIndex((s) => s.range.startLine + 1 <= line && line <= s.range.endLine + 1),
		);
		result.status = 'failed';
		result.error = message;
		scenario.steps.forEach((step, i) => {
			if (i === index) {
				const failure: StepFailure = {
					message,
					expected: step.text,
					arrivedDuringWait: [],
					location: location(line ?? step.line),
				};
				steps[i] = { step, status: 'failed', durationMs: 0, failure };
				emit({ type: 'started', scenario, step, index: i, at: Date.now() });
				emit({ type: 'failed', scenario, step, index: i, durationMs: 0, failure });
			} else {
				emit({ type: 'skipped', scenario, step, index: i });
			}
		});
		result.durationMs = Date.now() - started;
		return result;
	};

	const vars = new Map(Object.entries(options.vars ?? {}));
	const unknown = firstUnknownVariable(scenario, (name) => vars.has(name));
	if (unknown) {
		return failEarly(
			l10n.t(
				'Unknown variable {0} (line {1}): nothing was sent. Give it with --var {2}=value or the environment.',
				`\${${unknown.name}}`,
				unknown.line,
				unknown.name,
			),
			unknown.line,
		);
	}
	const get = (name: string): string | undefined => vars.get(name);
	if (!scenario.from || !scenario.to) {
		return failEarly(l10n.t('The scenario has no "from:" or "to:".'));
	}
	const from = renderText(scenario.from, get);
	const to = renderText(scenario.to, get);
	const testers = new Map<string, string>([['', from]]);
	scenario.handsets.forEach((h) => testers.set(h.name, renderText(h.number, get)));
	for (const number of [from, to, ...testers.values()]) {
		if (!E164.test(number)) {
			return failEarly(
				l10n.t('"{0}" is not a phone number in E.164 form (such as +15550100123): nothing was sent.', number),
			);
		}
	}
	if ([...testers.values()].includes(to)) {
		return failEarly(l10n.t('The tester and the number under test are both {0}.', to));
	}
	const app = scenario.app ? renderText(scenario.app, get) : options.appUrl;

	let session: TargetSession;
	try {
		session = await target.open(
			{ from, to, testers: [...new Set(testers.values())], ...(app ? { app } : {}) },
			signal,
		);
	} catch (error) {
		return failEarly(l10n.t('Could not start on the {0} target: {1}', target.name, errorText(error)));
	}
	const changes = new Changes();
	const ctx: RunContext = {
		scenario,
		session,
		signal,
		to,
		testers,
		inboxes: new Map(),
		changes,
		vars,
		timeoutMs: scenario.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		transcript: result.transcript,
		cleanups: [],
	};
	for (const tester of new Set(testers.values())) {
		const inbox = new Inbox(tester, to, changes);
		ctx.inboxes.set(tester, inbox);
		ctx.cleanups.push(
			session.watchInbox(tester, (message) => {
				if (!inbox.all.some((m) => m.sid === message.sid)) {
					result.transcript.push({
						at: message.at,
						kind: 'received',
						from: message.from,
						to: message.to,
						text: message.body,
					});
				}
				inbox.add(message);
			}),
		);
	}

	try {
		for (let i = 0; i < scenario.steps.length; i++) {
			const step = scenario.steps[i];
			if (signal.aborted || result.status !== 'passed') {
				emit({ type: 'skipped', scenario, step, index: i });
				continue;
			}
			const stepStart = Date.now();
			emit({ type: 'started', scenario, step, index: i, at: stepStart });
			try {
				const outcome = await runStep(ctx, step, scenario.steps[i + 1]);
				const durationMs = Date.now() - stepStart;
				if (outcome.ok) {
					steps[i] = {
						step,
						status: 'passed',
						durationMs,
						...(outcome.detail !== undefined ? { detail: outcome.detail } : {}),
					};
					emit({ type: 'passed', scenario, step, index: i, durationMs, detail: outcome.detail });
				} else {
					const failure: StepFailure = { ...outcome.failure, location: location(step.line) };
					steps[i] = { step, status: 'failed', durationMs, failure };
					result.status = 'failed';
					emit({ type: 'failed', scenario, step, index: i, durationMs, failure });
				}
			} catch (error) {
				if (error instanceof AbortedError || signal.aborted) {
					result.status = 'aborted';
					emit({ type: 'skipped', scenario, step, index: i });
					continue;
				}
				const message =
					error instanceof UnknownVariableError
						? l10n.t('Unknown variable {0}.', `\${${error.variable}}`)
						: l10n.t('The {0} target failed: {1}', target.name, errorText(error));
				const failure: StepFailure = {
					message,
					expected: step.text,
					arrivedDuringWait: [],
					location: location(step.line),
				};
				steps[i] = { step, status: 'failed', durationMs: Date.now() - stepStart, failure };
				result.status = 'failed';
				emit({ type: 'failed', scenario, step, index: i, durationMs: steps[i].durationMs, failure });
			}
		}
	} finally {
		ctx.cleanups.forEach((cleanup) => cleanup());
		await session.close().catch(() => undefined);
	}
	if (signal.aborted && result.status === 'passed' && steps.some((s) => s.status === 'skipped')) {
		result.status = 'aborted';
	}
	result.durationMs = Date.now() - started;
	return result;
}
