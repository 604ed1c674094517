/**
 * Runs last (index.ts's final phase, after secret-session): after everything the suite did —
 * sign-ins, sends, failures, retries, exports — the API token must appear in no file VS Code or
 * the extension wrote (logs and the output channel, settings, global state, global storage,
 * history), except the secret store.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateExtension, sandbox, signInToSandbox, waitUntil } from './helpers';

/** Where VS Code keeps secrets on each host; the token belongs there (encrypted or not). */
const SECRET_STORE = /(^|[\\/])(secrets?|keychain|\.?credentials?)[^\\/]*$/i;

function* filesUnder(dir: string): Generator<string> {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			yield* filesUnder(full);
		} else if (entry.isFile()) {
			yield full;
		}
	}
}

describe('secret scan (after the whole suite)', () => {
	let api: TestApi;

	before(async () => {
		api = (await activateExtension()).exports as TestApi;
		await signInToSandbox();
		// One more send and one failure, so the logs certainly hold both.
		await vscode.commands.executeCommand('signalwire.sendMessage', { to: '+15550100199', from: '+15550100100', body: 'scan me' });
		await Promise.resolve(vscode.commands.executeCommand('signalwire.sendMessage', { to: '+15550100199', from: '+15559999999', body: 'not our number' })).then(
			() => assert.fail('expected a 21210 rejection'),
			() => undefined,
		);
		// The log channel reaches its file a little later: wait for that last request's 21210 answer in it.
		const answered = () => {
			const text = channelLogText(api);
			const request = text.lastIndexOf('From=%2B15559999999');
			return request >= 0 && text.indexOf('21210', request) > request;
		};
		await waitUntil(answered, 20_000, 'the 21210 answer in the output channel log');
	});

	it('the output channel logged the request, the status and the Message, with the token masked', () => {
		const userData = userDataDir(api);
		assert.ok(channelLogs(api).length > 0, `no SignalWire output channel log under ${userData}/logs`);
		const text = channelLogText(api);
		assert.match(text, /→ POST http:\/\/127\.0\.0\.1:\d+\/api\/laml\/2010-04-01\/Accounts\/[0-9a-f-]+\/Messages/);
		assert.match(text, /Authorization: Basic \*\*\*/);
		assert.match(text, /To=%2B15550100199/);
		assert.match(text, /← 201 Created in \d+ ms/);
		assert.match(text, /"sid": "[0-9a-f-]{36}"/);
		assert.match(text, /21210/);
	});

	it('finds the token, and the Signing Key the webhooks suite stored, in no file outside the secret store', async () => {
		const { token } = sandbox();
		const { signingKey } = (await fetch(`${sandbox().url}/__sandbox/info`).then((r) => r.json())) as { signingKey: string };
		assert.ok(signingKey.length > 8);
		const userData = userDataDir(api);
		// The runner's folder also holds the browser profile, where the web workbench keeps global state.
		const roots = [process.env.SIGNALWIRE_TEST_RUN_DIR ?? userData, path.dirname(api.services.context.globalStorageUri.fsPath)];
		const leaks: string[] = [];
		let scanned = 0;
		for (const root of roots) {
			for (const file of filesUnder(root)) {
				if (SECRET_STORE.test(file)) {
					continue;
				}
				scanned++;
				const content = fs.readFileSync(file);
				if ([token, signingKey].some((secret) => content.includes(secret) || content.includes(Buffer.from(secret, 'utf16le')))) {
					leaks.push(file);
				}
			}
		}
		assert.ok(scanned > 5, `scanned only ${scanned} files`);
		assert.deepEqual(leaks, [], `the token or Signing Key leaked into: ${leaks.join(', ')}`);
	});

	it('keeps the token out of global and workspace state', () => {
		const { token } = sandbox();
		for (const state of [api.services.context.globalState, api.services.context.workspaceState]) {
			for (const key of state.keys()) {
				assert.ok(!JSON.stringify(state.get(key) ?? null).includes(token), `state key ${key} holds the token`);
			}
		}
	});

	it('ignores a workspace that tries to redirect the token to another host', async () => {
		const folder = vscode.workspace.workspaceFolders?.[0];
		assert.ok(folder, 'the suite runs with a workspace folder open');
		const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
		fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
		fs.writeFileSync(
			settingsFile,
			JSON.stringify({ 'signalwire.space': 'https://attacker.example', 'signalwire.projectId': '00000000-0000-4000-8000-000000000000', 'signalwire.apiToken': 'x' }),
		);
		// Wait until VS Code has read the file: the send below must happen with those settings in force.
		const projectIdInWorkspace = () => vscode.workspace.getConfiguration('signalwire').inspect('projectId')?.workspaceValue;
		await waitUntil(() => projectIdInWorkspace() === '00000000-0000-4000-8000-000000000000', 20_000, 'the workspace settings read');
		const before = (await fetch(`${sandbox().url}/__sandbox/requests`).then((r) => r.json())) as unknown[];
		const message = await vscode.commands.executeCommand<{ sid: string }>('signalwire.sendMessage', { to: '+15550100199', from: '+15550100100', body: 'still local' });
		const after = (await fetch(`${sandbox().url}/__sandbox/requests`).then((r) => r.json())) as unknown[];
		assert.ok(message.sid, 'the message was sent');
		assert.equal(after.length, before.length + 1, 'the request went to the signed-in Space, not to the workspace\'s host');
		const profile = await api.services.credentials.activeProfile();
		assert.equal(profile?.spaceUrl, sandbox().url);
	});
});

/** The "SignalWire" output channel's log files under the user-data logs folder. */
function channelLogs(api: TestApi): string[] {
	return [...filesUnder(path.join(userDataDir(api), 'logs'))].filter((f) => /SignalWire\.log$/.test(f));
}

function channelLogText(api: TestApi): string {
	return channelLogs(api)
		.map((f) => fs.readFileSync(f, 'utf8'))
		.join('\n');
}

/** The user-data folder: the runner's when it says so, else derived from global storage (…/User/globalStorage/<id>). */
function userDataDir(api: TestApi): string {
	const fromRunner = process.env.SIGNALWIRE_TEST_RUN_DIR;
	if (fromRunner) {
		return path.join(fromRunner, 'user-data');
	}
	return path.resolve(api.services.context.globalStorageUri.fsPath, '..', '..', '..');
}
