import * as assert from 'node:assert/strict';
import { SANDBOX_NUMBERS, startSandbox, type Sandbox } from '../../sandbox/server';
import { SignalWireClient, isSignalWireApiError } from '../../src/signalwire';
import { listSmsRouting, updateSmsRouting } from '../../src/signalwire/phoneNumbers';
import { WebhookListener } from '../../src/webhooks/listener';
import { WebhookRequestLog } from '../../src/webhooks/requestLog';

describe('phone numbers: SmsUrl routing, against the local server', () => {
	let sb: Sandbox;
	let client: SignalWireClient;

	before(async () => {
		sb = await startSandbox({ statusProgression: 'fetch' });
		client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token }, timeoutMs: 3000 });
	});
	after(() => sb.close());
	beforeEach(() => sb.reset());

	it('lists every number with its SmsUrl and SmsMethod', async () => {
		const numbers = await listSmsRouting(client);
		assert.deepEqual(
			numbers.map((n) => n.phoneNumber),
			SANDBOX_NUMBERS.map((n) => n.phoneNumber),
		);
		for (const number of numbers) {
			assert.match(number.smsMethod, /^(GET|POST)$/);
			assert.equal(typeof number.smsUrl, 'string');
		}
	});

	it('sets and restores SmsUrl and SmsMethod, as POST IncomingPhoneNumbers/{Sid}', async () => {
		const [first] = await listSmsRouting(client);
		assert.ok(first);
		const updated = await updateSmsRouting(client, first.sid, { smsUrl: 'http://127.0.0.1:9/inbound', smsMethod: 'POST' });
		assert.deepEqual({ url: updated.smsUrl, method: updated.smsMethod }, { url: 'http://127.0.0.1:9/inbound', method: 'POST' });
		assert.equal((await listSmsRouting(client)).find((n) => n.sid === first.sid)?.smsUrl, 'http://127.0.0.1:9/inbound');
		await updateSmsRouting(client, first.sid, { smsUrl: first.smsUrl, smsMethod: first.smsMethod });
		const restored = (await listSmsRouting(client)).find((n) => n.sid === first.sid);
		assert.deepEqual({ url: restored?.smsUrl, method: restored?.smsMethod }, { url: first.smsUrl, method: first.smsMethod });
		const [request] = sb.requests.filter((r) => r.method === 'POST');
		assert.deepEqual(request?.form, { SmsUrl: ['http://127.0.0.1:9/inbound'], SmsMethod: ['POST'] });
	});

	it('rejects an unknown number with the API error', async () => {
		await assert.rejects(updateSmsRouting(client, '00000000-0000-4000-8000-000000000000', { smsUrl: '', smsMethod: 'POST' }), (error: unknown) => isSignalWireApiError(error) && error.httpStatus === 404);
	});

	it("receives the local server's signed inbound webhook at a routed number, and its reply goes out", async () => {
		const log = new WebhookRequestLog();
		const listener = await WebhookListener.start({ log, signingKey: () => sb.signingKey, inboundReply: () => 'Auto <reply> & more' });
		try {
			const [number] = await listSmsRouting(client);
			assert.ok(number);
			await updateSmsRouting(client, number.sid, { smsUrl: `${listener.localUrl}/inbound`, smsMethod: 'POST' });
			const response = await fetch(`${sb.url}/__sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: JSON.stringify({ from: '+15550100199', to: number.phoneNumber, body: 'Hi' }) });
			assert.equal(response.status, 201);
			const deadline = Date.now() + 5000;
			while (log.size === 0 && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			const [record] = log.newestFirst();
			assert.equal(record?.kind, 'inbound');
			assert.equal(record?.params.Body, 'Hi');
			assert.equal(record?.signature.state, 'valid');
			// The cXML <Message> answer becomes an outbound reply on the local server.
			let reply: { body: string | null } | undefined;
			while (!reply && Date.now() < deadline + 5000) {
				reply = sb.messages.find((m) => m.body === 'Auto <reply> & more');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			assert.ok(reply, 'the reply text was sent back, unescaped');
		} finally {
			await listener.close();
		}
	});
});
