/**
 * The requests the sandbox makes, as SignalWire does: StatusCallbacks on each status change, the
 * inbound webhook of a number with an SmsUrl (a cXML <Message> answer becomes a reply), loopback
 * URLs only; and the number settings behind them (POST IncomingPhoneNumbers/{Sid}).
 */
import * as assert from 'node:assert/strict';
import { signRequest } from '../../sandbox/callbacks';
import { SANDBOX_HANDSETS, SANDBOX_SPECIAL_NUMBERS } from '../../sandbox/server';
import { FROM, TO, form, startReceiver, useSandbox, waitFor, type Json, type Receiver } from './harness';

const STATUS_FIELDS = ['MessageStatus', 'MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'NumSegments'];
const INBOUND_FIELDS = ['MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia'];

describe('sandbox: callbacks and webhooks', () => {
	const h = useSandbox({ statusStepMs: 5, replyDelayMs: 5 });
	const { call, create, account, control } = h;
	let receiver: Receiver;

	before(async () => {
		receiver = await startReceiver();
	});
	after(async () => {
		await receiver.close();
	});
	beforeEach(() => {
		receiver.received.length = 0;
		receiver.answer = { status: 204 };
	});

	const numberSid = (phoneNumber: string): string => h.sb.numbers.find((n) => n.phoneNumber === phoneNumber)!.sid;
	const setNumber = (phoneNumber: string, fields: Record<string, string>) => call('POST', `${account()}/IncomingPhoneNumbers/${numberSid(phoneNumber)}.json`, { form: form(fields) });

	describe('StatusCallback', () => {
		it('POSTs each status change, in order, with the documented form fields only', async () => {
			const url = `${receiver.url}/status`;
			const sent = await create({ To: TO, From: FROM, Body: 'hello', StatusCallback: url });
			await waitFor(() => receiver.received.length === 4, 3000, 'four callbacks');
			await h.sb.callbacksIdle();
			assert.deepEqual(
				receiver.received.map((r) => r.params.MessageStatus),
				['queued', 'sending', 'sent', 'delivered'],
			);
			for (const r of receiver.received) {
				assert.equal(r.method, 'POST');
				assert.equal(r.path, '/status');
				assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
				assert.deepEqual(Object.keys(r.params), STATUS_FIELDS);
				assert.equal(r.params.MessageSid, sent.json.sid);
				assert.equal(r.params.AccountSid, h.sb.projectId);
				assert.equal(r.params.Body, 'hello');
				assert.equal(r.params.NumSegments, '1');
				assert.equal(r.headers['x-signalwire-signature'], signRequest(h.sb.signingKey, url, r.params));
			}
		});

		it('adds ErrorCode to a failed message', async () => {
			await create({ To: SANDBOX_SPECIAL_NUMBERS.unreachable, From: FROM, Body: 'x', StatusCallback: `${receiver.url}/s` });
			await waitFor(() => receiver.received.length === 3, 3000, 'three callbacks');
			const last = receiver.received[2].params;
			assert.equal(last.MessageStatus, 'failed');
			assert.equal(last.ErrorCode, '30003');
		});

		it('sends in fetch mode too, one per fetched step', async () => {
			h.sb.setSettings({ statusProgression: 'fetch' });
			const sent = await create({ To: TO, From: FROM, Body: 'x', StatusCallback: `${receiver.url}/s` });
			await h.sb.callbacksIdle();
			assert.deepEqual(
				receiver.received.map((r) => r.params.MessageStatus),
				['queued'],
			);
			await call('GET', `${account()}/Messages/${sent.json.sid}`);
			await h.sb.callbacksIdle();
			assert.deepEqual(
				receiver.received.map((r) => r.params.MessageStatus),
				['queued', 'sending'],
			);
		});

		for (const url of ['https://example.com/status', 'http://10.0.0.1/status', 'http://localhost.example.com/status', 'http://[::2]/status', 'http://127.0.0.1.nip.io/x']) {
			it(`never calls a non-loopback URL (${url}); records it as skipped`, async () => {
				await create({ To: TO, From: FROM, Body: 'x', StatusCallback: url });
				await waitFor(() => h.sb.callbacks.length === 4, 3000, 'four records');
				assert.ok(h.sb.callbacks.every((c) => 'skipped' in c.outcome && /loopback URLs only/.test(c.outcome.skipped)));
			});
		}

		it('never calls the sandbox itself (a callback cannot drive its control routes)', async () => {
			await create({ To: TO, From: FROM, Body: 'x', StatusCallback: `${h.sb.url.replace('127.0.0.1', 'localhost')}/__sandbox/reset` });
			await waitFor(() => h.sb.callbacks.length === 4, 3000, 'four records');
			assert.ok(h.sb.callbacks.every((c) => 'skipped' in c.outcome && c.outcome.skipped === 'the sandbox does not call itself'));
			assert.equal(h.sb.messages.length, 1, 'not reset');
		});

		it('does not follow a redirect (the answer cannot send the request elsewhere)', async () => {
			receiver.answer = { status: 302, contentType: 'text/plain', body: '' };
			await create({ To: TO, From: FROM, Body: 'x', StatusCallback: `${receiver.url}/moved` });
			await waitFor(() => receiver.received.length === 4, 3000, 'four callbacks');
			await h.sb.callbacksIdle();
			assert.ok(receiver.received.every((r) => r.path === '/moved'));
			assert.deepEqual(h.sb.callbacks[0].outcome, { status: 302 });
		});

		it('records a callback that failed to connect, and carries on', async () => {
			const closed = await startReceiver();
			const url = `${closed.url}/gone`;
			await closed.close();
			await create({ To: TO, From: FROM, Body: 'x', StatusCallback: url });
			await waitFor(() => h.sb.callbacks.length === 4, 3000, 'four records');
			await h.sb.callbacksIdle();
			assert.ok(h.sb.callbacks.every((c) => 'error' in c.outcome));
		});

		it('GET /__sandbox/callbacks lists them, without the signing key', async () => {
			await create({ To: TO, From: FROM, Body: 'x', StatusCallback: `${receiver.url}/s` });
			await waitFor(() => receiver.received.length === 4, 3000, 'four callbacks');
			await h.sb.callbacksIdle();
			const answer = await control('GET', 'callbacks');
			assert.equal(answer.json.length, 4);
			assert.deepEqual(
				answer.json.map((c: Json) => [c.kind, c.method, c.params.MessageStatus, c.outcome.status]),
				[
					['status', 'POST', 'queued', 204],
					['status', 'POST', 'sending', 204],
					['status', 'POST', 'sent', 204],
					['status', 'POST', 'delivered', 204],
				],
			);
			assert.ok(!answer.text.includes(h.sb.signingKey));
		});
	});

	describe('inbound webhook (the SmsUrl of a number)', () => {
		it('POSTs an injected message with the documented fields, signed', async () => {
			const url = `${receiver.url}/inbound?app=1`;
			await setNumber(FROM, { SmsUrl: url });
			const injected = await control('POST', 'inbound', { from: TO, to: FROM, body: 'hi', mediaUrls: ['https://example.com/a.png'] });
			await waitFor(() => receiver.received.length === 1, 3000, 'the webhook');
			const r = receiver.received[0];
			assert.equal(r.method, 'POST');
			assert.equal(r.path, '/inbound?app=1');
			assert.deepEqual(Object.keys(r.params), [...INBOUND_FIELDS, 'MediaUrl0', 'MediaContentType0']);
			assert.equal(r.params.MessageSid, injected.json.sid);
			assert.equal(r.params.MediaContentType0, 'image/png');
			assert.equal(r.headers['x-signalwire-signature'], signRequest(h.sb.signingKey, url, r.params));
		});

		it('sends nothing for a number without an SmsUrl', async () => {
			await control('POST', 'inbound', { from: TO, to: FROM, body: 'hi' });
			await h.sb.callbacksIdle();
			assert.equal(h.sb.callbacks.length, 0);
		});

		it('turns a <Message> of the cXML answer into an outbound reply to the sender', async () => {
			receiver.answer = { status: 200, contentType: 'application/xml', body: '<?xml version="1.0"?><Response><Message>Thanks &amp; bye &lt;3</Message></Response>' };
			await setNumber(FROM, { SmsUrl: `${receiver.url}/inbound` });
			await control('POST', 'inbound', { from: TO, to: FROM, body: 'hi' });
			await waitFor(() => h.sb.messages.some((m) => m.direction === 'outbound-api'), 3000, 'the reply');
			const reply = h.sb.messages.find((m) => m.direction === 'outbound-api')!;
			assert.equal(reply.from, FROM);
			assert.equal(reply.to, TO);
			assert.equal(reply.body, 'Thanks & bye <3');
		});

		it('reads <Body>, <Media> and the to attribute of a <Message>', async () => {
			receiver.answer = {
				status: 200,
				contentType: 'text/xml',
				body: '<Response><Message to="+15557654321"><Body>See this</Body><Media>https://example.com/m.png</Media></Message></Response>',
			};
			await setNumber(FROM, { SmsUrl: `${receiver.url}/inbound` });
			await control('POST', 'inbound', { from: TO, to: FROM, body: 'hi' });
			await waitFor(() => h.sb.messages.some((m) => m.direction === 'outbound-api'), 3000, 'the reply');
			const reply = h.sb.messages.find((m) => m.direction === 'outbound-api')!;
			assert.deepEqual([reply.to, reply.body, reply.num_media], ['+15557654321', 'See this', 1]);
		});

		it('drops an answer that is not cXML, or a <Message> that would be an invalid send', async () => {
			await setNumber(FROM, { SmsUrl: `${receiver.url}/inbound` });
			for (const body of ['OK', '<Response><Message from="+15559999999">not ours</Message></Response>', '<Response><Message></Message></Response>']) {
				receiver.answer = { status: 200, contentType: 'text/xml', body };
				await control('POST', 'inbound', { from: TO, to: FROM, body: 'hi' });
			}
			await h.sb.callbacksIdle();
			assert.equal(receiver.received.length, 3);
			assert.equal(h.sb.messages.filter((m) => m.direction === 'outbound-api').length, 0);
		});

		it('POSTs the echo handset\'s reply to the sender number\'s SmsUrl', async () => {
			await setNumber(FROM, { SmsUrl: `${receiver.url}/inbound` });
			await create({ To: SANDBOX_HANDSETS.echo, From: FROM, Body: 'ping' });
			await waitFor(() => receiver.received.length === 1, 3000, 'the webhook');
			assert.equal(receiver.received[0].params.From, SANDBOX_HANDSETS.echo);
			assert.equal(receiver.received[0].params.Body, 'Echo: ping');
		});

		it('stops a loop of automatic answers (an app that always answers the echo handset)', async () => {
			receiver.answer = { status: 200, contentType: 'text/xml', body: '<Response><Message>again</Message></Response>' };
			await setNumber(FROM, { SmsUrl: `${receiver.url}/inbound` });
			await control('POST', 'inbound', { from: SANDBOX_HANDSETS.echo, to: FROM, body: 'start' });
			await new Promise((resolve) => setTimeout(resolve, 800));
			await h.sb.callbacksIdle();
			const count = h.sb.messages.length;
			assert.ok(count > 4 && count <= 12, `${count} messages`);
			await new Promise((resolve) => setTimeout(resolve, 200));
			assert.equal(h.sb.messages.length, count, 'no more messages');
		});

		it('sends GET with the fields in the query when SmsMethod is GET, signed over the whole URL', async () => {
			await setNumber(FROM, { SmsUrl: `${receiver.url}/inbound`, SmsMethod: 'GET' });
			await control('POST', 'inbound', { from: TO, to: FROM, body: 'hi there' });
			await waitFor(() => receiver.received.length === 1, 3000, 'the webhook');
			const r = receiver.received[0];
			assert.equal(r.method, 'GET');
			const query = new URL(r.path, receiver.url).searchParams;
			assert.equal(query.get('Body'), 'hi there');
			assert.equal(r.headers['x-signalwire-signature'], signRequest(h.sb.signingKey, `${receiver.url}${r.path}`, {}));
		});
	});

	describe('IncomingPhoneNumbers/{Sid}', () => {
		it('GET returns a number with its settings; POST changes SmsUrl, SmsMethod, StatusCallback and clears with an empty value', async () => {
			const path = `${account()}/IncomingPhoneNumbers/${numberSid(FROM)}.json`;
			const before = await call('GET', path);
			assert.equal(before.status, 200);
			assert.deepEqual([before.json.sms_url, before.json.sms_method, before.json.status_callback], [null, 'POST', null]);
			const changed = await setNumber(FROM, { SmsUrl: 'https://app.example/sms', SmsMethod: 'get', StatusCallback: 'https://app.example/status', FriendlyName: 'ignored' });
			assert.equal(changed.status, 200);
			assert.deepEqual([changed.json.sms_url, changed.json.sms_method, changed.json.status_callback], ['https://app.example/sms', 'GET', 'https://app.example/status']);
			assert.equal((await call('GET', path)).json.sms_url, 'https://app.example/sms');
			const listed = await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.equal(listed.json.incoming_phone_numbers[0].sms_url, 'https://app.example/sms');
			assert.equal((await setNumber(FROM, { SmsUrl: '' })).json.sms_url, null);
		});

		it('answers 400 / 10000 naming the field for a bad URL or method, and 404 for an unknown number', async () => {
			const url = await setNumber(FROM, { SmsUrl: '/relative' });
			assert.equal(url.status, 400);
			assert.equal(url.json.code, 10000);
			assert.match(url.json.message, /SmsUrl/);
			const method = await setNumber(FROM, { SmsMethod: 'PUT' });
			assert.match(method.json.message, /SmsMethod PUT is invalid: use GET or POST/);
			const unknown = await call('POST', `${account()}/IncomingPhoneNumbers/0e8a1b52-7d1c-4c55-9a0e-999999999999`, { form: 'SmsUrl=' });
			assert.equal(unknown.status, 404);
			assert.equal((await call('DELETE', `${account()}/IncomingPhoneNumbers/${numberSid(FROM)}`)).headers.get('allow'), 'GET, POST');
		});

		it('reset clears the number settings', async () => {
			await setNumber(FROM, { SmsUrl: 'https://app.example/sms' });
			h.sb.reset();
			assert.equal((await call('GET', `${account()}/IncomingPhoneNumbers/${numberSid(FROM)}`)).json.sms_url, null);
		});
	});
});
