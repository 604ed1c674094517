import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireLock } from '../../src/history/lock';

describe('history compaction lock', function () {
	this.timeout(60_000);
	let dir: string;
	let lockDir: string;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-lock-'));
		lockDir = path.join(dir, 'history.jsonl.lock');
	});

	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	function age(ms: number): void {
		const old = new Date(Date.now() - ms);
		fs.utimesSync(lockDir, old, old);
	}

	it('is released by its holder only: a holder whose lock was broken does not remove the next holder’s', async () => {
		const stalled = await acquireLock(lockDir, { staleMs: 1_000, timeoutMs: 100, refreshMs: 60_000 });
		assert.ok(stalled);
		age(5_000); // not refreshed: looks like a crashed window's
		const next = await acquireLock(lockDir, { staleMs: 1_000, timeoutMs: 1_000 });
		assert.ok(next, 'the stale lock is broken');
		assert.equal(await stalled.isHeld(), false, 'the stalled holder can tell it lost the lock');
		await stalled.release();
		assert.equal(await next.isHeld(), true, 'the stalled holder’s release left the new holder’s lock');
		assert.equal(await acquireLock(lockDir, { staleMs: 1_000, timeoutMs: 100 }), undefined, 'a third window still waits');
		await next.release();
		assert.equal(fs.existsSync(lockDir), false);
	});

	it('is refreshed while held, so a long compaction is not taken for a crashed one', async () => {
		const holder = await acquireLock(lockDir, { staleMs: 300, timeoutMs: 100 });
		assert.ok(holder);
		await new Promise((resolve) => setTimeout(resolve, 900));
		assert.equal(await acquireLock(lockDir, { staleMs: 300, timeoutMs: 100 }), undefined, 'not broken: its holder is alive');
		assert.equal(await holder.isHeld(), true);
		await holder.release();
	});

	it('breaks a lock left without an owner by a crash (or an older version)', async () => {
		fs.mkdirSync(lockDir);
		age(60_000);
		const lock = await acquireLock(lockDir, { staleMs: 10_000, timeoutMs: 100 });
		assert.ok(lock);
		await lock.release();
	});

	it('lets one of three processes commit at a time, with stalled holders losing the lock to the others', async () => {
		const log = path.join(dir, 'commits.log');
		const worker = path.join(__dirname, 'workers', 'lockWorker.ts');
		const rounds = 12;
		const run = (name: string) =>
			new Promise<void>((resolve, reject) => {
				const child = spawn(process.execPath, ['--import', 'tsx', worker, lockDir, log, name, String(rounds), '150', '4'], { stdio: ['ignore', 'ignore', 'pipe'] });
				let stderr = '';
				child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
				child.on('error', reject);
				child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${name} exited with ${code}: ${stderr}`))));
			});
		await Promise.all([run('a'), run('b'), run('c')]);
		const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
		let inside: string | undefined;
		let commits = 0;
		let lost = 0;
		for (const line of lines) {
			const [event, , token] = line.split(' ');
			if (event === 'start') {
				assert.equal(inside, undefined, `two holders committed at once: ${inside} and ${token}`);
				inside = token;
			} else if (event === 'end') {
				assert.equal(inside, token, 'a commit ended that was not the one running');
				inside = undefined;
				commits++;
			} else if (event === 'lost') {
				lost++;
			} else {
				assert.fail(`unexpected line: ${line}`);
			}
		}
		assert.equal(commits + lost, 3 * rounds, 'every round took the lock');
		assert.ok(lost > 0, 'stalled holders lost the lock (the test exercised takeovers)');
		console.log(`      3 processes × ${rounds} rounds: ${commits} commits one at a time, ${lost} stalled holders gave up after a takeover`);
	});
});
