import * as assert from 'node:assert/strict';
import type { Message } from '../../src/core/types';
import type { HistoryEntry } from '../../src/history/entry';
import { UntrustedEntryError } from '../../src/history/entryRequests';
import { FollowedStatuses } from '../../src/history/followedStatuses';
import { historyChangeOf } from '../../src/history/historyChange';
import { HistoryModel } from '../../src/history/model';
import type { Timers } from '../../src/history/statusFollower';
import { entry, message } from '../fixtures/builders';

/** Timers run by the test, one at a time. */
class ManualTimers implements Timers {
	private timers: Array<{ callback: () => void; handle: number }> = [];
	private next = 1;

	setTimeout(callback: () => void, _ms: number): unknown {
		const handle = this.next++;
		this.timers.push({ callback, handle });
		return handle;
	}

	clearTimeout(handle: unknown): void {
		this.timers = this.timers.filter((t) => t.handle !== handle);
	}

	get pending(): number {
		return this.timers.length;
	}

	async runNext(): Promise<void> {
		this.timers.shift()?.callback();
		for (let i = 0; i < 20; i++) {
			await Promise.resolve();
		}
	}
}

interface Harness {
	model: HistoryModel;
	statuses: FollowedStatuses;
	timers: ManualTimers;
	changed: string[];
	logs: string[];
	updates: string[];
}

function harness(fetch: (entry: HistoryEntry) => Promise<Message>, limitMs = 600_000): Harness {
	const model = new HistoryModel(100);
	const timers = new ManualTimers();
	const changed: string[] = [];
	const logs: string[] = [];
	const updates: string[] = [];
	const statuses = new FollowedStatuses({
		store: {
			model,
			update: async (id, patch) => {
				updates.push(id);
				return model.update(id, patch) !== undefined;
			},
		},
		logger: {
			debug: (text) => logs.push(`debug ${text}`),
			info: (text) => logs.push(`info ${text}`),
			warn: (text) => logs.push(`warn ${text}`),
		},
		fetch,
		changed: (id) => changed.push(id),
		limitMs: () => limitMs,
		timers,
	});
	return { model, statuses, timers, changed, logs, updates };
}

const unreachable = (): Promise<Message> => Promise.reject(new Error('no fetch expected'));

describe('history followed statuses', () => {
	it('records a changed status, logs it and tells the views; an unchanged one writes nothing', async () => {
		const h = harness(unreachable);
		const sent = message({ status: 'queued' });
		const e = entry({ message: sent, following: true });
		h.model.add(e);
		await h.statuses.onMessage(e.id, { ...sent, status: 'queued' }, false);
		assert.deepEqual(h.updates, [], 'nothing new: no journal line');
		await h.statuses.onMessage(e.id, { ...sent, status: 'sent' }, false);
		assert.equal(h.model.get(e.id)?.message?.status, 'sent');
		assert.equal(h.model.get(e.id)?.following, true);
		assert.deepEqual(h.changed, [e.id]);
		assert.ok(h.logs.some((line) => line.startsWith(`info Status of ${sent.sid} to ${sent.to}: sent`)));
		await h.statuses.onMessage(e.id, { ...sent, status: 'sent' }, true);
		assert.equal(h.model.get(e.id)?.following, false, 'settled: recorded even without a new status');
		assert.deepEqual(h.changed, [e.id, e.id]);
		await h.statuses.onMessage('unknown', sent, true);
		assert.deepEqual(h.changed, [e.id, e.id]);
	});

	it('records that an entry marked followed can no longer be followed', async () => {
		const h = harness(unreachable, 0);
		const e = entry({ message: message({ status: 'sending' }), following: true });
		h.model.add(e);
		h.statuses.start(e.id);
		await new Promise((resolve) => setImmediate(resolve));
		assert.equal(h.statuses.isFollowing(e.id), false);
		assert.equal(h.model.get(e.id)?.following, false);
		assert.deepEqual(h.changed, [e.id]);
	});

	it('refreshes a message now and follows it again until it settles', async () => {
		const sid = message().sid;
		const answers = [message({ sid, status: 'sent' }), message({ sid, status: 'delivered' })];
		const h = harness(async () => answers.shift()!);
		const e = entry({ message: message({ sid, status: 'queued' }) });
		h.model.add(e);
		const refreshed = await h.statuses.refresh(e.id);
		assert.equal(refreshed?.message?.status, 'sent');
		assert.equal(refreshed?.following, true);
		assert.equal(h.statuses.isFollowing(e.id), true);
		await h.timers.runNext();
		assert.equal(h.model.get(e.id)?.message?.status, 'delivered');
		assert.equal(h.model.get(e.id)?.following, false);
		assert.equal(h.statuses.isFollowing(e.id), false);
		assert.deepEqual(h.changed, [e.id, e.id]);
		assert.equal(await h.statuses.refresh('unknown'), undefined);
	});

	it('stops at an error that cannot pass, logs it and records the entry as no longer followed', async () => {
		const h = harness((e) => Promise.reject(new UntrustedEntryError(e)));
		const e = entry({ message: message({ status: 'queued' }), following: true });
		h.model.add(e);
		assert.equal(h.statuses.follow(e.id), true);
		await h.timers.runNext();
		assert.equal(h.statuses.isFollowing(e.id), false);
		assert.equal(h.model.get(e.id)?.following, false);
		assert.deepEqual(h.changed, [e.id]);
		assert.ok(h.logs.some((line) => line.startsWith(`warn History: stopped following ${e.message!.sid}`)));
		assert.equal(h.timers.pending, 0);
	});

	it('stops every task at dispose without recording anything', async () => {
		const h = harness(unreachable);
		const e = entry({ message: message({ status: 'queued' }), following: true });
		h.model.add(e);
		h.statuses.follow(e.id);
		assert.deepEqual(h.statuses.following, [e.id]);
		h.statuses.dispose();
		assert.equal(h.timers.pending, 0);
		assert.equal(h.model.get(e.id)?.following, true, 'resumed at the next start');
		assert.deepEqual(h.updates, []);
	});
});

describe('history change of journal changes', () => {
	it('makes one change of other windows’ lines', () => {
		assert.equal(historyChangeOf([]), undefined);
		assert.deepEqual(historyChangeOf([{ id: 'a' }]), { kind: 'added', id: 'a' });
		assert.deepEqual(historyChangeOf([{ id: 'a' }, { id: 'b' }]), { kind: 'batch', ids: ['a', 'b'] });
		assert.deepEqual(historyChangeOf([{ id: 'a' }, 'reset']), { kind: 'reset' });
	});
});
