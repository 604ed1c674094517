/**
 * One message repository (the history journal) behind the Conversations and Messages views,
 * inside the real VS Code against the local server: two windows importing and polling at once
 * lose nothing and keep each SID once, and an old `conversations.json` is moved into the journal
 * at the next start (a clean one renamed, a damaged one kept aside).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId, type KnownMessage } from '../../src/core/conversations';
import type { Message } from '../../src/core/types';
import { HistoryService } from '../../src/history/historyService';
import { HistoryStore } from '../../src/history/store';
import { CONVERSATIONS_FILE_NAME, MIGRATED_SUFFIX } from '../../src/replies/legacyConversations';
import { ReplyService } from '../../src/replies/replyService';
import type { MessageSender } from '../../src/send/messageSender';
import type { TestHooks } from '../../src/testHooks';
import { overrideSetting, sandboxControl, useQuietSession, waitUntil } from './helpers';

// A number of the project no other suite texts from: this suite counts the messages of its threads.
const OWN = '+15550100102';
const PER_PHASE = 60;

const inject = sandboxControl.inject;

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/** A sender that sends nothing (the second window's sends are not part of these tests). */
const idleSender = { onDidSend: () => ({ dispose: () => undefined }) } as unknown as MessageSender;

describe('conversations: one message repository across windows', function () {
	this.timeout(120_000);
	const session = useQuietSession({ resetSandbox: true });
	const disposables: Array<{ dispose(): void }> = [];
	const folders: string[] = [];

	afterEach(() => {
		for (const item of disposables.splice(0).reverse()) {
			item.dispose();
		}
		for (const folder of folders.splice(0)) {
			fs.rmSync(folder, { recursive: true, force: true });
		}
		assert.deepEqual(session.unhandled, [], 'no unhandled rejection');
	});

	/** A second window on a storage folder: its own history (watching the journal) and conversations. */
	function openWindow(storageDir: string): { history: HistoryService; replies: ReplyService; hooks: TestHooks } {
		const { clients, credentials, logger } = session.api.services;
		const hooks: TestHooks = {};
		const history = new HistoryService({ storageDir, clients, credentials, logger, notify: false, testHooks: hooks });
		const replies = new ReplyService({ storageDir, credentials, clients, sender: idleSender, history, logger, testHooks: hooks });
		disposables.push(history, replies);
		return { history, replies, hooks };
	}

	it(`two windows importing and polling at once: ${PER_PHASE * 2} inbound messages, none lost, each SID once`, async () => {
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		const here = session.api.replies;
		await here.ready();
		const other = openWindow(path.dirname(session.api.history.file));
		await other.replies.ready();
		const run = Date.now();
		const party = (i: number) => `+1555031${String(i % 7).padStart(4, '0')}`;
		const sids: string[] = [];
		const injectSome = async (from: number) => {
			for (let i = from; i < from + PER_PHASE; i++) {
				sids.push((await inject({ from: party(i), to: OWN, body: `two windows ${run} ${i}` })).sid);
				await new Promise((resolve) => setTimeout(resolve, i % 5 === 0 ? 20 : 0));
			}
		};
		const restoreListen = await overrideSetting('replies.listenMinutes', 15); // the suite's start sets 0
		const otherHistoryHooks = other.hooks.history;
		assert.ok(otherHistoryHooks, 'the second window\'s history test hooks');
		const polling = [session.api.hooks.replies, other.hooks.replies].map((hooks) => {
			assert.ok(hooks, 'the reply test hooks');
			return hooks;
		});
		for (const hooks of polling) {
			hooks.setPollTiming({ initialMs: 100, maxMs: 300 });
			hooks.scheduler.noteSend(profile.id); // both windows poll while the messages arrive
		}
		try {
			await injectSome(0);
			// Both import while more arrive and both keep polling; one window compacts the journal meanwhile.
			const query = { dateSentAfter: today() };
			const imports = [here, other.replies].map((replies) => replies.importMessages(profile, query, () => false, () => undefined));
			await Promise.all([...imports, injectSome(PER_PHASE), otherHistoryHooks.store.compact()]);
			await Promise.all(imports);
			const holdsAll = (replies: ReplyService) => sids.every((sid) => replies.model.has(sid));
			await waitUntil(() => holdsAll(here) && holdsAll(other.replies), 30_000, 'both windows to hold every message (polls, imports, the other window\'s lines)');
		} finally {
			for (const hooks of polling) {
				hooks.scheduler.stopListening();
				hooks.setPollTiming({ initialMs: 3000, maxMs: 60_000 });
			}
			await restoreListen();
		}
		assert.ok(polling.every((hooks) => hooks.scheduler.polls > 0), 'both windows polled');
		await Promise.all([session.api.history.flush(), other.history.flush()]);

		const fresh = new HistoryStore({ file: session.api.history.file, maxEntries: 100_000 });
		assert.equal((await fresh.load()).corruptLines, 0, 'the journal is clean');
		const onDisk = fresh.model.newestFirst({}).filter((entry) => entry.message && sids.includes(entry.message.sid));
		assert.deepEqual(sids.filter((sid) => !onDisk.some((entry) => entry.message?.sid === sid)), [], 'every message is in the journal');
		assert.equal(onDisk.length, sids.length, 'each SID once');

		for (const replies of [here, other.replies]) {
			const inThreads = replies.threads().filter((thread) => thread.ownNumber === OWN).flatMap((thread) => replies.model.messagesOf(thread.id));
			const mine = inThreads.filter((known) => sids.includes(known.message.sid));
			assert.equal(mine.length, sids.length, 'each message once in its thread');
			assert.equal(new Set(mine.map((known) => known.message.sid)).size, sids.length);
		}
		assert.equal(session.api.history.entries({}).filter((entry) => entry.message && sids.includes(entry.message.sid)).length, sids.length, 'the Messages view shows each once');
	});

	it('moves an old conversations.json into the journal at the next start: threads, read marks and deletions kept; the file renamed', async () => {
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-migrate-'));
		folders.push(folder);
		const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 12, minute)).toUTCString();
		const msg = (sid: string, direction: string, body: string, minute: number): Message => ({
			account_sid: profile.projectId, api_version: '2010-04-01', body, num_segments: 1, num_media: 0,
			date_created: at(minute), date_sent: at(minute), date_updated: at(minute), direction, error_code: null, error_message: null,
			from: direction === 'inbound' ? '+15550100555' : OWN, to: direction === 'inbound' ? OWN : '+15550100555',
			price: null, price_unit: null, sid, status: direction === 'inbound' ? 'received' : 'delivered', messaging_service_sid: null, uri: '', subresource_uris: null,
		});
		const legacy: KnownMessage[] = [
			{ profileId: profile.id, message: msg('SMlegacy1', 'outbound-api', 'hello', 1), origin: 'sent', read: true, mediaUrls: ['https://example.com/a.png'] },
			{ profileId: profile.id, message: msg('SMlegacy2', 'inbound', 'read reply', 2), origin: 'polled', read: true },
			{ profileId: profile.id, message: msg('SMlegacy3', 'inbound', 'deleted reply', 3), origin: 'polled', read: true, deletedAt: 5 },
			{ profileId: profile.id, message: msg('SMlegacy4', 'inbound', 'new reply', 4), origin: 'polled', read: false },
		];
		fs.writeFileSync(path.join(folder, CONVERSATIONS_FILE_NAME), JSON.stringify({ version: 1, messages: legacy }));

		const next = openWindow(folder);
		await next.replies.ready();
		const key = { profileId: profile.id, ownNumber: OWN, otherParty: '+15550100555' };
		assert.deepEqual(next.replies.messagesOf(key).map((k) => k.message.body), ['hello', 'read reply', 'deleted reply', 'new reply']);
		assert.equal(next.replies.thread(key)?.unread, 1, 'what was read stays read');
		assert.equal(next.replies.model.get('SMlegacy3')?.deletedAt, 5);
		assert.deepEqual(next.replies.model.get('SMlegacy1')?.mediaUrls, ['https://example.com/a.png']);
		assert.deepEqual(fs.readdirSync(folder).filter((name) => name.startsWith('conversations')), [`${CONVERSATIONS_FILE_NAME}${MIGRATED_SUFFIX}`], 'renamed, no longer read');
		await next.history.flush();

		// The start after that reads the journal only (the same messages, the same marks).
		const again = openWindow(folder);
		await again.replies.ready();
		assert.deepEqual(again.replies.messagesOf(key).map((k) => [k.message.sid, k.read]), [['SMlegacy1', true], ['SMlegacy2', true], ['SMlegacy3', true], ['SMlegacy4', false]]);
		assert.equal(again.history.entries({}).length, 4, 'each once in the Messages view');

		// Reading the thread marks it read in the journal: every window agrees.
		again.replies.markRead(key);
		await waitUntil(() => again.history.entries({}).every((entry) => entry.origin !== 'reply' || entry.readAt !== undefined), 5000, 'the read mark in the journal');
		await again.history.flush();
		await next.history.reload();
		await waitUntil(() => next.replies.thread(key)?.unread === 0, 5000, 'the other window to see the thread read');
		assert.equal(threadId(key), next.replies.thread(key)?.id);
	});

	it('keeps a damaged conversations.json aside and moves what it could read', async () => {
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-migrate-damaged-'));
		folders.push(folder);
		const text = '{"version":1,"messages":[{"profileId":"cut sho';
		fs.writeFileSync(path.join(folder, CONVERSATIONS_FILE_NAME), text);
		const next = openWindow(folder);
		await next.replies.ready();
		const backups = fs.readdirSync(folder).filter((name) => name.startsWith('conversations.corrupt-'));
		assert.equal(backups.length, 1, fs.readdirSync(folder).join(', '));
		assert.equal(fs.readFileSync(path.join(folder, backups[0]!), 'utf8'), text, 'kept as it was');
		assert.equal(fs.existsSync(path.join(folder, CONVERSATIONS_FILE_NAME)), false, 'not read again at every start');
		assert.deepEqual(next.replies.threads(), []);
	});
});
