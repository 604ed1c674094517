/**
 * The sandbox's one-time sign-in codes (sandbox/signInCodes.ts): what `npm start` hands the
 * extension instead of the token.
 */
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SignInCodes } from '../../sandbox/signInCodes';

describe('sandbox: one-time sign-in codes', () => {
	let sandbox: Sandbox;
	before(async () => {
		sandbox = await startSandbox();
	});
	after(() => sandbox.close());

	const post = async (path: string, body: unknown) => {
		const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};

	it('issues a code that redeems once for the project ID and token', async () => {
		const issued = await post('sign-in-codes', {});
		assert.equal(issued.status, 201);
		assert.equal(typeof issued.body.code, 'string');
		assert.ok(!String(issued.body.code).includes(sandbox.token));
		assert.ok(Date.parse(String(issued.body.expiresAt)) > Date.now() + 60_000);
		const first = await post('sign-in-codes/redeem', { code: issued.body.code });
		assert.deepEqual(first, { status: 200, body: { projectId: sandbox.projectId, token: sandbox.token } });
		const second = await post('sign-in-codes/redeem', { code: issued.body.code });
		assert.equal(second.status, 410);
		assert.ok(!JSON.stringify(second.body).includes(sandbox.token));
	});

	it('refuses an expired code, an unknown code and malformed requests', async () => {
		const issued = await post('sign-in-codes', { ttlMs: 1 });
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.equal((await post('sign-in-codes/redeem', { code: issued.body.code })).status, 410);
		assert.equal((await post('sign-in-codes/redeem', { code: 'not-a-code' })).status, 410);
		assert.equal((await post('sign-in-codes/redeem', {})).status, 400);
		assert.equal((await post('sign-in-codes/redeem', ['x'])).status, 400);
		assert.equal((await post('sign-in-codes', { ttlMs: 0 })).status, 400);
		assert.equal((await post('sign-in-codes', { ttlMs: 'soon' })).status, 400);
	});

	it('answers loopback requests only (a foreign Host header is refused)', async () => {
		// fetch() may not set Host; a DNS-rebinding page would reach the sandbox with its own name.
		const status = await new Promise<number | undefined>((resolve, reject) => {
			const req = request(`${sandbox.url}/__sandbox/sign-in-codes`, { method: 'POST', headers: { host: 'attacker.example', 'x-sandbox-control': '1' } }, (res) => {
				res.resume();
				resolve(res.statusCode);
			});
			req.on('error', reject);
			req.end('{}');
		});
		assert.equal(status, 403);
	});

	it('keeps a bounded number of pending codes, dropping the oldest', () => {
		let now = 1_000;
		const codes = new SignInCodes(() => now);
		const first = codes.issue(60_000).code;
		const rest = Array.from({ length: 32 }, () => codes.issue(60_000).code);
		assert.equal(codes.redeem(first), false);
		assert.equal(codes.redeem(rest[31]), true);
		now += 60_000;
		assert.equal(codes.redeem(rest[0]), false, 'expired');
	});
});
