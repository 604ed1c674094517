/**
 * Sign-in and the argument form of Send Message, inside the real VS Code, against the local
 * SignalWire-compatible server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, sandbox, sandboxControl, signInToSandbox } from './helpers';

const FROM = '+15550100100';
const TO = '+15550100199';

interface TypedError {
	name?: string;
	kind?: string;
	field?: string;
	httpStatus?: number;
	code?: number;
	message: string;
	problems?: Array<{ field: string; rule: string; message: string }>;
}

async function rejection(promise: Thenable<unknown>): Promise<TypedError> {
	try {
		await promise;
	} catch (error) {
		return error as TypedError;
	}
	assert.fail('expected the command to reject');
}

function send(argument: unknown): Thenable<Record<string, unknown>> {
	return vscode.commands.executeCommand('signalwire.sendMessage', argument);
}

/** A token of the form SignalWire issues (PT and 48 hexadecimal digits) that the sandbox does not know. */
const WRONG_TOKEN = `PT${'ba5e'.repeat(12)}`;

describe('sign in (argument form)', () => {
	before(async () => {
		await activateExtension();
		await sandboxControl.reset();
	});

	it('rejects a rejected token with a 401 message naming the scopes, and saves nothing', async () => {
		const { url, projectId } = sandbox();
		const error = await rejection(vscode.commands.executeCommand('signalwire.signIn', { space: url, projectId, token: WRONG_TOKEN }));
		assert.equal(error.name, 'SignInError');
		assert.match(error.message, /401/);
		assert.match(error.message, /Messaging and Numbers scopes/);
		assert.ok(!error.message.includes(WRONG_TOKEN), 'the error must not repeat the token');
	});

	it('tries a token of another documented form (letters and digits, no PT) and, when rejected, says it looks unusual', async () => {
		const { url, projectId } = sandbox();
		const before = (await sandboxControl.requests()).length;
		const token = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp';
		const error = await rejection(vscode.commands.executeCommand('signalwire.signIn', { space: url, projectId, token }));
		assert.equal(error.field, 'token');
		assert.match(error.message, /401/);
		assert.match(error.message, /does not have the usual form \(PT followed by hexadecimal digits\)/);
		assert.ok((await sandboxControl.requests()).length > before, 'the token was tried');
	});

	it('rejects a malformed Project ID before any request', async () => {
		const before = (await sandboxControl.requests()).length;
		const error = await rejection(vscode.commands.executeCommand('signalwire.signIn', { space: sandbox().url, projectId: 'not-a-uuid', token: WRONG_TOKEN }));
		assert.match(error.message, /Project ID must be a UUID/);
		assert.equal((await sandboxControl.requests()).length, before);
	});

	it('rejects a Space over plain http that is not loopback, before any request', async () => {
		const error = await rejection(
			vscode.commands.executeCommand('signalwire.signIn', { space: 'http://example.signalwire.com', projectId: sandbox().projectId, token: WRONG_TOKEN }),
		);
		assert.match(error.message, /https|HTTPS|http:\/\//);
	});

	it('reports an unknown space as a network failure', async () => {
		const error = await rejection(
			vscode.commands.executeCommand('signalwire.signIn', { space: 'https://does-not-exist.invalid', projectId: sandbox().projectId, token: WRONG_TOKEN }),
		);
		assert.match(error.message, /Could not reach/);
	});

	it('signs in with good credentials, checked with a real API call', async () => {
		await sandboxControl.reset();
		await signInToSandbox();
		const requests = await sandboxControl.requests();
		assert.ok(requests.some((r) => r.path.includes('/IncomingPhoneNumbers')), 'sign-in must check the credentials with the API');
	});
});

describe('send message (argument form)', () => {
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);

	before(async () => {
		await activateExtension();
		await signInToSandbox();
		process.on('unhandledRejection', onUnhandled);
	});

	after(async () => {
		process.off('unhandledRejection', onUnhandled);
		await sandboxControl.faults({});
		await vscode.workspace.getConfiguration('signalwire').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
	});

	beforeEach(async () => {
		await sandboxControl.reset();
	});

	afterEach(async () => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.deepEqual(unhandled, [], 'no unhandled rejection');
	});

	it('sends every field exactly as the API expects: + as %2B, unicode, spaces, 3 repeated MediaUrl', async () => {
		const body = 'Héllo wörld 👋 + 2 = 3 & more';
		const media = ['https://example.com/a.jpg', 'https://example.com/b.png?x=1&y=2', 'https://example.com/c.gif'];
		const message = await send({
			to: TO,
			from: FROM,
			body,
			mediaUrls: media,
			sendAsMms: true,
			statusCallback: 'https://example.com/status',
			validityPeriod: 600,
			maxPrice: '0.05',
			applicationSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
		});
		assert.equal(message.to, TO);
		assert.equal(message.status, 'queued');
		const [request] = (await sandboxControl.requests()).filter((r) => r.method === 'POST');
		assert.ok(request, 'the server recorded the create request');
		assert.match(request.path, /\/api\/laml\/2010-04-01\/Accounts\/[0-9a-f-]+\/Messages$/);
		assert.ok(request.body.includes('To=%2B15550100199'), `+ must be sent as %2B: ${request.body}`);
		assert.ok(request.body.includes('From=%2B15550100100'));
		assert.deepEqual(request.form.To, [TO]);
		assert.deepEqual(request.form.From, [FROM]);
		assert.deepEqual(request.form.Body, [body]);
		assert.deepEqual(request.form.MediaUrl, media);
		assert.deepEqual(request.form.SendAsMms, ['true']);
		assert.deepEqual(request.form.StatusCallback, ['https://example.com/status']);
		assert.deepEqual(request.form.ValidityPeriod, ['600']);
		assert.deepEqual(request.form.MaxPrice, ['0.05']);
		assert.deepEqual(request.form.ApplicationSid, ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']);
		assert.equal(request.form.MessagingServiceSid, undefined, 'unset fields are omitted');
		assert.match(request.headers['content-type'], /application\/x-www-form-urlencoded/);
		assert.equal(request.headers.accept, 'application/json');
		assert.match(request.headers['user-agent'], /signalwire-messaging-sandbox\/\d+\.\d+\.\d+ \(unofficial/);
		const { projectId, token } = sandbox();
		assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${projectId}:${token}`).toString('base64')}`);
	});

	const invalid: Array<[string, Record<string, unknown>, string]> = [
		['no To', { from: FROM, body: 'x' }, 'to'],
		['To not E.164', { to: '5550100199', from: FROM, body: 'x' }, 'to'],
		['neither From nor MessagingServiceSid', { to: TO, body: 'x' }, 'from'],
		['neither Body nor media', { to: TO, from: FROM }, 'body'],
		['Body of 1601 characters', { to: TO, from: FROM, body: 'a'.repeat(1601) }, 'body'],
		['9 media URLs', { to: TO, from: FROM, mediaUrls: Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`) }, 'mediaUrls'],
		['a javascript: media URL', { to: TO, from: FROM, mediaUrls: ['javascript:alert(1)'] }, 'mediaUrls'],
		['ValidityPeriod 0', { to: TO, from: FROM, body: 'x', validityPeriod: 0 }, 'validityPeriod'],
		['MaxPrice with 5 decimals', { to: TO, from: FROM, body: 'x', maxPrice: '1.23456' }, 'maxPrice'],
		['a non-UUID ApplicationSid', { to: TO, from: FROM, body: 'x', applicationSid: 'AP123' }, 'applicationSid'],
		['a wrongly typed field', { to: TO, from: FROM, body: 42 }, 'body'],
	];
	for (const [name, argument, field] of invalid) {
		it(`rejects ${name} before any network call`, async () => {
			const error = await rejection(send(argument));
			assert.equal(error.name, 'MessageValidationError');
			assert.ok(error.problems?.some((p) => p.field === field), `a problem names ${field}: ${error.message}`);
			assert.equal((await sandboxControl.requests()).length, 0, 'nothing was sent');
		});
	}

	it('rejects a 422 with code 21211 as a typed API error', async () => {
		await sandboxControl.faults({ apiError: { status: 422, code: 21211, message: "The 'To' number provided has an invalid format", times: 1 } });
		const error = await rejection(send({ to: TO, from: FROM, body: 'x' }));
		assert.equal(error.kind, 'api');
		assert.equal(error.httpStatus, 422);
		assert.equal(error.code, 21211);
		assert.equal((await sandboxControl.messages()).length, 0);
	});

	it('rejects a 401 as a typed API error with code 20003', async () => {
		await sandboxControl.faults({ apiError: { status: 401, code: 20003, message: 'Authentication failed', times: 1 } });
		const error = await rejection(send({ to: TO, from: FROM, body: 'x' }));
		assert.equal(error.kind, 'api');
		assert.equal(error.httpStatus, 401);
		assert.equal(error.code, 20003);
	});

	it('retries a 429 and then succeeds, creating exactly one message', async () => {
		await sandboxControl.faults({ status429: { times: 1, retryAfter: 0, on: 'create' } });
		const message = await send({ to: TO, from: FROM, body: 'after a 429' });
		assert.equal(message.status, 'queued');
		const posts = (await sandboxControl.requests()).filter((r) => r.method === 'POST');
		assert.equal(posts.length, 2, 'one 429, one success');
		assert.equal((await sandboxControl.messages()).length, 1);
	});

	it('rejects a 500 with an HTML page as an unexpected or API error, without retrying', async () => {
		await sandboxControl.faults({ status500Html: { times: 1 } });
		const error = await rejection(send({ to: TO, from: FROM, body: 'x' }));
		assert.ok(['api', 'unexpected-response'].includes(error.kind ?? ''), `kind ${error.kind}`);
		assert.match(error.message, /500/);
		assert.ok(!/<html/i.test(error.message.slice(0, 40)), 'the message explains, it does not start with HTML');
		assert.equal((await sandboxControl.requests()).filter((r) => r.method === 'POST').length, 1, 'a POST is not retried');
	});

	it('rejects a timeout as a typed timeout error and does not retry the POST', async () => {
		await vscode.workspace.getConfiguration('signalwire').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
		await sandboxControl.faults({ delayMs: { ms: 2500, times: 1, on: 'create' } });
		const error = await rejection(send({ to: TO, from: FROM, body: 'slow' }));
		assert.equal(error.kind, 'timeout');
		assert.equal((await sandboxControl.requests()).filter((r) => r.method === 'POST').length, 1, 'a timed-out POST is never retried');
		await vscode.workspace.getConfiguration('signalwire').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
	});
});
