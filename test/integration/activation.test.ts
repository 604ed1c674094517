/**
 * Activation wires things up and loads nothing else: the code behind the commands and views
 * (dist/features.js) is required on first use. This file runs first, before any other suite has
 * touched the test API: index.ts runs it as its own first phase, whatever the order of the others.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateExtension, waitUntil } from './helpers';

describe('activation', () => {
	it('registers the commands, the view and the providers without loading the features bundle', async () => {
		const extension = await activateExtension();
		const api = extension.exports as TestApi;
		assert.equal(api.featuresLoaded, false, 'nothing has used a command or shown the Messages view yet');
		assert.ok(api.activationMs >= 0 && api.activationMs < 1000, `activate() took ${api.activationMs} ms`);
		const commands = await vscode.commands.getCommands(true);
		assert.ok(commands.includes('signalwire.sendMessage'), 'commands are registered at activation');
	});

	it('loads the conversation tests\' bundle for the workspace\'s .smstest files, and still not the features bundle', async () => {
		const api = (await activateExtension()).exports as TestApi;
		// scripts/run-integration.ts puts test/fixtures/smstest into the workspace.
		await waitUntil(() => api.testingLoaded, 10_000, 'the testing bundle');
		assert.equal(api.featuresLoaded, false, 'the test controller, its tree and diagnostics need nothing of dist/features.js');
	});

	it('loads the features bundle on the first command', async () => {
		const api = (await activateExtension()).exports as TestApi;
		await vscode.commands.executeCommand('signalwire.showOutput');
		assert.equal(api.featuresLoaded, true);
		assert.ok(api.services.history, 'the services are there once loaded');
	});
});
