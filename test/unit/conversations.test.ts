import * as assert from 'node:assert/strict';
import { ConversationModel, parseKnownMessages, snippetOf, threadId, threadKeyOf, type KnownMessage } from '../../src/core/conversations';
import type { Message } from '../../src/core/types';
import { message as aMessage } from '../fixtures/builders';

const OWN = '+15550100100';
const OTHER = '+15550100555';
const SPACE = 'http://127.0.0.1:1|p';

function message(sid: string, direction: string, at: number, overrides: Partial<Message> = {}): Message {
	const inbound = direction === 'inbound';
	const date = new Date(at).toUTCString().replace('GMT', '+0000');
	return aMessage({
		account_sid: 'p',
		body: `body ${sid}`,
		date_created: date,
		date_sent: date,
		date_updated: date,
		direction,
		from: inbound ? OTHER : OWN,
		sid,
		status: inbound ? 'received' : 'queued',
		to: inbound ? OWN : OTHER,
		uri: '',
		subresource_uris: null,
		...overrides,
	});
}

function known(m: Message, origin: KnownMessage['origin'] = 'polled', read = false): KnownMessage {
	return { profileId: SPACE, message: m, origin, read };
}

describe('ConversationModel', () => {
	it('clamps the poll cursor to the present: a reply dated 9999-12-31 does not move it past later replies', () => {
		const model = new ConversationModel();
		const now = Date.parse('2026-12-02T10:00:00Z');
		model.upsert(known(message('SMold', 'inbound', now - 86_400_000)));
		assert.equal(model.newestTime(SPACE, now), now - 86_400_000);
		const future = message('SMfuture', 'inbound', 0, { date_created: 'Fri, 31 Dec 9999 12:00:00 +0000', date_sent: 'Fri, 31 Dec 9999 12:00:00 +0000' });
		model.upsert(known(future));
		assert.equal(model.newestTime(SPACE, now), now, 'the cursor learns at most the present');
		assert.equal(new Date(model.newestTime(SPACE, now)).toISOString().slice(0, 10), '2026-12-02', 'DateSent> stays today, not 9999-12-31');
		const kept = model.get('SMfuture');
		assert.equal(kept?.message.date_sent, 'Fri, 31 Dec 9999 12:00:00 +0000', 'the rest of that message is kept as it came');
		assert.equal(kept?.message.body, 'body SMfuture');
	});

	const t0 = Date.UTC(2026, 10, 30, 12, 0, 0);

	it('puts both directions of one own number and other party in one thread, oldest first', () => {
		const model = new ConversationModel();
		model.upsert(known(message('b', 'inbound', t0 + 2000)));
		model.upsert(known(message('a', 'outbound-api', t0), 'sent'));
		const threads = model.threads();
		assert.equal(threads.length, 1);
		assert.deepEqual([threads[0].ownNumber, threads[0].otherParty, threads[0].messageCount], [OWN, OTHER, 2]);
		assert.deepEqual(model.messagesOf(threads[0].id).map((k) => k.message.sid), ['a', 'b']);
		assert.equal(threads[0].lastDirection, 'inbound');
		assert.equal(threads[0].lastSnippet, 'body b');
	});

	it('keeps a SID once, whichever way it arrives, and merges what each way knows', () => {
		const model = new ConversationModel();
		const sent = message('s1', 'outbound-api', t0);
		assert.equal(model.upsert({ ...known(sent, 'sent', true), historyId: 'h1', mediaUrls: ['https://example.com/a.png'] }), 'added');
		const later = { ...sent, status: 'delivered', date_updated: new Date(t0 + 5000).toUTCString() };
		assert.equal(model.upsert(known(later, 'imported', true)), 'updated');
		assert.equal(model.upsert(known(later, 'polled', true)), 'unchanged');
		assert.equal(model.size, 1);
		const merged = model.get('s1');
		assert.equal(merged?.origin, 'sent');
		assert.equal(merged?.message.status, 'delivered');
		assert.equal(merged?.historyId, 'h1');
		assert.deepEqual(merged?.mediaUrls, ['https://example.com/a.png']);
		// An older copy does not take the status back.
		model.upsert(known(sent, 'imported', true));
		assert.equal(model.get('s1')?.message.status, 'delivered');
	});

	it('counts unread inbound messages per thread and in total; reading a thread clears them', () => {
		const model = new ConversationModel();
		model.upsert(known(message('r1', 'inbound', t0)));
		model.upsert(known(message('r2', 'inbound', t0 + 1)));
		model.upsert(known(message('x', 'inbound', t0 + 2, { from: '+15550100999' })));
		model.upsert(known(message('o', 'outbound-api', t0 + 3), 'sent'));
		assert.equal(model.unreadTotal(), 3);
		const thread = model.threads().find((t) => t.otherParty === OTHER);
		assert.equal(thread?.unread, 2);
		assert.equal(model.markRead(thread?.id ?? ''), 2);
		assert.equal(model.unreadTotal(), 1);
		// A read message stays read when it arrives again unread.
		model.upsert(known(message('r1', 'inbound', t0)));
		assert.equal(model.unreadTotal(), 1);
	});

	it('orders threads by newest activity and marks deleted messages instead of removing them', () => {
		const model = new ConversationModel();
		model.upsert(known(message('old', 'inbound', t0, { from: '+15550100111' })));
		model.upsert(known(message('new', 'inbound', t0 + 60_000)));
		assert.deepEqual(model.threads().map((t) => t.otherParty), [OTHER, '+15550100111']);
		assert.ok(model.markDeleted('new', 5));
		assert.equal(model.size, 2);
		assert.equal(model.get('new')?.deletedAt, 5);
		assert.equal(model.threads()[0].lastSnippet, '(deleted at SignalWire)');
		assert.equal(model.unreadTotal(), 1);
	});

	it('drops the oldest messages beyond its bound, and their empty threads', () => {
		const model = new ConversationModel(2);
		model.upsert(known(message('1', 'inbound', t0, { from: '+15550100111' })));
		model.upsert(known(message('2', 'inbound', t0 + 1)));
		model.upsert(known(message('3', 'inbound', t0 + 2)));
		assert.equal(model.size, 2);
		assert.equal(model.has('1'), false);
		assert.deepEqual(model.threads().map((t) => t.otherParty), [OTHER]);
	});

	it('skips messages without both numbers, and says what stands for an empty body', () => {
		const model = new ConversationModel();
		assert.equal(model.upsert(known(message('g', 'outbound-api', t0, { from: '' }))), 'unchanged');
		assert.equal(threadKeyOf(SPACE, message('i', 'inbound', t0))?.ownNumber, OWN);
		assert.equal(snippetOf(known(message('m', 'inbound', t0, { body: '', num_media: 2 }))), '[2 media]');
		assert.equal(snippetOf(known(message('e', 'inbound', t0, { body: '' }))), '(no body)');
		assert.equal(snippetOf(known(message('l', 'inbound', t0, { body: 'x'.repeat(200) }))).length, 80);
		assert.equal(threadId({ profileId: 'p', ownNumber: OWN, otherParty: OTHER }), `p\n${OWN}\n${OTHER}`);
	});

	it('reads stored messages as untrusted input', () => {
		const good = known(message('ok', 'inbound', t0));
		const parsed = parseKnownMessages([good, null, 3, { ...good, origin: 'evil' }, { ...good, message: { sid: 1 } }, { profileId: SPACE }]);
		assert.equal(parsed.length, 1);
		assert.equal(parsed[0].message.sid, 'ok');
		assert.deepEqual(parseKnownMessages('nope'), []);
	});
});
