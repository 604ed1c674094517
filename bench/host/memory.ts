/**
 * In-host suite: extension host heap while sending through the real command
 * (`signalwire.sendMessage` with an argument, 4 at a time) against the local sandbox, with
 * everything a send sets off (output channel, notification, history record, status following).
 * 1,000 sends as the headline; then 1,000 more, when the history is full at its cap (default
 * 1,000 entries), so that what is left is per-send growth that nothing bounds.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { extension, pause, report } from './common';

const SENDS = Number(process.env.BENCH_MEMORY_SENDS ?? 2000);
const HEADLINE = Math.min(SENDS, 1000);
const CHECKPOINT_EVERY = 250;
const CONCURRENCY = 4;
const WARMUP_SENDS = 100;
const FOLLOW_WAIT_MS = 45_000;

/** `global.gc` if exposed, else the V8 flag trick, else undefined (then: pause and take the min). */
function findGc(): { gc?: () => void; how: string } {
	const exposed = (globalThis as { gc?: () => void }).gc;
	if (typeof exposed === 'function') {
		return { gc: exposed, how: 'global.gc' };
	}
	try {
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc') as unknown;
		if (typeof gc === 'function') {
			return { gc: gc as () => void, how: "v8.setFlagsFromString('--expose-gc')" };
		}
	} catch {
		// not available
	}
	return { how: 'none (min of samples after a pause)' };
}

async function settledHeap(gc: (() => void) | undefined): Promise<number> {
	await pause(300);
	const samples: number[] = [];
	for (let i = 0; i < 5; i++) {
		gc?.();
		samples.push(process.memoryUsage().heapUsed);
		await pause(100);
	}
	return Math.min(...samples);
}

interface HistoryView {
	entries(filter?: object, limit?: number): { id: string }[];
	isFollowing(id: string): boolean;
}

/** TestApi.hooks (src/testHooks.ts): a build with test hooks has them; the production build (what the bench runs) throws. */
function followTimingHook(api: unknown): ((timing: { initialDelayMs?: number; maxDelayMs?: number }) => void) | undefined {
	try {
		return (api as { hooks?: { history?: { setFollowTiming?(timing: { initialDelayMs?: number; maxDelayMs?: number }): void } } } | undefined)?.hooks?.history?.setFollowTiming;
	} catch {
		return undefined;
	}
}

export async function run(): Promise<void> {
	const url = process.env.SIGNALWIRE_SANDBOX_URL;
	const projectId = process.env.SIGNALWIRE_SANDBOX_PROJECT_ID;
	const token = process.env.SIGNALWIRE_SANDBOX_TOKEN;
	if (!url || !projectId || !token) {
		throw new Error('the runner must set SIGNALWIRE_SANDBOX_URL/PROJECT_ID/TOKEN');
	}
	const api = await extension().activate();
	// The history service, when the extension has one (TestApi.history).
	const history = (api as { history?: HistoryView } | undefined)?.history;
	// Status following does the same fetches per message (the sandbox delivers after three), only
	// sooner than the default 2 s, 4 s, 8 s… back-off, so that waiting for it takes seconds. The
	// production build has no test hooks: there it follows with the default back-off.
	followTimingHook(api)?.({ initialDelayMs: 100, maxDelayMs: 400 });
	await fetch(`${url}/__sandbox/reset`, { method: 'POST', headers: { 'x-sandbox-control': '1' } });
	await vscode.commands.executeCommand('signalwire.signIn', { space: url, projectId, token });
	const { gc, how } = findGc();
	let failures = 0;
	let firstError = '';
	const sendBatch = async (count: number): Promise<void> => {
		await Promise.all(
			Array.from({ length: count }, () =>
				Promise.resolve(vscode.commands.executeCommand('signalwire.sendMessage', { to: '+15550100199', from: '+15550100100', body: 'bench' })).catch(
					(error: unknown) => {
						failures++;
						firstError ||= error instanceof Error ? error.message : String(error);
					},
				),
			),
		);
	};
	let sendMs = 0;
	const sendMany = async (total: number): Promise<void> => {
		const started = performance.now();
		for (let done = 0; done < total; done += CONCURRENCY) {
			await sendBatch(Math.min(CONCURRENCY, total - done));
		}
		sendMs += performance.now() - started;
	};
	/** Waits until no message is followed any more (the sandbox delivers after a few fetches). */
	const followed = (): number => (history ? history.entries({}).filter((e) => history.isFollowing(e.id)).length : 0);
	const waitForFollowing = async (): Promise<number> => {
		const started = performance.now();
		while (followed() > 0 && performance.now() - started < FOLLOW_WAIT_MS) {
			await pause(250);
		}
		return performance.now() - started;
	};

	// Warm-up: lazy initialisation (the history file is read on the first send) and JIT are not growth.
	await sendMany(WARMUP_SENDS);
	await waitForFollowing();
	const before = await settledHeap(gc);
	sendMs = 0;
	const curve: { sends: number; heapUsed: number }[] = [];
	let followWaitMs = 0;
	for (let sent = 0; sent < SENDS; ) {
		const step = Math.min(CHECKPOINT_EVERY, SENDS - sent);
		await sendMany(step);
		sent += step;
		if (sent === HEADLINE || sent === SENDS) {
			followWaitMs += await waitForFollowing();
		}
		curve.push({ sends: sent, heapUsed: await settledHeap(gc) });
	}
	const stillFollowed = followed();
	// Each success shows a notification whose promise stays pending until it is closed: the heap
	// after "Clear All Notifications" shows what they held.
	await vscode.commands.executeCommand('notifications.clearAll');
	const afterClear = await settledHeap(gc);
	const historyEntries = history ? history.entries({}).length : undefined;
	await fetch(`${url}/__sandbox/reset`, { method: 'POST', headers: { 'x-sandbox-control': '1' } });
	report({
		kind: 'memory',
		sends: SENDS,
		headline: HEADLINE,
		warmup: WARMUP_SENDS,
		before,
		curve,
		afterClear,
		historyEntries,
		stillFollowed,
		followWaitMs,
		gc: how,
		failures,
		firstError,
		sendSeconds: sendMs / 1000,
	});
}
