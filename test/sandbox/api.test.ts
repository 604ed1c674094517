/**
 * The sandbox's start options, the four path forms of every route, Basic auth and unknown routes.
 */
import * as assert from 'node:assert/strict';
import { startSandbox, SANDBOX_NUMBERS, SANDBOX_PROJECT_ID } from '../../sandbox/server';
import { FROM, PATH_FORMS, TO, form, useSandbox } from './harness';

describe('sandbox: start options, path forms and auth', () => {
	const h = useSandbox();
	const { call, create, fetchMessage, account, basic } = h;

	describe('start options', () => {
		it('defaults to the fixed project id, a PT+48 hex token and a loopback URL', () => {
			assert.equal(h.sb.projectId, SANDBOX_PROJECT_ID);
			assert.match(h.sb.token, /^PT[0-9a-f]{48}$/);
			assert.match(h.sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
			assert.equal(h.sb.url, `http://127.0.0.1:${h.sb.port}`);
		});

		it('takes a project id, token, signing key and port, and makes a new token and signing key at each start', async () => {
			const other = await startSandbox({ projectId: '11111111-2222-4333-8444-555555555555', token: 'secret-token', signingKey: 'PSK_given' });
			const third = await startSandbox();
			try {
				assert.equal(other.projectId, '11111111-2222-4333-8444-555555555555');
				assert.equal(other.token, 'secret-token');
				assert.notEqual(third.token, h.sb.token);
				assert.equal(other.signingKey, 'PSK_given');
				assert.notEqual(third.signingKey, h.sb.signingKey);
				assert.notEqual(third.signingKey, third.token);
				const answer = await fetch(`${other.url}/api/laml/2010-04-01/Accounts/${other.projectId}/IncomingPhoneNumbers`, {
					headers: { authorization: `Basic ${Buffer.from(`${other.projectId}:secret-token`).toString('base64')}` },
				});
				assert.equal(answer.status, 200);
			} finally {
				await other.close();
				await third.close();
			}
		});

		it('refuses a non-loopback host', async () => {
			await assert.rejects(startSandbox({ host: '0.0.0.0' }), /loopback only/);
		});
	});

	describe('path forms and auth', () => {
		for (const { prefix, ext } of PATH_FORMS) {
			it(`serves create, fetch, list and numbers under ${prefix}/…${ext || ' (no .json)'}`, async () => {
				const created = await create({ To: TO, From: FROM, Body: 'hi' }, prefix, ext);
				assert.equal(created.status, 201);
				const sid = created.json.sid as string;
				assert.equal(created.json.uri, `${prefix}/Accounts/${h.sb.projectId}/Messages/${sid}.json`);
				assert.deepEqual(created.json.subresource_uris, { media: `${prefix}/Accounts/${h.sb.projectId}/Messages/${sid}/Media.json` });
				const fetched = await fetchMessage(sid, prefix, ext);
				assert.equal(fetched.status, 200);
				assert.equal(fetched.json.sid, sid);
				assert.equal(fetched.json.uri, `${prefix}/Accounts/${h.sb.projectId}/Messages/${sid}.json`);
				const listed = await call('GET', `${account(prefix)}/Messages${ext}`);
				assert.equal(listed.status, 200);
				assert.equal(listed.json.messages.length, 1);
				assert.ok(String(listed.json.uri).startsWith(`${prefix}/Accounts/${h.sb.projectId}/Messages${ext}?`));
				const numbers = await call('GET', `${account(prefix)}/IncomingPhoneNumbers${ext}`);
				assert.equal(numbers.status, 200);
				assert.equal(numbers.json.incoming_phone_numbers.length, SANDBOX_NUMBERS.length);
				assert.ok(String(numbers.json.incoming_phone_numbers[0].uri).startsWith(`${prefix}/Accounts/`));
			});
		}

		it('answers 401 / 20003 without credentials, with a wrong token, and for another project', async () => {
			const expected = { code: 20003, message: 'Authentication failed', status: 401 };
			for (const auth of [null, basic(h.sb.projectId, 'wrong'), basic('00000000-0000-4000-8000-000000000000', h.sb.token), 'Bearer abc', 'Basic !!!']) {
				const answer = await call('GET', `${account()}/IncomingPhoneNumbers`, { auth });
				assert.equal(answer.status, 401, String(auth));
				assert.equal(answer.json.code, expected.code);
				assert.equal(answer.json.message, expected.message);
				assert.equal(answer.json.status, 401);
				assert.match(answer.json.more_info, /20003/);
			}
			const create401 = await call('POST', `${account()}/Messages`, { auth: null, form: form({ To: TO, From: FROM, Body: 'x' }) });
			assert.equal(create401.status, 401);
			assert.equal(h.sb.messages.length, 0);
		});

		it('answers 404 / 20404 when the path names another project than the (valid) credentials', async () => {
			const answer = await call('GET', `${account(undefined, '00000000-0000-4000-8000-000000000000')}/Messages`);
			assert.equal(answer.status, 404);
			assert.equal(answer.json.code, 20404);
		});

		it('answers 404 for unknown routes and 405 for other methods', async () => {
			assert.equal((await call('GET', `${account()}/Calls`)).json.code, 20404);
			assert.equal((await call('GET', '/nothing/here')).status, 404);
			const del = await call('DELETE', `${account()}/Messages`);
			assert.equal(del.status, 405);
			assert.equal(del.headers.get('allow'), 'GET, POST');
		});

		it('answers JSON with content-type application/json', async () => {
			const answer = await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
		});
	});
});
