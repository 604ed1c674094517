/**
 * The misbehaviour switches (sandbox/faults.ts) as a client sees them.
 */
import * as assert from 'node:assert/strict';
import { FROM, TO, useSandbox } from './harness';

describe('sandbox: faults', () => {
	const h = useSandbox();
	const { call, create, fetchMessage, account } = h;

	describe('faults', () => {
		const valid = { To: TO, From: FROM, Body: 'x' };

		it('status429 answers 429 / 20429 with Retry-After, for the next N requests only', async () => {
			h.sb.setFaults({ status429: { retryAfter: 3, times: 2 } });
			for (let i = 0; i < 2; i++) {
				const answer = await create(valid);
				assert.equal(answer.status, 429);
				assert.equal(answer.json.code, 20429);
				assert.equal(answer.json.status, 429);
				assert.equal(answer.headers.get('retry-after'), '3');
			}
			assert.equal(h.sb.messages.length, 0);
			assert.equal((await create(valid)).status, 201);
			assert.deepEqual(h.sb.faults(), {});
		});

		it('status429 without retryAfter sends no Retry-After', async () => {
			h.sb.setFaults({ status429: true });
			const answer = await create(valid);
			assert.equal(answer.status, 429);
			assert.equal(answer.headers.get('retry-after'), null);
		});

		it('limits a fault to a kind of request with `on`', async () => {
			const created = await create(valid);
			h.sb.setFaults({ status429: { on: 'create' } });
			assert.equal((await fetchMessage(created.json.sid as string)).status, 200);
			assert.equal((await call('GET', `${account()}/IncomingPhoneNumbers`)).status, 200);
			assert.equal((await create(valid)).status, 429);
			h.sb.setFaults({ status500Html: { on: ['numbers', 'list'] } });
			assert.equal((await call('GET', `${account()}/IncomingPhoneNumbers`)).status, 500);
			assert.equal((await call('GET', `${account()}/Messages`)).status, 500);
			assert.equal((await create(valid)).status, 201);
		});

		it('status500Html and status502Html answer HTML pages', async () => {
			h.sb.setFaults({ status500Html: { times: 1 } });
			const a = await create(valid);
			assert.equal(a.status, 500);
			assert.match(a.headers.get('content-type') ?? '', /^text\/html/);
			assert.match(a.text, /<html>/);
			h.sb.setFaults({ status502Html: { times: 1 } });
			const b = await create(valid);
			assert.equal(b.status, 502);
			assert.match(b.headers.get('content-type') ?? '', /^text\/html/);
			assert.match(b.text, /502 Bad Gateway/);
			assert.equal(h.sb.messages.length, 0);
		});

		it('invalidJson answers 201 (create) / 200 (fetch) with a body that does not parse', async () => {
			const created = await create(valid);
			h.sb.setFaults({ invalidJson: true });
			const a = await create(valid);
			assert.equal(a.status, 201);
			assert.match(a.headers.get('content-type') ?? '', /application\/json/);
			assert.throws(() => JSON.parse(a.text));
			const b = await fetchMessage(created.json.sid as string);
			assert.equal(b.status, 200);
			assert.throws(() => JSON.parse(b.text));
			assert.equal(h.sb.messages.length, 1, 'the faulty create is not recorded');
		});

		it('missingFields answers a Message without sid and status', async () => {
			h.sb.setFaults({ missingFields: true });
			const a = await create(valid);
			assert.equal(a.status, 201);
			assert.equal('sid' in a.json, false);
			assert.equal('status' in a.json, false);
			assert.equal(a.json.to, TO);
			const list = await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.equal('sid' in list.json.incoming_phone_numbers[0], false);
			assert.equal(h.sb.messages.length, 0);
		});

		it('delayMs answers late but creates the message at once (a slow success)', async () => {
			h.sb.setFaults({ delayMs: { ms: 300, times: 1 } });
			const started = Date.now();
			const pending = create(valid);
			await new Promise((resolve) => setTimeout(resolve, 100));
			assert.equal(h.sb.messages.length, 1, 'created before the answer');
			const answer = await pending;
			assert.ok(Date.now() - started >= 290);
			assert.equal(answer.status, 201);
			h.sb.setFaults({ delayMs: 150 });
			const t = Date.now();
			await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.ok(Date.now() - t >= 140);
		});

		it('dropConnection closes the socket without an answer, records the request, creates nothing', async () => {
			h.sb.setFaults({ dropConnection: { times: 1 } });
			await assert.rejects(create(valid), TypeError);
			assert.equal(h.sb.requests.length, 1);
			assert.equal(h.sb.messages.length, 0);
			assert.equal((await create(valid)).status, 201);
		});

		it('apiError answers any status, code and message, or a whole body', async () => {
			h.sb.setFaults({ apiError: { status: 400, code: 21606, message: "The 'To' number provided is not a mobile number", times: 1 } });
			const a = await create(valid);
			assert.equal(a.status, 400);
			assert.deepEqual(a.json, {
				code: 21606,
				message: "The 'To' number provided is not a mobile number",
				more_info: 'https://developer.signalwire.com/compatibility-api/reference/error-codes#21606',
				status: 400,
			});
			h.sb.setFaults({ apiError: { status: 503, body: { error: 'maintenance' } } });
			const b = await create(valid);
			assert.equal(b.status, 503);
			assert.deepEqual(b.json, { error: 'maintenance' });
			assert.equal(h.sb.messages.length, 0);
		});

		it('lets the highest-precedence fault answer and counts down only that one', async () => {
			h.sb.setFaults({ status429: { times: 1 }, status500Html: { times: 1 } });
			assert.equal((await create(valid)).status, 429);
			assert.equal((await create(valid)).status, 500);
			assert.equal((await create(valid)).status, 201);
		});

		it('rejects unknown fault names and bad values', () => {
			assert.throws(() => h.sb.setFaults({ status428: true } as never), /unknown fault "status428"/);
			assert.throws(() => h.sb.setFaults({ delayMs: -1 }), /delayMs/);
			assert.throws(() => h.sb.setFaults({ apiError: { status: 200 } }), /apiError/);
			assert.throws(() => h.sb.setFaults({ status429: { times: 0 } }), /times/);
			assert.throws(() => h.sb.setFaults({ status429: { on: 'delete' as never } }), /on must be/);
		});

		it("answers the delete, redact, media and number-update routes when scoped to 'any' only", async () => {
			const sid = (await create(valid)).json.sid as string;
			const number = `${account()}/IncomingPhoneNumbers/${h.sb.numbers[0].sid}`;
			h.sb.setFaults({ status500Html: { on: ['create', 'fetch', 'list', 'numbers'] } });
			assert.equal((await call('DELETE', `${account()}/Messages/${sid}`)).json.code, 20009, 'not a fault: the message is queued');
			assert.equal((await call('GET', `${account()}/Messages/${sid}/Media`)).status, 200);
			assert.equal((await call('POST', number, { form: 'SmsUrl=' })).status, 200);
			h.sb.setFaults({ status429: true });
			assert.equal((await call('DELETE', `${account()}/Messages/${sid}`)).status, 429);
			assert.equal((await call('POST', `${account()}/Messages/${sid}`, { form: 'Body=' })).status, 429);
			assert.equal((await call('GET', `${account()}/Messages/${sid}/Media`)).status, 429);
			assert.equal((await call('POST', number, { form: 'SmsUrl=' })).status, 429);
		});

		it('reset clears the faults', async () => {
			h.sb.setFaults({ status429: true });
			h.sb.reset();
			assert.equal((await create(valid)).status, 201);
		});
	});
});
