/**
 * Messages read from the Space in the history (src/history/receivedEntries.ts): entries marked
 * with their origin, each SID once, the marks SignalWire's deletes and redactions leave, the
 * checks a stored entry passes, and how the Messages view words them (src/history/presentation.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch, isEntryPatch, isHistoryEntry, type HistoryEntry } from '../../src/history/entry';
import { parseLine, serializeRecord } from '../../src/history/journal';
import { modelFromJournal } from '../../src/history/model';
import { entryDescription, entryDocument, entryFields, entryLabel, tooltipMarkdown } from '../../src/history/presentation';
import { ReceivedMessages, entriesToRecord, entryOfMessage, receivedEntryId } from '../../src/history/receivedEntries';
import { HistoryStore } from '../../src/history/store';
import { PROFILE, entry, message } from '../fixtures/builders';

const OWN = '+15550100100';
const ECHO = '+15550100555';

function inbound(body = 'Echo: hi', overrides: Parameters<typeof message>[0] = {}) {
	return message({ direction: 'inbound', status: 'received', from: ECHO, to: OWN, body, date_created: 'Mon, 30 Nov 2026 12:00:00 +0000', ...overrides });
}

const nothingKnown = { hasSid: () => false, hasId: () => false };

describe('history: messages read from the Space', () => {
	describe('entries', () => {
		it('builds a display-only entry from the message: its id from the SID, its time, its origin, never followed', () => {
			const reply = inbound();
			const built = entryOfMessage(PROFILE, reply, 'reply', 5);
			assert.equal(built.id, receivedEntryId(reply.sid));
			assert.deepEqual(built.params, { to: OWN, from: ECHO, body: 'Echo: hi' });
			assert.equal(built.origin, 'reply');
			assert.equal(built.createdAt, Date.parse('2026-11-30T12:00:00Z'));
			assert.equal(built.updatedAt, 5);
			assert.equal(built.following, undefined);
			assert.deepEqual(built.profile, PROFILE);
			assert.ok(isHistoryEntry(built));
			assert.equal(entryOfMessage(PROFILE, inbound('', { date_created: 'garbage' }), 'imported', 7).createdAt, 7, 'an unreadable time: now');
		});

		it('records each SID once: not one held as a send or read before, not twice in a batch', () => {
			const held = inbound('held as a send');
			const readBefore = inbound('read before');
			const fresh = inbound('fresh');
			const known = { hasSid: (sid: string) => sid === held.sid, hasId: (id: string) => id === receivedEntryId(readBefore.sid) };
			const entries = entriesToRecord(PROFILE, [held, readBefore, fresh, { ...fresh }], 'imported', 1, known);
			assert.deepEqual(entries.map((e) => e.params.body), ['fresh']);
			assert.equal(entriesToRecord(PROFILE, [], 'imported', 1, nothingKnown).length, 0);
		});
	});

	describe('stored entries (the journal stays compatible)', () => {
		it('accepts the new fields, rejects wrong ones, and still loads entries written before them', () => {
			const old = entry();
			assert.ok(isHistoryEntry(old), 'an entry without origin or marks');
			const received = { ...entryOfMessage(PROFILE, inbound(), 'imported', 1), deletedAt: 2, redactedAt: 3 };
			assert.ok(isHistoryEntry(received));
			assert.equal(isHistoryEntry({ ...received, origin: 'sent' }), false, 'an unknown origin');
			assert.equal(isHistoryEntry({ ...received, message: undefined }), false, 'a message read from the Space has its message');
			assert.equal(isHistoryEntry({ ...received, deletedAt: 'yesterday' }), false);
			assert.equal(isHistoryEntry({ ...received, redactedAt: Number.NaN }), false);
			assert.ok(isEntryPatch({ deletedAt: 1, following: false, updatedAt: 2 }));
			assert.equal(isEntryPatch({ redactedAt: '1', updatedAt: 2 }), false);
		});

		it('round-trips through the journal next to old lines, within maxEntries', () => {
			const old = entry({}, 1000);
			const received = entryOfMessage(PROFILE, inbound(), 'reply', 2000);
			const text = [serializeRecord({ op: 'add', entry: old }), serializeRecord({ op: 'add', entry: received }), serializeRecord({ op: 'update', id: received.id, patch: { deletedAt: 3000, updatedAt: 3000 } })].join('\n') + '\n';
			assert.equal(parseLine(serializeRecord({ op: 'add', entry: received }))?.op, 'add');
			const { model, parse } = modelFromJournal(text, 1000);
			assert.equal(parse.corruptLines, 0);
			assert.deepEqual(model.get(old.id), old);
			assert.equal(model.get(received.id)?.origin, 'reply');
			assert.equal(model.get(received.id)?.deletedAt, 3000);
			assert.equal(modelFromJournal(text, 1).model.size, 1, 'bounded as before');
		});

		it('a redaction drops the display-only body of a message read from the Space, keeps a send\'s request; the first mark stays', () => {
			const received = entryOfMessage(PROFILE, inbound('code 1234'), 'imported', 1);
			const redacted = applyPatch(received, { redactedAt: 5, updatedAt: 5 });
			assert.equal(redacted.params.body, undefined);
			assert.equal(redacted.redactedAt, 5);
			assert.equal(applyPatch(redacted, { redactedAt: 9, updatedAt: 9 }).redactedAt, 5);
			const send = entry();
			assert.equal(applyPatch(send, { redactedAt: 5, updatedAt: 5 }).params.body, send.params.body);
			assert.equal(applyPatch(applyPatch(send, { deletedAt: 4, updatedAt: 4 }), { deletedAt: 8, updatedAt: 8 }).deletedAt, 4);
		});
	});

	describe('with a history store', function () {
		this.timeout(20_000);
		let dir: string;
		let store: HistoryStore;
		let changes: string[];
		let received: ReceivedMessages;
		beforeEach(() => {
			dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-received-'));
			store = new HistoryStore({ file: path.join(dir, 'history.jsonl'), maxEntries: 1000 });
			changes = [];
			received = new ReceivedMessages({
				store,
				ready: async () => undefined,
				stopFollowing: (id) => changes.push(`stop ${id}`),
				changed: (change) => changes.push(change.kind === 'batch' ? `batch ${change.ids.join(' ')}` : `updated ${change.id}`),
				logger: { warn: (text) => assert.fail(text) },
			});
		});
		afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

		it('adds each SID once (a re-import adds nothing; a send with that SID is not duplicated) and persists it', async () => {
			await store.load();
			const send = entry();
			await store.add(send);
			const replies = [inbound('one'), inbound('two')];
			assert.equal(await received.record(PROFILE, [...replies, send.message!], 'imported'), 2);
			assert.equal(await received.record(PROFILE, [...replies, send.message!], 'imported'), 0);
			assert.equal(await received.record(PROFILE, replies, 'reply'), 0, 'a poll after the import');
			assert.deepEqual(changes, [`batch ${receivedEntryId(replies[0]!.sid)} ${receivedEntryId(replies[1]!.sid)}`], 'one change naming the entries added');
			assert.equal(store.model.size, 3);
			const reread = new HistoryStore({ file: store.file, maxEntries: 1000 });
			await reread.load();
			assert.deepEqual(reread.model.get(receivedEntryId(replies[0]!.sid))?.origin, 'imported');
			assert.equal(reread.model.size, 3);
		});

		it('does not bring back an entry the user deleted from the view', async () => {
			await store.load();
			const reply = inbound();
			await received.record(PROFILE, [reply], 'reply');
			await store.remove([receivedEntryId(reply.sid)]);
			assert.equal(await received.record(PROFILE, [reply], 'imported'), 0);
			assert.equal(store.model.size, 0);
		});

		it('marks the entries of a SID deleted (following stopped) or redacted (the message as it is now)', async () => {
			await store.load();
			const send = entry({ following: true });
			await store.add(send);
			const reply = inbound('secret');
			await received.record(PROFILE, [reply], 'reply');
			await received.mark(send.message!.sid, { deletedAt: 10 });
			assert.equal(store.model.get(send.id)?.deletedAt, 10);
			assert.equal(store.model.get(send.id)?.following, false);
			assert.ok(changes.includes(`stop ${send.id}`));
			await received.mark(reply.sid, { redactedAt: 11, message: { ...reply, body: '' } });
			const redacted = store.model.get(receivedEntryId(reply.sid));
			assert.equal(redacted?.redactedAt, 11);
			assert.equal(redacted?.message?.body, '');
			assert.equal(redacted?.params.body, undefined);
			assert.equal(redacted?.deletedAt, undefined);
			await received.mark('unknown-sid', { deletedAt: 12 });
			assert.equal(store.model.size, 2);
		});
	});

	describe('in the Messages view', () => {
		it('labels a received message by its sender and marks it received or imported', () => {
			const reply = entryOfMessage(PROFILE, inbound('Echo: hi'), 'reply', 1);
			assert.equal(entryLabel(reply), ECHO);
			assert.equal(entryDescription(reply), 'received · Echo: hi');
			const imported = entryOfMessage(PROFILE, inbound('old one'), 'imported', 1);
			assert.equal(entryDescription(imported), 'imported · received · old one');
			const importedSend = entryOfMessage(PROFILE, message({ body: 'from elsewhere' }), 'imported', 1);
			assert.equal(entryLabel(importedSend), '+15550100199');
			assert.equal(entryDescription(importedSend), 'imported · from elsewhere');
			assert.equal(entryDescription(entry()), 'Hello World!', 'a send is unmarked');
			assert.ok(entryFields(reply).some((f) => f.key === 'origin'));
			assert.ok(entryFields(reply).some((f) => f.label === 'Received at'));
			const doc = entryDocument(imported);
			assert.equal(doc.origin, 'imported');
			assert.equal(doc.request, undefined, 'no request was made from VS Code');
		});

		it('shows a message deleted at SignalWire as deleted, and a redacted body as redacted', () => {
			const deleted: HistoryEntry = { ...entry(), deletedAt: Date.now() };
			assert.equal(entryDescription(deleted), 'deleted at SignalWire · Hello World!');
			assert.match(tooltipMarkdown(deleted), /Deleted at SignalWire/);
			assert.ok(entryFields(deleted).some((f) => f.key === 'deletedAt'));
			const redacted: HistoryEntry = { ...entry({ params: { to: '+15550100199', body: 'my code 424242' } }), redactedAt: Date.now() };
			assert.equal(entryDescription(redacted), '(body redacted at SignalWire)');
			assert.doesNotMatch(tooltipMarkdown(redacted), /424242/);
			assert.equal(entryFields(redacted).find((f) => f.key === 'body')?.value, '(redacted at SignalWire)');
		});
	});
});
