import * as assert from 'node:assert/strict';
import type { HistoryEntry } from '../../src/history/entry';
import { HistoryModel } from '../../src/history/model';
import { StatusFollower, type FollowStopReason, type Timers } from '../../src/history/statusFollower';
import type { Message } from '../../src/core/types';
import { entry, message } from '../fixtures/builders';

/** A clock and timers under the test's control. */
class FakeClock implements Timers {
	now = 1_700_000_000_000;
	private timers: Array<{ at: number; callback: () => void; handle: number }> = [];
	private next = 1;
	delays: number[] = [];

	setTimeout(callback: () => void, ms: number): unknown {
		const handle = this.next++;
		this.delays.push(ms);
		this.timers.push({ at: this.now + ms, callback, handle });
		return handle;
	}

	clearTimeout(handle: unknown): void {
		this.timers = this.timers.filter((t) => t.handle !== handle);
	}

	get pending(): number {
		return this.timers.length;
	}

	/** Runs the next timer (moving the clock to it) and lets its promise chain settle. */
	async tick(): Promise<boolean> {
		this.timers.sort((a, b) => a.at - b.at);
		const timer = this.timers.shift();
		if (!timer) {
			return false;
		}
		this.now = Math.max(this.now, timer.at);
		timer.callback();
		for (let i = 0; i < 10; i++) {
			await Promise.resolve();
		}
		return true;
	}

	async runAll(limit = 100): Promise<void> {
		for (let i = 0; i < limit && (await this.tick()); i++) {
			// keep going
		}
	}
}

interface Harness {
	clock: FakeClock;
	model: HistoryModel;
	follower: StatusFollower;
	fetched: string[];
	stops: Array<[string, FollowStopReason]>;
	statuses: string[];
}

function harness(script: Array<Message | Error>, options: { limitMs?: number; fatal?: (error: unknown) => boolean } = {}): Harness {
	const clock = new FakeClock();
	const model = new HistoryModel(100);
	const fetched: string[] = [];
	const stops: Array<[string, FollowStopReason]> = [];
	const statuses: string[] = [];
	let step = 0;
	const follower = new StatusFollower({
		get: (id) => model.get(id),
		fetch: async (e: HistoryEntry) => {
			fetched.push(e.id);
			const next = script[Math.min(step++, script.length - 1)]!;
			if (next instanceof Error) {
				throw next;
			}
			return next;
		},
		onMessage: (id, m) => {
			statuses.push(m.status);
			model.update(id, { message: m, updatedAt: clock.now });
		},
		onStop: (id, reason) => void stops.push([id, reason]),
		limitMs: () => options.limitMs ?? 600_000,
		...(options.fatal ? { isFatal: options.fatal } : {}),
		now: () => clock.now,
		timers: clock,
	});
	return { clock, model, follower, fetched, stops, statuses };
}

describe('history status follower', () => {
	it('fetches with a back-off of 2 s doubling to 30 s until delivered', async () => {
		const sid = message().sid;
		const script = ['sending', 'sent', 'sent', 'sent', 'sent', 'sent', 'delivered'].map((status) => message({ sid, status }));
		const h = harness(script);
		const e = entry({ message: message({ sid, status: 'queued' }) }, h.clock.now);
		h.model.add(e);
		assert.equal(h.follower.follow(e.id), true);
		assert.equal(h.follower.follow(e.id), true, 'following twice is one task');
		await h.clock.runAll();
		assert.deepEqual(h.clock.delays, [2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
		assert.deepEqual(h.statuses, ['sending', 'sent', 'sent', 'sent', 'sent', 'sent', 'delivered']);
		assert.equal(h.follower.isFollowing(e.id), false);
		assert.deepEqual(h.stops, []);
		assert.equal(h.model.get(e.id)?.message?.status, 'delivered');
	});

	it('takes injected delays (tests use 50 ms)', async () => {
		const h = harness([message({ status: 'sent' }), message({ status: 'delivered' })]);
		h.follower.setTiming({ initialDelayMs: 50, maxDelayMs: 80 });
		const e = entry({ message: message({ status: 'queued' }) }, h.clock.now);
		h.model.add(e);
		h.follower.follow(e.id);
		await h.clock.runAll();
		assert.deepEqual(h.clock.delays, [50, 80]);
	});

	it('stops an MMS at sent', async () => {
		const h = harness([message({ status: 'sending', num_media: 1 }), message({ status: 'sent', num_media: 1 }), message({ status: 'delivered' })]);
		const e = entry({ params: { to: '+15550100199', mediaUrls: ['https://example.com/a.jpg'] }, message: message({ status: 'queued', num_media: 1 }) }, h.clock.now);
		h.model.add(e);
		h.follower.follow(e.id);
		await h.clock.runAll();
		assert.deepEqual(h.statuses, ['sending', 'sent']);
		assert.equal(h.fetched.length, 2);
	});

	it('stops at failed and at undelivered', async () => {
		for (const final of ['failed', 'undelivered']) {
			const h = harness([message({ status: 'sending' }), message({ status: final, error_code: '30003' })]);
			const e = entry({ message: message({ status: 'queued' }) }, h.clock.now);
			h.model.add(e);
			h.follower.follow(e.id);
			await h.clock.runAll();
			assert.deepEqual(h.statuses, ['sending', final]);
		}
	});

	it('stops at the time limit, counted from the send, with a last fetch at the limit', async () => {
		const h = harness([message({ status: 'sent' })], { limitMs: 20_000 });
		const e = entry({ message: message({ status: 'queued' }) }, h.clock.now);
		h.model.add(e);
		h.follower.follow(e.id);
		await h.clock.runAll();
		// 2 s, 4 s, 8 s → at 14 s; the next 16 s would pass 20 s: the last fetch is at 20 s.
		assert.deepEqual(h.clock.delays, [2_000, 4_000, 8_000, 6_000]);
		assert.deepEqual(h.stops, [[e.id, 'time-limit']]);
		assert.equal(h.clock.pending, 0);
	});

	it('does not fetch a message resumed after its limit, nor when the limit is 0', async () => {
		const h = harness([message({ status: 'sent' })], { limitMs: 60_000 });
		const old = entry({ message: message({ status: 'queued' }), following: true }, h.clock.now - 3_600_000);
		h.model.add(old);
		h.follower.follow(old.id);
		await h.clock.runAll();
		assert.deepEqual(h.fetched, []);
		assert.deepEqual(h.stops, [[old.id, 'time-limit']]);
		const off = harness([message({ status: 'sent' })], { limitMs: 0 });
		const e = entry({ message: message({ status: 'queued' }) }, off.clock.now);
		off.model.add(e);
		assert.equal(off.follower.follow(e.id), false);
	});

	it('does not follow a settled message or a failed request', () => {
		const h = harness([]);
		const delivered = entry({ message: message({ status: 'delivered' }) });
		const failed = entry({ message: undefined, error: { kind: 'api', message: 'nope', httpStatus: 422, code: 21211 } });
		h.model.add(delivered);
		h.model.add(failed);
		assert.equal(h.follower.follow(delivered.id), false);
		assert.equal(h.follower.follow(failed.id), false);
		assert.equal(h.follower.follow('unknown'), false);
	});

	it('retries after transient errors and stops after a fatal one', async () => {
		const transient = harness([new Error('ECONNRESET'), message({ status: 'delivered' })], { fatal: () => false });
		const e = entry({ message: message({ status: 'queued' }) }, transient.clock.now);
		transient.model.add(e);
		transient.follower.follow(e.id);
		await transient.clock.runAll();
		assert.deepEqual(transient.statuses, ['delivered']);
		const fatal = harness([new Error('401')], { fatal: () => true });
		const f = entry({ message: message({ status: 'queued' }) }, fatal.clock.now);
		fatal.model.add(f);
		fatal.follower.follow(f.id);
		await fatal.clock.runAll();
		assert.deepEqual(fatal.stops, [[f.id, 'error']]);
		assert.equal(fatal.fetched.length, 1);
	});

	it('stops when the entry is deleted or settled meanwhile (another window)', async () => {
		const h = harness([message({ status: 'sending' })]);
		const gone = entry({ message: message({ status: 'queued' }) }, h.clock.now);
		const settled = entry({ message: message({ status: 'queued' }) }, h.clock.now);
		h.model.add(gone);
		h.model.add(settled);
		h.follower.follow(gone.id);
		h.follower.follow(settled.id);
		h.model.remove([gone.id]);
		h.model.update(settled.id, { message: message({ status: 'delivered' }), updatedAt: h.clock.now + 1 });
		await h.clock.runAll();
		assert.deepEqual(h.fetched, []);
		assert.deepEqual(h.stops.sort(), [
			[gone.id, 'gone'],
			[settled.id, 'settled'],
		].sort());
	});

	it('stops cleanly when disposed: no timers left, a late answer is ignored', async () => {
		let release: (m: Message) => void = () => undefined;
		const clock = new FakeClock();
		const model = new HistoryModel(10);
		const seen: string[] = [];
		const follower = new StatusFollower({
			get: (id) => model.get(id),
			fetch: () => new Promise<Message>((resolve) => (release = resolve)),
			onMessage: (_id, m) => void seen.push(m.status),
			onStop: () => undefined,
			limitMs: () => 600_000,
			now: () => clock.now,
			timers: clock,
		});
		const a = entry({ message: message({ status: 'queued' }) }, clock.now);
		const b = entry({ message: message({ status: 'queued' }) }, clock.now);
		model.add(a);
		model.add(b);
		follower.follow(a.id);
		follower.follow(b.id);
		await clock.tick(); // a's fetch is now in flight
		follower.dispose();
		assert.equal(clock.pending, 0);
		release(message({ status: 'delivered' }));
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual(seen, []);
		assert.equal(follower.follow(a.id), false, 'a disposed follower starts nothing');
	});

	it('runs on real timers with short delays', async () => {
		const model = new HistoryModel(10);
		const statuses: string[] = [];
		const script = ['sending', 'sent', 'delivered'];
		const follower = new StatusFollower({
			get: (id) => model.get(id),
			fetch: async () => message({ status: script.shift() ?? 'delivered' }),
			onMessage: (id, m) => {
				statuses.push(m.status);
				model.update(id, { message: m, updatedAt: Date.now() });
			},
			onStop: () => undefined,
			limitMs: () => 60_000,
			timing: { initialDelayMs: 10, maxDelayMs: 20 },
		});
		const e = entry({ message: message({ status: 'queued' }) });
		model.add(e);
		follower.follow(e.id);
		const deadline = Date.now() + 5_000;
		while (follower.isFollowing(e.id) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		assert.deepEqual(statuses, ['sending', 'sent', 'delivered']);
		follower.dispose();
	});
});
