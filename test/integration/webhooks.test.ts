/**
 * The webhook inspector inside the real VS Code, against the local server: the listener's command
 * API, signature checks with a Signing Key, refusals, the StatusCallback added to sends and the
 * callbacks updating the Messages view at once.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { computeSignature } from '../../src/webhooks/signature';
import { sealRoute, type SavedRoute } from '../../src/webhooks/routeSeal';
import { MAX_WEBHOOK_CONNECTIONS, WEBHOOK_HEADERS_TIMEOUT_MS } from '../../src/webhooks/listener';
import { WebhookTreeProvider } from '../../src/webhooks/webhookTreeProvider';
import { WEBHOOK_ROUTES_KEY } from '../../src/contributions';
import { ROUTE_KEY_SECRET, type LeftRouted } from '../../src/webhooks/numberRoutes';
import { activateExtension, overrideSetting, sandbox, sandboxControl, signInToSandbox, waitUntil, type QuietSession, useQuietSession } from './helpers';

const FROM = '+15550100100';
const TO = '+15550100199';
const SIGNING_KEY = 'PSK_integration_test_key_5b1e2f';

interface Started {
	localUrl: string;
	publicUrl?: string;
}

interface Summary {
	time: string;
	kind: string;
	path: string;
	params: Record<string, string | string[]>;
	signature: 'valid' | 'invalid' | 'unchecked';
}

const list = () => vscode.commands.executeCommand<Summary[]>('signalwire.listWebhookRequests');

function form(fields: Record<string, string>): string {
	return new URLSearchParams(fields).toString();
}

async function post(url: string, body: string | Blob, headers: Record<string, string> = {}): Promise<number> {
	const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
	await response.text();
	return response.status;
}

/** A POST through node:http, which lets a test set Host and Origin as a browser or a rebinding page would. */
function postWithHeaders(url: string, body: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const all = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
		const request = http.request(url, { method: 'POST', headers: all }, (response) => {
			response.resume();
			resolve(response.statusCode ?? 0);
		});
		request.on('error', reject);
		request.end(body);
	});
}

/** Opens a connection that sends a request line, then one header line every `everyMs`, never ending the headers. */
function dribble(port: number, everyMs: number, started: number): Promise<number> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.on('error', () => undefined);
		socket.on('connect', () => socket.write(`POST /status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`));
		const drip = setInterval(() => socket.writable && socket.write('X-Drip: 1\r\n'), everyMs);
		socket.on('close', () => {
			clearInterval(drip);
			resolve(Date.now() - started);
		});
	});
}

describe('webhooks', () => {
	const session: QuietSession = useQuietSession({ resetSandbox: true });
	let started: Started;

	before(async () => {
		await activateExtension();
		await signInToSandbox();
		await vscode.commands.executeCommand('signalwire.clearSigningKey');
		started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
	});

	after(async () => {
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		await vscode.commands.executeCommand('signalwire.clearSigningKey');
		await vscode.commands.executeCommand('signalwire.webhooks.clear');
	});

	beforeEach(async () => {
		await vscode.commands.executeCommand('signalwire.webhooks.clear');
	});

	it('starts on 127.0.0.1 and answers through the command API', async () => {
		assert.match(started.localUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.equal(started.publicUrl, undefined);
		const again = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener');
		assert.equal(again.localUrl, started.localUrl, 'a second start returns the running listener');
		assert.match(session.api.webhooks.statusTooltip() ?? '', new RegExp(`^Webhook listener on ${started.localUrl.replace(/\./g, '\\.')}\nNo public URL.*\nNo number routed here`));
		assert.equal(await post(`${started.localUrl}/status`, form({ MessageStatus: 'sent', MessageSid: 'SMx', From: FROM, To: TO })), 204);
		const [request] = await list();
		assert.equal(request?.kind, 'status');
		assert.equal(request?.path, '/status');
		assert.equal(request?.params.MessageStatus, 'sent');
		assert.equal(request?.signature, 'unchecked');
		assert.ok(!Number.isNaN(Date.parse(request?.time ?? '')));
	});

	it('checks signatures once a Signing Key is set, and flags an invalid one', async () => {
		await vscode.commands.executeCommand('signalwire.setSigningKey', { key: SIGNING_KEY });
		const params = { MessageStatus: 'delivered', MessageSid: 'SMsigned', From: FROM, To: TO, Body: 'Grüße 👋' };
		const url = `${started.localUrl}/status`;
		assert.equal(await post(url, form(params), { 'X-SignalWire-Signature': computeSignature(SIGNING_KEY, url, params) }), 204);
		assert.equal(await post(url, form(params), { 'X-SignalWire-Signature': computeSignature('another key', url, params) }), 204);
		const [invalid, valid] = await list();
		assert.equal(valid?.signature, 'valid');
		assert.equal(invalid?.signature, 'invalid');
		// The document shows what was compared, never the key.
		const uri = await vscode.commands.executeCommand<vscode.Uri>('signalwire.webhooks.openRequest', { id: session.api.webhooks.log.newestFirst()[0]?.id });
		const text = (await vscode.workspace.openTextDocument(uri)).getText();
		const document = JSON.parse(text) as { method: string; form: Record<string, string>; signature: { state: string; urls: string[]; expected: string[] } };
		assert.equal(document.method, 'POST');
		assert.equal(document.form.Body, 'Grüße 👋');
		assert.equal(document.signature.state, 'invalid');
		assert.deepEqual(document.signature.urls, [url, url.replace(/:\d+\//, '/')]);
		assert.ok(!text.includes(SIGNING_KEY), 'the document shows the Signing Key');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		await vscode.commands.executeCommand('signalwire.clearSigningKey');
	});

	it('copies a curl command that replays a request to the listener', async () => {
		await post(`${started.localUrl}/inbound?x=1`, form({ MessageSid: 'SMin', From: TO, To: FROM, Body: "it's <b>" }));
		const command = await vscode.commands.executeCommand<string>('signalwire.webhooks.copyAsCurl', { id: session.api.webhooks.log.newestFirst()[0]?.id });
		assert.equal(command, await vscode.env.clipboard.readText());
		assert.ok(command.startsWith(`curl -X POST '${started.localUrl}/inbound?x=1'`), command);
		assert.ok(command.includes(`--data-urlencode 'Body=it'\\''s <b>'`), command);
	});

	it('refuses a 1 MB body and a bind that is not loopback', async () => {
		assert.equal(await post(`${started.localUrl}/status`, new Blob([new Uint8Array(1024 * 1024).fill(97)])), 413);
		assert.deepEqual(await list(), []);
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		await assert.rejects(Promise.resolve(vscode.commands.executeCommand('signalwire.startWebhookListener', { host: '0.0.0.0' })), /only listens on 127\.0\.0\.1/);
		started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
	});

	it('adds its StatusCallback to a send, and a callback updates the Messages view before any poll', async () => {
		await sandboxControl.reset();
		const message = await vscode.commands.executeCommand<{ sid: string; status: string }>('signalwire.sendMessage', { from: FROM, to: TO, body: 'callback me' });
		const [create] = (await sandboxControl.requests()).filter((r) => r.method === 'POST' && r.path.includes('/Messages'));
		assert.deepEqual(create?.form.StatusCallback, [`${started.localUrl}/status`]);
		const entryOf = () => session.api.history.entries({}).find((e) => e.message?.sid === message.sid);
		await waitUntil(() => entryOf() !== undefined, 20_000, 'the history entry');
		assert.equal(entryOf()?.params.statusCallback, undefined, 'the history keeps what the user asked for: a resend adds the listener of its time');
		// Following is off in this suite, and the local server moves statuses only when fetched: only
		// the callbacks posted here move the status (the server's own `queued` callback may come late).
		const callback = (fields: Record<string, string>) => post(`${started.localUrl}/status`, form({ MessageSid: message.sid, From: FROM, To: TO, Test: 'posted here', ...fields }));
		await callback({ MessageStatus: 'sent' });
		await waitUntil(() => entryOf()?.message?.status === 'sent', 20_000, 'status sent from the callback');
		await callback({ MessageStatus: 'undelivered', ErrorCode: '30005' });
		await waitUntil(() => entryOf()?.message?.status === 'undelivered', 20_000, 'status undelivered from the callback');
		assert.equal(entryOf()?.message?.error_code, '30005');
		// A late callback does not move the status back.
		await callback({ MessageStatus: 'sent' });
		await new Promise((resolve) => setTimeout(resolve, 200));
		assert.equal(entryOf()?.message?.status, 'undelivered');
		const statuses = (await list())
			.filter((r) => r.params.Test === 'posted here')
			.map((r) => r.params.MessageStatus)
			.reverse();
		assert.deepEqual(statuses, ['sent', 'undelivered', 'sent']);
	});

	it('keeps an explicit StatusCallback, and adds none after the listener stopped', async () => {
		await sandboxControl.reset();
		await vscode.commands.executeCommand('signalwire.sendMessage', { from: FROM, to: TO, body: 'mine', statusCallback: 'https://example.com/cb' });
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		await vscode.commands.executeCommand('signalwire.sendMessage', { from: FROM, to: TO, body: 'none' });
		const creates = (await sandboxControl.requests()).filter((r) => r.method === 'POST' && r.path.includes('/Messages'));
		assert.deepEqual(creates.map((r) => r.form.StatusCallback), [['https://example.com/cb'], undefined]);
		started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
	});

	it('the compose form shows the StatusCallback box while the listener runs; its send carries StatusCallback only when ticked', async () => {
		const draft = { from: FROM, to: TO, body: 'from the form' };
		await vscode.commands.executeCommand('signalwire.composeMessage', draft);
		const compose = session.api.hooks.compose;
		compose.clearPosted();
		const restoreSetting = await overrideSetting('webhooks.addStatusCallback', true);
		try {
			await compose.deliver({ type: 'ready' });
			const init = compose.posted().find((m) => m.type === 'init');
			assert.ok(init?.type === 'init');
			assert.deepEqual(init.listener, { statusCallbackUrl: `${started.localUrl}/status`, addByDefault: true });
			const created = async () => (await sandboxControl.requests()).filter((r) => r.method === 'POST' && r.path.includes('/Messages')).map((r) => r.form.StatusCallback);
			await sandboxControl.reset();
			await compose.deliver({ type: 'send', requestId: 'r-unticked', draft, addStatusCallback: false });
			await compose.deliver({ type: 'send', requestId: 'r-ticked', draft, addStatusCallback: true });
			assert.deepEqual(await created(), [undefined, [`${started.localUrl}/status`]]);
			// The setting is the box's default, and what a send without the box gets.
			await restoreSetting();
			await overrideSetting('webhooks.addStatusCallback', false);
			await waitUntil(() => compose.posted().some((m) => m.type === 'listenerChanged' && m.listener?.addByDefault === false), 20_000, 'the new default');
			await sandboxControl.reset();
			await compose.deliver({ type: 'send', requestId: 'r-default', draft });
			await compose.deliver({ type: 'send', requestId: 'r-ticked-2', draft, addStatusCallback: true });
			assert.deepEqual(await created(), [undefined, [`${started.localUrl}/status`]]);
			// Stopped: the box goes, and a send gets no StatusCallback even when the form says so.
			await vscode.commands.executeCommand('signalwire.stopWebhookListener');
			await waitUntil(() => compose.posted().some((m) => m.type === 'listenerChanged' && m.listener === null), 20_000, 'the box hidden: the listener stopped');
			await sandboxControl.reset();
			await compose.deliver({ type: 'send', requestId: 'r-stopped', draft, addStatusCallback: true });
			assert.deepEqual(await created(), [undefined]);
		} finally {
			await restoreSetting();
			compose.close();
			started = await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 });
		}
	});

	it('with a Signing Key, an unsigned, forged or GET StatusCallback changes nothing; a valid one does', async () => {
		await sandboxControl.reset();
		const send = { from: FROM, to: TO, body: 'forge me' };
		const message = await vscode.commands.executeCommand<{ sid: string }>('signalwire.sendMessage', send);
		const entryOf = () => session.api.history.entries({}).find((e) => e.message?.sid === message.sid);
		await waitUntil(() => entryOf() !== undefined, 5000, 'the history entry');
		assert.match(session.api.webhooksViewMessage ?? '', /^Callbacks are unverified: no Signing Key is set/);
		await vscode.commands.executeCommand('signalwire.setSigningKey', { key: SIGNING_KEY });
		try {
			await waitUntil(() => session.api.webhooksViewMessage === undefined, 5000, 'the view no longer saying "unverified"');
			const url = `${started.localUrl}/status`;
			const fields = { MessageSid: message.sid, From: FROM, To: TO, Test: 'forged' };
			const signedBy = (key: string, params: Record<string, string>) => ({
				'X-SignalWire-Signature': computeSignature(key, url, params),
			});
			const signed = async (extra: Record<string, string>) => {
				const params = { ...fields, ...extra };
				return post(url, form(params), signedBy(SIGNING_KEY, params));
			};
			// What a cross-site form could post (unsigned), and a signature made with another key.
			assert.equal(await post(url, form({ ...fields, MessageStatus: 'undelivered', ErrorCode: '30007' })), 204);
			const failed = { ...fields, MessageStatus: 'failed' };
			assert.equal(await post(url, form(failed), signedBy('another key', failed)), 204);
			assert.equal(await signed({ MessageStatus: 'sending' }), 204);
			// Had either forged one been applied, the status would be final and never move to sending.
			await waitUntil(() => entryOf()?.message?.status === 'sending', 5000, 'the valid callback applied');
			assert.notEqual(entryOf()?.message?.error_code, '30007');
			// A plain GET (an <img> on any page could send it).
			const get = await fetch(`${url}?${form({ ...fields, MessageStatus: 'failed' })}`);
			await get.text();
			assert.equal(await signed({ MessageStatus: 'sent' }), 204);
			await waitUntil(() => entryOf()?.message?.status === 'sent', 5000, 'the valid callback after the GET applied');
			const forged = (await list()).filter((r) => r.params.Test === 'forged').reverse();
			assert.deepEqual(
				forged.map((r) => [r.params.MessageStatus, r.signature]),
				[
					['undelivered', 'invalid'],
					['failed', 'invalid'],
					['sending', 'valid'],
					['failed', 'invalid'],
					['sent', 'valid'],
				],
			);
		} finally {
			await vscode.commands.executeCommand('signalwire.clearSigningKey');
		}
		const unverified = () => /^Callbacks are unverified/.test(session.api.webhooksViewMessage ?? '');
		await waitUntil(unverified, 5000, 'the view saying callbacks are unverified again');
	});

	it('a signed inbound message shows in its thread at once, once, without a poll; a forged or unsigned one changes nothing', async () => {
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		await session.api.replies.ready();
		session.api.hooks.replies.scheduler.stopListening(); // an earlier send keeps polling: none may find it
		const polls = session.api.hooks.replies.scheduler.polls;
		const run = Date.now();
		const other = '+15550100187';
		const key = { profileId: profile.id, ownNumber: FROM, otherParty: other };
		const url = `${started.localUrl}/inbound`;
		const fields = (name: string, body: string) => ({ MessageSid: `SM${name}${run}`, AccountSid: profile.projectId, From: other, To: FROM, Body: body, NumMedia: '0' });
		const signed = fields('signed', 'signed inbound');
		const forged = fields('forged', 'forged inbound');
		const unsigned = fields('unsigned', 'unsigned inbound');
		const held = (sid: string) => session.api.history.entries({}).filter((e) => e.message?.sid === sid);
		await vscode.commands.executeCommand('signalwire.setSigningKey', { key: SIGNING_KEY });
		try {
			await post(url, form(forged), { 'X-SignalWire-Signature': computeSignature('another key', url, forged) });
			await post(url, form(unsigned));
			const postedAt = Date.now();
			await post(url, form(signed), { 'X-SignalWire-Signature': computeSignature(SIGNING_KEY, url, signed) });
			await waitUntil(() => session.api.replies.messagesOf(key).some((k) => k.message.sid === signed.MessageSid), 2000, 'the signed message in its thread');
			console.log(`      signed inbound webhook → thread: ${Date.now() - postedAt} ms`);
			const threads = (await vscode.commands.executeCommand('signalwire.listConversations')) as Array<Record<string, unknown>>;
			const thread = threads.find((t) => t.otherParty === other && t.ownNumber === FROM);
			assert.ok(thread, JSON.stringify(threads));
			assert.deepEqual([thread.unread, thread.messageCount], [1, 1]);
			assert.equal(session.api.replies.thread(key)?.lastSnippet, 'signed inbound');
			assert.deepEqual(held(signed.MessageSid).map((e) => [e.origin, e.profile.id, e.message?.direction, e.message?.body]), [['reply', profile.id, 'inbound', 'signed inbound']], 'in the Messages view, once');
			// SignalWire retries a webhook it got no answer to: the same SID again adds nothing.
			await post(url, form(signed), { 'X-SignalWire-Signature': computeSignature(SIGNING_KEY, url, signed) });
			await waitUntil(async () => (await list()).filter((r) => r.params.MessageSid === signed.MessageSid).length === 2, 5000, 'the retry recorded');
			await session.api.history.flush();
			assert.equal(held(signed.MessageSid).length, 1);
			assert.equal(session.api.replies.messagesOf(key).length, 1);
			for (const refused of [forged, unsigned]) {
				assert.deepEqual(held(refused.MessageSid), [], `${refused.Body}: only in the Webhooks view`);
				assert.equal(session.api.replies.model.get(refused.MessageSid), undefined);
			}
			assert.deepEqual((await list()).filter((r) => r.params.From === other).map((r) => r.signature).reverse(), ['invalid', 'invalid', 'valid', 'valid']);
			assert.equal(session.api.hooks.replies.scheduler.polls, polls, 'no poll was needed');
		} finally {
			await vscode.commands.executeCommand('signalwire.clearSigningKey');
		}
	});

	it('never replaces a final status with another from a callback', async () => {
		await sandboxControl.reset();
		const send = (body: string) =>
			vscode.commands.executeCommand<{ sid: string }>('signalwire.sendMessage', { from: FROM, to: TO, body });
		const first = await send('final one');
		const second = await send('final two');
		const entryOf = (sid: string) => session.api.history.entries({}).find((e) => e.message?.sid === sid);
		const callback = (sid: string, fields: Record<string, string>) =>
			post(`${started.localUrl}/status`, form({ MessageSid: sid, From: FROM, To: TO, ...fields }));
		const both = () => entryOf(first.sid) !== undefined && entryOf(second.sid) !== undefined;
		await waitUntil(both, 5000, 'the history entries');
		await callback(first.sid, { MessageStatus: 'delivered' });
		await waitUntil(() => entryOf(first.sid)?.message?.status === 'delivered', 5000, 'delivered from the callback');
		await callback(first.sid, { MessageStatus: 'undelivered', ErrorCode: '30007' });
		await callback(first.sid, { MessageStatus: 'failed', ErrorCode: '30008' });
		// A later callback about another message, applied: the ones before it were handled.
		await callback(second.sid, { MessageStatus: 'sent' });
		await waitUntil(() => entryOf(second.sid)?.message?.status === 'sent', 5000, 'the other message sent');
		assert.equal(entryOf(first.sid)?.message?.status, 'delivered');
		assert.ok(!['30007', '30008'].includes(String(entryOf(first.sid)?.message?.error_code)));
	});

	it('refuses a foreign Host (DNS rebinding) and any browser Origin with 403, and records nothing', async () => {
		const body = form({ MessageStatus: 'failed', MessageSid: 'SMrebind', From: FROM, To: TO });
		const url = `${started.localUrl}/status`;
		assert.equal(await postWithHeaders(url, body, { host: 'evil.example' }), 403);
		assert.equal(await postWithHeaders(url, body, { host: `evil.example:${new URL(url).port}` }), 403);
		assert.equal(await postWithHeaders(url, body, { origin: 'https://evil.example' }), 403);
		assert.equal(await postWithHeaders(url, body, { origin: 'null' }), 403);
		// Only this test's requests: the local server may still be sending the callbacks of the
		// previous test's sends (they carry the listener's StatusCallback), which are recorded.
		const mine = async () => (await list()).filter((r) => r.params.MessageSid === 'SMrebind');
		assert.deepEqual(await mine(), []);
		assert.match(session.api.webhooks.statusTooltip() ?? '', /\d+ requests received, 4 refused/);
		assert.equal(await postWithHeaders(url, body, { host: `localhost:${new URL(url).port}` }), 204);
		assert.equal((await mine()).length, 1);
	});

	it('checks a request naming an unknown project (AccountSid) as invalid while a Signing Key is set', async () => {
		await vscode.commands.executeCommand('signalwire.setSigningKey', { key: SIGNING_KEY });
		try {
			const inbound = { MessageSid: 'SMmadeup', AccountSid: 'made-up-project', From: TO, To: FROM, Body: 'trust me' };
			await post(`${started.localUrl}/inbound`, form(inbound));
			const [request] = await list();
			assert.equal(request?.signature, 'invalid');
			const record = session.api.webhooks.log.newestFirst()[0];
			assert.match(record?.signature.reason ?? '', /AccountSid made-up-project is not the Project ID of a Space this/);
		} finally {
			await vscode.commands.executeCommand('signalwire.clearSigningKey');
		}
	});

	it('closes connections whose headers dribble in past the header timeout; holds the connection cap', async function () {
		this.timeout(60_000);
		const port = Number(new URL(started.localUrl).port);
		const started0 = Date.now();
		const extra = 3;
		const connections = Array.from({ length: MAX_WEBHOOK_CONNECTIONS + extra }, () => dribble(port, 250, started0));
		const closed = await Promise.all(connections);
		closed.sort((a, b) => a - b);
		// Dropped at once: over the cap (idle keep-alive connections of earlier tests count too).
		const dropped = closed.filter((ms) => ms < WEBHOOK_HEADERS_TIMEOUT_MS / 2);
		const timedOut = closed.filter((ms) => ms >= WEBHOOK_HEADERS_TIMEOUT_MS / 2);
		const range = (list: number[]) => `${list[0]}-${list.at(-1)} ms`;
		console.log(
			`webhooks: ${dropped.length} of ${closed.length} closed at once (${range(dropped)}), ` +
				`${timedOut.length} by the header timeout (${range(timedOut)})`,
		);
		assert.ok(dropped.length >= extra, `${dropped.length} dropped at once: a cap of ${MAX_WEBHOOK_CONNECTIONS} not held`);
		assert.ok(timedOut.length <= MAX_WEBHOOK_CONNECTIONS, `${timedOut.length} held open`);
		const inTime = (ms: number) => ms >= WEBHOOK_HEADERS_TIMEOUT_MS - 500 && ms < WEBHOOK_HEADERS_TIMEOUT_MS + 5000;
		assert.ok(timedOut.every(inTime), `timed out after ${range(timedOut)}`);
		assert.deepEqual(await list(), []);
		assert.equal(await post(`${started.localUrl}/status`, form({ MessageStatus: 'sent', MessageSid: 'SMafter' })), 204);
	});

	it('refuses a Content-Length over the cap at once, without reading the body', async () => {
		const port = Number(new URL(started.localUrl).port);
		const begun = Date.now();
		const answer = await new Promise<{ text: string; firstByteMs: number; closedMs: number }>((resolve, reject) => {
			let text = '';
			let firstByteMs = -1;
			const socket = net.connect(port, '127.0.0.1', () =>
				socket.write(
					[
						'POST /status HTTP/1.1',
						`Host: 127.0.0.1:${port}`,
						'Content-Type: application/x-www-form-urlencoded',
						'Content-Length: 100000000',
						'',
						'MessageStatus=',
					].join('\r\n'),
				),
			);
			socket.on('data', (chunk) => {
				firstByteMs = firstByteMs < 0 ? Date.now() - begun : firstByteMs;
				text += chunk.toString('latin1');
			});
			socket.on('error', () => undefined);
			socket.on('close', () => resolve({ text, firstByteMs, closedMs: Date.now() - begun }));
			setTimeout(() => reject(new Error(`no answer after 10 s: ${JSON.stringify(text)}`)), 10_000);
		});
		console.log(`webhooks: Content-Length 100000000: 413 after ${answer.firstByteMs} ms, closed ${answer.closedMs} ms`);
		assert.match(answer.text, /^HTTP\/1\.1 413 /);
		assert.ok(answer.firstByteMs < 1000, `413 after ${answer.firstByteMs} ms`);
		assert.ok(answer.closedMs < 4000, `closed after ${answer.closedMs} ms`);
		assert.deepEqual(await list(), []);
	});

	it('shows the requests in the Webhooks view, newest first', async () => {
		await post(`${started.localUrl}/status`, form({ MessageStatus: 'queued', MessageSid: 'SMview1' }));
		await post(`${started.localUrl}/inbound`, form({ MessageSid: 'SMview2', From: TO, To: FROM, Body: 'hello view' }));
		const view = new WebhookTreeProvider(session.api.webhooks);
		try {
			const [first, second] = view.getChildren();
			assert.ok(first && second);
			const inbound = view.getTreeItem(first);
			assert.match(String(inbound.label), /inbound message$/);
			assert.match(String(inbound.description), /\+15550100199 → \+15550100100 · “hello view”/);
			const callback = view.getTreeItem(second);
			assert.match(String(callback.label), /^\d{2}:\d{2}:\d{2} queued$/);
			assert.match(String(callback.description), /^status callback/);
		} finally {
			view.dispose();
		}
	});
});

interface NumberRow {
	sid: string;
	phone_number: string;
	sms_url: string | null;
	sms_method: string;
}

/** The local server's view of a number (its REST API, as any client). */
async function numberOf(phoneNumber: string): Promise<NumberRow> {
	const { url, projectId, token } = sandbox();
	const response = await fetch(`${url}/api/laml/2010-04-01/Accounts/${projectId}/IncomingPhoneNumbers?PageSize=1000`, {
		headers: { authorization: `Basic ${Buffer.from(`${projectId}:${token}`).toString('base64')}` },
	});
	const page = (await response.json()) as { incoming_phone_numbers: NumberRow[] };
	const number = page.incoming_phone_numbers.find((n) => n.phone_number === phoneNumber);
	assert.ok(number, `the local server has ${phoneNumber}`);
	return number;
}

async function sandboxPost<T>(path: string, body: unknown): Promise<T> {
	const response = await fetch(`${sandbox().url}/__sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: JSON.stringify(body) });
	assert.ok(response.ok, `sandbox ${path} answered ${response.status}`);
	return (await response.json()) as T;
}

describe('webhooks from the local server', () => {
	const session: QuietSession = useQuietSession({ resetSandbox: true });
	let localUrl: string;
	let signingKey: string;

	before(async () => {
		const info = (await (await fetch(`${sandbox().url}/__sandbox/info`)).json()) as { signingKey?: string };
		assert.ok(info.signingKey, 'the local server tells its Signing Key');
		signingKey = info.signingKey;
		await vscode.commands.executeCommand('signalwire.setSigningKey', { key: signingKey });
		localUrl = (await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 })).localUrl;
		await sandboxPost('settings', { statusProgression: 'time', statusStepMs: 150 });
	});

	after(async () => {
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		await vscode.commands.executeCommand('signalwire.clearSigningKey');
		await sandboxControl.reset();
	});

	beforeEach(async () => {
		await vscode.commands.executeCommand('signalwire.webhooks.clear');
	});

	it('receives signed status callbacks in order, and the Messages view follows them without polling', async () => {
		const message = await vscode.commands.executeCommand<{ sid: string }>('signalwire.sendMessage', { from: FROM, to: TO, body: 'follow me by callback' });
		const entryOf = () => session.api.history.entries({}).find((e) => e.message?.sid === message.sid);
		await waitUntil(() => entryOf()?.message?.status === 'delivered', 15_000, 'the entry to reach delivered through callbacks');
		const callbacks = (await list()).filter((r) => r.kind === 'status' && r.params.MessageSid === message.sid).reverse();
		const statuses = callbacks.map((r) => r.params.MessageStatus);
		assert.ok(statuses.length >= 2, `callbacks: ${statuses.join(', ')}`);
		assert.equal(statuses.at(-1), 'delivered');
		const order = ['queued', 'sending', 'sent', 'delivered'];
		assert.deepEqual([...statuses].sort((a, b) => order.indexOf(String(a)) - order.indexOf(String(b))), statuses, 'in order');
		assert.ok(callbacks.every((r) => r.signature === 'valid'), `signatures: ${callbacks.map((r) => r.signature).join(', ')}`);
		// Following is off in this suite: nothing fetched the message.
		const fetches = (await sandboxControl.requests()).filter((r) => r.method === 'GET' && r.path.includes(message.sid));
		assert.deepEqual(fetches, []);
	});

	it('routes a number here, shows its inbound message, and restores its SmsUrl on Stop', async () => {
		const before = await numberOf(FROM);
		const routed = await vscode.commands.executeCommand<{ phoneNumber: string; smsUrl: string }>('signalwire.routeInboundSms', { phoneNumber: FROM });
		assert.deepEqual(routed, { phoneNumber: FROM, smsUrl: `${localUrl}/inbound` });
		assert.equal((await numberOf(FROM)).sms_url, `${localUrl}/inbound`);
		assert.deepEqual(session.api.webhooks.routes.saved().map((r) => [r.phoneNumber, r.previous.smsUrl]), [[FROM, before.sms_url ?? '']]);
		// The number's row says it is routed: the status bar tooltip, the send prompts' From pick.
		assert.match(session.api.webhooks.statusTooltip() ?? '', new RegExp(`Routed here: inbound SMS to \\${FROM} \\(their previous SmsUrl comes back when the listener stops\\)`));
		const profile = await session.api.services.credentials.activeProfile();
		assert.ok(profile);
		assert.deepEqual(session.api.webhooks.routes.routedPhoneNumbers(profile), [FROM]);
		// ... and the compose form's From suggestions.
		const compose = session.api.hooks.compose;
		await vscode.commands.executeCommand('signalwire.composeMessage', { from: FROM });
		compose.clearPosted();
		await compose.deliver({ type: 'ready' });
		const suggestion = (phoneNumber: string) =>
			compose
				.posted()
				.filter((m) => m.type === 'numbers')
				.at(-1)
				?.numbers.find((n) => n.phoneNumber === phoneNumber);
		await waitUntil(() => suggestion(FROM)?.routed === true, 10_000, 'the From suggestion to say it is routed');
		assert.equal(suggestion('+15550100101')?.routed, undefined, 'another number is not routed');
		await sandboxPost('inbound', { from: TO, to: FROM, body: 'Hi <there> & you' });
		await waitUntil(async () => (await list()).some((r) => r.kind === 'inbound'), 10_000, 'the inbound webhook');
		const inbound = (await list()).find((r) => r.kind === 'inbound');
		assert.equal(inbound?.params.Body, 'Hi <there> & you');
		assert.equal(inbound?.params.From, TO);
		assert.equal(inbound?.signature, 'valid');
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		assert.equal(session.api.webhooks.statusTooltip(), undefined, 'no status bar item once stopped');
		await waitUntil(() => suggestion(FROM) !== undefined && suggestion(FROM)?.routed === undefined, 10_000, 'the From suggestion no longer routed');
		compose.close();
		assert.deepEqual(session.api.webhooks.routes.routedPhoneNumbers(profile), []);
		const after = await numberOf(FROM);
		assert.equal(after.sms_url, before.sms_url);
		assert.equal(after.sms_method, before.sms_method);
		assert.deepEqual(session.api.webhooks.routes.saved(), []);
		localUrl = (await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 })).localUrl;
	});

	it('tells the user which number still points at the stopped listener when the API fails, keeps the route, and restores it on the next try', async () => {
		const before = await numberOf(FROM);
		await vscode.commands.executeCommand('signalwire.routeInboundSms', { phoneNumber: FROM });
		const told: LeftRouted[] = [];
		const subscription = session.api.webhooks.routes.onDidLeaveRouted((left) => told.push(left));
		try {
			await sandboxControl.faults({ apiError: { status: 500, code: 20500, message: 'Internal failure', on: 'any' } });
			await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		} finally {
			await sandboxControl.faults({});
			subscription.dispose();
		}
		assert.equal(told.length, 1, JSON.stringify(told));
		assert.equal(told[0]?.reason, 'failed');
		assert.deepEqual(told[0]?.phoneNumbers, [FROM]);
		assert.match(told[0]?.message ?? '', new RegExp(`Inbound SMS to \\${FROM} still go to the webhook listener, which is not running`));
		assert.match(told[0]?.message ?? '', /Internal failure.*Choose Retry, or set it back in your SignalWire Space/);
		assert.deepEqual(session.api.webhooks.routes.saved().map((r) => r.phoneNumber), [FROM], 'the route is kept for the next try');
		assert.equal((await numberOf(FROM)).sms_url, `${localUrl}/inbound`, 'still routed: nothing was put back');
		// The next try (Retry, the next Stop or the next start) puts it back.
		assert.deepEqual(await session.api.webhooks.routes.restoreOrphaned(false), [FROM]);
		assert.equal((await numberOf(FROM)).sms_url, before.sms_url);
		assert.deepEqual(session.api.webhooks.routes.saved(), []);
		localUrl = (await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 })).localUrl;
	});

	it('tells the user to sign in when the number\'s Space was signed out before Stop, and restores it after sign-in', async () => {
		const before = await numberOf(FROM);
		await vscode.commands.executeCommand('signalwire.routeInboundSms', { phoneNumber: FROM });
		const told: LeftRouted[] = [];
		const subscription = session.api.webhooks.routes.onDidLeaveRouted((left) => told.push(left));
		const { url, projectId } = sandbox();
		try {
			await vscode.commands.executeCommand('signalwire.signOut', { space: url, projectId });
			await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		} finally {
			await signInToSandbox();
			subscription.dispose();
		}
		assert.equal(told.length, 1, JSON.stringify(told));
		assert.equal(told[0]?.reason, 'signedOut');
		assert.deepEqual(told[0]?.phoneNumbers, [FROM]);
		assert.match(told[0]?.message ?? '', new RegExp(`\\${FROM} still go to the webhook listener, which is not running: sign in to 127\\.0\\.0\\.1:\\d+ again, then choose Retry`));
		assert.deepEqual(session.api.webhooks.routes.saved().map((r) => r.phoneNumber), [FROM], 'the route is kept for the next try');
		assert.deepEqual(await session.api.webhooks.routes.restoreOrphaned(false), [FROM]);
		assert.equal((await numberOf(FROM)).sms_url, before.sms_url);
		assert.deepEqual(session.api.webhooks.routes.saved(), []);
		localUrl = (await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 })).localUrl;
	});

	it('restores a number left routed by a session that died, at the next start', async () => {
		const before = await numberOf(FROM);
		await vscode.commands.executeCommand('signalwire.routeInboundSms', { phoneNumber: FROM });
		const saved = session.api.webhooks.routes.saved();
		assert.equal(saved.length, 1);
		// What a crash leaves behind: the saved route in global state, the number pointing at a listener that is gone.
		await vscode.commands.executeCommand('signalwire.stopWebhookListener');
		const dead = `http://127.0.0.1:9/inbound`;
		const { url, projectId, token } = sandbox();
		await fetch(`${url}/api/laml/2010-04-01/Accounts/${projectId}/IncomingPhoneNumbers/${before.sid}`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${projectId}:${token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ SmsUrl: dead, SmsMethod: 'POST' }).toString(),
		});
		// Sealed with this machine's key, as the extension writes it.
		const routeKey = await session.api.services.context.secrets.get(ROUTE_KEY_SECRET);
		assert.ok(routeKey && saved[0]);
		const sealed = sealRoute(routeKey, { ...saved[0], routedUrl: dead });
		await session.api.services.context.globalState.update(WEBHOOK_ROUTES_KEY, [sealed]);
		assert.equal((await numberOf(FROM)).sms_url, dead);
		// The next start reads the saved state and points the number back (activate() does this after a delay).
		const restored = await session.api.webhooks.routes.restoreOrphaned(false);
		assert.deepEqual(restored, [FROM]);
		assert.equal((await numberOf(FROM)).sms_url, before.sms_url);
		assert.equal(session.api.services.context.globalState.get(WEBHOOK_ROUTES_KEY), undefined);
		localUrl = (await vscode.commands.executeCommand<Started>('signalwire.startWebhookListener', { port: 0 })).localUrl;
	});

	it('reports a tampered route record with its number and does not apply it at start', async () => {
		const before = await numberOf(FROM);
		await vscode.commands.executeCommand('signalwire.routeInboundSms', { phoneNumber: FROM });
		const [record] = session.api.services.context.globalState.get<SavedRoute[]>(WEBHOOK_ROUTES_KEY) ?? [];
		assert.ok(record);
		// What another extension or a local process could write: the number "restored" to its own URL, the listener dead.
		const attacker = 'https://attacker.example/steal';
		const tampered = { ...record, previous: { smsUrl: attacker, smsMethod: 'POST' }, listenerUrl: 'http://127.0.0.1:9' };
		await session.api.services.context.globalState.update(WEBHOOK_ROUTES_KEY, [tampered]);
		const told: LeftRouted[] = [];
		const subscription = session.api.webhooks.routes.onDidLeaveRouted((left) => told.push(left));
		try {
			// The next start reads the saved state (activate() does this after a delay).
			assert.deepEqual(await session.api.webhooks.routes.restoreOrphaned(false), []);
		} finally {
			subscription.dispose();
		}
		assert.equal(told.length, 1, JSON.stringify(told));
		assert.equal(told[0]?.reason, 'tampered');
		assert.deepEqual(told[0]?.phoneNumbers, [FROM]);
		const told0 = told[0]?.message ?? '';
		assert.match(told0, new RegExp(`SmsUrl of \\${FROM} fails its check.*not applied, and the number was left as it is`));
		assert.equal((await numberOf(FROM)).sms_url, `${localUrl}/inbound`, 'the tampered record was applied');
		assert.deepEqual(session.api.webhooks.routes.saved(), [], 'a tampered record is not a route');
		assert.equal(session.api.webhooks.routes.rejected().length, 1, 'the record is left as it is');
		await session.api.webhooks.routes.forgetRejected();
		assert.deepEqual(session.api.webhooks.routes.rejected(), []);
		// Clean up as the user would: point the number back by hand.
		const { url, projectId, token } = sandbox();
		const authorization = `Basic ${Buffer.from(`${projectId}:${token}`).toString('base64')}`;
		await fetch(`${url}/api/laml/2010-04-01/Accounts/${projectId}/IncomingPhoneNumbers/${before.sid}`, {
			method: 'POST',
			headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ SmsUrl: before.sms_url ?? '', SmsMethod: before.sms_method }).toString(),
		});
		assert.equal(session.api.services.context.globalState.get(WEBHOOK_ROUTES_KEY), undefined);
	});
});
