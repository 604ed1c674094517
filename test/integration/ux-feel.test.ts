/**
 * What got in the way of a new user, inside the real VS Code against the local server: a callback
 * through a forwarded address checked against the URL SignalWire signed, no forwarded address
 * offered for the local server, an import that leaves unread replies unread, and a Route a Number
 * picker that starts nothing when cancelled, and a listener that keeps its port between starts.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { importSummary } from '../../src/commands/replies/importFromSpace';
import { listenerAnnouncement } from '../../src/commands/webhooks/startListener';
import { failureNotice } from '../../src/send/sendFlow';
import { computeSignature } from '../../src/webhooks/signature';
import { overrideSetting, sandbox, sandboxControl, useQuietSession, waitUntil } from './helpers';

const OWN = '+15550100100';
const ECHO = '+15550100555';
const STOP = '+15550100556';
const SIGNING_KEY = 'PSK_feel_test_key_7c2d';

interface Started {
	localUrl: string;
	publicUrl?: string;
}

interface Summary {
	path: string;
	params: Record<string, string | string[]>;
	signature: 'valid' | 'invalid' | 'unchecked';
}

const list = () => vscode.commands.executeCommand<Summary[]>('signalwire.listWebhookRequests');

async function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		body: new URLSearchParams(fields).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
	});
	await response.text();
	return response.status;
}

describe('feels right in the hand', function () {
	this.timeout(60_000);
	const session = useQuietSession({ resetSandbox: true });

	afterEach(async () => {
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		await vscode.commands.executeCommand('signalwire.clearSigningKey');
		await vscode.commands.executeCommand('signalwire.webhooks.clear');
	});

	it('checks a callback through a forwarded address against the public URL it was sent to', async () => {
		await vscode.commands.executeCommand('signalwire.setSigningKey', { key: SIGNING_KEY });
		const first = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
		const port = Number(new URL(first.localUrl).port);
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		// What Use Forwarded Address sets in code-server: its own origin, then /proxy/<listener port>.
		const publicUrl = `http://127.0.0.1:8080/proxy/${port}`;
		const started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port, publicUrl });
		assert.equal(started.publicUrl, publicUrl);
		const params = { MessageStatus: 'delivered', MessageSid: 'SMforwarded', From: OWN, To: ECHO };
		const signature = computeSignature(SIGNING_KEY, `${publicUrl}/status`, params);
		// The forwarder strips /proxy/<port>; a tunnel may pass it on: both were requested as <public URL>/status.
		assert.equal(await post(`${started.localUrl}/status`, params, { 'X-SignalWire-Signature': signature }), 204);
		assert.equal(await post(`${started.localUrl}/proxy/${port}/status`, params, { 'X-SignalWire-Signature': signature }), 204);
		const requests = await list();
		assert.deepEqual(
			requests.map((r) => [r.path, r.signature]),
			[
				[`/proxy/${port}/status`, 'valid'],
				['/status', 'valid'],
			],
		);
	});

	it('names a recorded request\'s tab by its kind and time, not a counter', async () => {
		const started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
		await post(`${started.localUrl}/inbound`, { MessageSid: 'SMtab', From: ECHO, To: OWN, Body: 'tab name' });
		const [record] = session.api.webhooks.log.newestFirst();
		assert.ok(record);
		const uri = await vscode.commands.executeCommand<vscode.Uri>('signalwire.webhooks.openRequest', { id: record.id });
		const time = new Date(record.time);
		const pad = (n: number) => String(n).padStart(2, '0');
		assert.equal(uri.path, `/inbound ${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.json`);
		assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, uri.path.slice(1));
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});

	it('offers no forwarded address when the Space is the local server: it reaches the listener directly', async () => {
		const started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
		const said = await listenerAnnouncement(session.api.services, started, 'code-server');
		assert.equal(said.offerForwardedAddress, false);
		assert.match(said.message, /The local server reaches it directly/);
	});

	it('reuses the listener\'s last port when it is free, and says when it is not', async () => {
		const first = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', {});
		const port = Number(new URL(first.localUrl).port);
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		const again = await vscode.commands.executeCommand<Started & { lastPortTaken?: number }>('signalwire.startWebhookListener', {});
		assert.deepEqual(again, first, 'the same port again: a tunnel set for it still fits');
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
		try {
			const moved = await vscode.commands.executeCommand<Started & { lastPortTaken?: number }>('signalwire.startWebhookListener', {});
			assert.notEqual(moved.localUrl, first.localUrl);
			assert.equal(moved.lastPortTaken, port, 'the result says the last port was taken');
		} finally {
			await new Promise((resolve) => blocker.close(resolve));
		}
	});

	it('an import that finds nothing new leaves unread replies unread, and says so', async () => {
		const restoreListen = await overrideSetting('replies.listenMinutes', 15);
		try {
			const profileId = (await session.api.services.credentials.activeProfile())?.id ?? '';
			const key = { profileId, ownNumber: OWN, otherParty: ECHO };
			const unread = () => session.api.replies.messagesOf(key).filter((k) => !k.read).length;
			// The badge counts every thread: suites that ran before (inbound webhooks, polls) may have left replies unread.
			await session.api.replies.ready();
			for (const thread of session.api.replies.threads()) {
				session.api.replies.markRead(thread);
			}
			const before = unread();
			for (const body of ['first unread', 'second unread']) {
				await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: ECHO, body });
				await waitUntil(() => session.api.replies.messagesOf(key).some((k) => k.message.body === `Echo: ${body}`), 15_000, `the echo of "${body}"`);
			}
			assert.equal(unread(), before + 2);
			await waitUntil(() => (session.api.conversationsBadge ?? 0) === before + 2, 5000, 'the badge');
			const result = await vscode.commands.executeCommand<{ added: number; seen: number }>('signalwire.importFromSpace', {
				since: new Date().toISOString().slice(0, 10),
			});
			assert.equal(result.added, 0, 'nothing new');
			assert.equal(unread(), before + 2, 'the import kept the replies unread');
			assert.equal(session.api.conversationsBadge, before + 2);
			assert.equal(importSummary({ ...result, cancelled: false }), `Import finished: all ${result.seen} already shown.`);
		} finally {
			await restoreListen();
			session.api.hooks.replies.scheduler.stopListening();
		}
	});

	it('an opted-out recipient: the thread says so until START, and the failure says how it is undone', async () => {
		const restoreListen = await overrideSetting('replies.listenMinutes', 15);
		try {
			const thread = async () =>
				(await vscode.commands.executeCommand<Array<{ otherParty: string; optedOut?: boolean }>>('signalwire.listConversations')).find((t) => t.otherParty === STOP);
			const profileId = (await session.api.services.credentials.activeProfile())?.id ?? '';
			const stops = () => session.api.replies.messagesOf({ profileId, ownNumber: OWN, otherParty: STOP }).filter((k) => k.message.body === 'STOP').length;
			const stopsBefore = stops();
			await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: STOP, body: 'hello, opt-out handset' });
			await waitUntil(() => stops() > stopsBefore, 20_000, 'the handset\'s STOP reply');
			assert.equal((await thread())?.optedOut, true, 'the thread marked opted out after the STOP reply');
			let error: unknown;
			try {
				await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: STOP, body: 'are you there?' });
			} catch (caught) {
				error = caught;
			}
			assert.equal((error as { code?: number } | undefined)?.code, 21610);
			const notice = await failureNotice(session.api.services, { from: OWN, to: STOP }, error);
			assert.deepEqual(notice.actions.filter((a) => a !== 'moreInfo'), ['openConversation', 'showDetails'], 'no Edit and Retry: it would fail again');
			assert.match(notice.message, /Only \+15550100556 can undo it, by texting START to \+15550100100\./);
			const { url } = sandbox();
			const inject = /curl -X POST (\S+) -H 'X-Sandbox-Control: 1' -H 'content-type: application\/json' -d '(\{.*\})'$/.exec(
				notice.message,
			);
			assert.ok(inject, notice.message);
			assert.equal(inject[1], `${url}/__sandbox/inbound`);
			assert.match(notice.message, /^SignalWire error 21610 \(HTTP 400\): .*opted out of messages from this number/);
			assert.ok((notice.message.match(/blocked/g) ?? []).length <= 1, `"blocked" once at most: ${notice.message}`);
			// The printed command works: START opts back in.
			const headers = { 'x-sandbox-control': '1', 'content-type': 'application/json' };
			const response = await fetch(inject[1] ?? '', { method: 'POST', headers, body: inject[2] });
			assert.equal(response.status, 201);
			await vscode.commands.executeCommand('signalwire.importFromSpace', { since: new Date().toISOString().slice(0, 10) });
			await waitUntil(async () => (await thread())?.optedOut === false, 20_000, 'the thread no longer opted out after START');
			const message = await vscode.commands.executeCommand<{ sid: string }>('signalwire.sendMessage', { from: OWN, to: STOP, body: 'welcome back' });
			assert.ok(message.sid);
		} finally {
			await restoreListen();
			session.api.hooks.replies.scheduler.stopListening();
		}
	});

	it('starts no listener when the Route a Number picker is cancelled', async () => {
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		await sandboxControl.reset();
		let settled = false;
		const routing = Promise.resolve(vscode.commands.executeCommand('signalwire.routeInboundSms')).finally(() => {
			settled = true;
		});
		// The picker opens once the numbers are listed: close it as Escape would, until the command ends.
		const { projectId } = sandbox();
		await waitUntil(
			async () => (await sandboxControl.requests()).some((r) => r.method === 'GET' && r.path.includes(`/Accounts/${projectId}/IncomingPhoneNumbers`)),
			15_000,
			'the numbers listed for the picker',
		);
		await waitUntil(
			async () => {
				await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
				return settled;
			},
			15_000,
			'the picker to close',
		);
		assert.equal(await routing, undefined);
		assert.equal(session.api.webhooks.running, false, 'no listener started');
		assert.deepEqual(session.api.webhooks.routes.saved(), []);
	});

	it('shows "Sending..." (a send, a resend) in the status bar, not as a notification that outlives the result', async () => {
		// The workbench holds a progress notification at least 800 ms: a quick send's result appeared
		// beside a "Sending..." that had not closed yet.
		const win = vscode.window as unknown as { withProgress: typeof vscode.window.withProgress };
		const original = win.withProgress;
		const seen: Array<{ title?: string; location: unknown }> = [];
		win.withProgress = ((options, task) => {
			seen.push({ title: options.title, location: options.location });
			return original.call(vscode.window, options, task);
		}) as typeof vscode.window.withProgress;
		try {
			const sent = await vscode.commands.executeCommand<{ sid: string }>('signalwire.sendMessage', { from: OWN, to: ECHO, body: 'quick' });
			assert.ok(sent.sid);
			const entry = session.api.history.entries({}).find((e) => e.message?.sid === sent.sid);
			assert.ok(entry, 'the send is in the history');
			await vscode.commands.executeCommand('signalwire.history.resend', { id: entry.id, confirm: false });
		} finally {
			win.withProgress = original;
		}
		const sending = seen.filter((s) => /^Sending message to/.test(s.title ?? ''));
		assert.equal(sending.length, 2, JSON.stringify(seen));
		assert.deepEqual(sending.map((s) => s.location), [vscode.ProgressLocation.Window, vscode.ProgressLocation.Window]);
	});
});
