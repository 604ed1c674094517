/**
 * The core server (sandbox/core.ts) that the Test Explorer's "Local server" runs start
 * (src/testing/targets.ts): the API and the in-process `events` and `inject` the local target
 * (src/scenarios/localTarget.ts) uses, and none of `startSandbox`'s extras (no control routes).
 */
import * as assert from 'node:assert/strict';
import type { Message } from '../../src/core/types';
import { startCoreSandbox, type CoreSandbox } from '../../sandbox/core';
import { CONTROL_HEADER, SANDBOX_NUMBERS } from '../../sandbox/server';

const FROM = SANDBOX_NUMBERS.find((n) => n.capabilities.sms)!.phoneNumber;

describe('sandbox: the core server (Test Explorer local runs)', () => {
	let sb: CoreSandbox;
	beforeEach(async () => {
		sb = await startCoreSandbox({ statusProgression: 'time', statusStepMs: 20, replyDelayMs: 20 });
	});
	afterEach(async () => {
		await sb.close();
	});

	const auth = (): string => `Basic ${Buffer.from(`${sb.projectId}:${sb.token}`).toString('base64')}`;
	const messages = (): string => `${sb.url}/api/laml/2010-04-01/Accounts/${sb.projectId}/Messages.json`;

	it('serves the API: creates a message, tells its events, advances it; a wrong token gets 401', async () => {
		const events: string[] = [];
		sb.events.on('message', (m: Message) => events.push(`message ${m.status}`));
		sb.events.on('status', (m: Message) => events.push(`status ${m.status}`));
		const created = await fetch(messages(), {
			method: 'POST',
			headers: { authorization: auth(), 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ To: '+15551234567', From: FROM, Body: 'Hi' }).toString(),
		});
		assert.equal(created.status, 201);
		const sid = ((await created.json()) as { sid: string; status: string }).sid;
		assert.equal(events[0], 'message queued');
		const fetched = await fetch(`${sb.url}/2010-04-01/Accounts/${sb.projectId}/Messages/${sid}.json`, { headers: { authorization: auth() } });
		assert.equal(fetched.status, 200);
		await new Promise((resolve) => setTimeout(resolve, 200));
		assert.ok(events.includes('status delivered'), events.join(', '));
		assert.equal(sb.messages.length, 1);
		const numbers = await fetch(`${sb.url}/2010-04-01/Accounts/${sb.projectId}/IncomingPhoneNumbers.json`, { headers: { authorization: auth() } });
		assert.equal(numbers.status, 200);
		const wrong = await fetch(messages(), { headers: { authorization: `Basic ${Buffer.from(`${sb.projectId}:nope`).toString('base64')}` } });
		assert.equal(wrong.status, 401);
	});

	it('injects an inbound message in-process, told as `message` and `inbound`, and checks it', () => {
		const told: string[] = [];
		sb.events.on('message', (m: Message) => told.push(`message ${m.direction}`));
		sb.events.on('inbound', (m: Message) => told.push(`inbound ${m.body}`));
		const m = sb.inject({ from: '+15551234567', to: FROM, body: 'Hello' });
		assert.equal(m.status, 'received');
		assert.deepEqual(told.sort(), ['inbound Hello', 'message inbound']);
		assert.throws(() => sb.inject({ from: '+15551234567', to: '+15559999999', body: 'x' }), /SMS numbers/);
		assert.equal(sb.numbers.length, SANDBOX_NUMBERS.length);
	});

	it('has no control routes: every /__sandbox/ path is 404, even with the control header and the API auth', async () => {
		for (const [method, path] of [
			['GET', '/__sandbox/info'],
			['GET', '/__sandbox/faults'],
			['POST', '/__sandbox/faults'],
			['POST', '/__sandbox/inbound'],
			['POST', '/__sandbox/sign-in-codes'],
			['POST', '/__sandbox/reset'],
		]) {
			const answer = await fetch(`${sb.url}${path}`, { method, headers: { [CONTROL_HEADER]: '1', authorization: auth() }, body: method === 'POST' ? '{}' : undefined });
			assert.equal(answer.status, 404, `${method} ${path}`);
		}
		assert.equal(sb.requests.length, 0, 'control paths are not recorded');
		assert.ok(!('setFaults' in sb) && !('faults' in sb));
	});
});
