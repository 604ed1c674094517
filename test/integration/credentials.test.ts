/**
 * Profiles: several Spaces at once, switching, signing out, and changes made by another window
 * (which arrive through SecretStorage's onDidChange).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { Profile } from '../../src/credentials/profile';
import { activateExtension, sandbox, signInToSandbox, waitUntil } from './helpers';

describe('credentials: profiles', () => {
	let api: TestApi;

	before(async () => {
		api = (await activateExtension()).exports as TestApi;
		await signInToSandbox();
	});

	after(async () => {
		await signInToSandbox();
	});

	it('reuses one API client per profile until a sign-in or a timeout change', async () => {
		const profile = (await api.services.credentials.activeProfile())!;
		const first = await api.services.clients.clientFor(profile);
		assert.equal(await api.services.clients.clientFor(profile), first, 'the same client for the next send');

		const config = vscode.workspace.getConfiguration('signalwire');
		const previous = config.inspect('requestTimeoutSeconds')?.globalValue;
		await config.update('requestTimeoutSeconds', 7, vscode.ConfigurationTarget.Global);
		try {
			const afterTimeout = await api.services.clients.clientFor(profile);
			assert.notEqual(afterTimeout, first);
			assert.equal(afterTimeout.timeoutMs, 7000);
		} finally {
			await config.update('requestTimeoutSeconds', previous, vscode.ConfigurationTarget.Global);
		}

		const before = await api.services.clients.clientFor(profile);
		await signInToSandbox();
		assert.notEqual(await api.services.clients.clientFor(profile), before, 'signing in again builds a new client');
	});

	it('keeps several Spaces signed in at once and switches between them', async () => {
		const { url, projectId, token } = sandbox();
		// The same local server under another loopback name is another Space.
		const other = url.replace('127.0.0.1', 'localhost');
		const second = await vscode.commands.executeCommand<Profile>('signalwire.signIn', { space: other, projectId, token });
		assert.equal(second.spaceUrl, other);
		const profiles = await api.services.credentials.profiles();
		assert.ok(profiles.some((p) => p.spaceUrl === url) && profiles.some((p) => p.spaceUrl === other), 'both Spaces are signed in');
		assert.equal((await api.services.credentials.activeProfile())?.spaceUrl, other, 'the new sign-in is active');

		const switched = await vscode.commands.executeCommand<Profile>('signalwire.switchSpace', { space: url, projectId });
		assert.equal(switched.spaceUrl, url);
		assert.equal((await api.services.credentials.activeProfile())?.spaceUrl, url);

		assert.equal(await vscode.commands.executeCommand('signalwire.signOut', { space: other, projectId }), true);
		const left = await api.services.credentials.profiles();
		assert.ok(!left.some((p) => p.spaceUrl === other), 'signed out of the second Space');
		assert.equal(await api.services.context.secrets.get(`signalwire.token:${second.id}`), undefined, 'its token is deleted');
	});

	it('sees a sign-out made by another window', async () => {
		const profile = await api.services.credentials.activeProfile();
		assert.ok(profile);
		let changed = 0;
		const listener = api.services.credentials.onDidChange(() => changed++);
		try {
			// Another window writes the shared secret storage directly.
			await api.services.context.secrets.store('signalwire.profiles', JSON.stringify([]));
			await waitUntil(async () => (await api.services.credentials.profiles()).length === 0, 20_000, 'the profile list to be re-read');
			assert.ok(changed > 0, 'onDidChange fired');
			assert.equal(await api.services.credentials.activeProfile(), undefined);
			const error = await Promise.resolve(
				vscode.commands.executeCommand('signalwire.sendMessage', { to: '+15550100199', from: '+15550100100', body: 'x' }),
			).then(
				() => undefined,
				(e: Error) => e,
			);
			assert.ok(error, 'sending without a profile rejects');
			assert.equal(error.name, 'NotSignedInError');
		} finally {
			listener.dispose();
		}
	});
});
