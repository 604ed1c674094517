/**
 * 500 sends in a row through the argument form of `signalwire.sendMessage`, 4 at a time, inside
 * the real VS Code: each is sent, recorded and presented exactly once, with bounded memory.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { HistoryStore } from '../../src/history/store';
import type { SendOutcome } from '../../src/send/outcome';
import { sandboxControl, useQuietSession } from './helpers';
import { captureWindow } from './windowCapture';

const TOTAL = 500;
const CONCURRENCY = 4;
const HEAP_GROWTH_LIMIT_MB = 50;

/**
 * A full garbage collection, so that heapUsed counts what is retained rather than garbage not yet
 * collected (the extension host runs without --expose-gc; this turns it on for this process).
 */
function collectGarbage(): boolean {
	try {
		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc') as (() => void) | undefined;
		if (typeof gc === 'function') {
			gc();
			return true;
		}
	} catch {
		// Not available on this host: the figure then includes uncollected garbage.
	}
	return false;
}

describe('reliability: load, 500 sends 4 at a time', () => {
	// This measures sends: following 500 statuses would go on fetching long after the test.
	const session = useQuietSession({ resetSandbox: true });

	after(async () => {
		await sandboxControl.reset();
	});

	it(`sends ${TOTAL} messages: each recorded once and on the server once, heap growth under ${HEAP_GROWTH_LIMIT_MB} MB`, async function () {
		this.timeout(120_000);
		const window = captureWindow();
		const outcomes: SendOutcome[] = [];
		const listener = session.api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		const sids: string[] = [];
		const failures: string[] = [];
		collectGarbage();
		const heapBefore = process.memoryUsage().heapUsed;
		const started = Date.now();
		try {
			let next = 0;
			const worker = async (): Promise<void> => {
				while (next < TOTAL) {
					const n = next++;
					try {
						const message = await vscode.commands.executeCommand<{ sid: string; body: string }>('signalwire.sendMessage', {
							to: '+15550100199',
							from: '+15550100100',
							body: `load ${n}`,
						});
						assert.equal(message.body, `load ${n}`);
						sids.push(message.sid);
					} catch (error) {
						failures.push(`#${n}: ${error instanceof Error ? error.message : String(error)}`);
					}
				}
			};
			await Promise.all(Array.from({ length: CONCURRENCY }, worker));
		} finally {
			listener.dispose();
			window.restore();
		}
		const seconds = (Date.now() - started) / 1000;
		await new Promise((resolve) => setTimeout(resolve, 100));
		const uncollectedMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
		const collected = collectGarbage();
		const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
		console.log(
			`      load: ${TOTAL} sends in ${seconds.toFixed(1)} s (${(TOTAL / seconds).toFixed(0)}/s), heapUsed growth ${heapGrowthMb.toFixed(1)} MB` +
				(collected ? ` after a full GC (${uncollectedMb.toFixed(1)} MB before it)` : ' (no GC available: includes garbage)'),
		);

		assert.deepEqual(failures, [], 'every send succeeded');
		assert.equal(sids.length, TOTAL);
		assert.equal(new Set(sids).size, TOTAL, 'unique sids');

		const messages = await sandboxControl.messages();
		assert.equal(messages.length, TOTAL, 'the server holds each message once');
		assert.equal(new Set(messages.map((m) => m.sid)).size, TOTAL);
		assert.deepEqual(new Set(messages.map((m) => m.sid)), new Set(sids), 'the server holds exactly the messages the commands returned');
		const bodies = messages.map((m) => String(m.body));
		assert.equal(new Set(bodies).size, TOTAL, 'no body sent twice');
		const posts = (await sandboxControl.requests()).filter((r) => r.method === 'POST').length;
		assert.equal(posts, TOTAL, 'one POST per send');

		assert.equal(outcomes.length, TOTAL, 'each attempt recorded once');
		assert.equal(new Set(outcomes.map((o) => o.id)).size, TOTAL, 'unique attempt ids');
		assert.deepEqual(new Set(outcomes.map((o) => o.message?.sid)), new Set(sids));
		assert.equal(window.notifications.filter((n) => n.severity === 'info').length, TOTAL, 'each success shown once');

		// History: each send once, in memory and in the journal on disk (read by a fresh store).
		const isLoad = (body: string | undefined) => /^load \d+$/.test(body ?? '');
		const inHistory = session.api.history.entries({}).filter((e) => isLoad(e.params.body));
		assert.equal(inHistory.length, TOTAL, 'each send is one history entry');
		assert.deepEqual(new Set(inHistory.map((e) => e.id)), new Set(outcomes.map((o) => o.id)));
		assert.deepEqual(new Set(inHistory.map((e) => e.message?.sid)), new Set(sids));
		assert.equal(new Set(inHistory.map((e) => e.params.body)).size, TOTAL);
		await session.api.history.flush();
		const fresh = new HistoryStore({ file: session.api.history.file, maxEntries: 100_000 });
		await fresh.load();
		const onDisk = fresh.model.newestFirst().filter((e) => isLoad(e.params.body));
		assert.equal(onDisk.length, TOTAL, 'each send is one entry in the journal');
		assert.deepEqual(new Set(onDisk.map((e) => e.message?.sid)), new Set(sids));
		assert.deepEqual(session.unhandled, [], 'no session.unhandled rejection');
		assert.ok(heapGrowthMb < HEAP_GROWTH_LIMIT_MB, `heapUsed grew by ${heapGrowthMb.toFixed(1)} MB`);
	});
});
