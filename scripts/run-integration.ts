/**
 * Runs the integration suite (out/test/integration) inside a real VS Code: code-server's
 * extension host, with the workbench open in headless Chromium. The local SignalWire-compatible
 * server runs beside it; its URL reaches the suite through the environment.
 *
 * Exit code: the suite's. Prints `integration: N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { ensureCodeServer, prepareRunDir, remoteUri, ROOT, startCodeServer, workbenchUrl } from './lib/codeServer';
import { openWorkbench } from './lib/workbench';
import { sandboxHostEnv } from './lib/sandboxEnv';
import { copyScenarioFixtures } from './lib/scenarioFixtures';

const SUITE_TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

/** Offline noise of the web workbench (all of it is kept in suite-output.log). */
function isWorkbenchNoise(text: string): boolean {
	return /open-vsx\.org|\[AgentHost|AccountPolicyGate|Service Worker|renderer-(ExtensionHost|Management)|connection token|grace-time|builtin extensions cache|vsda/.test(text);
}

async function main(): Promise<number> {
	const install = ensureCodeServer();
	const runDir = path.join(ROOT, '.vscode-test', 'runs', process.env.INTEGRATION_RUN_NAME ?? 'integration');
	prepareRunDir(runDir);
	const workspace = path.join(runDir, 'workspace');
	fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
	// A workspace that tries to redirect the token: the extension must ignore it.
	fs.writeFileSync(
		path.join(workspace, '.vscode', 'settings.json'),
		JSON.stringify({ 'signalwire.space': 'https://attacker.example', 'signalwire.projectId': 'attacker', 'signalwire.apiToken': 'stolen' }, null, '\t'),
	);
	// Conversation tests the Test Explorer finds at start (test/integration/testing.test.ts).
	copyScenarioFixtures(ROOT, workspace);
	// Statuses advance one step per fetch: the suites count the fetches of status following.
	const sandbox = await startSandbox({ statusProgression: 'fetch' });
	const server = await startCodeServer(install, {
		runDir,
		smokeTestDriver: true,
		logFile: path.join(runDir, 'code-server.log'),
		env: sandboxHostEnv(sandbox, runDir),
	});
	let exitCode = -1;
	let resolveExit: (code: number) => void = () => undefined;
	const exited = new Promise<number>((resolve) => (resolveExit = resolve));
	const output: string[] = [];
	const url = workbenchUrl(server, workspace, [
		['extensionDevelopmentPath', remoteUri(server, ROOT)],
		['extensionTestsPath', remoteUri(server, path.join(ROOT, 'out', 'test', 'integration', 'index.js'))],
		['skipWelcome', 'true'],
		['skipReleaseNotes', 'true'],
	]);
	const workbench = await openWorkbench(url, {
		profileDir: path.join(runDir, 'chromium-profile'),
		consoleLogFile: path.join(runDir, 'browser-console.log'),
		onAutomationLog: (text) => {
			output.push(text);
			if (!isWorkbenchNoise(text)) {
				process.stdout.write(`${text}\n`);
			}
		},
		onAutomationExit: (code) => resolveExit(code),
	});
	let timer: NodeJS.Timeout | undefined;
	try {
		exitCode = await Promise.race([
			exited,
			new Promise<number>((resolve) => {
				timer = setTimeout(() => resolve(-2), SUITE_TIMEOUT_MS);
			}),
		]);
		if (exitCode === -2) {
			const shot = path.join(runDir, 'timeout.png');
			await workbench.page.screenshot({ path: shot }).catch(() => undefined);
			console.error(`integration: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s; screenshot at ${shot}`);
		}
	} finally {
		clearTimeout(timer);
		fs.writeFileSync(path.join(runDir, 'suite-output.log'), output.join('\n'));
		await workbench.close();
		await server.stop();
		await sandbox.close();
	}
	const summary = output.map((line) => /^RESULT (\{.*\})$/.exec(line.trim())).find(Boolean);
	if (summary) {
		const { passes, failures } = JSON.parse(summary[1]) as { passes: number; failures: number };
		console.log(`integration: ${passes} passed, ${failures} failed`);
	} else {
		console.log('integration: 0 passed, 1 failed (the suite reported no result)');
		return 1;
	}
	return exitCode;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
