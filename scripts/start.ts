/**
 * `npm start`: builds the extension, starts the local SignalWire-compatible server, and opens a
 * VS Code with the extension: desktop `code --extensionDevelopmentPath` when `code` is on PATH,
 * otherwise code-server on 127.0.0.1 (URL printed). The desktop development host signs itself in
 * to the local server: it gets the server's URL and a one-time sign-in code (never the token) in
 * its environment (src/credentials/devSignIn.ts, sandbox/signInCodes.ts). Prints the credentials
 * too, for signing in by hand. Ctrl+C stops everything it started.
 *
 * Between runs it keeps the local server's port, token and Signing Key and code-server's port in
 * `.vscode-test/npm-start/state.json` (user-only, git-ignored; scripts/lib/startState.ts) and
 * code-server's user data, so the second run opens signed in with the key set. `npm start -- --fresh`
 * deletes both and starts clean.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox } from '../sandbox/server';
import { ensureCodeServer, freePort, ROOT, startCodeServer } from './lib/codeServer';
import { portIsFree, readStartState, writeStartState, type StartState } from './lib/startState';

/** Read by the extension in development mode (src/credentials/devSignIn.ts). */
const DEV_SIGN_IN_URL_ENV = 'SIGNALWIRE_DEV_SIGN_IN_URL';
const DEV_SIGN_IN_CODE_ENV = 'SIGNALWIRE_DEV_SIGN_IN_CODE';

/** A one-time code the extension redeems at the sandbox for its credentials. */
async function signInCode(sandboxUrl: string): Promise<string> {
	const response = await fetch(`${sandboxUrl}/__sandbox/sign-in-codes`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: '{}' });
	const answer = (await response.json()) as { code?: unknown };
	if (response.status !== 201 || typeof answer.code !== 'string') {
		throw new Error(`the local server gave no sign-in code (HTTP ${response.status})`);
	}
	return answer.code;
}

async function main(): Promise<void> {
	const build = spawnSync('node', ['esbuild.js'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) {
		process.exit(build.status ?? 1);
	}
	const fresh = process.argv.slice(2).includes('--fresh');
	const stateFile = path.join(ROOT, '.vscode-test', 'npm-start', 'state.json');
	const runDir = path.join(ROOT, '.vscode-test', 'runs', 'start');
	if (fresh) {
		fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
		fs.rmSync(runDir, { recursive: true, force: true });
	}
	const saved = readStartState(stateFile);
	const notes: string[] = [];
	const envPort = process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : undefined;
	const keep = { token: saved?.sandbox.token, signingKey: saved?.sandbox.signingKey };
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	try {
		sandbox = await startSandbox({ port: envPort ?? saved?.sandbox.port ?? 0, ...keep });
	} catch (error) {
		if (envPort !== undefined || !saved || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
			throw error;
		}
		sandbox = await startSandbox({ port: 0, ...keep });
		notes.push(
			`The saved port ${saved.sandbox.port} is taken: the local server is on a new port, ${sandbox.port} ` +
				'(sign in again with its URL).',
		);
	}
	const state: StartState = {
		sandbox: { port: sandbox.port, token: sandbox.token, signingKey: sandbox.signingKey },
		codeServer: saved?.codeServer,
	};
	const stops: Array<() => Promise<void> | void> = [() => sandbox.close()];
	const workspace = path.join(ROOT, '.vscode-test', 'start-workspace');
	fs.mkdirSync(workspace, { recursive: true });

	const hasDesktop = !process.env.SIGNALWIRE_START_WEB && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
	let where: string;
	let signedIn = true;
	if (hasDesktop) {
		// The development host gets the server's URL and a one-time code, never the token.
		const signInEnv = { [DEV_SIGN_IN_URL_ENV]: sandbox.url, [DEV_SIGN_IN_CODE_ENV]: await signInCode(sandbox.url) };
		const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit', env: { ...process.env, ...signInEnv } });
		child.on('error', () => undefined);
		where = 'VS Code desktop (a new window) with the extension loaded';
	} else {
		const install = ensureCodeServer();
		// code-server's user data (and its port: the browser origin, under which the web workbench
		// keeps the extension's secrets) outlive the run; startCodeServer creates the folder if missing.
		let codeServerPort = saved?.codeServer?.port;
		if (codeServerPort !== undefined && !(await portIsFree(codeServerPort))) {
			notes.push(
				`The saved code-server port ${codeServerPort} is taken: code-server is on a new port ` +
					'(a new browser origin: sign in again).',
			);
			codeServerPort = undefined;
		}
		const server = await startCodeServer(install, {
			runDir,
			port: codeServerPort ?? (await freePort()),
			smokeTestDriver: false,
			logFile: path.join(runDir, 'code-server.log'),
			env: {},
		});
		stops.push(() => server.stop());
		state.codeServer = { port: server.port };
		// code-server loads the extension through a symlink in its extensions folder: an installed
		// extension, not one in development mode. (A development host in code-server's web workbench
		// needs its smoke-test driver, which hides every notification toast.) So no sign-in code here.
		const link = path.join(server.extensionsDir, 'sms-devtools-community.signalwire-messaging-sandbox-dev');
		fs.rmSync(link, { force: true, recursive: true });
		fs.symlinkSync(ROOT, link, 'dir');
		where = `code-server: open ${server.url}/?folder=${encodeURIComponent(workspace)} in your browser`;
		signedIn = false;
	}
	writeStartState(stateFile, state);
	const reusedWeb = !signedIn && saved?.codeServer?.port === state.codeServer?.port && notes.length === 0;
	const reused = saved
		? `Reused the saved local server (${sandbox.port === saved.sandbox.port ? 'port, ' : ''}token and Signing Key)` +
			`${hasDesktop ? '' : " and code-server's user data"}: ` +
			`${path.relative(ROOT, stateFile)} (yours only, git-ignored). \`npm start -- --fresh\` starts clean.\n`
		: `Saved the local server's port, token and Signing Key in ${path.relative(ROOT, stateFile)} ` +
			'(yours only, git-ignored) for the next npm start; `npm start -- --fresh` starts clean.\n';
	const signInLead = signedIn
		? 'The extension signs itself in to the local server (development mode, a one-time code).\nTo sign in by hand, run'
		: reusedWeb
			? 'In the browser that signed in before, it opens signed in already. Otherwise run'
			: 'Run';

	console.log(`
SMS Sandbox for SignalWire (unofficial) is running.

  VS Code:        ${where}
  Local server:   ${sandbox.url}  (a SignalWire-compatible fake on loopback; nothing leaves this machine)

${signInLead} "SignalWire: Sign In..." from the command palette (F1) and enter:
  Space:       ${sandbox.url}
  Project ID:  ${sandbox.projectId}
  API token:   ${sandbox.token}
Or paste this one connection line into the first step (it works for the local server only):
  Connection:  ${sandbox.url} ${sandbox.projectId} ${sandbox.token}

Then "SignalWire: Send Message..." (From: one of the sandbox's numbers; To: any +1555 number).
Test a conversation: +15550100555 answers "Echo: <your text>" about a second later; +15550100556
answers STOP (sends to it then fail with 21610 until it sends START). Inject a message by hand:
  curl -X POST ${sandbox.url}/__sandbox/inbound -H 'X-Sandbox-Control: 1' -H 'content-type: application/json' \\
    -d '{"from":"+15550100556","to":"${sandbox.numbers[0]?.phoneNumber ?? ''}","body":"START"}'
Webhooks: the local server signs its callbacks with this Signing Key ("SignalWire: Set Signing Key..."):
  Signing Key: ${sandbox.signingKey}
The local server's own README: sandbox/README.md.
${reused}${notes.map((note) => `${note}\n`).join('')}Press Ctrl+C to stop.
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
