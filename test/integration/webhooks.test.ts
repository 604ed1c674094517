/**
 * The webhook inspector inside the real VS Code, against the local server: the listener's command
 * API, signature checks with a Signing Key, refusals, the StatusCallback added to sends and the
 * callbacks updating the Messages view at once.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { computeSignature } from '../../src/webhooks/signature';
import { WebhookTreeProvider } from '../../src/webhooks/webhookTreeProvider';
import { activateExtension, sandboxControl, signInToSandbox, waitUntil, type QuietSession, useQuietSession } from './helpers';

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
		await waitUntil(() => entryOf() !== undefined, 5000, 'the history entry');
		// Following is off in this suite: only a callback can move the status.
		await post(`${started.localUrl}/status`, form({ MessageStatus: 'sent', MessageSid: message.sid, From: FROM, To: TO }));
		await waitUntil(() => entryOf()?.message?.status === 'sent', 5000, 'status sent from the callback');
		await post(`${started.localUrl}/status`, form({ MessageStatus: 'undelivered', ErrorCode: '30005', MessageSid: message.sid, From: FROM, To: TO }));
		await waitUntil(() => entryOf()?.message?.status === 'undelivered', 5000, 'status undelivered from the callback');
		assert.equal(entryOf()?.message?.error_code, '30005');
		// A late callback does not move a final status back.
		await post(`${started.localUrl}/status`, form({ MessageStatus: 'sent', MessageSid: message.sid }));
		await new Promise((resolve) => setTimeout(resolve, 200));
		assert.equal(entryOf()?.message?.status, 'undelivered');
		const statuses = (await list()).map((r) => r.params.MessageStatus).reverse();
		assert.deepEqual(statuses.slice(-3), ['sent', 'undelivered', 'sent']);
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
			assert.match(String(view.getTreeItem(second).description), /queued/);
		} finally {
			view.dispose();
		}
	});
});
