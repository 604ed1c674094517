/**
 * The shared bad-input table (test/fixtures/badInputs.ts) through the argument forms of
 * `signalwire.sendMessage` and `signalwire.signIn`, inside the real VS Code: each row is rejected
 * before any network call (the sandbox records no request) with a message naming field and rule.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { BAD_INPUTS, BAD_SPACES, BAD_TOKENS } from '../fixtures/badInputs';
import { activateExtension, sandbox, sandboxControl, signInToSandbox } from './helpers';

/** A token of the issued form (PT and 48 hexadecimal digits): a bad Space must be refused before it is sent. */
const NEVER_SENT_TOKEN = `PT${'badc0de0'.repeat(6)}`;

interface RejectedWith {
	name?: string;
	kind?: string;
	field?: string;
	message: string;
	problems?: Array<{ field: string; rule: string; message: string }>;
}

async function rejection(promise: Thenable<unknown>): Promise<RejectedWith> {
	try {
		await promise;
	} catch (error) {
		return error as RejectedWith;
	}
	assert.fail('expected the command to reject');
}

describe('reliability: bad input through the argument form (no request reaches the server)', () => {
	let api: TestApi;
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);

	before(async () => {
		api = (await activateExtension()).exports as TestApi;
		await signInToSandbox();
		await sandboxControl.reset();
		process.on('unhandledRejection', onUnhandled);
	});

	after(() => {
		process.off('unhandledRejection', onUnhandled);
	});

	afterEach(() => {
		assert.deepEqual(unhandled, [], 'no unhandled rejection');
	});

	for (const row of BAD_INPUTS) {
		it(`signalwire.sendMessage rejects ${row.name}`, async () => {
			const sent: unknown[] = [];
			const listener = api.services.sender.onDidSend((outcome) => sent.push(outcome));
			try {
				const error = await rejection(vscode.commands.executeCommand('signalwire.sendMessage', row.argument));
				assert.equal(error.name, 'MessageValidationError', `${error.name}: ${error.message}`);
				assert.equal(error.kind, 'validation');
				const match = error.problems?.find((p) => p.field === row.field && p.rule === row.rule);
				assert.ok(match, `expected ${row.field}:${row.rule}, got ${(error.problems ?? []).map((p) => `${p.field}:${p.rule}`).join(', ')}`);
				assert.ok(error.message.includes(row.apiName), `the message names ${row.apiName}: ${error.message}`);
				assert.match(error.message, row.words);
				assert.deepEqual(sent, [], 'the sender was never called');
				assert.equal((await sandboxControl.requests()).length, 0, 'the sandbox recorded no request');
			} finally {
				listener.dispose();
			}
		});
	}

	for (const row of BAD_SPACES) {
		it(`signalwire.signIn rejects ${row.name} (${row.rule})`, async () => {
			const profilesBefore = (await api.services.credentials.profiles()).length;
			const error = await rejection(
				vscode.commands.executeCommand('signalwire.signIn', { space: row.space, projectId: sandbox().projectId, token: NEVER_SENT_TOKEN }),
			);
			assert.equal(error.name, 'SignInError', `${error.name}: ${error.message}`);
			assert.equal(error.field, 'space');
			assert.match(error.message, /Space URL/);
			assert.match(error.message, row.words);
			if (row.secret) {
				assert.ok(!error.message.includes(row.secret), 'the message repeats the password');
			}
			assert.ok(!error.message.includes(NEVER_SENT_TOKEN), 'the message repeats the token');
			assert.equal((await sandboxControl.requests()).length, 0, 'the sandbox recorded no request');
			assert.equal((await api.services.credentials.profiles()).length, profilesBefore, 'nothing was saved');
		});
	}

	for (const row of BAD_TOKENS) {
		it(`signalwire.signIn refuses ${row.name} before any request, without repeating it`, async () => {
			const profilesBefore = (await api.services.credentials.profiles()).length;
			const error = await rejection(vscode.commands.executeCommand('signalwire.signIn', { space: sandbox().url, projectId: sandbox().projectId, token: row.token }));
			assert.equal(error.name, 'SignInError', `${error.name}: ${error.message}`);
			assert.equal(error.field, 'token');
			assert.match(error.message, row.words);
			if (row.token.trim().length >= 4) {
				assert.ok(!error.message.includes(row.token.trim()), 'the message repeats the token');
			}
			assert.equal((await sandboxControl.requests()).length, 0, 'the sandbox recorded no request');
			assert.equal((await api.services.credentials.profiles()).length, profilesBefore, 'nothing was saved');
		});
	}
});
