/**
 * What each kind of step does (README, "Conversation tests"), given a running scenario's context.
 * Each returns pass (with a detail) or a failure: what was expected, what there was, and the
 * messages that arrived during the wait.
 */
import * as l10n from '@vscode/l10n';
import type { ArrivedMessage, SendResult, StatusUpdate, StepFailure, TargetSession, TranscriptEntry } from './runTypes';
import { renderRegexSource, renderText } from './template';
import type { CountCheck, ErrorStep, ExpectStep, Scenario, SendStep, SilenceStep, StatusStep, Step } from './types';
import { Changes, Inbox, pause } from './waiting';

export interface LastSend {
	result: SendResult;
	statuses: StatusUpdate[];
}

export interface RunContext {
	scenario: Scenario;
	session: TargetSession;
	signal: AbortSignal;
	/** The number under test. */
	to: string;
	/** '' for `from:`, else the handset's name → its number. */
	testers: Map<string, string>;
	inboxes: Map<string, Inbox>;
	changes: Changes;
	vars: Map<string, string>;
	timeoutMs: number;
	transcript: TranscriptEntry[];
	lastSend?: LastSend;
	/** Unsubscribes status watches at the end. */
	cleanups: Array<() => void>;
}

export type Outcome = { ok: true; detail?: string } | { ok: false; failure: Omit<StepFailure, 'location'> };

const PROGRESS = ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read'];
const FINAL = ['delivered', 'undelivered', 'failed', 'received', 'canceled', 'read'];

const pass = (detail?: string): Outcome => ({ ok: true, detail });
const failure = (failure: Omit<StepFailure, 'location'>): Outcome => ({ ok: false, failure });

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

function testerOf(ctx: RunContext, step: SendStep | ExpectStep): string {
	return ctx.testers.get(step.handset ?? '')!;
}

const lookup =
	(ctx: RunContext) =>
	(name: string): string | undefined =>
		ctx.vars.get(name);

export async function runStep(ctx: RunContext, step: Step, next: Step | undefined): Promise<Outcome> {
	switch (step.kind) {
		case 'send':
			return send(ctx, step, next);
		case 'expect':
			return expect(ctx, step);
		case 'status':
			return status(ctx, step);
		case 'error':
			return error(ctx, step);
		case 'silence':
			return silence(ctx, step);
		case 'wait':
			await pause(step.durationMs, ctx.signal);
			return pass();
		case 'set':
			ctx.vars.set(step.name, renderText(step.value, lookup(ctx)));
			return pass();
	}
}

async function send(ctx: RunContext, step: SendStep, next: Step | undefined): Promise<Outcome> {
	const from = testerOf(ctx, step);
	const body = renderText(step.body, lookup(ctx));
	const mediaUrls = step.media.map((m) => renderText(m, lookup(ctx)));
	const at = Date.now();
	const result = await ctx.session.send({ from, to: ctx.to, body, mediaUrls }, ctx.signal);
	ctx.lastSend = { result, statuses: [] };
	if (result.ok) {
		ctx.transcript.push({
			at,
			kind: 'sent',
			from,
			to: ctx.to,
			text: body + (mediaUrls.length ? ` [${mediaUrls.length} media]` : ''),
		});
		const last = ctx.lastSend;
		ctx.cleanups.push(
			ctx.session.watchStatus(result.sid, (update) => {
				if (last.statuses.at(-1)?.status !== update.status) {
					last.statuses.push(update);
					ctx.transcript.push({
						at: update.at,
						kind: 'status',
						text: `${update.status}${update.errorCode ? ` (${update.errorCode})` : ''}`,
					});
					ctx.changes.notify();
				}
			}),
		);
		return pass(result.sid);
	}
	ctx.transcript.push({
		at: Date.now(),
		kind: 'refused',
		from,
		to: ctx.to,
		text: `${body} → ${result.code}: ${result.message}`,
	});
	if (next?.kind === 'error') {
		return pass(l10n.t('refused with {0}', result.code));
	}
	return failure({
		message: l10n.t('The send was refused with {0}: {1}', result.code, result.message),
		expected: l10n.t('the message to be accepted'),
		actual: l10n.t('refused with {0}', result.code),
		arrivedDuringWait: [],
	});
}

function countMatches(check: CountCheck, n: number): boolean {
	switch (check.op) {
		case '=':
			return n === check.count;
		case '<=':
			return n <= check.count;
		case '>=':
			return n >= check.count;
		case '<':
			return n < check.count;
		case '>':
			return n > check.count;
	}
}

function countText(check: CountCheck): string {
	return check.op === '=' ? String(check.count) : `${check.op}${check.count}`;
}

/** The expectation in words, variables substituted. */
export function describeExpect(step: ExpectStep, get: (name: string) => string | undefined): string {
	const body =
		step.match.kind === 'exact'
			? JSON.stringify(renderText(step.match.text, get))
			: `/${renderRegexSource(step.match.source, get)}/${step.match.flags}`;
	const media = step.media ? l10n.t(', media {0}', countText(step.media)) : '';
	const segments = step.segments ? l10n.t(', segments {0}', countText(step.segments)) : '';
	return body + media + segments;
}

async function expect(ctx: RunContext, step: ExpectStep): Promise<Outcome> {
	const tester = testerOf(ctx, step);
	const inbox = ctx.inboxes.get(tester)!;
	const get = lookup(ctx);
	const expected = describeExpect(step, get);
	const waitMs = step.withinMs ?? ctx.timeoutMs;
	const started = Date.now();
	const mark = inbox.all.length;
	const earlier = [...inbox.pending];
	const during = (): ArrivedMessage[] => [...earlier, ...inbox.since(mark).filter((m) => !earlier.includes(m))];
	const message = await ctx.changes.until(() => inbox.pending[0], started + waitMs, ctx.signal);
	if (!message) {
		return failure({
			message: l10n.t('No message from {0} to {1} within {2}.', ctx.to, tester, seconds(waitMs)),
			expected,
			arrivedDuringWait: during(),
			waitedMs: Date.now() - started,
		});
	}
	inbox.pending.shift();
	const bodyOk =
		step.match.kind === 'exact'
			? message.body === renderText(step.match.text, get)
			: new RegExp(renderRegexSource(step.match.source, get), step.match.flags).test(message.body);
	const mediaOk = !step.media || countMatches(step.media, message.numMedia);
	const segmentsOk = !step.segments || countMatches(step.segments, message.numSegments);
	if (!bodyOk || !mediaOk || !segmentsOk) {
		const what = !bodyOk
			? l10n.t('The reply did not match.')
			: !mediaOk
				? l10n.t('The reply had {0} media, expected {1}.', message.numMedia, countText(step.media!))
				: l10n.t('The reply took {0} segments, expected {1}.', message.numSegments, countText(step.segments!));
		return failure({
			message: what,
			expected,
			actual:
				JSON.stringify(message.body) +
				l10n.t(' ({0} media, {1} segments)', message.numMedia, message.numSegments),
			arrivedDuringWait: during(),
			waitedMs: Date.now() - started,
		});
	}
	for (const save of step.saves) {
		const m = save.pattern.exec(message.body);
		if (!m) {
			return failure({
				message: l10n.t('save: {0}: /{1}/ found nothing in the reply.', save.name, save.pattern.source),
				expected: `/${save.pattern.source}/${save.pattern.flags}`,
				actual: JSON.stringify(message.body),
				arrivedDuringWait: during(),
			});
		}
		ctx.vars.set(save.name, m[1] ?? m[0]);
	}
	return pass(message.body);
}

function reached(actual: string, expected: string): boolean {
	const a = PROGRESS.indexOf(actual);
	const e = PROGRESS.indexOf(expected);
	return actual === expected || (a >= 0 && e >= 0 && a >= e);
}

async function status(ctx: RunContext, step: StatusStep): Promise<Outcome> {
	const last = ctx.lastSend;
	if (!last) {
		return failure({
			message: l10n.t('"status:" needs a send ("> text") before it.'),
			expected: step.status,
			arrivedDuringWait: [],
		});
	}
	if (!last.result.ok) {
		return failure({
			message: l10n.t('The last send was refused, so it has no status.'),
			expected: step.status,
			actual: l10n.t('refused with {0}', last.result.code),
			arrivedDuringWait: [],
		});
	}
	const started = Date.now();
	const outcome = await ctx.changes.until(
		() => {
			if (last.statuses.some((u) => reached(u.status, step.status))) {
				return 'passed';
			}
			const now = last.statuses.at(-1)?.status;
			return now !== undefined && FINAL.includes(now) ? 'final' : undefined;
		},
		started + ctx.timeoutMs,
		ctx.signal,
	);
	if (outcome === 'passed') {
		return pass(step.status);
	}
	const current = last.statuses.at(-1);
	const actual = current
		? current.status + (current.errorCode ? ` (${current.errorCode})` : '')
		: l10n.t('no status');
	return failure({
		message:
			outcome === 'final'
				? l10n.t('The last send ended as {0}, not {1}.', actual, step.status)
				: l10n.t(
						'The last send did not reach {0} within {1}; it is {2}.',
						step.status,
						seconds(ctx.timeoutMs),
						actual,
					),
		expected: step.status,
		actual,
		arrivedDuringWait: [],
		waitedMs: outcome === 'final' ? undefined : Date.now() - started,
	});
}

async function error(ctx: RunContext, step: ErrorStep): Promise<Outcome> {
	const last = ctx.lastSend;
	const expected = l10n.t('error {0}', step.code);
	if (!last) {
		return failure({
			message: l10n.t('"error:" needs a send ("> text") before it.'),
			expected,
			arrivedDuringWait: [],
		});
	}
	if (!last.result.ok) {
		return last.result.code === step.code
			? pass(l10n.t('refused with {0}', step.code))
			: failure({
					message: l10n.t('The last send was refused with {0}, not {1}.', last.result.code, step.code),
					expected,
					actual: last.result.code,
					arrivedDuringWait: [],
				});
	}
	const started = Date.now();
	const ended = await ctx.changes.until(
		() => last.statuses.find((u) => u.errorCode !== null || FINAL.includes(u.status)),
		started + ctx.timeoutMs,
		ctx.signal,
	);
	if (ended?.errorCode === step.code) {
		return pass(`${ended.status} (${ended.errorCode})`);
	}
	const actual = ended
		? `${ended.status}${ended.errorCode ? ` (${ended.errorCode})` : ''}`
		: (last.statuses.at(-1)?.status ?? l10n.t('no status'));
	return failure({
		message: ended
			? l10n.t('The last send ended as {0}, not with error {1}.', actual, step.code)
			: l10n.t('The last send got no error within {0}; it is {1}.', seconds(ctx.timeoutMs), actual),
		expected,
		actual,
		arrivedDuringWait: [],
		waitedMs: ended ? undefined : Date.now() - started,
	});
}

async function silence(ctx: RunContext, step: SilenceStep): Promise<Outcome> {
	const inboxes = [...ctx.inboxes.values()];
	const started = Date.now();
	const marks = inboxes.map((inbox) => inbox.all.length);
	const heard = await ctx.changes.until(
		() => inboxes.find((inbox) => inbox.pending.length > 0)?.pending[0],
		started + step.durationMs,
		ctx.signal,
	);
	if (!heard) {
		return pass();
	}
	const arrived = inboxes.flatMap((inbox, i) => [
		...inbox.pending.filter((m) => !inbox.since(marks[i]).includes(m)),
		...inbox.since(marks[i]),
	]);
	inboxes.forEach((inbox) => inbox.pending.splice(0));
	return failure({
		message: l10n.t('Expected no message from {0} for {1}, but one arrived.', ctx.to, seconds(step.durationMs)),
		expected: l10n.t('silence for {0}', seconds(step.durationMs)),
		actual: JSON.stringify(heard.body),
		arrivedDuringWait: arrived,
		waitedMs: Date.now() - started,
	});
}
