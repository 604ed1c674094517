import * as assert from 'node:assert/strict';
import { PollScheduler, type PollSchedulerDeps } from '../../src/core/pollScheduler';

/** A manual clock: timers run when the test advances time. */
class Clock {
	now = 0;
	private next = 1;
	readonly timers = new Map<number, { at: number; callback: () => void }>();
	set = (callback: () => void, ms: number): number => {
		const id = this.next++;
		this.timers.set(id, { at: this.now + ms, callback });
		return id;
	};
	clear = (id: number): void => void this.timers.delete(id);
	/** Advances to `until`, running due timers in order and letting each poll settle. */
	async advance(ms: number): Promise<void> {
		const until = this.now + ms;
		for (;;) {
			const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) {
				break;
			}
			this.timers.delete(due[0]);
			this.now = due[1].at;
			due[1].callback();
			for (let i = 0; i < 10; i++) {
				await Promise.resolve();
			}
		}
		this.now = until;
	}
}

function setup(overrides: Partial<PollSchedulerDeps<number>> = {}) {
	const clock = new Clock();
	const polls: Array<{ space: string; at: number }> = [];
	let answer: () => Promise<number> = () => Promise.resolve(0);
	const errors: Array<{ space: string; first: boolean; delay: number }> = [];
	const recovered: string[] = [];
	const scheduler = new PollScheduler<number>({
		poll: (space) => {
			polls.push({ space, at: clock.now });
			return answer();
		},
		listenMs: () => 15 * 60_000,
		now: () => clock.now,
		setTimer: clock.set,
		clearTimer: clock.clear,
		onError: (space, _error, first, delay) => errors.push({ space, first, delay }),
		onRecovered: (space) => recovered.push(space),
		isRateLimit: (error) => (error as { httpStatus?: number }).httpStatus === 429,
		...overrides,
	});
	return { clock, polls, errors, recovered, scheduler, answer: (fn: () => Promise<number>) => (answer = fn) };
}

describe('PollScheduler', () => {
	it('makes no request and sets no timer while nothing is active', async () => {
		const { clock, polls, scheduler } = setup();
		await clock.advance(60 * 60_000);
		assert.equal(polls.length, 0);
		assert.equal(clock.timers.size, 0);
		assert.equal(scheduler.isActive('a'), false);
	});

	it('after a send: polls at 3 s, backs off by 1.5 up to 60 s, and stops when listening ends', async () => {
		const { clock, polls, scheduler } = setup();
		scheduler.noteSend('a');
		await clock.advance(15 * 60_000 + 60_000);
		const gaps = polls.map((p, i) => p.at - (i === 0 ? 0 : polls[i - 1].at));
		assert.deepEqual(gaps.slice(0, 5), [3000, 4500, 6750, 10125, 15188]);
		assert.ok(gaps.every((gap) => gap <= 60_000));
		assert.ok(polls.every((p) => p.at <= 15 * 60_000), 'no poll after the listening time');
		const count = polls.length;
		await clock.advance(60 * 60_000);
		assert.equal(polls.length, count);
		assert.equal(clock.timers.size, 0);
		// The first minute: at most 20 requests (the goal of a visible panel is the same).
		assert.ok(polls.filter((p) => p.at <= 60_000).length <= 20);
	});

	it('polls each Space once per round, however many panels of it are visible', async () => {
		const { clock, polls, scheduler } = setup();
		scheduler.setVisible('a', 'p1', true);
		scheduler.setVisible('a', 'p2', true);
		scheduler.setVisible('b', 'p3', true);
		await clock.advance(3000);
		assert.deepEqual(polls.map((p) => p.space).sort(), ['a', 'b']);
	});

	it('keeps polling while a panel is visible, and stops once it is hidden', async () => {
		const { clock, polls, scheduler } = setup();
		scheduler.setVisible('a', 'p', true);
		await clock.advance(30 * 60_000);
		const visible = polls.length;
		assert.ok(visible > 30, `${visible} polls in 30 min`);
		scheduler.setVisible('a', 'p', false);
		await clock.advance(30 * 60_000);
		assert.ok(polls.length <= visible + 1);
		assert.equal(scheduler.isScheduled('a'), false);
	});

	it('a reply found or a panel shown makes it quick again', async () => {
		const { clock, polls, scheduler, answer } = setup();
		scheduler.noteSend('a');
		await clock.advance(60_000);
		assert.ok((scheduler.currentDelay('a') ?? 0) > 20_000);
		answer(() => Promise.resolve(1));
		await clock.advance(60_000);
		assert.equal(scheduler.currentDelay('a'), 3000);
		answer(() => Promise.resolve(0));
		await clock.advance(120_000);
		const before = polls.length;
		scheduler.setVisible('a', 'p', true);
		await clock.advance(3000);
		assert.equal(polls.length, before + 1);
	});

	it('backs off on errors, reports once until a poll succeeds, and waits 60 s after a 429', async () => {
		const { clock, errors, recovered, scheduler, answer } = setup();
		answer(() => Promise.reject(Object.assign(new Error('boom'), { httpStatus: 500 })));
		scheduler.setVisible('a', 'p', true);
		await clock.advance(3000 + 6000 + 12000);
		assert.deepEqual(errors.map((e) => [e.first, e.delay]), [[true, 6000], [false, 12000], [false, 24000]]);
		answer(() => Promise.reject(Object.assign(new Error('slow down'), { httpStatus: 429 })));
		await clock.advance(24000);
		assert.equal(errors.at(-1)?.delay, 60_000);
		answer(() => Promise.resolve(0));
		await clock.advance(60_000);
		assert.deepEqual(recovered, ['a']);
		assert.equal(errors.filter((e) => e.first).length, 1);
	});

	it('stops listening on request, keeping visible panels polled', async () => {
		const { clock, polls, scheduler } = setup();
		scheduler.noteSend('a');
		scheduler.setVisible('b', 'p', true);
		scheduler.stopListening();
		await clock.advance(3000);
		assert.deepEqual(polls.map((p) => p.space), ['b']);
		assert.equal(scheduler.isScheduled('a'), false);
	});

	it('does nothing after dispose, and not at all with listenMs 0', async () => {
		const { clock, polls, scheduler } = setup({ listenMs: () => 0 });
		scheduler.noteSend('a');
		await clock.advance(60_000);
		assert.equal(polls.length, 0);
		scheduler.setVisible('a', 'p', true);
		scheduler.dispose();
		await clock.advance(60_000);
		assert.equal(polls.length, 0);
	});
});
