import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { RestClient } from '@signalwire/compatibility-api';
import { WebhookListener, WebhookListenerError, isLoopbackAddress } from '../../src/webhooks/listener';
import { MAX_WEBHOOK_REQUESTS, WebhookRequestLog } from '../../src/webhooks/requestLog';
import { classifyRequest, keyFields, parseFormBody, recordedHeaders, type WebhookRequestRecord } from '../../src/webhooks/requests';
import { computeSignature } from '../../src/webhooks/signature';

const sdkValidate = (RestClient as unknown as { validateRequest(key: string, header: string, url: string, params: object): boolean }).validateRequest;
const KEY = 'PSK_unit_test_signing_key_0123456789';

function form(fields: Record<string, string | string[]>): string {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		for (const item of typeof value === 'string' ? [value] : value) {
			search.append(name, item);
		}
	}
	return search.toString();
}

async function post(url: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string | null }> {
	const response = await fetch(url, { method: 'POST', body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
	return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('webhooks: reading requests', () => {
	it('classifies status callbacks, inbound messages and the rest', () => {
		assert.equal(classifyRequest('/status', { MessageStatus: 'sent', MessageSid: 'x' }), 'status');
		assert.equal(classifyRequest('/anything', { MessageSid: 'x', From: '+1', To: '+2', Body: 'hi' }), 'inbound');
		assert.equal(classifyRequest('/inbound', { From: '+1', Body: 'hi' }), 'inbound');
		assert.equal(classifyRequest('/status', {}), 'other');
		assert.equal(classifyRequest('/', { foo: 'bar' }), 'other');
	});

	it('picks the key fields', () => {
		assert.deepEqual(keyFields({ MessageStatus: 'undelivered', MessageSid: 's', From: '+1', To: '+2', Body: 'b', ErrorCode: '30005', Other: 'x' }), {
			messageStatus: 'undelivered',
			messageSid: 's',
			from: '+1',
			to: '+2',
			body: 'b',
			errorCode: '30005',
		});
	});

	it('reads a form with repeated keys and unicode; anything else is malformed with a reason', () => {
		const ok = parseFormBody(Buffer.from(form({ Body: 'Grüße 👋', MediaUrl: ['a', 'b'] })), 'application/x-www-form-urlencoded; charset=utf-8');
		assert.deepEqual(ok, { ok: true, params: Object.assign(Object.create(null), { Body: 'Grüße 👋', MediaUrl: ['a', 'b'] }) });
		const json = parseFormBody(Buffer.from('{"a":1}'), 'application/json');
		assert.equal(json.ok, false);
		assert.match(json.ok ? '' : json.reason, /not a form.*application\/json/);
		const percent = parseFormBody(Buffer.from('Body=100%'), 'application/x-www-form-urlencoded');
		assert.match(percent.ok ? '' : percent.reason, /percent escape at character 9/);
		const bytes = parseFormBody(Buffer.from([0x42, 0x3d, 0xff, 0xfe]), 'application/x-www-form-urlencoded');
		assert.match(bytes.ok ? '' : bytes.reason, /UTF-8/);
		assert.deepEqual(parseFormBody(Buffer.alloc(0), undefined), { ok: true, params: Object.create(null) });
	});

	it('hides credentials in recorded headers', () => {
		assert.deepEqual(recordedHeaders({ Authorization: 'Basic abc', Cookie: 'a=b', 'X-A': ['1', '2'], 'x-signalwire-signature': 'sig' }), {
			authorization: '***',
			cookie: '***',
			'x-a': '1, 2',
			'x-signalwire-signature': 'sig',
		});
	});
});

describe('webhooks: request log', () => {
	it('keeps at most 500, newest first', () => {
		const log = new WebhookRequestLog();
		for (let index = 0; index < MAX_WEBHOOK_REQUESTS + 20; index++) {
			log.add({ id: log.nextId(), time: index, method: 'POST', path: '/status', headers: {}, params: {}, kind: 'status', signature: { state: 'unchecked' }, response: { status: 204 } });
		}
		const records = log.newestFirst();
		assert.equal(records.length, MAX_WEBHOOK_REQUESTS);
		assert.equal(records[0]?.id, MAX_WEBHOOK_REQUESTS + 20);
		assert.equal(records.at(-1)?.id, 21);
		assert.equal(log.get(20), undefined);
		assert.equal(log.newestFirst(3).length, 3);
		log.clear();
		assert.equal(log.size, 0);
	});
});

describe('webhooks: listener', () => {
	let listener: WebhookListener | undefined;
	let log: WebhookRequestLog;
	let key: string | undefined;
	let reply: string | undefined;
	let publicBase: string | undefined;

	beforeEach(async () => {
		log = new WebhookRequestLog();
		key = undefined;
		reply = undefined;
		publicBase = undefined;
		listener = await WebhookListener.start({
			log,
			signingKey: () => key,
			inboundReply: () => reply,
			signedUrl: (path) => (publicBase ? `${publicBase}${path}` : `${listener?.localUrl}${path}`),
		});
	});

	afterEach(async () => {
		await listener?.close();
		listener = undefined;
	});

	const url = (path: string) => `${listener?.localUrl}${path}`;

	it('listens on 127.0.0.1 only, and refuses to bind anywhere else', async () => {
		assert.match(listener?.localUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
		await assert.rejects(WebhookListener.start({ log, host: '0.0.0.0' }), (error: unknown) => error instanceof WebhookListenerError && error.reason === 'not-loopback');
		await assert.rejects(WebhookListener.start({ log, port: 70000 }), (error: unknown) => error instanceof WebhookListenerError && error.reason === 'bad-port');
		await assert.rejects(WebhookListener.start({ log, port: listener?.port }), (error: unknown) => error instanceof WebhookListenerError && error.reason === 'port-in-use');
		assert.equal(isLoopbackAddress('127.0.0.1'), true);
		assert.equal(isLoopbackAddress('::ffff:127.0.0.1'), true);
		assert.equal(isLoopbackAddress('::1'), true);
		assert.equal(isLoopbackAddress('10.0.0.2'), false);
		assert.equal(isLoopbackAddress('::ffff:192.168.1.2'), false);
		assert.equal(isLoopbackAddress(undefined), false);
	});

	it('answers a status callback 204 and records it, unchecked without a key', async () => {
		const answer = await post(url('/status'), form({ MessageStatus: 'sent', MessageSid: 'm1', From: '+15550100100', To: '+15550100199' }));
		assert.equal(answer.status, 204);
		const [record] = log.newestFirst();
		assert.equal(record?.kind, 'status');
		assert.equal(record?.path, '/status');
		assert.equal(record?.method, 'POST');
		assert.deepEqual({ ...record?.params }, { MessageStatus: 'sent', MessageSid: 'm1', From: '+15550100100', To: '+15550100199' });
		assert.equal(record?.signature.state, 'unchecked');
	});

	it('answers an inbound message with an empty Response, or the escaped reply', async () => {
		const inbound = form({ MessageSid: 'm2', From: '+15550100199', To: '+15550100100', Body: 'hi', NumMedia: '0' });
		const empty = await post(url('/inbound'), inbound);
		assert.equal(empty.status, 200);
		assert.match(empty.type ?? '', /^text\/xml/);
		assert.equal(empty.text, '<?xml version="1.0" encoding="UTF-8"?><Response/>');
		reply = 'Got it <3 & thanks';
		const withReply = await post(url('/inbound'), inbound);
		assert.equal(withReply.text, '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Got it &lt;3 &amp; thanks</Message></Response>');
		assert.equal(log.newestFirst()[0]?.kind, 'inbound');
		assert.equal(log.newestFirst()[0]?.response.body, withReply.text);
	});

	it('checks signatures the way the official SDK computes them, over the public URL', async () => {
		key = KEY;
		publicBase = 'https://hooks.example.ngrok.app';
		const params = { MessageStatus: 'delivered', MessageSid: 'm3', Body: 'Grüße 👋', MediaUrl: ['https://x/1', 'https://x/2'] };
		const signature = computeSignature(KEY, 'https://hooks.example.ngrok.app/status?via=test', params);
		assert.equal(sdkValidate(KEY, signature, 'https://hooks.example.ngrok.app/status?via=test', params), true);
		await post(url('/status?via=test'), form(params), { 'X-SignalWire-Signature': signature });
		assert.equal(log.newestFirst()[0]?.signature.state, 'valid');

		await post(url('/status?via=test'), form({ ...params, Body: 'tampered' }), { 'X-SignalWire-Signature': signature });
		const invalid = log.newestFirst()[0] as WebhookRequestRecord;
		assert.equal(invalid.signature.state, 'invalid');
		assert.equal(invalid.signature.received, signature);
		assert.deepEqual(invalid.signature.urls, ['https://hooks.example.ngrok.app:443/status?via=test', 'https://hooks.example.ngrok.app/status?via=test']);
		assert.equal(invalid.signature.expected?.length, 2);

		await post(url('/status'), form(params));
		assert.equal(log.newestFirst()[0]?.signature.state, 'invalid');
		assert.match(log.newestFirst()[0]?.signature.reason ?? '', /no X-SignalWire-Signature/);
		assert.ok(!JSON.stringify(log.newestFirst()).includes(KEY), 'a record holds the Signing Key');
	});

	it('records a malformed body as such (400) and keeps going', async () => {
		const json = await post(url('/status'), '{"MessageStatus":"sent"}', { 'content-type': 'application/json' });
		assert.equal(json.status, 400);
		const broken = await post(url('/inbound'), 'Body=%zz&From=%');
		assert.equal(broken.status, 400);
		const [last, first] = log.newestFirst();
		assert.match(first?.malformed ?? '', /not a form/);
		assert.equal(first?.rawBody, '{"MessageStatus":"sent"}');
		assert.match(last?.malformed ?? '', /percent escape/);
		assert.equal(last?.kind, 'other');
		assert.equal((await post(url('/status'), form({ MessageStatus: 'sent' }))).status, 204);
	});

	it('refuses a 1 MB body with 413 and records nothing', async () => {
		const answer = await post(url('/status'), Buffer.alloc(1024 * 1024, 'a'));
		assert.equal(answer.status, 413);
		assert.equal(log.size, 0);
		assert.equal(listener?.refused['too-large'], 1);
		// A chunked body without Content-Length is counted as it arrives.
		const status = await new Promise<number>((resolve, reject) => {
			const request = http.request(url('/status'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (response) => {
				response.resume();
				resolve(response.statusCode ?? 0);
			});
			request.on('error', reject);
			for (let index = 0; index < 80; index++) {
				request.write(Buffer.alloc(1024, 'b'));
			}
			request.end();
		});
		assert.equal(status, 413);
		assert.equal(log.size, 0);
		assert.equal((await post(url('/status'), form({ MessageStatus: 'sent' }))).status, 204);
	});

	it('refuses more than 200 requests a second with 429', async () => {
		await listener?.close();
		let now = 1_000_000;
		listener = await WebhookListener.start({ log, now: () => now });
		const statuses: number[] = [];
		for (let start = 0; start < 201; start += 67) {
			const batch = Array.from({ length: Math.min(67, 201 - start) }, (_, index) => post(url('/status'), form({ MessageStatus: 'sent', MessageSid: String(start + index) })));
			statuses.push(...(await Promise.all(batch)).map((answer) => answer.status));
		}
		statuses.sort();
		assert.deepEqual(statuses.slice(0, 200), new Array(200).fill(204));
		assert.equal(statuses[200], 429);
		assert.equal(log.size, 200);
		now += 1000;
		assert.equal((await post(url('/status'), form({ MessageStatus: 'sent' }))).status, 204);
		assert.equal(listener?.refused['rate-limited'], 1);
	});

	it('records a burst of callbacks sent 50 at a time, none lost, when they stay under the rate limit', async () => {
		await listener?.close();
		const recorded = new Set<unknown>();
		listener = await WebhookListener.start({ log: new WebhookRequestLog(100), maxRequestsPerSecond: 100_000, onRecorded: (record) => recorded.add(record.params.MessageSid) });
		const sids = Array.from({ length: 300 }, (_, index) => `SM${index}`);
		for (let start = 0; start < sids.length; start += 50) {
			const statuses = await Promise.all(sids.slice(start, start + 50).map((sid) => post(url('/status'), form({ MessageStatus: 'sent', MessageSid: sid })).then((a) => a.status)));
			assert.ok(statuses.every((status) => status === 204));
		}
		assert.equal(recorded.size, sids.length);
	});
});
