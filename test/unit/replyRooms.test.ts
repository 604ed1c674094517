/**
 * The rooms of the conversations, without VS Code: the poller (src/replies/replyPoller.ts), the
 * importer (src/replies/messageImporter.ts) and the remote actions (src/replies/remoteActions.ts),
 * each given a clock, the profiles and a client, writing to a real history journal whose
 * projection (src/replies/conversationProjection.ts) is the threads, against the local server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SANDBOX_NUMBERS, startSandbox, type Sandbox } from '../../sandbox/server';
import { threadId, type KnownMessage, type ThreadKey } from '../../src/core/conversations';
import type { Message } from '../../src/core/types';
import type { HistoryProfile } from '../../src/history/entry';
import { ReceivedMessages, receivedEntryId } from '../../src/history/receivedEntries';
import { HistoryStore } from '../../src/history/store';
import { SignalWireClient } from '../../src/signalwire';
import { ConversationProjection } from '../../src/replies/conversationProjection';
import { importMessages } from '../../src/replies/messageImporter';
import { RemoteMessageActions } from '../../src/replies/remoteActions';
import { ReplyPoller } from '../../src/replies/replyPoller';

const OWN = SANDBOX_NUMBERS[0]!.phoneNumber;
const ECHO = '+15550100555';
const DAY = Date.UTC(2026, 11, 2, 9, 0);

describe('conversations: the poller, the importer and the remote actions (no VS Code)', function () {
	this.timeout(20_000);
	let sb: Sandbox;
	let dir: string;
	let profile: HistoryProfile;
	let client: SignalWireClient;
	let store: HistoryStore;
	let received: ReceivedMessages;
	let projection: ConversationProjection;
	let clock: number;
	let signedIn: boolean;
	const visible = new Set<string>();
	/** Stands for the check of hidden characters in a number (src/core/partyNumbers.ts; the local server refuses such numbers itself). */
	const screen = (_source: string, messages: Message[]) => messages.filter((m) => m.body !== 'refused by the screen');

	before(async () => {
		sb = await startSandbox();
		client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token }, timeoutMs: 5000 });
		profile = { id: `${sb.url}|${sb.projectId}`, spaceUrl: sb.url, projectId: sb.projectId };
	});
	after(async () => {
		await sb.close();
	});
	beforeEach(async () => {
		sb.reset();
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-rooms-'));
		store = new HistoryStore({ file: path.join(dir, 'history.jsonl'), maxEntries: 10_000 });
		await store.load();
		received = new ReceivedMessages({ store, ready: async () => undefined, stopFollowing: () => undefined, changed: (change) => projection.apply(change), logger: { warn: (text) => assert.fail(text) } });
		projection = new ConversationProjection({ get: (id) => store.model.get(id), entries: () => store.model.newestFirst({}) });
		clock = DAY;
		signedIn = true;
		visible.clear();
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	function poller(): ReplyPoller<HistoryProfile> {
		return new ReplyPoller({
			profile: async (id) => (signedIn && id === profile.id ? profile : undefined),
			clientFor: async () => client,
			received,
			known: projection.model,
			isVisible: (key: ThreadKey) => visible.has(threadId(key)),
			screen,
			now: () => clock,
			debug: () => undefined,
		});
	}

	const listRequests = () => sb.requests.filter((r) => r.method === 'GET' && /\/Messages(\.json)?$/.test(r.path)).length;

	it('the poller writes new replies once to the journal, read at once only in a visible thread, and asks nothing when signed out', async () => {
		const rooms = poller();
		const first = sb.inject({ from: ECHO, to: OWN, body: 'first' });
		const second = sb.inject({ from: '+15550100556', to: OWN, body: 'second' });
		visible.add(threadId({ profileId: profile.id, ownNumber: OWN, otherParty: '+15550100556' }));
		clock = Date.now(); // the poll looks from today (the Space's dates are now)
		const replies = await rooms.poll(profile.id);
		assert.deepEqual(replies.map((k) => [k.message.body, k.read]).sort(), [['first', false], ['second', true]]);
		assert.equal(store.model.get(receivedEntryId(first.sid))?.readAt, undefined);
		assert.equal(store.model.get(receivedEntryId(second.sid))?.readAt, clock, 'the clock given');
		assert.equal(projection.model.size, 2, 'the threads follow the journal');
		assert.equal(listRequests(), 1, 'one list request');

		const before = listRequests();
		assert.deepEqual(await rooms.poll(profile.id), [], 'nothing new: nothing written');
		assert.equal(listRequests() - before, 1, 'one page: it stops at the first SID known');
		assert.equal(store.model.size, 2);

		signedIn = false;
		assert.deepEqual(await rooms.poll(profile.id), []);
		assert.equal(listRequests() - before, 1, 'signed out: no request');
	});

	it('the poller keeps a message sent from elsewhere as read from the Space, and keeps nothing the screen refused', async () => {
		const rooms = poller();
		const outbound = await client.createMessage({ from: OWN, to: '+15550100199', body: 'sent by another tool' });
		sb.inject({ from: ECHO, to: OWN, body: 'refused by the screen' });
		const replies = await rooms.poll(profile.id);
		assert.deepEqual(replies, []);
		assert.equal(store.model.get(receivedEntryId(outbound.sid))?.origin, 'imported');
		assert.equal(store.model.size, 1, 'the refused message is not kept');
	});

	it('the importer adds each SID once, as read; a second import adds nothing; a reply held keeps its read state', async () => {
		const rooms = poller();
		const reply = sb.inject({ from: ECHO, to: OWN, body: 'polled first' });
		await rooms.poll(profile.id);
		for (let i = 0; i < 5; i++) {
			sb.inject({ from: `+1555020${1000 + i}`, to: OWN, body: `imported ${i}` });
		}
		const deps = { clientFor: async () => client, received, screen, info: () => undefined };
		const progress: number[] = [];
		const today = new Date().toISOString().slice(0, 10);
		const first = await importMessages(deps, profile, { dateSentAfter: today }, () => false, (p) => progress.push(p.seen));
		assert.deepEqual(first, { added: 5, seen: 6, cancelled: false });
		assert.deepEqual(progress, [6]);
		assert.deepEqual(await importMessages(deps, profile, { dateSentAfter: today, direction: 'inbound' }, () => false, () => undefined), { added: 0, seen: 6, cancelled: false });
		const threads = projection.model.threads();
		assert.equal(threads.length, 6);
		assert.equal(projection.model.unreadTotal(), 1, 'imported messages are read; the polled reply stays unread');
		assert.equal(projection.model.get(reply.sid)?.origin, 'polled');
	});

	it('the remote actions mark the journal (kept, not removed) and go with the message\'s Space only', async () => {
		const rooms = poller();
		const reply = sb.inject({ from: ECHO, to: OWN, body: 'secret 1234' });
		await rooms.poll(profile.id);
		const deleted: string[] = [];
		const redacted: KnownMessage[] = [];
		const actions = new RemoteMessageActions<HistoryProfile>({
			known: (sid) => projection.model.get(sid),
			profile: async (id) => (signedIn && id === profile.id ? profile : undefined),
			activeProfile: async () => (signedIn ? profile : undefined),
			clientFor: async () => client,
			received,
			onDeleted: (sid) => deleted.push(sid),
			onRedacted: (known) => redacted.push(known),
			now: () => clock,
			info: () => undefined,
		});
		await actions.redactAtSignalWire(reply.sid);
		const entry = store.model.get(receivedEntryId(reply.sid));
		assert.deepEqual([entry?.message?.body, entry?.redactedAt, entry?.params.body], ['', clock, undefined]);
		assert.equal(projection.model.get(reply.sid)?.message.body, '', 'the thread follows');
		assert.equal(redacted[0]?.redactedAt, clock);

		clock += 1000;
		await actions.deleteAtSignalWire(reply.sid);
		assert.equal(store.model.get(receivedEntryId(reply.sid))?.deletedAt, clock);
		assert.equal(projection.model.get(reply.sid)?.deletedAt, clock);
		assert.deepEqual(deleted, [reply.sid]);
		assert.ok(!sb.messages.some((m) => m.sid === reply.sid), 'gone at the server');

		signedIn = false;
		const before = sb.requests.length;
		await assert.rejects(actions.deleteAtSignalWire(reply.sid), { name: 'NotSignedInError' });
		assert.equal(sb.requests.length, before, 'no request without the message\'s Space');
	});
});
