/**
 * What the sandbox records, its control routes under /__sandbox/, and `npm run sandbox`.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { CONTROL_HEADER, SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, SANDBOX_SPECIAL_NUMBERS, startSandbox } from '../../sandbox/server';
import { FROM, TO, useSandbox, type Answer } from './harness';

describe('sandbox: control API and cli', () => {
	const h = useSandbox();
	const { call, create, account, basic } = h;

	describe('recorded requests', () => {
		it('records method, path, query, lower-case headers, raw body, parsed form and time', async () => {
			await call('POST', `${account('/2010-04-01')}/Messages.json?x=1&x=2`, {
				form: 'To=%2B15551234567&From=%2B15550100100&Body=Hi&MediaUrl=https%3A%2F%2Fa.example%2F1&MediaUrl=https%3A%2F%2Fa.example%2F2',
				headers: { 'X-Custom': 'Yes', 'User-Agent': 'test-agent' },
			});
			assert.equal(h.sb.requests.length, 1);
			const r = h.sb.requests[0];
			assert.equal(r.method, 'POST');
			assert.equal(r.path, `/2010-04-01/Accounts/${h.sb.projectId}/Messages.json`);
			assert.deepEqual(r.query, { x: ['1', '2'] });
			assert.equal(r.headers['x-custom'], 'Yes');
			assert.equal(r.headers['user-agent'], 'test-agent');
			assert.equal(r.headers.authorization, basic());
			assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
			assert.deepEqual(r.form, { To: ['+15551234567'], From: ['+15550100100'], Body: ['Hi'], MediaUrl: ['https://a.example/1', 'https://a.example/2'] });
			assert.ok(Math.abs(Date.parse(r.time) - Date.now()) < 5000);
		});

		it('does not parse a non-form body as a form', async () => {
			await call('POST', `${account()}/Messages`, { headers: { 'content-type': 'application/json' }, form: undefined });
			assert.deepEqual(h.sb.requests[0].form, {});
		});
	});

	describe('control API', () => {
		const control = async (method: string, name: string, body?: unknown): Promise<Answer> => {
			const answer = await call(method, `/__sandbox/${name}`, {
				auth: null,
				headers: { 'x-sandbox-control': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
			});
			return answer;
		};
		const post = async (name: string, body?: string): Promise<Response> =>
			fetch(`${h.sb.url}/__sandbox/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, ...(body !== undefined ? { body } : {}) });

		it('GET info tells url, project id, token, signing key, numbers, handsets, settings and fault names', async () => {
			const info = await control('GET', 'info');
			assert.equal(info.status, 200);
			assert.equal(info.json.url, h.sb.url);
			assert.equal(info.json.projectId, h.sb.projectId);
			assert.equal(info.json.token, h.sb.token);
			assert.equal(info.json.numbers.length, SANDBOX_NUMBERS.length);
			assert.deepEqual(info.json.specialNumbers, SANDBOX_SPECIAL_NUMBERS);
			assert.ok(info.json.faultNames.includes('dropConnection'));
			assert.equal(info.json.signingKey, h.sb.signingKey);
			assert.match(info.json.signingKey, /^PSK_[0-9a-f]{48}$/);
			assert.deepEqual(info.json.handsets, { echo: '+15550100555', stop: '+15550100556' });
			assert.deepEqual(info.json.settings, h.sb.settings());
		});

		it('GET requests and messages return what was recorded, control calls excluded', async () => {
			await create({ To: TO, From: FROM, Body: 'x' });
			await control('GET', 'info');
			const requests = await control('GET', 'requests');
			assert.equal(requests.json.length, 1);
			assert.equal(requests.json[0].method, 'POST');
			const messages = await control('GET', 'messages');
			assert.equal(messages.json.length, 1);
			assert.equal(messages.json[0].body, 'x');
			assert.equal(h.sb.requests.length, 1);
		});

		it('POST faults sets faults (and GET faults shows them), POST reset clears everything', async () => {
			const set = await post('faults', JSON.stringify({ status429: { times: 1, retryAfter: 1 } }));
			assert.equal(set.status, 200);
			assert.deepEqual(await set.json(), { status429: { times: 1, retryAfter: 1 } });
			assert.deepEqual((await control('GET', 'faults')).json, { status429: { times: 1, retryAfter: 1 } });
			assert.equal((await create({ To: TO, From: FROM, Body: 'x' })).status, 429);
			assert.equal((await create({ To: TO, From: FROM, Body: 'x' })).status, 201);
			const reset = await post('reset');
			assert.equal(reset.status, 204);
			assert.equal(h.sb.requests.length, 0);
			assert.equal(h.sb.messages.length, 0);
		});

		it('POST faults with bad JSON or an unknown fault answers 400', async () => {
			const bad = await post('faults', '{nope');
			assert.equal(bad.status, 400);
			const unknown = await post('faults', JSON.stringify({ explode: true }));
			assert.equal(unknown.status, 400);
			assert.match(((await unknown.json()) as { error: string }).error, /unknown fault/);
		});

		it('answers 404 for an unknown control route and 403 for a non-loopback Host header', async () => {
			assert.equal((await control('GET', 'nothing')).status, 404);
			// fetch does not let a caller set Host, so use node:http (a DNS-rebinding page would send its own host).
			const status = await new Promise<number | undefined>((resolve, reject) => {
				const req = http.request(`${h.sb.url}/__sandbox/info`, { headers: { host: 'evil.example' } }, (res) => {
					res.resume();
					resolve(res.statusCode);
				});
				req.on('error', reject);
				req.end();
			});
			assert.equal(status, 403);
		});
	});

	describe('control POSTs need a header a cross-site page cannot send', () => {
		// What a web page can send cross-site without a preflight: a "simple" POST (text/plain, a form).
		for (const route of ['inbound', 'faults', 'settings', 'reset', 'numbers', 'sign-in-codes', 'sign-in-codes/redeem']) {
			it(`refuses a text/plain POST /__sandbox/${route} without ${CONTROL_HEADER} (403), changing nothing`, async () => {
				await create({ To: TO, From: FROM, Body: 'kept' });
				const body = route === 'inbound' ? JSON.stringify({ from: '+15557654321', to: FROM, body: 'forged' }) : '{}';
				const answer = await fetch(`${h.sb.url}/__sandbox/${route}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body });
				assert.equal(answer.status, 403, await answer.clone().text());
				assert.match(((await answer.json()) as { error: string }).error, /X-Sandbox-Control/);
				assert.equal(h.sb.messages.length, 1, 'nothing injected, nothing reset');
				assert.equal(h.sb.requests.length, 1);
			});
		}

		it('accepts the header, or the API\'s Basic auth instead', async () => {
			const inbound = JSON.stringify({ from: '+15557654321', to: FROM, body: 'from a test' });
			const withHeader = await fetch(`${h.sb.url}/__sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', [CONTROL_HEADER]: '1' }, body: inbound });
			assert.equal(withHeader.status, 201);
			const withAuth = await fetch(`${h.sb.url}/__sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic() }, body: inbound });
			assert.equal(withAuth.status, 201);
			const wrongAuth = await fetch(`${h.sb.url}/__sandbox/inbound`, { method: 'POST', headers: { authorization: basic(h.sb.projectId, 'PTwrong') }, body: inbound });
			assert.equal(wrongAuth.status, 403);
			assert.equal(h.sb.messages.length, 2);
			assert.equal((await fetch(`${h.sb.url}/__sandbox/settings`)).status, 200, 'a GET needs no header (a page cannot read the answer)');
		});
	});

	describe('bounded logs', () => {
		it('keeps the newest maxRecords requests and callbacks, dropping the oldest', async function () {
			this.timeout(20_000);
			const sb = await startSandbox({ maxRecords: 20, statusStepMs: 1 });
			try {
				const auth = `Basic ${Buffer.from(`${sb.projectId}:${sb.token}`).toString('base64')}`;
				for (let i = 0; i < 30; i++) {
					await fetch(`${sb.url}/2010-04-01/Accounts/${sb.projectId}/Messages.json?n=${i}`, { headers: { authorization: auth } });
				}
				assert.equal(sb.requests.length, 20);
				assert.deepEqual([sb.requests[0]!.query.n, sb.requests.at(-1)!.query.n], [['10'], ['29']], 'the newest kept');
				// Each message's statuses go to a non-loopback StatusCallback: recorded as skipped, 4 per message.
				const form = (i: number) => new URLSearchParams({ To: TO, From: FROM, Body: `m${i}`, StatusCallback: `https://example.com/status/${i}` }).toString();
				for (let i = 0; i < 10; i++) {
					await fetch(`${sb.url}/2010-04-01/Accounts/${sb.projectId}/Messages.json`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: form(i) });
				}
				const deadline = Date.now() + 10_000;
				while (!sb.callbacks.some((c) => c.url.endsWith('/status/9') && c.params.MessageStatus === 'delivered') && Date.now() < deadline) {
					await sb.callbacksIdle();
					await new Promise((resolve) => setImmediate(resolve));
				}
				assert.equal(sb.callbacks.length, 20, 'the callback log is bounded too');
				assert.ok(sb.callbacks.every((c) => !c.url.endsWith('/status/0')), 'the oldest were dropped');
			} finally {
				await sb.close();
			}
		});
	});

	describe('cli', () => {
		it('prints url, project id, token and signing key as one JSON line and stops on SIGTERM', async function () {
			this.timeout(15_000);
			const cli = path.resolve(__dirname, '../../sandbox/cli.ts');
			const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--signing-key', 'PSK_cli_test', '--reply-delay-ms', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
			const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
			try {
				const line = await new Promise<string>((resolve, reject) => {
					let out = '';
					child.stdout.on('data', (chunk: Buffer) => {
						out += chunk.toString();
						if (out.includes('\n')) {
							resolve(out.split('\n')[0]);
						}
					});
					child.on('exit', (code) => reject(new Error(`cli exited with ${code}`)));
				});
				const info = JSON.parse(line) as { url: string; projectId: string; token: string; signingKey: string };
				assert.deepEqual(Object.keys(info), ['url', 'projectId', 'token', 'signingKey']);
				assert.equal(info.projectId, SANDBOX_PROJECT_ID);
				assert.equal(info.signingKey, 'PSK_cli_test');
				const served = (await (await fetch(`${info.url}/__sandbox/info`)).json()) as { token: string; signingKey: string; settings: { replyDelayMs: number } };
				assert.equal(served.token, info.token);
				assert.equal(served.signingKey, info.signingKey);
				assert.equal(served.settings.replyDelayMs, 5);
			} finally {
				child.kill('SIGTERM');
			}
			assert.equal(await exited, 0);
		});

		it('refuses an unknown argument or a bad value with a message naming it', async function () {
			this.timeout(15_000);
			const cli = path.resolve(__dirname, '../../sandbox/cli.ts');
			for (const [args, message] of [
				[['--nope'], /unknown argument --nope/],
				[['--status-progression', 'sometimes'], /--status-progression must be time or fetch/],
				[['--reply-delay-ms', '-1'], /--reply-delay-ms must be a whole number/],
			] as const) {
				const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
				let err = '';
				child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
				const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
				assert.equal(code, 1, args.join(' '));
				assert.match(err, message);
			}
		});
	});
});
