/**
 * `npm run test:electron`: the same integration suite in VS Code desktop, downloaded by
 * `@vscode/test-electron` (for desktops and public CI with internet; it cannot download here).
 * The local SignalWire-compatible server runs beside it, as with code-server.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startSandbox } from '../sandbox/server';
import { ROOT } from './lib/codeServer';
import { sandboxHostEnv } from './lib/sandboxEnv';
import { copyScenarioFixtures } from './lib/scenarioFixtures';

async function main(): Promise<void> {
	// Statuses advance one step per fetch: the suites count the fetches of status following.
	const sandbox = await startSandbox({ statusProgression: 'fetch' });
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signalwire-electron-'));
	const workspace = path.join(runDir, 'workspace');
	fs.mkdirSync(workspace);
	copyScenarioFixtures(ROOT, workspace);
	try {
		await runTests({
			extensionDevelopmentPath: ROOT,
			extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
			// The run's user data sits under the run folder, where the suite reads the output channel's log.
			launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(runDir, 'user-data')}`],
			extensionTestsEnv: sandboxHostEnv(sandbox, runDir),
		});
	} finally {
		await sandbox.close();
	}
}

main().catch((error) => {
	console.error('test:electron failed:', error instanceof Error ? error.message : error);
	process.exit(1);
});
