/**
 * The local server's number-count control route (sandbox/numberCount.ts): a Space of 2,500
 * numbers, listed through the extension's own client in pages of 400; reset puts the fixed
 * numbers back; a bad count is refused.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX_NUMBERS, startSandbox, type Sandbox } from '../../sandbox/server';
import { SignalWireClient } from '../../src/signalwire/client';

describe('sandbox: POST /__sandbox/numbers', () => {
	let sandbox: Sandbox;
	let client: SignalWireClient;

	before(async () => {
		sandbox = await startSandbox();
		client = new SignalWireClient({ credentials: { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token } });
	});

	after(() => sandbox.close());

	function setCount(body: unknown): Promise<Response> {
		return fetch(`${sandbox.url}/__sandbox/numbers`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: JSON.stringify(body) });
	}

	it('gives the project 2,500 numbers, the fixed ones first, listed in 7 pages of 400 (each under the 1 MiB cap on answers)', async () => {
		const answer = await setCount({ count: 2500 });
		assert.equal(answer.status, 200);
		assert.deepEqual(await answer.json(), { count: 2500 });
		sandbox.requests.length = 0;
		const numbers = await client.listIncomingPhoneNumbers();
		assert.equal(numbers.length, 2500);
		assert.deepEqual(
			numbers.slice(0, SANDBOX_NUMBERS.length).map((n) => n.phone_number),
			SANDBOX_NUMBERS.map((n) => n.phoneNumber),
		);
		assert.equal(numbers[SANDBOX_NUMBERS.length].phone_number, '+15552000000');
		assert.equal(numbers.at(-1)?.phone_number, '+15552002494');
		assert.equal(new Set(numbers.map((n) => n.phone_number)).size, 2500, 'all distinct');
		assert.equal(new Set(numbers.map((n) => n.sid)).size, 2500, 'distinct sids');
		assert.equal(sandbox.requests.length, 7, 'pages of 400');
		assert.equal(sandbox.numbers.length, 2500);
		// A generated number can send.
		const message = await client.createMessage({ from: '+15552002494', to: '+15550100199', body: 'from a generated number' });
		assert.equal(message.from, '+15552002494');
	});

	it('reset (and count null) put the fixed numbers back', async () => {
		await setCount({ count: 40 });
		sandbox.reset();
		assert.equal((await client.listIncomingPhoneNumbers()).length, SANDBOX_NUMBERS.length);
		await setCount({ count: 40 });
		await setCount({ count: null });
		assert.equal((await client.listIncomingPhoneNumbers()).length, SANDBOX_NUMBERS.length);
	});

	it('refuses a count that is not a whole number from 0 to 10,000', async () => {
		for (const body of [{ count: -1 }, { count: 1.5 }, { count: '2500' }, { count: 10_001 }, {}, []]) {
			const answer = await setCount(body);
			assert.equal(answer.status, 400, JSON.stringify(body));
			assert.match(((await answer.json()) as { error: string }).error, /count/);
		}
		assert.equal(sandbox.numbers.length, SANDBOX_NUMBERS.length, 'unchanged');
	});
});
