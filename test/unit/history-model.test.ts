import * as assert from 'node:assert/strict';
import { dayOf } from '../../src/history/dayIndex';
import { entryState, isSettled } from '../../src/history/entry';
import { exportJson } from '../../src/history/export';
import { parseJournal, serializeRecord, shouldCompact, type JournalRecord } from '../../src/history/journal';
import { HistoryModel, modelFromJournal } from '../../src/history/model';
import { OTHER_PROFILE, entry, message } from '../fixtures/builders';

describe('history model', () => {
	it('adds, gets, updates and removes entries', () => {
		const model = new HistoryModel(10);
		const a = entry();
		assert.deepEqual(model.add(a), { added: true, dropped: [] });
		assert.equal(model.size, 1);
		assert.equal(model.get(a.id), a);
		const delivered = message({ sid: a.message!.sid, status: 'delivered' });
		const updated = model.update(a.id, { message: delivered, following: false, updatedAt: a.updatedAt + 1 });
		assert.equal(updated?.message?.status, 'delivered');
		assert.equal(model.get(a.id)?.following, false);
		assert.equal(model.remove([a.id]).length, 1);
		assert.equal(model.size, 0);
	});

	it('ignores an update for an unknown id and an update older than the entry', () => {
		const model = new HistoryModel(10);
		const a = entry();
		model.add(a);
		assert.equal(model.update('nope', { following: false, updatedAt: Date.now() }), undefined);
		assert.equal(model.update(a.id, { message: message({ status: 'sent' }), updatedAt: a.updatedAt + 10 })?.message?.status, 'sent');
		assert.equal(model.update(a.id, { message: message({ status: 'sending' }), updatedAt: a.updatedAt + 5 }), undefined);
		assert.equal(model.get(a.id)?.message?.status, 'sent');
	});

	it('treats a repeated add as idempotent, and a newer one as an update', () => {
		const model = new HistoryModel(10);
		const a = entry();
		model.add(a);
		assert.equal(model.add({ ...a }).added, false);
		assert.equal(model.size, 1);
		model.add({ ...a, updatedAt: a.updatedAt + 1, following: true });
		assert.equal(model.get(a.id)?.following, true);
	});

	it('does not bring back a deleted entry when its add is read again', () => {
		const model = new HistoryModel(10);
		const a = entry();
		model.add(a);
		model.remove([a.id]);
		assert.equal(model.add(a).added, false);
		assert.equal(model.size, 0);
	});

	it('is bounded: the oldest entries are dropped first', () => {
		const model = new HistoryModel(3);
		const entries = [1, 2, 3, 4, 5].map((i) => entry({}, 1_000_000 + i));
		const dropped = entries.flatMap((e) => model.add(e).dropped);
		assert.deepEqual(dropped, [entries[0]!.id, entries[1]!.id]);
		assert.deepEqual(model.newestFirst().map((e) => e.id), [entries[4]!.id, entries[3]!.id, entries[2]!.id]);
		assert.equal(model.setMaxEntries(1).length, 2);
		assert.deepEqual(model.ids(), [entries[4]!.id]);
	});

	it('clears the entries present, by id: a later add stays whatever its time (a clock set back)', () => {
		const model = new HistoryModel(10);
		const old = entry({}, 1_000);
		const other = entry({}, 3_000);
		model.add(old);
		model.add(other);
		assert.deepEqual(model.clearAll(), [old.id, other.id]);
		assert.equal(model.size, 0);
		assert.equal(model.add(old).added, false, 'a cleared entry read again stays cleared');
		const afterClockSetBack = entry({}, 500);
		assert.equal(model.add(afterClockSetBack).added, true, 'a send recorded after the clear is kept, though its time is earlier');
	});

	it('replays a clear by ids from a journal, and keeps what was added after it whatever its time', () => {
		const a = entry({}, 5_000);
		const b = entry({}, 1_000);
		const text = [serializeRecord({ op: 'add', entry: a }), serializeRecord({ op: 'clear', ids: [a.id] }), serializeRecord({ op: 'add', entry: b }), ''].join('\n');
		const { model, parse } = modelFromJournal(text, 10);
		assert.equal(parse.corruptLines, 0);
		assert.deepEqual(model.ids(), [b.id]);
	});

	it('reads a clear written with a time (older journals) as a clear of what was read before it, only', () => {
		const a = entry({}, 1_000);
		const b = entry({}, 1_500);
		const text = [serializeRecord({ op: 'add', entry: a }), serializeRecord({ op: 'clear', at: 2_000 }), serializeRecord({ op: 'add', entry: b }), ''].join('\n');
		const { model } = modelFromJournal(text, 10);
		assert.deepEqual(model.ids(), [b.id], 'a send after the clear is kept though its time is before it');
	});

	it('groups by local day, newest first, with Today, Yesterday and dates, and counts', () => {
		const now = new Date(2026, 10, 24, 15, 0, 0);
		const model = new HistoryModel(100);
		const today1 = entry({}, new Date(2026, 10, 24, 9, 0).getTime());
		const today2 = entry({}, new Date(2026, 10, 24, 14, 0).getTime());
		const yesterday = entry({}, new Date(2026, 10, 23, 23, 59).getTime());
		const older = entry({ profile: OTHER_PROFILE }, new Date(2026, 10, 20, 0, 1).getTime());
		for (const e of [older, today1, yesterday, today2]) {
			model.add(e);
		}
		const groups = model.groups(now);
		assert.deepEqual(
			groups.map((g) => [g.label, g.count]),
			[
				['Today', 2],
				['Yesterday', 1],
				['Fri, 20 Nov 2026', 1],
			],
		);
		assert.deepEqual(model.idsOfDay(groups[0]!.day), [today2.id, today1.id]);
		const onlyOther = { spaceUrl: OTHER_PROFILE.spaceUrl };
		assert.deepEqual(model.groups(now, onlyOther).map((g) => g.label), ['Fri, 20 Nov 2026']);
		assert.deepEqual(model.idsOfDay(groups[0]!.day, onlyOther), []);
		assert.deepEqual(model.spaces(), [
			{ spaceUrl: 'https://example.signalwire.com', count: 3 },
			{ spaceUrl: OTHER_PROFILE.spaceUrl, count: 1 },
		]);
		model.remove([older.id]);
		assert.equal(model.groups(now).length, 2);
	});

	it('keeps the day buckets right through updates and drops', () => {
		const model = new HistoryModel(2);
		const day1 = entry({}, new Date(2026, 0, 1, 10).getTime());
		const day2 = entry({}, new Date(2026, 0, 2, 10).getTime());
		const day3 = entry({}, new Date(2026, 0, 3, 10).getTime());
		model.add(day1);
		model.add(day2);
		model.update(day1.id, { following: false, updatedAt: day1.updatedAt + 1 });
		model.add(day3);
		const now = new Date(2026, 0, 3, 12);
		assert.deepEqual(model.groups(now).map((g) => g.day), [dayOf(day3.createdAt), dayOf(day2.createdAt)]);
		assert.equal(model.idsOfDay(dayOf(day1.createdAt)).length, 0);
	});

	it('tells states and settled messages apart (an MMS settles at sent)', () => {
		assert.equal(entryState(entry({ message: message({ status: 'queued' }) })), 'queued');
		assert.equal(entryState(entry({ message: message({ status: 'delivered' }) })), 'delivered');
		assert.equal(entryState(entry({ message: undefined, error: { kind: 'api', message: 'bad', httpStatus: 422, code: 21211 } })), 'error');
		assert.equal(isSettled(entry({ message: message({ status: 'sent' }) })), false);
		assert.equal(isSettled(entry({ message: message({ status: 'sent', num_media: 1 }) })), true);
		assert.equal(isSettled(entry({ params: { to: '+15550100199', sendAsMms: true }, message: message({ status: 'sent' }) })), true);
		assert.equal(isSettled(entry({ message: message({ status: 'undelivered' }) })), true);
		assert.equal(isSettled(entry({ message: undefined, error: { kind: 'network', message: 'down' } })), true);
	});

	it('exports every entry newest first as JSON', () => {
		const model = new HistoryModel(10);
		const a = entry({}, 1_000);
		const b = entry({}, 2_000);
		model.add(a);
		model.add(b);
		const json = JSON.parse(exportJson(model, new Date(0))) as { entries: Array<{ id: string }>; exportedAt: string };
		assert.deepEqual(json.entries.map((e) => e.id), [b.id, a.id]);
		assert.equal(json.exportedAt, '1970-01-01T00:00:00.000Z');
	});
});

describe('history journal', () => {
	function journal(records: JournalRecord[]): string {
		return records.map((r) => `${serializeRecord(r)}\n`).join('');
	}

	it('round-trips a model through its compacted journal', () => {
		const model = new HistoryModel(10);
		const a = entry({}, 1_000);
		const b = entry({ following: true }, 2_000);
		model.add(a);
		model.add(b);
		model.remove([a.id]);
		const { model: copy, parse } = modelFromJournal(model.toJournal(), 10);
		assert.equal(parse.corruptLines, 0);
		assert.deepEqual(copy.newestFirst(), model.newestFirst());
		assert.deepEqual(copy.followingIds(), [b.id]);
		assert.equal(copy.add(a).added, false, 'the tombstone survives compaction');
	});

	it('replays adds, updates, deletes and clears in order', () => {
		const a = entry({}, 1_000);
		const b = entry({}, 2_000);
		const text = journal([
			{ op: 'meta', version: 1 },
			{ op: 'add', entry: a },
			{ op: 'add', entry: b },
			{ op: 'update', id: a.id, patch: { message: message({ status: 'delivered' }), updatedAt: 5_000 } },
			{ op: 'delete', ids: [b.id] },
			{ op: 'update', id: b.id, patch: { following: false, updatedAt: 6_000 } },
		]);
		const { model, parse } = modelFromJournal(text, 10);
		assert.equal(parse.lines, 6);
		assert.deepEqual(model.newestFirst().map((e) => [e.id, e.message?.status]), [[a.id, 'delivered']]);
	});

	it('skips blank lines, garbage and records of the wrong shape, counting them', () => {
		const a = entry();
		const text = [
			'',
			serializeRecord({ op: 'add', entry: a }),
			'this is not json',
			'{"op":"add","entry":{"id":42}}',
			'{"op":"teleport"}',
			'\u0000\u0001binary',
			'',
			'[1,2,3]',
			'',
		].join('\n');
		const parse = parseJournal(text);
		assert.equal(parse.records.length, 1);
		assert.equal(parse.corruptLines, 5);
		assert.equal(parse.truncated, false);
	});

	it('recognises a last line cut short by a crash', () => {
		const a = entry();
		const b = entry();
		const full = `${serializeRecord({ op: 'add', entry: a })}\n${serializeRecord({ op: 'add', entry: b })}\n`;
		const cut = full.slice(0, full.length - 25);
		const parse = parseJournal(cut);
		assert.equal(parse.records.length, 1);
		assert.equal(parse.corruptLines, 1);
		assert.equal(parse.truncated, true);
		const { model, parse: loaded } = modelFromJournal(cut, 10);
		assert.deepEqual(model.ids(), [a.id]);
		assert.equal(loaded.truncated, true);
		assert.equal(loaded.corruptLines, 1);
	});

	it('loads the same garbage tolerantly through the fast (header-only) path', () => {
		const a = entry();
		const text = ['', serializeRecord({ op: 'add', entry: a }), 'this is not json', '{"op":"add","entry":{"id":42}}', '{"op":"add","id":"x"', '{"op":"teleport"}', ''].join('\n');
		const { model, parse } = modelFromJournal(text, 10);
		assert.deepEqual(model.ids(), [a.id]);
		assert.equal(parse.corruptLines, 4);
		assert.equal(parse.truncated, false);
	});

	it('reads headers first, then each kept entry with its updates', () => {
		const a = entry({ following: true }, 1_000);
		const delivered = message({ sid: a.message!.sid, status: 'delivered' });
		const text = journal([
			{ op: 'add', entry: a },
			{ op: 'update', id: a.id, patch: { message: message({ sid: a.message!.sid, status: 'sent' }), updatedAt: 2_000 } },
			{ op: 'update', id: a.id, patch: { message: delivered, following: false, updatedAt: 3_000 } },
			{ op: 'update', id: a.id, patch: { message: message({ status: 'sending' }), updatedAt: 2_500 } },
		]);
		const { model } = modelFromJournal(text, 10);
		assert.deepEqual(model.followingIds(), [], 'the following flag of the last update wins');
		assert.deepEqual(model.groups(new Date(1_000)).map((g) => g.count), [1]);
		const loaded = model.get(a.id);
		assert.equal(loaded?.message?.status, 'delivered');
		assert.equal(loaded?.following, false);
		assert.equal(loaded?.updatedAt, 3_000);
	});

	it('checks whole entries at load: a line with a valid header and a damaged entry is counted as damage and dropped', () => {
		const a = entry({}, 1_000);
		const b = entry({}, 2_000);
		const c = entry({}, 3_000);
		const unreadable = serializeRecord({ op: 'add', entry: a }).replace('"params":{', '"params":{{');
		const wrongShape = serializeRecord({ op: 'add', entry: { ...c, params: { to: 42 } } as unknown as typeof c });
		const { model, parse } = modelFromJournal(`${unreadable}\n${serializeRecord({ op: 'add', entry: b })}\n${wrongShape}\n`, 10);
		assert.equal(parse.corruptLines, 2, 'both damaged entries are reported at load');
		assert.deepEqual(model.ids(), [b.id]);
		assert.deepEqual(model.groups(new Date(3_000)).map((g) => g.count), [1], 'the tree never shows them');
	});

	it('counts an entry whose header disagrees with its JSON as damage (a hand-edited line)', () => {
		const a = entry({}, 1_000);
		const forged = serializeRecord({ op: 'add', entry: a }).replace(`"s":"${a.profile.spaceUrl}"`, '"s":"https://elsewhere.example"');
		const { model, parse } = modelFromJournal(`${forged}\n`, 10);
		assert.equal(parse.corruptLines, 1);
		assert.equal(model.size, 0);
	});

	it('counts a damaged update line of a kept entry as damage, keeping the entry', () => {
		const a = entry({}, 1_000);
		const update = serializeRecord({ op: 'update', id: a.id, patch: { following: false, updatedAt: a.updatedAt + 1 } }).replace('"patch":{', '"patch":{"message":7,');
		const { model, parse } = modelFromJournal(`${serializeRecord({ op: 'add', entry: a })}\n${update}\n`, 10);
		assert.equal(parse.corruptLines, 1);
		assert.deepEqual(model.ids(), [a.id]);
	});

	it('also reads records written without the header (by hand, or an older version)', () => {
		const a = entry();
		const { model, parse } = modelFromJournal(`${JSON.stringify({ op: 'add', entry: a })}\n${JSON.stringify({ op: 'update', id: a.id, patch: { following: true, updatedAt: a.updatedAt + 1 } })}\n`, 10);
		assert.equal(parse.corruptLines, 0);
		assert.equal(model.get(a.id)?.following, true);
		const b = entry();
		const mixed = `${serializeRecord({ op: 'add', entry: b })}\n${JSON.stringify({ op: 'update', id: b.id, patch: { following: true, updatedAt: b.updatedAt + 1 } })}\n`;
		assert.equal(modelFromJournal(mixed, 10).model.get(b.id)?.following, true, 'an update without a header, after an add with one');
	});

	it('compacts an entry to its add line without the writer', () => {
		const a = entry();
		const line = serializeRecord({ op: 'add', entry: a }, 'writer-1');
		const { model } = modelFromJournal(`${line}\n`, 10);
		assert.ok(model.toJournal().includes(serializeRecord({ op: 'add', entry: a })));
	});

	it('reads an empty or whitespace-only journal as empty', () => {
		assert.deepEqual(parseJournal(''), { records: [], lines: 0, corruptLines: 0, truncated: false });
		assert.equal(parseJournal('\n\n  \n').records.length, 0);
	});

	it('applies the bound while replaying', () => {
		const records: JournalRecord[] = Array.from({ length: 50 }, (_, i) => ({ op: 'add', entry: entry({}, 1_000 + i) }));
		const { model } = modelFromJournal(journal(records), 20);
		assert.equal(model.size, 20);
		assert.equal(model.get(model.ids()[0]!)!.createdAt, 1_030);
	});

	it('asks for compaction when most lines are dead', () => {
		assert.equal(shouldCompact(100, 90), false);
		assert.equal(shouldCompact(2_500, 1_000), true);
	});

	it('loads and groups 10,000 entries quickly (printed, not asserted)', function () {
		this.timeout(60_000);
		// Noon, so that the newest day holds 720 of the one-a-minute entries whatever the time of the
		// run (just after midnight it held a handful, fewer than the 50 of a first screen).
		const now = new Date().setHours(12, 0, 0, 0);
		const model = new HistoryModel(10_000);
		for (let i = 0; i < 10_000; i++) {
			model.add(entry({ params: { to: '+15550100199', from: '+15550100100', body: `Message number ${i} with some text to make it realistic` } }, now - (10_000 - i) * 60_000));
		}
		const text = model.toJournal();
		const started = performance.now();
		const loaded = new HistoryModel(10_000);
		loaded.load(text);
		const groups = loaded.groups(new Date(now));
		const elapsed = performance.now() - started;
		const verifyStarted = performance.now();
		assert.equal(loaded.verify(), 0);
		const verifyElapsed = performance.now() - verifyStarted;
		const firstDay = performance.now();
		const ids = loaded.idsOfDay(groups[0]!.day);
		const visible = ids.slice(0, 50).map((id) => loaded.get(id));
		assert.ok(visible.every(Boolean));
		const firstDayElapsed = performance.now() - firstDay;
		const addStarted = performance.now();
		loaded.add(entry({}, now));
		const addElapsed = performance.now() - addStarted;
		console.log(
			`      10,000 entries (${(text.length / 1e6).toFixed(1)} MB): load + root groups ${elapsed.toFixed(1)} ms (${groups.length} groups); ` +
				`every entry checked whole (after the first paint) ${verifyElapsed.toFixed(1)} ms; first group's ids + 50 entries ${firstDayElapsed.toFixed(1)} ms; one more add ${addElapsed.toFixed(3)} ms`,
		);
		assert.equal(loaded.size, 10_000);
		assert.equal(visible.length, 50);
		assert.ok(groups.length >= 7);
		assert.equal(groups.reduce((n, g) => n + g.count, 0), 10_000);
	});
});
