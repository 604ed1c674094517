/**
 * npm start's one-time sign-in code (src/credentials/devSignIn.ts, sandbox/signInCodes.ts): in
 * development mode the extension redeems the code from its environment at a loopback server and
 * is signed in; a used, expired or non-loopback code signs nobody in, and outside development
 * mode the environment is ignored. Activation runs exactly `TestApi.devSignIn` with its own mode
 * (Test here) and `process.env`.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateExtension, sandbox, signInToSandbox } from './helpers';

const URL_ENV = 'SIGNALWIRE_DEV_SIGN_IN_URL';
const CODE_ENV = 'SIGNALWIRE_DEV_SIGN_IN_CODE';

async function control(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${sandbox().url}/__sandbox/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function issueCode(ttlMs?: number): Promise<string> {
	const issued = await control('sign-in-codes', ttlMs === undefined ? {} : { ttlMs });
	assert.equal(issued.status, 201);
	return String(issued.body.code);
}

const redeemStatus = async (code: string): Promise<number> => (await control('sign-in-codes/redeem', { code })).status;

describe('credentials: npm start signs in with a one-time code', () => {
	let api: TestApi;

	const sandboxProfiles = async () => (await api.services.credentials.profiles()).filter((p) => p.spaceUrl === sandbox().url);
	const signOutOfSandbox = async () => {
		for (const profile of await sandboxProfiles()) {
			await api.services.credentials.remove(profile);
		}
		assert.deepEqual(await sandboxProfiles(), []);
	};

	before(async () => {
		api = (await activateExtension()).exports as TestApi;
	});

	after(async () => {
		await signInToSandbox();
	});

	it('in development mode, redeems the code once and is signed in to the local server', async () => {
		await signOutOfSandbox();
		const { url, projectId, token } = sandbox();
		const code = await issueCode();
		const profile = await api.devSignIn(vscode.ExtensionMode.Development, { [URL_ENV]: url, [CODE_ENV]: code });
		assert.ok(profile, 'signed in');
		assert.equal(profile.spaceUrl, url);
		assert.equal(profile.projectId, projectId);
		assert.equal((await api.services.credentials.activeProfile())?.id, profile.id, 'the local server is the active Space');
		assert.equal((await api.services.credentials.credentials(profile))?.token, token, 'the token is in SecretStorage');
		const client = await api.services.clients.clientFor(profile);
		assert.ok((await client.listIncomingPhoneNumbers()).length > 0, 'the credentials work against the server');
		assert.equal(await redeemStatus(code), 410, 'the code is used up');
		const settings = JSON.stringify(vscode.workspace.getConfiguration('signalwire'));
		assert.ok(!settings.includes(token), 'no token in the settings');

		// A window reload finds the same, used code: the profile still signed in is kept.
		const again = await api.devSignIn(vscode.ExtensionMode.Development, { [URL_ENV]: url, [CODE_ENV]: code });
		assert.equal(again?.id, profile.id);
	});

	it('outside development mode (tests, an installed extension) ignores the code and leaves it unused', async () => {
		await signOutOfSandbox();
		const code = await issueCode();
		for (const mode of [vscode.ExtensionMode.Test, vscode.ExtensionMode.Production]) {
			assert.equal(await api.devSignIn(mode, { [URL_ENV]: sandbox().url, [CODE_ENV]: code }), undefined);
		}
		assert.deepEqual(await sandboxProfiles(), [], 'nothing signed in');
		assert.equal(await redeemStatus(code), 200, 'the code was never sent');
	});

	it('refuses a code that was already used, and saves nothing', async () => {
		await signOutOfSandbox();
		const code = await issueCode();
		assert.equal(await redeemStatus(code), 200);
		assert.equal(await api.devSignIn(vscode.ExtensionMode.Development, { [URL_ENV]: sandbox().url, [CODE_ENV]: code }), undefined);
		assert.deepEqual(await sandboxProfiles(), []);
	});

	it('refuses an expired code, and saves nothing', async () => {
		await signOutOfSandbox();
		const code = await issueCode(1);
		await new Promise((resolve) => setTimeout(resolve, 50));
		assert.equal(await api.devSignIn(vscode.ExtensionMode.Development, { [URL_ENV]: sandbox().url, [CODE_ENV]: code }), undefined);
		assert.deepEqual(await sandboxProfiles(), []);
	});

	describe('a URL that is not a loopback http server', () => {
		let trap: Server;
		let connections = 0;
		let port = 0;
		before(async () => {
			// Listens on every interface: any attempt to redeem the code there is counted.
			trap = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
			trap.on('connection', () => connections++);
			await new Promise<void>((resolve) => trap.listen(0, '0.0.0.0', resolve));
			port = (trap.address() as AddressInfo).port;
		});
		after(() => new Promise<void>((resolve) => trap.close(() => resolve())));

		it('is refused before any request, and nothing is saved', async () => {
			await signOutOfSandbox();
			const code = await issueCode();
			const lan = Object.values(os.networkInterfaces())
				.flat()
				.find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
			const urls = [
				...(lan ? [`http://${lan}:${port}`] : []),
				`https://127.0.0.1:${port}`,
				`http://user:secret@127.0.0.1:${port}`,
				`http://127.0.0.1:${port}/redirect`,
				'https://attacker.example',
				'not a url',
			];
			for (const url of urls) {
				assert.equal(await api.devSignIn(vscode.ExtensionMode.Development, { [URL_ENV]: url, [CODE_ENV]: code }), undefined, url);
			}
			assert.equal(connections, 0, 'no connection reached the non-loopback server');
			assert.deepEqual(await sandboxProfiles(), []);
			assert.equal(await redeemStatus(code), 200, 'the code never left');
		});
	});

	it('refuses a token that breaks the sign-in rules (3 characters: too short to mask), and saves nothing', async () => {
		const { projectId } = sandbox();
		let redeemed = 0;
		// A loopback server that answers any code with a 3-character token.
		const weak = createServer((_req, res) => {
			redeemed++;
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ projectId, token: 'abc' }));
		});
		await new Promise<void>((resolve) => weak.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(weak.address() as AddressInfo).port}`;
			const warnings: string[] = [];
			const logger = api.services.logger;
			const warn = logger.warn.bind(logger);
			logger.warn = (message: string, ...args: unknown[]) => {
				warnings.push(message);
				warn(message, ...args);
			};
			try {
				assert.equal(await api.devSignIn(vscode.ExtensionMode.Development, { [URL_ENV]: url, [CODE_ENV]: 'any-code' }), undefined);
			} finally {
				logger.warn = warn;
			}
			assert.equal(redeemed, 1, 'the code was redeemed');
			assert.deepEqual((await api.services.credentials.profiles()).filter((p) => p.spaceUrl === url), [], 'nothing saved');
			assert.ok(warnings.some((w) => /no usable credentials: API token is too short \(3 characters\)/.test(w)), warnings.join('\n'));
		} finally {
			await new Promise<void>((resolve) => weak.close(() => resolve()));
		}
	});
});
