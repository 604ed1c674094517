/**
 * `npm start`: builds the extension, starts the local SignalWire-compatible server, and opens a
 * VS Code with the extension loaded: desktop `code --extensionDevelopmentPath` when `code` is on
 * PATH, otherwise code-server on 127.0.0.1 (URL printed). Prints what to sign in with.
 * Ctrl+C stops everything it started.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { ensureCodeServer, prepareRunDir, ROOT, startCodeServer } from './lib/codeServer';

async function main(): Promise<void> {
	const build = spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) {
		process.exit(build.status ?? 1);
	}
	const port = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : 0;
	const sandbox = await startSandbox({ port });
	const stops: Array<() => Promise<void> | void> = [() => sandbox.close()];
	const workspace = path.join(ROOT, '.vscode-test', 'start-workspace');
	fs.mkdirSync(workspace, { recursive: true });

	const hasDesktop = !process.env.SIGNALWIRE_START_WEB && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
	let where: string;
	if (hasDesktop) {
		const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit' });
		child.on('error', () => undefined);
		where = 'VS Code desktop (a new window) with the extension loaded';
	} else {
		const install = ensureCodeServer();
		const runDir = path.join(ROOT, '.vscode-test', 'runs', 'start');
		prepareRunDir(runDir);
		const server = await startCodeServer(install, {
			runDir,
			smokeTestDriver: false,
			logFile: path.join(runDir, 'code-server.log'),
			env: {},
		});
		stops.push(() => server.stop());
		// code-server loads a development extension through a symlink in its extensions folder.
		const link = path.join(server.extensionsDir, 'sms-devtools-community.signalwire-messaging-sandbox-dev');
		fs.rmSync(link, { force: true, recursive: true });
		fs.symlinkSync(ROOT, link, 'dir');
		where = `code-server: open ${server.url}/?folder=${encodeURIComponent(workspace)} in your browser`;
	}

	console.log(`
SMS Sandbox for SignalWire (unofficial) is running.

  VS Code:        ${where}
  Local server:   ${sandbox.url}  (a SignalWire-compatible fake on loopback; nothing leaves this machine)

Run "SignalWire: Sign In..." from the command palette (F1) and enter:
  Space:       ${sandbox.url}
  Project ID:  ${sandbox.projectId}
  API token:   ${sandbox.token}

Then "SignalWire: Send Message..." (From: one of the sandbox's numbers; To: any +1555 number).
Press Ctrl+C to stop.
`);
	let stopping = false;
	const shutdown = async () => {
		if (stopping) {
			return;
		}
		stopping = true;
		console.log('Stopping...');
		for (const stop of stops.reverse()) {
			await stop();
		}
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
