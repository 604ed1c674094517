/**
 * The one message repository: the Conversations view as a projection of the history journal
 * (src/replies/conversationProjection.ts), and the one-time move of the old `conversations.json`
 * into the journal (src/replies/legacyConversations.ts), with real journal files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId, type KnownMessage } from '../../src/core/conversations';
import type { Message } from '../../src/core/types';
import { ReceivedMessages, receivedEntryId } from '../../src/history/receivedEntries';
import { HistoryStore } from '../../src/history/store';
import { ConversationProjection, knownOfEntry, type SourceChange } from '../../src/replies/conversationProjection';
import { CONVERSATIONS_FILE_NAME, MIGRATED_SUFFIX, migrateLegacyConversations, profileOfId, readLegacyText } from '../../src/replies/legacyConversations';
import { PROFILE, entry, message } from '../fixtures/builders';

const OWN = '+15550100100';
const ECHO = '+15550100555';

function inbound(body: string, overrides: Partial<Message> = {}): Message {
	return message({ direction: 'inbound', status: 'received', from: ECHO, to: OWN, body, date_created: 'Mon, 30 Nov 2026 12:00:00 +0000', date_updated: 'Mon, 30 Nov 2026 12:00:00 +0000', ...overrides });
}

/** A stored message as the old file (format version 1) held it. */
function stored(msg: Message, origin: KnownMessage['origin'], extra: Partial<KnownMessage> = {}): KnownMessage {
	return { profileId: PROFILE.id, message: msg, origin, read: false, ...extra };
}

/** A history store with its ReceivedMessages, as a window has them; `changes` collects what the projection is told. */
function window(file: string) {
	const store = new HistoryStore({ file, maxEntries: 10_000 });
	const changes: SourceChange[] = [];
	const received = new ReceivedMessages({ store, ready: async () => undefined, stopFollowing: () => undefined, changed: (change) => changes.push(change), logger: { warn: () => undefined } });
	const projection = new ConversationProjection({ get: (id) => store.model.get(id), entries: () => store.model.newestFirst({}) });
	return { store, received, projection, changes };
}

describe('one message repository: conversations from the history journal', function () {
	this.timeout(20_000);
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-repository-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	describe('the projection', () => {
		it('shows sends and received messages by thread; a reply is unread until some window read it (readAt)', () => {
			const send = entry({ message: message({ from: OWN, to: ECHO, date_created: 'Mon, 30 Nov 2026 11:59:00 +0000' }), params: { to: ECHO, from: OWN, mediaUrls: ['https://example.com/a.png'] } });
			assert.deepEqual(knownOfEntry(send), { profileId: PROFILE.id, message: send.message, origin: 'sent', read: true, historyId: send.id, mediaUrls: ['https://example.com/a.png'] });
			const reply = { ...entry({ message: inbound('hi'), origin: 'reply' }), id: 'message:x' };
			assert.equal(knownOfEntry(reply)?.read, false);
			assert.equal(knownOfEntry({ ...reply, readAt: 5 })?.read, true);
			assert.equal(knownOfEntry({ ...reply, origin: 'imported' })?.read, true, 'imported messages are not new replies');
			assert.deepEqual(knownOfEntry({ ...reply, deletedAt: 3, redactedAt: 4 }), { profileId: PROFILE.id, message: reply.message, origin: 'polled', read: false, deletedAt: 3, redactedAt: 4 });
			assert.equal(knownOfEntry(entry({ message: undefined, error: { kind: 'timeout', message: 'x' } })), undefined, 'a failed send has no message');
		});

		it('applies a batch incrementally (no rescan), and rebuilds only on reset, keeping what the history does not hold yet', async () => {
			const { store, received, projection, changes } = window(path.join(dir, 'history.jsonl'));
			await store.load();
			let scans = 0;
			const counted = new ConversationProjection({ get: (id) => store.model.get(id), entries: () => (scans++, store.model.newestFirst({})) });
			counted.rebuild();
			assert.equal(scans, 1);
			const replies = [inbound('one'), inbound('two')];
			await received.record(PROFILE, replies, 'reply');
			assert.equal(changes.length, 1);
			assert.equal(counted.apply(changes[0]!), true);
			assert.equal(scans, 1, 'a batch is applied entry by entry, not by reading every entry again');
			const key = { profileId: PROFILE.id, ownNumber: OWN, otherParty: ECHO };
			assert.deepEqual(counted.model.messagesOf(threadId(key)).map((k) => k.message.body), ['one', 'two']);
			assert.equal(counted.model.threads()[0]?.unread, 2);

			const sentNow = message({ from: OWN, to: ECHO, body: 'sent from a panel', date_created: 'Mon, 30 Nov 2026 12:01:00 +0000' });
			assert.equal(counted.addUnrecorded({ profileId: PROFILE.id, message: sentNow, origin: 'sent', read: true }), true);
			assert.equal(counted.apply({ kind: 'reset', viewOnly: true }), false, 'the Messages view\'s filter changed: nothing to read');
			assert.equal(scans, 1);
			const version = counted.model.version;
			counted.apply({ kind: 'reset' });
			assert.equal(scans, 2);
			assert.ok(counted.model.version > version, 'a rebuilt model goes on counting');
			assert.deepEqual(counted.model.messagesOf(threadId(key)).map((k) => k.message.body), ['one', 'two', 'sent from a panel'], 'kept until the history records it');

			await received.markRead(replies.map((m) => m.sid), 9);
			assert.equal(store.model.get(receivedEntryId(replies[0]!.sid))?.readAt, 9);
			counted.apply(changes.at(-1)!);
			assert.equal(counted.model.threads()[0]?.unread, 0, 'the read mark is in the journal');
			assert.equal(projection.apply({ kind: 'reset' }), true);
		});
	});

	describe('the old conversations file', () => {
		it('reads the current format and counts what it cannot read', () => {
			const ok = stored(inbound('ok'), 'polled');
			assert.deepEqual(readLegacyText(JSON.stringify({ version: 1, messages: [ok, { profileId: 1 }, { ...ok, origin: 'elsewhere' }] })), { messages: [ok], skipped: 2 });
			assert.deepEqual(readLegacyText('{not json'), { messages: [], skipped: 1 });
			assert.deepEqual(readLegacyText('{"version":1}'), { messages: [], skipped: 1 });
			assert.deepEqual(profileOfId(PROFILE.id, []), PROFILE, 'a Space signed out since: read from the id');
			assert.equal(profileOfId('no-bar', []), undefined);
		});

		it('moves a file in the current format into the journal once (marks kept), then renames it', async () => {
			const file = path.join(dir, 'history.jsonl');
			const { store, received, projection } = window(file);
			await store.load();
			const send = entry({ message: message({ from: OWN, to: ECHO, body: 'a send' }) });
			await store.add(send);
			const read = inbound('read reply');
			const unread = inbound('unread reply');
			const imported = inbound('imported one');
			const deleted = inbound('deleted one');
			const polledOut = message({ from: OWN, to: ECHO, body: 'sent by another tool' });
			const legacy = [
				stored(read, 'polled', { read: true }),
				stored(unread, 'polled'),
				stored(imported, 'imported', { read: true }),
				stored(deleted, 'polled', { read: true, deletedAt: 7 }),
				stored(polledOut, 'polled', { read: true }),
				stored(send.message!, 'sent', { read: true, redactedAt: 8, historyId: send.id }),
			];
			fs.writeFileSync(path.join(dir, CONVERSATIONS_FILE_NAME), JSON.stringify({ version: 1, messages: legacy }));

			const report = await migrateLegacyConversations(dir, received, { profiles: [PROFILE], now: () => 100 });
			assert.deepEqual(report, { outcome: 'migrated', messages: 6, added: 5, skipped: 0, migratedFile: path.join(dir, `${CONVERSATIONS_FILE_NAME}${MIGRATED_SUFFIX}`) });
			assert.deepEqual(fs.readdirSync(dir).sort(), ['conversations.json.migrated', 'history.jsonl'], 'renamed; the lock is gone');
			await store.flush();

			const reread = new HistoryStore({ file, maxEntries: 10_000 });
			assert.equal((await reread.load()).corruptLines, 0);
			const entriesOf = (sid: string) => reread.model.newestFirst({}).filter((e) => e.message?.sid === sid);
			for (const known of legacy) {
				assert.equal(entriesOf(known.message.sid).length, 1, `${known.message.body} once`);
			}
			assert.equal(entriesOf(read.sid)[0]?.readAt, 100);
			assert.equal(entriesOf(unread.sid)[0]?.readAt, undefined);
			assert.equal(entriesOf(imported.sid)[0]?.origin, 'imported');
			assert.equal(entriesOf(deleted.sid)[0]?.deletedAt, 7);
			assert.equal(entriesOf(polledOut.sid)[0]?.origin, 'imported', 'an outbound message read from the Space');
			assert.deepEqual([entriesOf(send.message!.sid)[0]?.id, entriesOf(send.message!.sid)[0]?.redactedAt], [send.id, 8], 'a send keeps its entry and gains the mark');

			projection.rebuild();
			const thread = projection.model.threads().find((t) => t.otherParty === ECHO);
			assert.deepEqual([thread?.messageCount, thread?.unread], [6, 1]);

			assert.deepEqual(await migrateLegacyConversations(dir, received, { profiles: [PROFILE] }), { outcome: 'none', messages: 0, added: 0, skipped: 0 }, 'once');
		});

		it('keeps a damaged file aside and reports it; never drops it in silence', async () => {
			const { store, received } = window(path.join(dir, 'history.jsonl'));
			await store.load();
			const good = stored(inbound('readable'), 'polled', { read: true });
			const text = JSON.stringify({ version: 1, messages: [good, { profileId: PROFILE.id, message: 'cut' }] });
			fs.writeFileSync(path.join(dir, CONVERSATIONS_FILE_NAME), text);
			const report = await migrateLegacyConversations(dir, received, { profiles: [] });
			assert.equal(report.outcome, 'migrated');
			assert.deepEqual([report.messages, report.added, report.skipped], [1, 1, 1]);
			assert.ok(report.backupFile?.includes('conversations.corrupt-'), report.backupFile);
			assert.equal(fs.readFileSync(report.backupFile!, 'utf8'), text, 'kept as it was');
			assert.equal(fs.existsSync(path.join(dir, CONVERSATIONS_FILE_NAME)), false);
			assert.ok(store.model.has(receivedEntryId(good.message.sid)), 'the readable message is moved');

			fs.writeFileSync(path.join(dir, CONVERSATIONS_FILE_NAME), '{"version":1,"messages":[{"profileId"');
			const garbage = await migrateLegacyConversations(dir, received, { profiles: [] });
			assert.deepEqual([garbage.messages, garbage.skipped], [0, 1]);
			assert.ok(garbage.backupFile && fs.readFileSync(garbage.backupFile, 'utf8').startsWith('{"version":1'));
		});

		it('two windows starting at once move it once, and lose nothing', async () => {
			const file = path.join(dir, 'history.jsonl');
			const [a, b] = [window(file), window(file)];
			await Promise.all([a.store.load(), b.store.load()]);
			const legacy = Array.from({ length: 50 }, (_, i) => stored(inbound(`reply ${i}`), 'polled', { read: i % 2 === 0 }));
			fs.writeFileSync(path.join(dir, CONVERSATIONS_FILE_NAME), JSON.stringify({ version: 1, messages: legacy }));
			const reports = await Promise.all([migrateLegacyConversations(dir, a.received, { profiles: [PROFILE] }), migrateLegacyConversations(dir, b.received, { profiles: [PROFILE] })]);
			assert.deepEqual(reports.map((r) => r.outcome).sort(), ['migrated', 'none']);
			await Promise.all([a.store.flush(), b.store.flush()]);
			const reread = new HistoryStore({ file, maxEntries: 10_000 });
			await reread.load();
			const sids = reread.model.newestFirst({}).map((e) => e.message?.sid);
			assert.equal(sids.length, 50);
			assert.deepEqual(new Set(sids), new Set(legacy.map((k) => k.message.sid)));
		});
	});
});
