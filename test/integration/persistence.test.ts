/**
 * The history file of the real extension (its globalStorage `history.jsonl`) shared with a second
 * store instance, as a second window would: concurrent writes from both (with compactions) lose
 * nothing, and a journal cut short in the middle of a write is recovered on the next start while
 * the running window carries on.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HistoryService } from '../../src/history/historyService';
import type { HistoryEntry } from '../../src/history/entry';
import { parseJournal } from '../../src/history/journal';
import { HistoryStore } from '../../src/history/store';
import type { SendOutcome } from '../../src/send/outcome';
import { overrideSetting, sandboxControl, useQuietSession, waitUntil } from './helpers';

const SENDS = 40;
const OTHER_WRITES = 100;

describe('reliability: history persistence across windows', function () {
	this.timeout(60_000);
	const session = useQuietSession({ resetSandbox: true });

	let restoreMaxEntries: (() => Promise<void>) | undefined;

	afterEach(async () => {
		await restoreMaxEntries?.();
		restoreMaxEntries = undefined;
		assert.deepEqual(session.unhandled, [], 'no session.unhandled rejection');
	});

	async function freshIds(): Promise<Set<string>> {
		const fresh = new HistoryStore({ file: session.api.history.file, maxEntries: 100_000 });
		const report = await fresh.load();
		assert.equal(report.corruptLines, 0, 'the journal is clean');
		return new Set(fresh.model.newestFirst().map((e) => e.id));
	}

	it(`two windows at once: ${SENDS} sends here and ${OTHER_WRITES} records from a second store, with compactions, lose nothing`, async () => {
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		const other = new HistoryStore({ file: session.api.history.file, maxEntries: 100_000 });
		await other.load();
		const outcomes: SendOutcome[] = [];
		const listener = session.api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		const otherIds: string[] = [];
		const run = Date.now();
		try {
			let next = 0;
			const sender = async () => {
				while (next < SENDS) {
					const n = next++;
					await vscode.commands.executeCommand('signalwire.sendMessage', { to: '+15550100199', from: '+15550100100', body: `window A ${n}` });
				}
			};
			const otherWindow = async () => {
				const writes: Promise<unknown>[] = [];
				for (let i = 0; i < OTHER_WRITES; i++) {
					const now = Date.now();
					const entry: HistoryEntry = {
						id: `window-b-${run}-${i}`,
						profile,
						params: { to: '+15550100198', from: '+15550100100', body: `window B ${i}` },
						error: { kind: 'timeout', message: 'recorded by the other window' },
						createdAt: now,
						updatedAt: now,
					};
					otherIds.push(entry.id);
					writes.push(other.add(entry));
					if (i === 30) {
						writes.push(other.compact());
					}
					if (i === 60) {
						writes.push(session.api.hooks.history.store.compact());
					}
					await new Promise((resolve) => setTimeout(resolve, i % 10 === 0 ? 5 : 0));
				}
				await Promise.all(writes);
			};
			await Promise.all([sender(), sender(), sender(), sender(), otherWindow()]);
		} finally {
			listener.dispose();
		}
		await session.api.history.flush();
		await other.flush();
		const hereIds = outcomes.map((o) => o.id);
		assert.equal(hereIds.length, SENDS);
		const all = [...hereIds, ...otherIds];

		const onDisk = await freshIds();
		assert.deepEqual(all.filter((id) => !onDisk.has(id)), [], 'every record of both windows is in the file');

		await other.sync();
		assert.deepEqual(all.filter((id) => !other.model.has(id)), [], 'the second window holds both windows\' records');

		await session.api.history.reload();
		await waitUntil(() => all.every((id) => session.api.history.get(id) !== undefined), 10_000, 'this window to hold both windows\' records');
		assert.equal((await sandboxControl.messages()).length, SENDS, 'each send reached the server once');
	});

	it('a journal cut short in the middle of a write is recovered on the next start; the running window carries on', async () => {
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		// The next start keeps signalwire.history.maxEntries (1,000) of the newest: suites that ran
		// before (500 sends, 250 imports...) can leave more, which it would rightly drop.
		restoreMaxEntries = await overrideSetting('history.maxEntries', 100_000);
		await session.api.history.flush();
		const kept = await freshIds();
		assert.ok(kept.size > 0);

		// A second window starts writing one more record and dies half-way through it.
		const now = Date.now();
		const cut: HistoryEntry = {
			id: `cut-short-${now}`,
			profile,
			params: { to: '+15550100197', from: '+15550100100', body: 'the write that was cut short' },
			error: { kind: 'network', message: 'crashed' },
			createdAt: now,
			updatedAt: now,
		};
		const line = `\n${JSON.stringify({ op: 'add', entry: cut, w: 'crashed-window' })}\n`;
		fs.appendFileSync(session.api.history.file, line.slice(0, Math.floor(line.length / 2)));
		const damaged = fs.readFileSync(session.api.history.file, 'utf8');
		assert.equal(parseJournal(damaged).truncated, true, 'the file now ends in a half-written line');

		// The next start (a new service on the same folder, as after a window reload).
		const next = new HistoryService({ storageDir: path.dirname(session.api.history.file), clients: session.api.services.clients, credentials: session.api.services.credentials, logger: session.api.services.logger, watch: false, notify: false });
		try {
			await next.ready();
			const report = next.lastLoad;
			assert.ok(report, 'the next start loaded the file');
			assert.equal(report.corruptLines, 1, 'one damaged line');
			assert.equal(report.truncated, true);
			assert.ok(report.backupFile && fs.readFileSync(report.backupFile, 'utf8') === damaged, 'the damaged file is kept aside as it was');
			const recovered = new Set(next.entries({}).map((e) => e.id));
			assert.deepEqual([...kept].filter((id) => !recovered.has(id)), [], 'every complete record is kept');
			assert.equal(recovered.has(cut.id), false, 'the half-written record is dropped, not half-read');
		} finally {
			next.dispose();
		}
		const clean = await freshIds();
		assert.deepEqual([...kept].filter((id) => !clean.has(id)), [], 'the rewritten file holds every complete record');

		// The running window still records, into the rewritten file.
		const outcomes: SendOutcome[] = [];
		const listener = session.api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		try {
			await vscode.commands.executeCommand('signalwire.sendMessage', { to: '+15550100199', from: '+15550100100', body: 'after the recovery' });
		} finally {
			listener.dispose();
		}
		await session.api.history.flush();
		const after = await freshIds();
		assert.ok(after.has(outcomes[0]!.id), 'a send after the recovery is in the file');
		assert.ok(session.api.history.get(outcomes[0]!.id), 'and in this window');
		await session.api.history.reload();
		assert.deepEqual([...kept].filter((id) => !session.api.history.get(id)), [], 'this window still holds every complete record');
	});
});
