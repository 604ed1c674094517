import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
	DEFAULT_USER_AGENT,
	SignalWireApiError,
	SignalWireClient,
	SpaceUrlError,
	isSignalWireApiError,
	isSignalWireError,
	isSignalWireNetworkError,
	isSignalWireTimeoutError,
	isUnexpectedResponseError,
	type CreateMessageParams,
	type RetryInfo,
	type SignalWireClientOptions,
	type SignalWireError,
} from '../../src/signalwire';
import { SANDBOX_NUMBERS, SANDBOX_SPECIAL_NUMBERS, startSandbox, type Sandbox } from '../../sandbox/server';

const FROM = SANDBOX_NUMBERS[0].phoneNumber;
const TO = '+15551234567';
const GROUP = '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f60';
const APP = '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f61';
const SMS: CreateMessageParams = { to: TO, from: FROM, body: 'Hello from the tests' };

describe('SignalWireClient (against the sandbox)', () => {
	let sb: Sandbox;
	/** Every error a test caught, checked for the token at the end too. */
	const caught: unknown[] = [];

	before(async () => {
		// Each fetch advances a status one step: the tests below see every step.
		sb = await startSandbox({ statusProgression: 'fetch' });
	});
	after(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	const messagesPath = (): string => `/api/laml/2010-04-01/Accounts/${sb.projectId}/Messages`;

	function client(overrides: Partial<SignalWireClientOptions> = {}): SignalWireClient {
		return new SignalWireClient({
			credentials: { space: sb.url, projectId: sb.projectId, token: sb.token },
			timeoutMs: 2000,
			retryDelayMs: 20,
			maxRetryWaitMs: 500,
			...overrides,
		});
	}

	/** Everything an error exposes, as text: message, stack, JSON, and a deep inspect with hidden properties. */
	function exposed(error: unknown): string {
		const parts = [String(error), inspect(error, { showHidden: true, depth: Infinity, getters: true })];
		if (error instanceof Error) {
			parts.push(error.message, error.stack ?? '', JSON.stringify(error), JSON.stringify(Object.getOwnPropertyNames(error).map((k) => String((error as unknown as Record<string, unknown>)[k]))));
			const cause = (error as { cause?: unknown }).cause;
			if (cause !== undefined) {
				parts.push(String(cause), inspect(cause, { showHidden: true, depth: Infinity }), JSON.stringify(cause) ?? '');
			}
		}
		return parts.join('\n');
	}

	function assertNoSecret(error: unknown): void {
		const text = exposed(error);
		const token = sb.token;
		for (const secret of [token, Buffer.from(`${sb.projectId}:${token}`).toString('base64'), Buffer.from(token).toString('base64')]) {
			assert.ok(!text.includes(secret), `the error exposes a secret: ${text.slice(0, 300)}`);
		}
	}

	async function failure<T extends SignalWireError>(promise: Promise<unknown>, guard: (e: unknown) => e is T): Promise<T> {
		try {
			await promise;
		} catch (error) {
			caught.push(error);
			assertNoSecret(error);
			assert.ok(isSignalWireError(error), `not a SignalWireError: ${String(error)}`);
			assert.ok(guard(error), `wrong error type: ${(error as Error).name}: ${(error as Error).message}`);
			return error;
		}
		assert.fail('expected the call to fail');
	}

	describe('request encoding', () => {
		it('sends every field with the exact form encoding', async () => {
			const body = "Hello 👋 1+1=2 & ü 'quoted'";
			const params: CreateMessageParams = {
				to: TO,
				from: FROM,
				messagingServiceSid: GROUP,
				body,
				mediaUrls: ['https://example.com/1.png', 'https://example.com/2.png?a=1&b=2', 'https://example.com/3.png'],
				statusCallback: 'https://example.com/status',
				applicationSid: APP,
				maxPrice: '0.0075',
				validityPeriod: 600,
				sendAsMms: true,
			};
			const message = await client().createMessage(params);
			assert.equal(sb.requests.length, 1);
			const r = sb.requests[0];
			assert.equal(r.method, 'POST');
			assert.equal(r.path, messagesPath());
			assert.deepEqual(r.query, {});
			assert.equal(
				r.body,
				'To=%2B15551234567&From=%2B15550100100' +
					`&MessagingServiceSid=${GROUP}` +
					'&Body=Hello%20%F0%9F%91%8B%201%2B1%3D2%20%26%20%C3%BC%20%27quoted%27' +
					'&MediaUrl=https%3A%2F%2Fexample.com%2F1.png&MediaUrl=https%3A%2F%2Fexample.com%2F2.png%3Fa%3D1%26b%3D2&MediaUrl=https%3A%2F%2Fexample.com%2F3.png' +
					'&StatusCallback=https%3A%2F%2Fexample.com%2Fstatus' +
					`&ApplicationSid=${APP}` +
					'&MaxPrice=0.0075&ValidityPeriod=600&SendAsMms=true',
			);
			assert.deepEqual(r.form.MediaUrl, params.mediaUrls);
			assert.deepEqual(r.form.Body, [body]);
			assert.equal(message.body, body);
			assert.equal(message.num_media, 3);
			assert.equal(message.num_segments, 1);
			assert.equal(message.messaging_service_sid, GROUP);
		});

		it('writes SendAsMms=false and leaves out unset fields', async () => {
			await client().createMessage({ ...SMS, sendAsMms: false, mediaUrls: [] });
			assert.equal(sb.requests[0].body, 'To=%2B15551234567&From=%2B15550100100&Body=Hello%20from%20the%20tests&SendAsMms=false');
		});

		it('sends Basic auth, Accept, User-Agent and the form content type', async () => {
			await client().createMessage(SMS);
			const h = sb.requests[0].headers;
			assert.equal(h.authorization, `Basic ${Buffer.from(`${sb.projectId}:${sb.token}`).toString('base64')}`);
			assert.equal(h.accept, 'application/json');
			assert.equal(h['user-agent'], DEFAULT_USER_AGENT);
			assert.equal(h['content-type'], 'application/x-www-form-urlencoded');
			await client({ userAgent: 'signalwire-messaging-sandbox/1.2.3 (unofficial VS Code extension)' }).listIncomingPhoneNumbers();
			const g = sb.requests[1].headers;
			assert.equal(g['user-agent'], 'signalwire-messaging-sandbox/1.2.3 (unofficial VS Code extension)');
			assert.equal(g['content-type'], undefined);
			assert.equal(g.accept, 'application/json');
		});

		it('URL-encodes the project id and the message sid in the path', async () => {
			const odd = new SignalWireClient({ credentials: { space: sb.url, projectId: 'a b/c', token: sb.token } });
			await failure(odd.getMessage('x/y?z'), isSignalWireApiError);
			assert.equal(sb.requests[0].path, '/api/laml/2010-04-01/Accounts/a%20b%2Fc/Messages/x%2Fy%3Fz');
		});

		it('accepts the sandbox URL with a trailing slash or without a scheme', async () => {
			const port = new URL(sb.url).port;
			for (const space of [`${sb.url}/`, `127.0.0.1:${port}`]) {
				const c = new SignalWireClient({ credentials: { space, projectId: sb.projectId, token: sb.token } });
				assert.equal(c.baseUrl, sb.url);
				assert.equal((await c.listIncomingPhoneNumbers()).length, SANDBOX_NUMBERS.length);
			}
		});

		it('refuses a bad Space URL at construction, before any request', () => {
			for (const space of ['http://example.signalwire.com', 'https://user:pw@example.signalwire.com', 'https://example.signalwire.com/api']) {
				assert.throws(() => new SignalWireClient({ credentials: { space, projectId: sb.projectId, token: sb.token } }), SpaceUrlError);
			}
			assert.equal(sb.requests.length, 0);
		});

		it('never shows the token in toJSON or inspect', () => {
			const c = client();
			assert.deepEqual(c.toJSON(), { baseUrl: sb.url, projectId: sb.projectId, timeoutMs: 2000 });
			const text = `${JSON.stringify(c)} ${inspect(c, { showHidden: true, depth: Infinity })}`;
			assert.ok(!text.includes(sb.token));
		});
	});

	describe('responses', () => {
		it('creates a message and parses all fields, nullable ones null', async () => {
			const m = await client().createMessage(SMS);
			assert.equal(m.status, 'queued');
			assert.equal(m.to, TO);
			assert.equal(m.from, FROM);
			assert.equal(m.body, SMS.body);
			assert.equal(m.account_sid, sb.projectId);
			assert.equal(m.date_sent, null);
			assert.equal(m.error_code, null);
			assert.equal(m.error_message, null);
			assert.equal(m.price, null);
			assert.equal(m.messaging_service_sid, null);
			assert.equal(m.price_unit, 'USD');
			assert.equal(m.uri, `${messagesPath()}/${m.sid}.json`);
			assert.deepEqual(m.subresource_uris, { media: `${messagesPath()}/${m.sid}/Media.json` });
			assert.deepEqual(sb.messages, [m]);
		});

		it('fetches a message as its status advances to delivered', async () => {
			const c = client();
			const m = await c.createMessage(SMS);
			const seen: string[] = [];
			for (let i = 0; i < 3; i++) {
				seen.push((await c.getMessage(m.sid)).status);
			}
			assert.deepEqual(seen, ['sending', 'sent', 'delivered']);
			assert.equal(sb.requests[1].method, 'GET');
			assert.equal(sb.requests[1].path, `${messagesPath()}/${m.sid}`);
			const final = await c.getMessage(m.sid);
			assert.equal(typeof final.price, 'number');
			assert.match(final.date_sent ?? '', /\+0000$/);
		});

		it('normalises error_code to a string whether it comes as a string or a number', async () => {
			const c = client();
			const failed = await c.createMessage({ ...SMS, to: SANDBOX_SPECIAL_NUMBERS.unreachable });
			await c.getMessage(failed.sid);
			const f = await c.getMessage(failed.sid);
			assert.equal(f.status, 'failed');
			assert.equal(f.error_code, '30003');
			const undelivered = await c.createMessage({ ...SMS, to: SANDBOX_SPECIAL_NUMBERS.undelivered });
			for (let i = 0; i < 2; i++) {
				await c.getMessage(undelivered.sid);
			}
			const u = await c.getMessage(undelivered.sid);
			assert.equal(u.status, 'undelivered');
			assert.equal(u.error_code, '30005');
			assert.equal(u.error_message, 'Unknown destination handset');
		});

		it('lists the phone numbers with PageSize=400 in one request, capabilities case-insensitively', async () => {
			const numbers = await client().listIncomingPhoneNumbers();
			assert.equal(sb.requests.length, 1);
			assert.deepEqual(sb.requests[0].query, { PageSize: ['400'] });
			assert.equal(sb.requests[0].path, `/api/laml/2010-04-01/Accounts/${sb.projectId}/IncomingPhoneNumbers`);
			assert.deepEqual(
				numbers,
				SANDBOX_NUMBERS.map((n) => ({ sid: n.sid, phone_number: n.phoneNumber, friendly_name: n.friendlyName, capabilities: n.capabilities })),
			);
			const upper = SANDBOX_NUMBERS.find((n) => n.upperCaseKeys)!;
			assert.deepEqual(numbers.find((n) => n.phone_number === upper.phoneNumber)!.capabilities, { voice: true, sms: true, mms: true, fax: true });
		});

		it('follows next_page_uri across pages', async () => {
			// A fetch that asks for pages of 2 (as a server capping PageSize would answer).
			const smallPages: typeof fetch = (input, init) => {
				const request = new Request(input, init);
				const url = new URL(request.url);
				url.searchParams.set('PageSize', '2');
				return fetch(new Request(url, request));
			};
			const numbers = await client({ fetch: smallPages }).listIncomingPhoneNumbers();
			assert.deepEqual(
				numbers.map((n) => n.phone_number),
				SANDBOX_NUMBERS.map((n) => n.phoneNumber),
			);
			assert.equal(sb.requests.length, 3);
			assert.deepEqual(sb.requests[1].query.PageToken, [`PA${SANDBOX_NUMBERS[1].sid}`]);
			assert.equal(sb.requests[2].headers.authorization, sb.requests[0].headers.authorization);
		});

		it('lists messages newest first across pages, up to the limit', async () => {
			const c = client();
			const sids: string[] = [];
			for (let i = 0; i < 5; i++) {
				sids.push((await c.createMessage({ ...SMS, body: `m${i}` })).sid);
			}
			sb.requests.length = 0;
			const all = await c.listMessages({ pageSize: 2, limit: 10 });
			assert.deepEqual(
				all.map((m) => m.sid),
				[...sids].reverse(),
			);
			assert.equal(sb.requests.length, 3);
			sb.requests.length = 0;
			const three = await c.listMessages({ pageSize: 2, limit: 3, to: TO });
			assert.equal(three.length, 3);
			assert.equal(sb.requests.length, 2);
			assert.deepEqual(sb.requests[0].query, { To: [TO], PageSize: ['2'] });
		});

		it('refuses a next_page_uri on another host (it would receive the credentials)', async () => {
			const foreign: typeof fetch = async () =>
				new Response(JSON.stringify({ incoming_phone_numbers: [], next_page_uri: 'https://evil.example/steal' }), { status: 200, headers: { 'content-type': 'application/json' } });
			const error = await failure(client({ fetch: foreign }).listIncomingPhoneNumbers(), isUnexpectedResponseError);
			assert.equal(error.reason, 'wrong-shape');
			assert.match(error.message, /another host/);
		});

		it('stops when a server sends the same next page again', async () => {
			let calls = 0;
			const loop: typeof fetch = async () => {
				calls++;
				return new Response(JSON.stringify({ incoming_phone_numbers: [{ sid: `s${calls}`, phone_number: '+15550100100' }], next_page_uri: '/same' }), { status: 200 });
			};
			const numbers = await client({ fetch: loop }).listIncomingPhoneNumbers();
			assert.equal(calls, 2);
			assert.equal(numbers.length, 2);
		});
	});

	describe('API errors', () => {
		it('401: wrong token → SignalWireApiError 20003, not retried', async () => {
			const c = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: 'PT-wrong-token' } });
			const error = await failure(c.createMessage(SMS), isSignalWireApiError);
			assert.ok(error instanceof SignalWireApiError);
			assert.equal(error.kind, 'api');
			assert.equal(error.httpStatus, 401);
			assert.equal(error.code, 20003);
			assert.equal(error.apiMessage, 'Authentication failed');
			assert.match(error.moreInfo ?? '', /20003/);
			assert.equal(error.method, 'POST');
			assert.equal(error.path, messagesPath());
			assert.match(error.message, /^POST \/api\/laml\/2010-04-01\/Accounts\/[^ ]+\/Messages failed \(HTTP 401, SignalWire error 20003\): Authentication failed\. Check the Project ID and API token/);
			assert.ok(!error.message.includes('PT-wrong-token'));
			assert.ok(!exposed(error).includes('PT-wrong-token'));
			assert.equal(sb.requests.length, 1);
		});

		it('404: unknown message → 20404', async () => {
			const error = await failure(client().getMessage('0a059168-ead0-41af-9d1f-343dae832527'), isSignalWireApiError);
			assert.equal(error.httpStatus, 404);
			assert.equal(error.code, 20404);
			assert.equal(error.method, 'GET');
			assert.equal(sb.requests.length, 1);
		});

		it('422: invalid To → 21211 with the API message', async () => {
			const error = await failure(client().createMessage({ ...SMS, to: '5551234567' }), isSignalWireApiError);
			assert.equal(error.httpStatus, 422);
			assert.equal(error.code, 21211);
			assert.match(error.apiMessage, /'To' number/);
			assert.equal(error.moreInfo, 'https://developer.signalwire.com/compatibility-api/reference/error-codes#21211');
			assert.equal(sb.requests.length, 1);
			assert.equal(sb.messages.length, 0);
		});

		it('an error body that is JSON but not the error shape still gives SignalWireApiError with the status', async () => {
			sb.setFaults({ apiError: { status: 503, body: { error: 'maintenance' } } });
			const error = await failure(client().createMessage(SMS), isSignalWireApiError);
			assert.equal(error.httpStatus, 503);
			assert.equal(error.code, undefined);
			assert.equal(error.apiMessage, 'Service Unavailable');
			assert.match(error.message, /check the message log/);
			assert.equal(sb.requests.length, 1, '5xx is never retried');
		});

		it('passes through any code of an API error', async () => {
			sb.setFaults({ apiError: { status: 400, code: 21606, message: "The 'To' number provided is not a mobile number" } });
			const error = await failure(client().createMessage(SMS), isSignalWireApiError);
			assert.equal(error.httpStatus, 400);
			assert.equal(error.code, 21606);
		});
	});

	describe('429 retries', () => {
		it('retries a POST after one 429 and succeeds: 2 requests, 1 message', async () => {
			sb.setFaults({ status429: { times: 1 } });
			const retries: RetryInfo[] = [];
			const m = await client({ onRetry: (info) => retries.push(info) }).createMessage(SMS);
			assert.equal(m.status, 'queued');
			assert.equal(sb.requests.length, 2);
			assert.equal(sb.requests[1].body, sb.requests[0].body);
			assert.equal(sb.messages.length, 1);
			assert.deepEqual(retries, [{ method: 'POST', path: messagesPath(), retry: 1, httpStatus: 429 }]);
		});

		it('gives up after 429 three times: exactly 3 requests, SignalWireApiError 429 / 20429', async () => {
			sb.setFaults({ status429: true });
			const error = await failure(client().createMessage(SMS), isSignalWireApiError);
			assert.equal(error.httpStatus, 429);
			assert.equal(error.code, 20429);
			assert.match(error.message, /rate limiting/);
			assert.equal(sb.requests.length, 3);
			assert.equal(sb.messages.length, 0);
		});

		it('retries a GET on 429 the same way', async () => {
			sb.setFaults({ status429: { on: 'numbers' } });
			await failure(client().listIncomingPhoneNumbers(), isSignalWireApiError);
			assert.equal(sb.requests.length, 3);
		});

		it('waits retryDelayMs between attempts when there is no Retry-After', async () => {
			sb.setFaults({ status429: { times: 2 } });
			const started = Date.now();
			await client({ retryDelayMs: 150 }).createMessage(SMS);
			const elapsed = Date.now() - started;
			assert.ok(elapsed >= 290, `waited only ${elapsed} ms`);
			assert.ok(elapsed < 1500, `waited ${elapsed} ms`);
			assert.equal(sb.requests.length, 3);
		});

		it('honours Retry-After (seconds)', async () => {
			sb.setFaults({ status429: { times: 1, retryAfter: 1 } });
			const started = Date.now();
			await client({ retryDelayMs: 0, maxRetryWaitMs: 5000 }).createMessage(SMS);
			const elapsed = Date.now() - started;
			assert.ok(elapsed >= 950, `waited only ${elapsed} ms`);
			assert.ok(elapsed < 2500, `waited ${elapsed} ms`);
		});

		it('caps a long Retry-After at maxRetryWaitMs', async () => {
			sb.setFaults({ status429: { times: 2, retryAfter: 30 } });
			const started = Date.now();
			const m = await client({ maxRetryWaitMs: 150 }).createMessage(SMS);
			const elapsed = Date.now() - started;
			assert.equal(m.status, 'queued');
			assert.ok(elapsed >= 290, `waited only ${elapsed} ms`);
			assert.ok(elapsed < 1500, `waited ${elapsed} ms`);
			assert.equal(sb.requests.length, 3);
		});
	});

	describe('unexpected responses', () => {
		it('500 HTML on POST → UnexpectedResponseError with a clean snippet, not retried', async () => {
			sb.setFaults({ status500Html: true });
			const error = await failure(client().createMessage(SMS), isUnexpectedResponseError);
			assert.equal(error.kind, 'unexpected-response');
			assert.equal(error.reason, 'not-json');
			assert.equal(error.httpStatus, 500);
			assert.match(error.snippet ?? '', /Internal Server Error/);
			assert.ok(!(error.snippet ?? '').includes('<'));
			assert.match(error.message, /^POST .* returned something that is not JSON \(HTTP 500\)\. Body starts: "500 Internal Server Error/);
			assert.equal(sb.requests.length, 1);
		});

		it('502 HTML on GET → UnexpectedResponseError, not retried', async () => {
			sb.setFaults({ status502Html: true });
			const error = await failure(client().listIncomingPhoneNumbers(), isUnexpectedResponseError);
			assert.equal(error.httpStatus, 502);
			assert.equal(error.snippet, '502 Bad Gateway 502 Bad Gateway nginx');
			assert.equal(error.method, 'GET');
			assert.equal(sb.requests.length, 1);
		});

		it('broken JSON in a 201 → invalid-json, and says the message was probably created', async () => {
			sb.setFaults({ invalidJson: true });
			const error = await failure(client().createMessage(SMS), isUnexpectedResponseError);
			assert.equal(error.reason, 'invalid-json');
			assert.equal(error.httpStatus, 201);
			assert.match(error.message, /probably created/);
			assert.equal(sb.requests.length, 1);
		});

		it('a 201 Message without sid and status → missing-fields naming them', async () => {
			sb.setFaults({ missingFields: true });
			const error = await failure(client().createMessage(SMS), isUnexpectedResponseError);
			assert.equal(error.reason, 'missing-fields');
			assert.deepEqual(error.missingFields, ['sid', 'status']);
			assert.match(error.message, /without required fields \(HTTP 201\): sid, status\./);
			assert.equal(error.path, messagesPath());
		});

		it('a phone number list with items lacking sid → missing-fields', async () => {
			sb.setFaults({ missingFields: { on: 'numbers' } });
			const error = await failure(client().listIncomingPhoneNumbers(), isUnexpectedResponseError);
			assert.deepEqual(error.missingFields, ['sid', 'phone_number']);
		});
	});

	describe('network failures and timeouts', () => {
		it('dropped connection on POST → network error after exactly 1 request (never retried)', async () => {
			sb.setFaults({ dropConnection: true });
			const error = await failure(client().createMessage(SMS), isSignalWireNetworkError);
			assert.equal(error.kind, 'network');
			assert.equal(error.reason, 'dropped');
			assert.equal(error.host, new URL(sb.url).host);
			assert.match(error.message, /closed before an answer arrived.*may or may not have been sent/);
			assert.equal(sb.requests.length, 1);
			assert.equal(sb.messages.length, 0);
		});

		it('dropped connection on GET → network error after 1 request', async () => {
			sb.setFaults({ dropConnection: { on: 'numbers' } });
			await failure(client().listIncomingPhoneNumbers(), isSignalWireNetworkError);
			assert.equal(sb.requests.length, 1);
		});

		it('timeout → SignalWireTimeoutError after exactly 1 request (the slow message is still created)', async () => {
			sb.setFaults({ delayMs: 1000 });
			const started = Date.now();
			const error = await failure(client({ timeoutMs: 300 }).createMessage(SMS), isSignalWireTimeoutError);
			const elapsed = Date.now() - started;
			assert.equal(error.kind, 'timeout');
			assert.equal(error.timeoutMs, 300);
			assert.equal(error.method, 'POST');
			assert.match(error.message, /within 300 ms\. The message may still have been sent/);
			assert.ok(elapsed < 900, `took ${elapsed} ms`);
			assert.equal(sb.requests.length, 1);
			assert.equal(sb.messages.length, 1);
		});

		it('timeout while reading a slow body → SignalWireTimeoutError', async () => {
			const slow = createServer((_req, res) => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write('{"incoming_phone_numbers": [');
				setTimeout(() => res.end(']}'), 1000).unref();
			});
			await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
			try {
				const c = new SignalWireClient({ credentials: { space: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, projectId: sb.projectId, token: sb.token }, timeoutMs: 200 });
				const started = Date.now();
				await failure(c.listIncomingPhoneNumbers(), isSignalWireTimeoutError);
				assert.ok(Date.now() - started < 900);
			} finally {
				slow.closeAllConnections();
				await new Promise((resolve) => slow.close(resolve));
			}
		});

		it('unknown host → network error that says the Space host could not be found, fast', async () => {
			const c = new SignalWireClient({ credentials: { space: 'https://does-not-exist.invalid', projectId: sb.projectId, token: sb.token }, timeoutMs: 5000 });
			const started = Date.now();
			const error = await failure(c.getMessage('0a059168-ead0-41af-9d1f-343dae832527'), isSignalWireNetworkError);
			assert.ok(Date.now() - started < 4000);
			assert.equal(error.reason, 'dns');
			assert.match(error.code ?? '', /^(ENOTFOUND|EAI_AGAIN)$/);
			assert.match(error.message, /the Space host does-not-exist\.invalid could not be found.*Check the Space name/);
		});

		it('connection refused → network error naming the host', async () => {
			const gone = await startSandbox();
			const url = gone.url;
			await gone.close();
			const c = new SignalWireClient({ credentials: { space: url, projectId: sb.projectId, token: sb.token } });
			const error = await failure(c.createMessage(SMS), isSignalWireNetworkError);
			assert.equal(error.reason, 'refused');
			assert.equal(error.code, 'ECONNREFUSED');
			assert.match(error.message, /refused the connection/);
		});

		it('does not follow a redirect (credentials stay on the Space): 3xx → error', async () => {
			const redirector = createServer((_req, res) => {
				res.writeHead(307, { location: `${sb.url}/api/laml/2010-04-01/Accounts/${sb.projectId}/Messages` });
				res.end();
			});
			await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
			try {
				const c = new SignalWireClient({ credentials: { space: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`, projectId: sb.projectId, token: sb.token } });
				const error = await failure(c.createMessage(SMS), isSignalWireApiError);
				assert.equal(error.httpStatus, 307);
				assert.match(error.message, /does not redirect: check the Space URL/);
				assert.equal(sb.requests.length, 0, 'the redirect target got nothing');
			} finally {
				redirector.closeAllConnections();
				await new Promise((resolve) => redirector.close(resolve));
			}
		});

		it('a fetch that throws something else → network error, cause without the request', async () => {
			const broken: typeof fetch = async () => {
				throw new Error('proxy said no');
			};
			const error = await failure(client({ fetch: broken }).createMessage(SMS), isSignalWireNetworkError);
			assert.equal(error.reason, 'other');
			assert.match(error.message, /proxy said no/);
		});
	});

	// Mocha runs a suite's own tests before its nested suites, so this check is a suite of its own, last.
	describe('secrets', () => {
		it('no error caught above exposes the token (message, stack, JSON, properties, cause)', () => {
			assert.ok(caught.length >= 20, `only ${caught.length} errors were checked`);
			for (const error of caught) {
				assertNoSecret(error);
			}
		});
	});
});
