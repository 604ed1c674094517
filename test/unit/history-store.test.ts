import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serializeRecord } from '../../src/history/journal';
import { backupPath } from '../../src/history/journalFile';
import { acquireLock } from '../../src/history/lock';
import { HistoryStore } from '../../src/history/store';
import { entry, message } from '../fixtures/builders';

describe('history store', function () {
	this.timeout(30_000);
	let dir: string;
	let file: string;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-history-'));
		file = path.join(dir, 'nested', 'history.jsonl');
	});

	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	function store(maxEntries = 1000): HistoryStore {
		return new HistoryStore({ file, maxEntries });
	}

	it('starts empty without a file, creates its folder, and persists adds, updates, deletes and clears', async () => {
		const a = store();
		const report = await a.load();
		assert.equal(report.entries, 0);
		assert.ok(fs.existsSync(path.dirname(file)));
		const one = entry({}, 1_000);
		const two = entry({}, 2_000);
		const three = entry({}, 3_000);
		await a.add(one);
		await a.add(two);
		await a.add(three);
		assert.equal(await a.update(one.id, { message: message({ status: 'delivered' }), updatedAt: 9_000 }), true);
		assert.equal(await a.update('unknown', { following: false, updatedAt: 9_000 }), false);
		await a.remove([two.id]);
		const b = store();
		await b.load();
		assert.deepEqual(b.model.ids(), [one.id, three.id]);
		assert.equal(b.model.get(one.id)?.message?.status, 'delivered');
		assert.equal(await b.clear(), 2);
		const c = store();
		await c.load();
		assert.deepEqual(c.model.ids(), []);
	});

	it('appends one line per record without rewriting the file', async () => {
		const a = store();
		await a.load();
		await a.add(entry());
		const inode = fs.statSync(file).ino;
		const size = fs.statSync(file).size;
		await a.add(entry());
		assert.equal(fs.statSync(file).ino, inode);
		assert.ok(fs.statSync(file).size > size);
		const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
		assert.equal(lines.length, 2);
		assert.ok(lines.every((line) => line.includes(`"w":"${a.writerId}"`)));
	});

	it('loses nothing with two instances on one file writing 100 records each, interleaved', async () => {
		const a = store();
		const b = store();
		await Promise.all([a.load(), b.load()]);
		const written: string[] = [];
		const writes: Promise<void>[] = [];
		for (let i = 0; i < 100; i++) {
			for (const s of [a, b]) {
				const e = entry({}, 1_000_000 + written.length);
				written.push(e.id);
				writes.push(s.add(e));
				if (i % 10 === 0) {
					writes.push(s.update(e.id, { following: true, updatedAt: e.updatedAt + 1 }).then(() => undefined));
				}
			}
		}
		await Promise.all(writes);
		const fresh = store();
		await fresh.load();
		assert.equal(fresh.model.size, 200);
		assert.deepEqual(new Set(fresh.model.ids()), new Set(written));
		assert.equal(fresh.model.followingIds().length, 20);
		// Each sees the other's records after a sync.
		await Promise.all([a.sync(), b.sync()]);
		assert.equal(a.model.size, 200);
		assert.equal(b.model.size, 200);
	});

	it('loses nothing when one instance compacts while the other keeps writing', async () => {
		const a = store();
		const b = store();
		await Promise.all([a.load(), b.load()]);
		const ids: string[] = [];
		for (let i = 0; i < 50; i++) {
			const e = entry({}, 2_000_000 + i);
			ids.push(e.id);
			await a.add(e);
			await a.update(e.id, { following: false, updatedAt: e.updatedAt + 1 });
		}
		await b.sync();
		const writes: Promise<void>[] = [];
		let compactions = 0;
		for (let i = 0; i < 100; i++) {
			const e = entry({}, 3_000_000 + i);
			ids.push(e.id);
			writes.push(b.add(e));
			if (i % 20 === 0) {
				writes.push(a.compact().then((done) => void (compactions += done ? 1 : 0)));
			}
		}
		await Promise.all(writes);
		assert.ok(compactions >= 1, 'at least one compaction ran');
		const fresh = store();
		await fresh.load();
		assert.deepEqual(new Set(fresh.model.ids()), new Set(ids));
		await a.sync();
		assert.equal(a.model.size, ids.length);
	});

	it('sees another instance\'s changes through watch()', async () => {
		const a = store();
		const b = store();
		await Promise.all([a.load(), b.load()]);
		const seen: unknown[] = [];
		const errors: unknown[] = [];
		const watcher = a.watch((changes) => seen.push(...changes), (error) => errors.push(error), 20);
		try {
			const e = entry();
			await b.add(e);
			// The model is updated inside sync(); onChange follows a tick later: wait for both.
			const deadline = Date.now() + 5_000;
			while (!(a.model.has(e.id) && seen.length > 0) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			assert.deepEqual(errors.map(String), [], 'the watcher read the file without errors');
			assert.ok(a.model.has(e.id), 'the watcher applied the other window\'s add');
			assert.ok(seen.length > 0, 'the watcher reported the change');
		} finally {
			watcher.dispose();
		}
	});

	it('keeps a file cut short mid-write as a backup, loads what it could, and rewrites it clean', async () => {
		const a = store();
		await a.load();
		const kept = entry({}, 1_000);
		const cut = entry({}, 2_000);
		await a.add(kept);
		await a.add(cut);
		const text = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, text.slice(0, text.length - 40)); // the last record loses its end
		const b = store();
		const report = await b.load();
		assert.deepEqual(b.model.ids(), [kept.id]);
		assert.equal(report.corruptLines, 1);
		assert.equal(report.truncated, true);
		assert.ok(report.backupFile && fs.existsSync(report.backupFile), 'the damaged file is kept aside');
		assert.equal(fs.readFileSync(report.backupFile, 'utf8'), text.slice(0, text.length - 40));
		assert.equal(report.compacted, true);
		const c = store();
		const again = await c.load();
		assert.equal(again.corruptLines, 0, 'the file was rewritten clean');
		assert.deepEqual(c.model.ids(), [kept.id]);
		// Recording after a repair works.
		await c.add(entry({}, 3_000));
		const d = store();
		await d.load();
		assert.equal(d.model.size, 2);
	});

	it('survives garbage: a binary file is backed up and the history starts empty', async () => {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, Buffer.from([0, 1, 2, 255, 254, 10, 123, 34, 111, 112, 34]));
		const a = store();
		const report = await a.load();
		assert.equal(a.model.size, 0);
		assert.ok(report.corruptLines >= 1);
		assert.ok(report.backupFile && fs.existsSync(report.backupFile));
		await a.add(entry());
		const b = store();
		assert.equal((await b.load()).corruptLines, 0);
		assert.equal(b.model.size, 1);
	});

	it('keeps a record appended after a crashed half line intact (each line starts with a newline)', async () => {
		const a = store();
		await a.load();
		await a.add(entry({}, 1_000));
		fs.appendFileSync(file, '{"op":"add","id":"half'); // a crash mid-write
		const after = entry({}, 2_000);
		await a.add(after);
		const b = store();
		const report = await b.load();
		assert.ok(b.model.has(after.id));
		assert.equal(b.model.size, 2);
		assert.equal(report.corruptLines, 1);
	});

	it('is bounded by maxEntries, dropping the oldest, in memory and on reload', async () => {
		const a = store(10);
		await a.load();
		const entries = Array.from({ length: 25 }, (_, i) => entry({}, 5_000 + i));
		for (const e of entries) {
			await a.add(e);
		}
		assert.deepEqual(a.model.ids(), entries.slice(15).map((e) => e.id));
		const b = store(10);
		await b.load();
		assert.deepEqual(b.model.ids(), entries.slice(15).map((e) => e.id));
	});

	it('compacts a journal of mostly dead lines on load', async () => {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const e = entry({}, 1_000);
		const lines = [serializeRecord({ op: 'add', entry: e })];
		for (let i = 0; i < 400; i++) {
			lines.push(serializeRecord({ op: 'update', id: e.id, patch: { message: message({ status: 'sending' }), updatedAt: 2_000 + i } }));
		}
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const a = store();
		const report = await a.load();
		assert.equal(report.compacted, true);
		assert.equal(report.backupFile, undefined);
		assert.ok(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length <= 3);
		assert.equal(a.model.get(e.id)?.updatedAt, 2_399);
	});

	it('does not compact while another instance holds the lock, and breaks a stale lock', async () => {
		const lockDir = `${file}.lock`;
		fs.mkdirSync(lockDir, { recursive: true });
		const a = new HistoryStore({ file, maxEntries: 100, lockTimeoutMs: 100, lockStaleMs: 60_000 });
		await a.load();
		await a.add(entry());
		assert.equal(await a.compact(), false);
		const old = new Date(Date.now() - 120_000);
		fs.utimesSync(lockDir, old, old);
		assert.equal(await a.compact(), true);
		assert.equal(fs.existsSync(lockDir), false, 'the lock is released');
	});

	it('takes the lock for one holder at a time', async () => {
		fs.mkdirSync(dir, { recursive: true });
		const lockDir = path.join(dir, 'x.lock');
		const first = await acquireLock(lockDir, { staleMs: 10_000, timeoutMs: 100 });
		assert.ok(first);
		assert.equal(await acquireLock(lockDir, { staleMs: 10_000, timeoutMs: 50 }), undefined);
		await first.release();
		const second = await acquireLock(lockDir, { staleMs: 10_000, timeoutMs: 50 });
		assert.ok(second);
		await second.release();
	});

	it('keeps a send recorded after Clear History even when the clock was set back', async () => {
		const a = store();
		await a.load();
		await a.add(entry({}, Date.now()));
		assert.equal(await a.clear(), 1);
		const afterClear = entry({}, Date.now() - 3_600_000); // the clock was set back an hour
		await a.add(afterClear);
		assert.deepEqual(a.model.ids(), [afterClear.id], 'recorded in this window');
		const b = store();
		await b.load();
		assert.deepEqual(b.model.ids(), [afterClear.id], 'and in the next one');
	});

	it('clears what other windows recorded before the clear, in every window', async () => {
		const a = store();
		const b = store();
		await Promise.all([a.load(), b.load()]);
		const fromB = entry({}, 1_000);
		await b.add(fromB);
		assert.equal(await a.clear(), 1, 'the clear reads the others’ lines first');
		await b.sync();
		assert.equal(b.model.size, 0);
	});

	it('checks whole entries after the load: a damaged entry behind a valid header is backed up and reported', async () => {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const good = entry({}, 1_000);
		const bad = entry({}, 2_000);
		const damaged = serializeRecord({ op: 'add', entry: { ...bad, params: { to: 42 } } as unknown as typeof bad });
		const original = `${serializeRecord({ op: 'add', entry: good })}\n${damaged}\n`;
		fs.writeFileSync(file, original);
		const a = store();
		const report = await a.load();
		assert.equal(report.corruptLines, 0, 'the header pass sees nothing wrong');
		const found = await a.verify();
		assert.equal(found.corruptLines, 1);
		assert.ok(found.backupFile, 'the damaged file was backed up');
		assert.equal(fs.readFileSync(found.backupFile, 'utf8'), original, 'as it was');
		assert.deepEqual(a.model.ids(), [good.id]);
		const b = store();
		assert.equal((await b.load()).corruptLines, 0);
		assert.equal((await b.verify()).corruptLines, 0, 'rewritten clean');
	});

	it('removes temporary files a crashed compaction left, and only stale ones', async () => {
		const a = new HistoryStore({ file, maxEntries: 100, lockStaleMs: 10_000 });
		await a.load();
		await a.add(entry());
		const orphan = `${file}.crashed-window.tmp`;
		const fresh = `${file}.busy-window.tmp`;
		fs.writeFileSync(orphan, 'left over');
		fs.writeFileSync(fresh, 'being written');
		const old = new Date(Date.now() - 60_000);
		fs.utimesSync(orphan, old, old);
		assert.equal(await a.compact(), true);
		assert.equal(fs.existsSync(orphan), false, 'the stale temporary file is gone');
		assert.equal(fs.existsSync(fresh), true, 'another window’s file in progress is left alone');
		assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp')), ['history.jsonl.busy-window.tmp']);
	});

	it('names backups next to the file', () => {
		assert.equal(backupPath('/a/history.jsonl', new Date('2025-01-06T12:00:00.000Z')), '/a/history.corrupt-2025-01-06T12-00-00-000Z.jsonl');
	});

	it('loads 10,000 entries from disk and records one more quickly (printed, not asserted)', async () => {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const now = Date.now();
		const lines: string[] = [];
		for (let i = 0; i < 10_000; i++) {
			lines.push(serializeRecord({ op: 'add', entry: entry({ params: { to: '+15550100199', from: '+15550100100', body: `Message ${i}` } }, now - (10_000 - i) * 600_000) }));
		}
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const a = store(10_000);
		const started = performance.now();
		const report = await a.load();
		const groups = a.model.groups(new Date(now));
		const loadMs = performance.now() - started;
		const times: number[] = [];
		for (let i = 0; i < 50; i++) {
			const t = performance.now();
			await a.add(entry({}, now + i));
			times.push(performance.now() - t);
		}
		times.sort((x, y) => x - y);
		console.log(
			`      store: load 10,000 entries + root ${loadMs.toFixed(1)} ms (model ${report.elapsedMs.toFixed(1)} ms, ${groups.length} groups); ` +
				`record one more: median ${times[25]!.toFixed(2)} ms, max ${times[49]!.toFixed(2)} ms`,
		);
		assert.equal(a.model.size, 10_000);
	});
});
