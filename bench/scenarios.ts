/**
 * Conversation tests (src/scenarios/, cli/): the engine's own cost per step on the local target
 * (beyond the reply's delay), 100 scenarios of 6 steps through the built CLI with --parallel 4,
 * and the list requests per minute per tester number on the Space target while scenarios wait.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/server';
import type { Message } from '../src/core/types';
import { SignalWireClient } from '../src/signalwire/client';
import { runScenario } from '../src/scenarios/engine';
import { LocalTarget } from '../src/scenarios/localTarget';
import { parseScenarios } from '../src/scenarios/parse';
import { SpaceTarget } from '../src/scenarios/spaceTarget';
import { ROOT } from '../scripts/lib/codeServer';
import { median, ms, quantile, type Row } from './stats';

export const OVERHEAD_GOAL_MS = 5;
export const PARALLEL_GOAL_S = 20;
export const LISTS_GOAL_PER_MINUTE = 60;
const REPLY_DELAY_MS = 50;

/** Per turn (`> x` then `< Echo: x`): the send step's time plus the time from the reply's creation to its step passing. */
async function engineOverhead(turns: number): Promise<{ turns: number[]; sends: number[]; reactions: number[] }> {
	// 'fetch' mode: the echo handset answers replyDelayMs after the send itself, no statuses in between.
	const sandbox = await startSandbox({ statusProgression: 'fetch', replyDelayMs: REPLY_DELAY_MS });
	const created = new Map<string, number>();
	const onMessage = (m: Message): void => {
		if (m.direction === 'inbound') {
			created.set(m.body ?? '', performance.now());
		}
	};
	sandbox.events.on('message', onMessage);
	try {
		const lines = ['scenario: overhead', 'from: +15550100100', 'to: +15550100555'];
		for (let i = 0; i < turns; i++) {
			lines.push(`> turn ${i}`, `< Echo: turn ${i}`);
		}
		const scenario = parseScenarios(lines.join('\n')).file.scenarios[0];
		const sendMs: number[] = [];
		const reactMs: number[] = [];
		await runScenario(scenario, new LocalTarget(sandbox), {
			onStep: (event) => {
				if (event.type === 'passed' && event.step.kind === 'send') {
					sendMs.push(event.durationMs);
				} else if (event.type === 'passed' && event.step.kind === 'expect') {
					reactMs.push(performance.now() - created.get(event.detail ?? '')!);
				}
			},
		});
		return { turns: sendMs.map((s, i) => s + reactMs[i]), sends: sendMs, reactions: reactMs };
	} finally {
		sandbox.events.off('message', onMessage);
		await sandbox.close();
	}
}

/** Wall time of `sms-sandbox test` (the built file) on 100 scenarios of 6 steps, --parallel 4. */
function parallelRun(): { seconds: number; code: number | null; summary: string } {
	const build = spawnSync(process.execPath, ['esbuild.js', '--cli'], { cwd: ROOT, encoding: 'utf8' });
	if (build.status !== 0) {
		throw new Error(build.stderr);
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scenarios-'));
	const testers = ['+15550100100', '+15550100101', '+15550100102', '+15550100104'];
	const text = Array.from({ length: 100 }, (_, i) =>
		[
			`scenario: s${i}`,
			`from: ${testers[i % 4]}`,
			'to: +15550100555',
			...[1, 2, 3].flatMap((t) => [`> s${i} turn ${t}`, `< Echo: s${i} turn ${t}`]),
		].join('\n'),
	).join('\n\n');
	fs.writeFileSync(path.join(dir, 'bench.smstest'), text);
	try {
		const started = performance.now();
		const run = spawnSync(
			process.execPath,
			[
				path.join(ROOT, 'cli', 'dist', 'sms-sandbox.js'),
				'test',
				'bench.smstest',
				'--parallel',
				'4',
				'--reply-delay-ms',
				String(REPLY_DELAY_MS),
				'--status-step-ms',
				'10',
			],
			{
				cwd: dir,
				encoding: 'utf8',
				env: { ...process.env, NO_COLOR: '1' },
			},
		);
		return {
			seconds: (performance.now() - started) / 1000,
			code: run.status,
			summary: run.stdout.trim().split('\n').at(-1) ?? '',
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * List requests for one tester number while `waiting` scenarios wait on it (Space target, a local
 * server as the Space): per minute from the mean gap between two requests, and the shortest gap.
 */
async function spaceListsPerMinute(
	waiting: number,
	waitMs: number,
): Promise<{ perMinute: number; minGapMs: number; count: number }> {
	const space = await startSandbox({ statusStepMs: 100 });
	try {
		const client = new SignalWireClient({
			credentials: { space: space.url, projectId: space.projectId, token: space.token },
		});
		const target = new SpaceTarget(client, { pollMs: 1000, sendGapMs: 0 });
		const tester = '+15550100100';
		const text = Array.from(
			{ length: waiting },
			(_, i) => `scenario: w${i}\nfrom: ${tester}\nto: +1555123450${i}\n> hi\n< never\n  within: ${waitMs}ms\n`,
		).join('');
		await Promise.all(parseScenarios(text).file.scenarios.map((scenario) => runScenario(scenario, target)));
		const times = space.requests
			.filter((r) => r.method === 'GET' && /\/Messages(\.json)?$/.test(r.path) && r.query.To?.[0] === tester)
			.map((r) => Date.parse(r.time));
		const gaps = times.slice(1).map((t, i) => t - times[i]);
		const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
		return { perMinute: 60_000 / mean, minGapMs: Math.min(...gaps), count: times.length };
	} finally {
		await space.close();
	}
}

export async function benchScenarios(log: (line: string) => void): Promise<Row[]> {
	log('scenarios: engine overhead per turn (local target, 50 turns)');
	await engineOverhead(5); // warm-up
	const { turns, sends, reactions } = await engineOverhead(50);
	const perStep = turns.map((t) => t / 2);
	log('scenarios: 100 scenarios × 6 steps, --parallel 4, through the built CLI');
	const parallel = parallelRun();
	log('scenarios: Space target list requests while 10 scenarios wait on one tester');
	const lists = await spaceListsPerMinute(10, 15_000);
	return [
		{
			area: 'Conversation tests',
			what: 'engine overhead per step, local target (a send + its reply, minus the 50 ms reply delay, / 2)',
			figure: `${ms(median(perStep))} median, ${ms(quantile(perStep, 0.95))} p95`,
			goal: `< ${OVERHEAD_GOAL_MS} ms`,
			compared: `per turn ${ms(median(turns))}: send (HTTP create) ${ms(median(sends))}, reply event → step passed ${ms(median(reactions))} (medians); load ${os.loadavg()[0].toFixed(1)}`,
			met: median(perStep) < OVERHEAD_GOAL_MS,
			raw: { turnsMs: turns },
		},
		{
			area: 'Conversation tests',
			what: '100 scenarios × 6 steps, --parallel 4, reply delay 50 ms (built CLI, wall time)',
			figure: `${parallel.seconds.toFixed(1)} s`,
			goal: `< ${PARALLEL_GOAL_S} s`,
			compared: `exit ${parallel.code}: ${parallel.summary}; statuses every 10 ms`,
			met: parallel.seconds < PARALLEL_GOAL_S && parallel.code === 0,
		},
		{
			area: 'Conversation tests',
			what: 'Space target: list requests per minute for one tester while 10 scenarios wait on it',
			figure: `${lists.perMinute.toFixed(1)} / min`,
			goal: `≤ ${LISTS_GOAL_PER_MINUTE} / min`,
			compared: `${lists.count} requests in 15 s (the baseline included), shortest gap ${ms(lists.minGapMs)}; one shared request per 1 s tick`,
			met: lists.perMinute <= LISTS_GOAL_PER_MINUTE,
		},
	];
}
