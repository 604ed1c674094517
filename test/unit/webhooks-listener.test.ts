import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { RestClient } from '@signalwire/compatibility-api';
import { isAllowedHost, isLoopbackAddress, isRefusedOrigin } from '../../src/webhooks/admission';
import { WebhookListener, WebhookListenerError } from '../../src/webhooks/listener';
import { MAX_WEBHOOK_REQUESTS, WebhookRequestLog } from '../../src/webhooks/requestLog';
import {
	classifyRequest,
	keyFields,
	mayApplyRequest,
	parseFormBody,
	recordedHeaders,
	type WebhookRequestRecord,
} from '../../src/webhooks/requests';
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

/** Sends raw bytes on a new connection; resolves with what came back and when the socket closed. */
interface RawAnswer {
	text: string;
	closedAfterMs: number;
	firstByteAfterMs: number;
}

function rawRequest(port: number, head: string): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		let firstByteAfterMs = -1;
		let text = '';
		const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
		socket.on('data', (chunk) => {
			firstByteAfterMs = firstByteAfterMs < 0 ? Date.now() - started : firstByteAfterMs;
			text += chunk.toString('latin1');
		});
		socket.on('error', () => undefined);
		socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started, firstByteAfterMs }));
		setTimeout(() => reject(new Error(`no close after 10 s; got ${JSON.stringify(text)}`)), 10_000).unref();
	});
}

describe('webhooks: what may change anything', () => {
	const record = (method: string, state: 'valid' | 'invalid' | 'unchecked') => ({ method, signature: { state } });

	it('with a Signing Key: only a POST with a valid signature', () => {
		assert.equal(mayApplyRequest(record('POST', 'valid'), true), true);
		assert.equal(mayApplyRequest(record('POST', 'invalid'), true), false);
		assert.equal(mayApplyRequest(record('POST', 'unchecked'), true), false);
		assert.equal(mayApplyRequest(record('GET', 'valid'), true), false);
	});

	it('without any key: a POST, unverified; never an invalid one or a GET', () => {
		assert.equal(mayApplyRequest(record('POST', 'unchecked'), false), true);
		assert.equal(mayApplyRequest(record('POST', 'invalid'), false), false);
		assert.equal(mayApplyRequest(record('GET', 'unchecked'), false), false);
	});

	it('accepts only its own Host (or the public URL\'s) and no Origin', () => {
		assert.equal(isAllowedHost('127.0.0.1:5000', 5000), true);
		assert.equal(isAllowedHost('LOCALHOST:5000', 5000), true);
		assert.equal(isAllowedHost('127.0.0.1:5001', 5000), false);
		assert.equal(isAllowedHost('127.0.0.1', 5000), false);
		assert.equal(isAllowedHost('evil.example', 5000), false);
		assert.equal(isAllowedHost('evil.example:5000', 5000), false);
		assert.equal(isAllowedHost(undefined, 5000), false);
		assert.equal(isAllowedHost('hooks.example.ngrok.app', 5000, 'hooks.example.ngrok.app'), true);
		assert.equal(isAllowedHost('hooks.example.ngrok.app:8443', 5000, 'hooks.example.ngrok.app'), false);
		assert.equal(isRefusedOrigin('https://evil.example'), true);
		assert.equal(isRefusedOrigin('null'), true);
		assert.equal(isRefusedOrigin(undefined), false);
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
	const PROJECT = 'c3d1e2a4-0000-4000-8000-000000000001';

	beforeEach(async () => {
		log = new WebhookRequestLog();
		key = undefined;
		reply = undefined;
		publicBase = undefined;
		listener = await WebhookListener.start({
			log,
			signingKey: () => key,
			knownProject: (accountSid) => accountSid === PROJECT,
			publicHost: () => (publicBase ? new URL(publicBase).host : undefined),
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

	it('refuses a foreign Host (DNS rebinding) and any Origin with 403; accepts the public URL\'s Host', async () => {
		const body = form({ MessageStatus: 'failed', MessageSid: 'm9' });
		const send = (headers: Record<string, string>) =>
			new Promise<number>((resolve, reject) => {
				const all = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
				const request = http.request(url('/status'), { method: 'POST', headers: all }, (response) => {
					response.resume();
					resolve(response.statusCode ?? 0);
				});
				request.on('error', reject);
				request.end(body);
			});
		assert.equal(await send({ host: 'evil.example' }), 403);
		assert.equal(await send({ host: `evil.example:${listener?.port}` }), 403);
		assert.equal(await send({ origin: 'https://evil.example' }), 403);
		assert.equal(await send({ origin: 'null' }), 403);
		assert.equal(log.size, 0);
		assert.deepEqual([listener?.refused['foreign-host'], listener?.refused['browser-origin']], [2, 2]);
		publicBase = 'https://hooks.example.ngrok.app';
		assert.equal(await send({ host: 'hooks.example.ngrok.app' }), 204);
		assert.equal(await send({ host: `localhost:${listener?.port}` }), 204);
		assert.equal(log.size, 2);
	});

	it('checks a request for an unknown project as invalid, never "no Signing Key"', async () => {
		const inbound = { MessageSid: 'm8', From: '+15550100199', To: '+15550100100', Body: 'hi' };
		await post(url('/inbound'), form({ ...inbound, AccountSid: 'made-up-project' }));
		const [record] = log.newestFirst();
		assert.equal(record?.signature.state, 'invalid');
		assert.match(record?.signature.reason ?? '', /AccountSid made-up-project is not the Project ID of a Space this listener serves/);
		await post(url('/inbound'), form({ ...inbound, AccountSid: PROJECT }));
		assert.equal(log.newestFirst()[0]?.signature.state, 'unchecked');
	});

	it('refuses a Content-Length over the cap at once, without waiting for the body', async () => {
		const head = [
			'POST /status HTTP/1.1',
			`Host: 127.0.0.1:${listener?.port}`,
			'Content-Type: application/x-www-form-urlencoded',
			'Content-Length: 100000000',
			'',
			'MessageStatus=',
		].join('\r\n');
		const answer = await rawRequest(listener?.port ?? 0, head);
		assert.match(answer.text, /^HTTP\/1\.1 413 /);
		assert.ok(answer.firstByteAfterMs < 500, `answered after ${answer.firstByteAfterMs} ms`);
		assert.ok(answer.closedAfterMs < 3000, `closed after ${answer.closedAfterMs} ms`);
		assert.equal(log.size, 0);
		assert.equal(listener?.refused['too-large'], 1);
	});

	it('closes connections whose headers dribble in past the header timeout; holds the connection cap', async () => {
		await listener?.close();
		listener = await WebhookListener.start({ log, headersTimeoutMs: 400, maxConnections: 5 });
		const port = listener.port;
		const started = Date.now();
		const closed: number[] = [];
		const sockets = Array.from({ length: 8 }, () => {
			const socket = net.connect(port, '127.0.0.1');
			socket.on('error', () => undefined);
			socket.on('connect', () => socket.write(`POST /status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`));
			const drip = setInterval(() => socket.writable && socket.write('X-Drip: 1\r\n'), 100);
			socket.on('close', () => {
				clearInterval(drip);
				closed.push(Date.now() - started);
			});
			return socket;
		});
		await new Promise<void>((resolve, reject) => {
			const wait = setInterval(() => closed.length === sockets.length && (clearInterval(wait), resolve()), 20);
			setTimeout(() => reject(new Error(`only ${closed.length} closed`)), 5000).unref();
		});
		closed.sort((a, b) => a - b);
		// Three over the cap went at once; five held until the header timeout.
		assert.equal(listener.refused['too-many-connections'], 3);
		assert.ok(closed.slice(0, 3).every((ms) => ms < 300), `dropped after ${closed.join(', ')} ms`);
		assert.ok(closed.slice(3).every((ms) => ms >= 350 && ms < 2000), `timed out after ${closed.join(', ')} ms`);
		assert.equal(log.size, 0);
		assert.equal((await post(url('/status'), form({ MessageStatus: 'sent' }))).status, 204);
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
