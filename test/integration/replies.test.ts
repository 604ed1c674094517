/**
 * Replies, conversations and the Space's message log, inside the real VS Code, against the local
 * server: its echo handset (+15550100555) answers "Echo: <body>", its STOP handset
 * (+15550100556) answers STOP, and /__sandbox/inbound injects inbound messages.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ThreadKey } from '../../src/core/conversations';
import { receivedEntryId } from '../../src/history/receivedEntries';
import type { ConversationExtensionMessage } from '../../src/replies/protocol';
import { parseConversationExtensionMessage } from '../../src/replies/readExtensionMessage';
import { overrideSetting, sandbox, sandboxControl, useQuietSession, waitUntil, type RecordedRequest } from './helpers';

// A number of the project that no other suite texts the handsets from: the extension keeps its
// threads across suites (the local server's reset does not clear them), and this suite counts the
// messages of its own threads. (+15550100100 with the echo handset is used by the UX suite and
// +15550100104 by the conversation-test suite, either of which may run first, as
// INTEGRATION_SHUFFLE=1118069012 did.)
const OWN = '+15550100101';
const ECHO = '+15550100555';
const STOP = '+15550100556';

function isListRequest(request: RecordedRequest): boolean {
	return request.method === 'GET' && /\/Messages(\.json)?$/.test(request.path);
}

async function listRequests(): Promise<number> {
	return (await sandboxControl.requests()).filter(isListRequest).length;
}

const inject = sandboxControl.inject;

/** The Messages view's item of a history entry. */
function historyItem(session: ReturnType<typeof useQuietSession>, id: string): vscode.TreeItem {
	return session.api.historyTree.getTreeItem({ kind: 'entry', id });
}

function today(): string {
	return new Date().toISOString().slice(0, 10);
}

async function rejection(promise: Thenable<unknown>): Promise<{ message: string; code?: number; name?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as { message: string; code?: number };
	}
	assert.fail('expected a rejection');
}

describe('replies and conversations', function () {
	this.timeout(60_000);
	const session = useQuietSession({ resetSandbox: true });
	let restoreListen: () => Promise<void> = async () => {};
	let profileId = '';
	const opened: ThreadKey[] = [];

	before(async () => {
		await session.api.replies.ready();
		profileId = (await session.api.services.credentials.activeProfile())?.id ?? '';
		assert.ok(profileId);
	});
	after(async () => {
		for (const key of opened) {
			session.api.hooks.conversations.close(key);
		}
		await restoreListen();
		session.api.hooks.replies.scheduler.stopListening();
	});

	it('makes no list request while idle: no recent send, no conversation open (12 s)', async () => {
		const before = await listRequests();
		const polls = session.api.hooks.replies.scheduler.polls;
		await new Promise((resolve) => setTimeout(resolve, 12_000));
		assert.equal(await listRequests(), before);
		assert.equal(session.api.hooks.replies.scheduler.polls, polls);
	});

	it('finds the echo reply within one poll after a send: thread, unread count and view badge', async () => {
		restoreListen = await overrideSetting('replies.listenMinutes', 15);
		const polls = session.api.hooks.replies.scheduler.polls;
		await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: ECHO, body: 'ping from the tests' });
		const key = { profileId, ownNumber: OWN, otherParty: ECHO };
		await waitUntil(() => session.api.replies.messagesOf(key).some((k) => k.message.body === 'Echo: ping from the tests'), 15_000, 'the echo reply');
		assert.equal(session.api.hooks.replies.scheduler.polls - polls, 1, 'found by the first poll');
		const threads = (await vscode.commands.executeCommand('signalwire.listConversations')) as Array<Record<string, unknown>>;
		const thread = threads.find((t) => t.otherParty === ECHO);
		assert.ok(thread, JSON.stringify(threads));
		assert.equal(thread.ownNumber, OWN);
		assert.equal(thread.unread, 1);
		assert.equal(thread.messageCount, 2);
		await waitUntil(() => (session.api.conversationsBadge ?? 0) >= 1, 20_000, 'the view badge');
		const list = (await sandboxControl.requests()).filter(isListRequest).at(-1);
		assert.deepEqual(list?.query['DateSent>'], [today()]);

		// The reply is in the Messages view too, once, marked received; it is never offered for Resend.
		const reply = session.api.replies.messagesOf(key).find((k) => k.message.body === 'Echo: ping from the tests');
		assert.ok(reply);
		const id = receivedEntryId(reply.message.sid);
		await waitUntil(() => session.api.history.get(id) !== undefined, 20_000, 'the reply in the history');
		assert.equal(session.api.history.entries({}).filter((e) => e.message?.sid === reply.message.sid).length, 1);
		const entry = session.api.history.get(id);
		assert.equal(entry?.origin, 'reply');
		assert.deepEqual([entry?.profile.id, entry?.following], [profileId, undefined]);
		const item = historyItem(session, id);
		assert.equal(item.label, ECHO);
		assert.equal(item.description, '← received · Echo: ping from the tests');
		assert.equal(item.contextValue, 'historyEntry.delivered.reply');
		const refused = (await vscode.commands.executeCommand('signalwire.history.resend', { id, confirm: false })) as unknown;
		assert.equal(refused, undefined, 'a received message is not resent');
		assert.equal((await sandboxControl.requests()).filter((r) => r.method === 'POST' && r.form.Body?.[0] === 'Echo: ping from the tests').length, 0);
	});

	it('opens the thread as a panel: bubbles both ways, read at once, and a reply from the panel', async () => {
		const key = { profileId, ownNumber: OWN, otherParty: ECHO };
		await vscode.commands.executeCommand('signalwire.openConversation', { ownNumber: OWN, otherParty: ECHO });
		opened.push(key);
		await waitUntil(() => session.api.hooks.conversations.posted(key).some((m) => m.type === 'init'), 15_000, 'the panel to start');
		const init = session.api.hooks.conversations.posted(key).find((m) => m.type === 'init') as Extract<ConversationExtensionMessage, { type: 'init' }>;
		assert.deepEqual(
			init.bubbles.map((b) => [b.direction, b.body]),
			[
				['outbound', 'ping from the tests'],
				['inbound', 'Echo: ping from the tests'],
			],
		);
		await waitUntil(() => session.api.replies.thread(key)?.unread === 0, 20_000, 'the thread to be read');
		// The badge counts the unread replies of every thread: those of suites that ran before remain.
		const threads = (await vscode.commands.executeCommand('signalwire.listConversations')) as Array<{ unread: number }>;
		const unreadElsewhere = threads.reduce((sum, thread) => sum + thread.unread, 0);
		assert.equal(session.api.conversationsBadge, unreadElsewhere || undefined);
		assert.ok(session.api.hooks.replies.scheduler.isActive(profileId));

		await session.api.hooks.conversations.deliver(key, { type: 'send', requestId: 'r1', body: 'second', mediaUrls: [] });
		const result = session.api.hooks.conversations.posted(key).find((m) => m.type === 'sendResult');
		assert.ok(result && result.type === 'sendResult' && result.ok, JSON.stringify(result));
		const sent = (await sandboxControl.requests()).filter((r) => r.method === 'POST' && /\/Messages(\.json)?$/.test(r.path)).at(-1);
		assert.deepEqual([sent?.form.From, sent?.form.To], [[OWN], [ECHO]]);
		await waitUntil(
			() => session.api.hooks.conversations.posted(key).some((m) => m.type === 'bubbles' && m.bubbles.some((b) => b.body === 'Echo: second')),
			15_000,
			'the second echo in the open panel',
		);
		assert.equal(session.api.replies.thread(key)?.unread, 0, 'a reply in a visible thread is read');

		// An injected reply reaches the open panel within the current poll interval.
		const delay = session.api.hooks.replies.scheduler.currentDelay(profileId) ?? 60_000;
		const injected = Date.now();
		await inject({ from: ECHO, to: OWN, body: 'injected while the panel is open' });
		await waitUntil(
			() => session.api.hooks.conversations.posted(key).some((m) => m.type === 'bubbles' && m.bubbles.some((b) => b.body === 'injected while the panel is open')),
			delay * 1.5 + 5000,
			'the injected reply in the panel',
		);
		const latency = Date.now() - injected;
		console.log(`      injected reply → panel bubble: ${latency} ms (poll interval then ${delay} ms)`);
		// At most the interval, or the next one when a poll was in flight at the injection (×1.5).
		assert.ok(latency <= delay * 1.5 + 1000, `${latency} ms, poll interval ${delay} ms`);
	});

	it('refuses a bad reply in the panel before any request, and ignores malformed panel messages', async () => {
		const key = { profileId, ownNumber: OWN, otherParty: ECHO };
		const before = (await sandboxControl.requests()).length;
		await session.api.hooks.conversations.deliver(key, { type: 'send', requestId: 'r2', body: 'x'.repeat(1601), mediaUrls: [] });
		const result = session.api.hooks.conversations.posted(key).filter((m) => m.type === 'sendResult').at(-1);
		assert.ok(result && result.type === 'sendResult' && !result.ok);
		assert.match(result.error.message, /1600|1,600/);
		const posts = (await sandboxControl.requests()).slice(before).filter((r) => r.method === 'POST');
		assert.equal(posts.length, 0);
		const posted = session.api.hooks.conversations.posted(key).length;
		await session.api.hooks.conversations.deliver(key, { type: 'send', requestId: 'r3', body: 'x', mediaUrls: 'https://example.com/a.png' });
		await session.api.hooks.conversations.deliver(key, { type: 'action', action: 'delete', sid: 'not-in-this-thread' });
		assert.equal(session.api.hooks.conversations.posted(key).length, posted, 'malformed or foreign messages get no answer');
		assert.equal((await sandboxControl.requests()).slice(before).filter((r) => r.method !== 'GET').length, 0);
	});

	it('says once in the view that polls fail, backs off, never blocks sending, and recovers', async () => {
		const key = { profileId, ownNumber: OWN, otherParty: ECHO };
		assert.ok(session.api.hooks.conversations.isVisible(key));
		session.api.hooks.replies.setPollTiming({ initialMs: 200, maxMs: 1000 });
		try {
			await sandboxControl.faults({ status500Html: { on: 'list', times: 3 } });
			await waitUntil(() => session.api.replies.pollProblem !== undefined, 10_000, 'the poll problem');
			assert.match(session.api.replies.pollProblem ?? '', /Checking for replies failed/);
			const message = (await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: '+15550100199', body: 'sent while polls fail' })) as { sid: string };
			assert.ok(message.sid);
			await waitUntil(() => session.api.replies.pollProblem === undefined, 15_000, 'the polls to recover');
		} finally {
			await sandboxControl.faults({});
			session.api.hooks.replies.setPollTiming({ initialMs: 3000, maxMs: 60_000 });
		}
	});

	it('explains 21610 when a send follows a STOP reply', async () => {
		await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: STOP, body: 'hello stop handset' });
		const key = { profileId, ownNumber: OWN, otherParty: STOP };
		await waitUntil(() => session.api.replies.messagesOf(key).some((k) => k.message.body === 'STOP'), 20_000, 'the STOP reply');
		await vscode.commands.executeCommand('signalwire.openConversation', { ownNumber: OWN, otherParty: STOP });
		opened.push(key);
		await waitUntil(() => session.api.hooks.conversations.posted(key).some((m) => m.type === 'init'), 15_000, 'the panel to start');
		await session.api.hooks.conversations.deliver(key, { type: 'send', requestId: 's1', body: 'are you there?', mediaUrls: [] });
		const result = session.api.hooks.conversations.posted(key).filter((m) => m.type === 'sendResult').at(-1);
		assert.ok(result && result.type === 'sendResult' && !result.ok, JSON.stringify(result));
		assert.match(result.error.message, /21610/);
		assert.ok(result.error.hint && result.error.hint.length > 20, 'the code is explained');
		const error = await rejection(vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: STOP, body: 'again' }));
		assert.equal(error.code, 21610);
		session.api.hooks.conversations.close(key);
	});

	it('sends the extension\'s translations to the conversation panel in init', async () => {
		const key = { profileId, ownNumber: OWN, otherParty: STOP };
		session.api.hooks.conversations.close(key);
		session.api.hooks.conversations.useL10nBundle({ Send: 'Senden', Reply: 'Antworten' });
		try {
			await vscode.commands.executeCommand('signalwire.openConversation', { ownNumber: OWN, otherParty: STOP });
			await waitUntil(() => session.api.hooks.conversations.isOpen(key) && session.api.hooks.conversations.posted(key).some((m) => m.type === 'init'), 15_000, 'the panel to start');
			const init = session.api.hooks.conversations.posted(key).find((m) => m.type === 'init');
			assert.ok(init?.type === 'init');
			assert.deepEqual(init.l10n, { Send: 'Senden', Reply: 'Antworten' });
		} finally {
			session.api.hooks.conversations.useL10nBundle(undefined);
			session.api.hooks.conversations.close(key);
		}
	});

	it('shows a thread whose message has a 25,000-character body and a 5,000-character media URL (cut, not blanked)', async () => {
		const other = '+15550100777';
		const key = { profileId, ownNumber: OWN, otherParty: other };
		const now = new Date().toUTCString();
		const sid = `SM${'f'.repeat(32)}`;
		const longUrl = `https://example.com/${'m'.repeat(5000)}.png`;
		session.api.replies.addSent(profileId, {
			account_sid: profileId, api_version: '2010-04-01', body: 'b'.repeat(25_000), num_segments: 1, num_media: 2,
			date_created: now, date_sent: now, date_updated: now, direction: 'outbound-api', error_code: null, error_message: null,
			from: OWN, price: null, price_unit: null, sid, status: 'delivered', to: other, messaging_service_sid: null, uri: '', subresource_uris: null,
		}, [longUrl, 'https://example.com/ok.png'], undefined);
		await vscode.commands.executeCommand('signalwire.openConversation', { ownNumber: OWN, otherParty: other });
		opened.push(key);
		await waitUntil(() => session.api.hooks.conversations.posted(key).some((m) => m.type === 'init'), 15_000, 'the panel to start');
		const init = session.api.hooks.conversations.posted(key).find((m) => m.type === 'init');
		// What the webview's script reads (the same reader, bundled into dist/webview/conversation.js).
		const dropped: string[] = [];
		const read = parseConversationExtensionMessage(init, (part) => dropped.push(part));
		assert.ok(read?.type === 'init', 'the init is read, not rejected');
		assert.deepEqual(dropped, [], 'the extension cut it already: nothing left to drop');
		assert.equal(read.thread.otherParty, other);
		const bubble = read.bubbles.find((b) => b.sid === sid);
		assert.ok(bubble, 'the thread shows the message');
		assert.equal(bubble.body?.length, 20_000);
		assert.ok(bubble.body?.endsWith('…'));
		assert.deepEqual(bubble.media, [{ url: 'https://example.com/ok.png', image: true }], 'only the over-long URL is left out');
		session.api.hooks.conversations.close(key);
	});

	it('imports 250 messages over 3 pages, each once; a second import adds nothing', async () => {
		for (const key of opened.splice(0)) {
			session.api.hooks.conversations.close(key);
		}
		// An earlier test's send keeps its Space listening: stop, so that no poll falls between the import's pages.
		session.api.hooks.replies.scheduler.stopListening();
		await sandboxControl.reset();
		for (let i = 0; i < 250; i++) {
			await inject({ from: `+1555020${String(1000 + i).slice(-4)}`, to: OWN, body: `imported ${i}` });
		}
		const before = await listRequests();
		const first = (await vscode.commands.executeCommand('signalwire.importFromSpace', { since: today() })) as { added: number; seen: number };
		assert.deepEqual(first, { added: 250, seen: 250 });
		assert.equal((await listRequests()) - before, 3);
		const again = (await vscode.commands.executeCommand('signalwire.importFromSpace', { since: today(), direction: 'inbound' })) as { added: number; seen: number };
		assert.deepEqual(again, { added: 0, seen: 250 });
		const imported = session.api.replies.model.all().filter((k) => k.origin === 'imported' && k.message.to === OWN && (k.message.body ?? '').startsWith('imported '));
		assert.equal(imported.length, 250);
		assert.equal(new Set(imported.map((k) => k.message.sid)).size, 250);
		assert.ok(imported.every((k) => k.read), 'imported messages are not new replies');
		// And in the Messages view, each once, marked imported (the second import added none).
		const entries = session.api.history.entries({}).filter((e) => e.origin === 'imported' && (e.params.body ?? '').startsWith('imported '));
		assert.equal(entries.length, 250);
		assert.equal(new Set(entries.map((e) => e.message?.sid)).size, 250);
		assert.equal(historyItem(session, entries[0]!.id).contextValue, 'historyEntry.delivered.imported');
		assert.match(String(historyItem(session, entries[0]!.id).description), /^← received · imported · imported \d+$/);
	});

	it('rejects a bad import argument before any request', async () => {
		const before = (await sandboxControl.requests()).length;
		const error = await rejection(vscode.commands.executeCommand('signalwire.importFromSpace', { since: '2026-02-30', direction: 'sideways' }));
		assert.match(error.message, /since must be a date/);
		assert.match(error.message, /direction must be/);
		assert.equal((await sandboxControl.requests()).length, before);
	});

	it('deletes and redacts at SignalWire with an argument, marking the local copies', async () => {
		const toDelete = await inject({ from: '+15550209998', to: OWN, body: 'delete me' });
		const toRedact = await inject({ from: '+15550209999', to: OWN, body: 'secret code 1234' });
		const sent = (await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: '+15550100199', body: 'sent before the import' })) as { sid: string };
		await vscode.commands.executeCommand('signalwire.importFromSpace', { since: today() });
		const entriesOf = (sid: string) => session.api.history.entries({}).filter((e) => e.message?.sid === sid);
		assert.deepEqual(entriesOf(sent.sid).map((e) => e.origin), [undefined], 'a send is not imported again');
		// The send started reply polling: its list requests may come after ours, so look ours up by path.
		const requestsTo = async (sid: string, method: string) => (await sandboxControl.requests()).filter((r) => r.method === method && r.path.endsWith(`/Messages/${sid}`));
		await vscode.commands.executeCommand('signalwire.deleteAtSignalWire', { sid: toDelete.sid });
		assert.ok(session.api.replies.model.get(toDelete.sid)?.deletedAt, 'marked deleted, not removed');
		assert.equal((await requestsTo(toDelete.sid, 'DELETE')).length, 1, 'one DELETE of that message');
		assert.ok(!(await sandboxControl.messages()).some((m) => m.sid === toDelete.sid), 'gone at the server');
		const deletedEntry = entriesOf(toDelete.sid);
		assert.equal(deletedEntry.length, 1, 'kept in the Messages view');
		assert.ok(deletedEntry[0]?.deletedAt);
		const deletedItem = historyItem(session, deletedEntry[0]!.id);
		// Imported, or found by a poll first (a send starts polling): either way marked deleted.
		assert.match(String(deletedItem.description), /^← received · (imported · )?deleted at SignalWire · delete me$/);
		assert.match(String(deletedItem.contextValue), /^historyEntry\.delivered\.(imported|reply)\.deleted$/);

		await vscode.commands.executeCommand('signalwire.redactAtSignalWire', { sid: toRedact.sid });
		const redacted = session.api.replies.model.get(toRedact.sid);
		assert.equal(redacted?.message.body, '');
		assert.ok(redacted?.redactedAt);
		const redactRequests = await requestsTo(toRedact.sid, 'POST');
		assert.deepEqual(redactRequests.map((r) => r.form.Body), [['']], 'one POST of that message with an empty Body');
		const threads = (await vscode.commands.executeCommand('signalwire.listConversations')) as Array<Record<string, unknown>>;
		assert.ok(threads.some((t) => t.otherParty === '+15550209999'));
		const [redactedEntry] = entriesOf(toRedact.sid);
		assert.ok(redactedEntry?.redactedAt);
		assert.equal(redactedEntry.params.body, undefined, 'the redacted text is not kept');
		assert.match(String(historyItem(session, redactedEntry.id).description), /^← received · (imported · )?\(body redacted at SignalWire\)$/);
	});

	it('redacting a send from VS Code updates its entry in the Messages view', async () => {
		const message = (await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: '+15550100199', body: 'my one-time code 424242' })) as { sid: string };
		const entry = () => session.api.history.entries({}).find((e) => e.message?.sid === message.sid);
		await waitUntil(() => entry() !== undefined, 20_000, 'the history entry');
		for (let i = 0; i < 6 && entry()?.message?.status !== 'delivered'; i++) {
			await session.api.history.refreshStatus(entry()?.id ?? ''); // statuses advance per fetch here
		}
		assert.equal(entry()?.message?.status, 'delivered');
		await vscode.commands.executeCommand('signalwire.redactAtSignalWire', { sid: message.sid });
		assert.equal(entry()?.message?.body, '');
		assert.ok(entry()?.redactedAt, 'marked redacted');
		assert.equal(historyItem(session, entry()?.id ?? '').description, '→ delivered · (body redacted at SignalWire)');
		assert.equal(session.api.replies.model.get(message.sid)?.message.body, '');
	});

	it('lists the media of an MMS at SignalWire and deletes one item', async () => {
		const urls = ['https://example.com/a.png', 'https://example.com/b.jpg'];
		const message = (await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: '+15550100199', body: 'two pictures', mediaUrls: urls })) as { sid: string };
		const entry = () => session.api.history.entries({}).find((e) => e.message?.sid === message.sid);
		await waitUntil(() => entry() !== undefined, 20_000, 'the history entry');
		for (let i = 0; i < 6 && !['sent', 'delivered'].includes(entry()?.message?.status ?? ''); i++) {
			await session.api.history.refreshStatus(entry()?.id ?? '');
		}
		const media = await session.api.replies.listMedia(message.sid);
		assert.equal(media.length, 2);
		assert.ok(media.every((item) => item.contentUrl.startsWith(sandbox().url)), 'content stays on the Space');
		await session.api.replies.deleteMedia(message.sid, media[0].sid);
		assert.equal((await session.api.replies.listMedia(message.sid)).length, 1);
		const bubble = session.api.replies.messagesOf({ profileId, ownNumber: OWN, otherParty: '+15550100199' }).find((k) => k.message.sid === message.sid);
		assert.deepEqual(bubble?.mediaUrls, urls, 'the thread knows the media it sent');
	});

	it('explains 20009 when deleting a message still in progress', async () => {
		const message = (await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: '+15550100199', body: 'in flight' })) as { sid: string };
		const error = await rejection(vscode.commands.executeCommand('signalwire.deleteAtSignalWire', { sid: message.sid }));
		assert.equal(error.code, 20009);
		assert.equal(session.api.replies.model.get(message.sid)?.deletedAt, undefined);
	});
});
