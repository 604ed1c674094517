/**
 * Entry of the integration suite, loaded by VS Code's extension host (code-server here,
 * `@vscode/test-electron` on a desktop). It must not know which of the two runs it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { suiteOrder } from './suiteOrder';

export async function run(): Promise<void> {
	// F5 "Extension Tests" (.vscode/launch.json) has no runner to start the local server: start it here.
	const ownSandbox = await startOwnSandbox();
	try {
		await runSuite();
	} finally {
		await ownSandbox?.close();
	}
}

async function startOwnSandbox(): Promise<Sandbox | undefined> {
	if (process.env.SIGNALWIRE_SANDBOX_AUTOSTART !== '1' || process.env.SIGNALWIRE_SANDBOX_URL) {
		return undefined;
	}
	const sandbox = await startSandbox({ statusProgression: 'fetch' });
	process.env.SIGNALWIRE_SANDBOX_URL = sandbox.url;
	process.env.SIGNALWIRE_SANDBOX_PROJECT_ID = sandbox.projectId;
	process.env.SIGNALWIRE_SANDBOX_TOKEN = sandbox.token;
	return sandbox;
}

async function runSuite(): Promise<void> {
	// Following delivery statuses polls the server in the background, which suites that count
	// requests or set one-shot faults must not see; the history suite turns it on for itself.
	await vscode.workspace.getConfiguration('signalwire').update('history.followStatusMinutes', 0, vscode.ConfigurationTarget.Global);
	// Likewise listening for replies after a send (its list requests); the replies suite turns it on.
	await vscode.workspace.getConfiguration('signalwire').update('replies.listenMinutes', 0, vscode.ConfigurationTarget.Global);
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
	const grep = process.env.INTEGRATION_GREP;
	if (grep) {
		mocha.grep(grep);
	}
	const order = suiteOrder(fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js')), process.env.INTEGRATION_SHUFFLE);
	console.log(`integration: files in this order${order.seed === undefined ? '' : ` (INTEGRATION_SHUFFLE=${order.seed})`}: ${order.files.join(', ')}`);
	for (const file of order.files) {
		mocha.addFile(path.join(__dirname, file));
	}
	await new Promise<void>((resolve, reject) => {
		const runner = mocha.run((failures) => {
			console.log(`RESULT ${JSON.stringify({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 })}`);
			if (failures > 0) {
				reject(new Error(`${failures} integration test(s) failed`));
			} else {
				resolve();
			}
		});
	});
}
