/**
 * `npm start` as a developer runs it: it must build, start the local server, open a VS Code with
 * the extension loaded, print what to sign in with, leave the token in no file or process listing
 * — and Ctrl+C must stop everything it started. With desktop VS Code (`code` on PATH; a stand-in
 * here that records how it was started) it hands the development host the server's URL and a
 * one-time sign-in code, never the token; the extension's side of the exchange is in
 * test/integration/dev-sign-in.test.ts. A second `npm start` reuses the local server's port, token
 * and Signing Key and code-server's user data (the one state file, user-only and git-ignored, is
 * the only file with the token); `npm start -- --fresh` starts clean.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/codeServer';
import { openWorkbench, type Workbench } from '../../scripts/lib/workbench';
import { answerSignInPrompts, expectNotification, openPages, runCommand, SCREENSHOT_DIR, typeIntoQuickInput, waitForQuickInput } from './session';

/** Files under `dir` whose bytes contain `secret`. */
function filesContaining(dir: string, secret: string): string[] {
	if (!fs.existsSync(dir)) {
		return [];
	}
	const found: string[] = [];
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		const file = path.join(entry.parentPath, entry.name);
		if (entry.isFile() && fs.readFileSync(file).includes(secret)) {
			found.push(file);
		}
	}
	return found;
}

/** Processes (this user's, readable) whose command line or environment contains `secret`. */
function processesContaining(secret: string): string[] {
	const found: string[] = [];
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		for (const part of ['cmdline', 'environ']) {
			try {
				if (fs.readFileSync(path.join('/proc', pid, part)).includes(secret)) {
					found.push(`${pid} ${part}`);
				}
			} catch {
				// gone, or not ours
			}
		}
	}
	return found;
}

const STATE_FILE = path.join(ROOT, '.vscode-test', 'npm-start', 'state.json');
const RUN_DIR = path.join(ROOT, '.vscode-test', 'runs', 'start');
const BROWSER_PROFILE = path.join(ROOT, '.vscode-test', 'runs', 'ui-npm-start-browser');

interface StartRun {
	child: ChildProcess;
	output: () => string;
}

/** `npm start` with the web workbench (code-server), once it says it is ready. */
async function npmStart(args: string[]): Promise<StartRun> {
	let output = '';
	const child = spawn('npm', ['start', ...(args.length > 0 ? ['--', ...args] : [])], {
		cwd: ROOT,
		env: { ...process.env, SIGNALWIRE_START_WEB: '1' },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const deadline = Date.now() + 200_000;
	while (!/Press Ctrl\+C to stop/.test(output)) {
		if (Date.now() > deadline || child.exitCode !== null) {
			throw new Error(`npm start did not get ready:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return { child, output: () => output };
}

/** Stops a run as Ctrl+C does and waits for its process group to be gone. */
async function stopRun(run: StartRun | undefined): Promise<void> {
	const pid = run?.child.pid;
	if (!pid) {
		return;
	}
	try {
		process.kill(-pid, 'SIGINT');
	} catch {
		return;
	}
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		try {
			process.kill(-pid, 0);
		} catch {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	process.kill(-pid, 'SIGKILL');
}

/** What a run printed: the credentials and the workbench URL. */
function printed(output: string) {
	return {
		space: /Space:\s+(\S+)/.exec(output)?.[1],
		token: /API token:\s+(\S+)/.exec(output)?.[1],
		signingKey: /Signing Key:\s+(\S+)/.exec(output)?.[1],
		url: /open (http:\/\/127\.0\.0\.1:\d+\/\S*) in your browser/.exec(output)?.[1],
	};
}

/** The first run's output, for the second run to compare with. */
let firstRunOutput = '';

describe('UI: npm start', function () {
	this.timeout(240_000);
	let child: ChildProcess;
	let output = '';
	let workbench: Workbench | undefined;

	before(async () => {
		// Clean, as on a new clone: the next describe runs it a second time.
		const run = await npmStart(['--fresh']);
		child = run.child;
		output = run.output();
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		firstRunOutput = output;
	});

	after(async () => {
		if (workbench) {
			openPages.delete(workbench.page);
		}
		await workbench?.close();
		if (child.exitCode === null && child.pid) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});

	it('opens a VS Code with the extension loaded and prints credentials that sign in', async () => {
		const url = /open (http:\/\/127\.0\.0\.1:\d+\/\S*) in your browser/.exec(output)?.[1];
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const projectId = /Project ID:\s+(\S+)/.exec(output)?.[1];
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(url && space && projectId && token, `npm start must print the URL and the credentials:\n${output}`);
		workbench = await openWorkbench(url, { profileDir: BROWSER_PROFILE });
		const { page } = workbench;
		openPages.add(page);
		await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
		await runCommand(page, 'SignalWire: Sign In...');
		await answerSignInPrompts(page, { space, projectId, token });
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		await page.waitForTimeout(350);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'npm-start.png') });
	});

	it('signs in with the one connection line it prints, typed into the first Sign In step', async () => {
		assert.ok(workbench);
		const { page } = workbench;
		const line = /Connection:\s+(\S+ \S+ \S+)/.exec(output)?.[1];
		assert.ok(line, `npm start must print the connection line:\n${output}`);
		await runCommand(page, 'Notifications: Clear All Notifications');
		await runCommand(page, 'SignalWire: Sign In...');
		await waitForQuickInput(page, 'Sign In (1/3)');
		await typeIntoQuickInput(page, line);
		await page.keyboard.press('Enter');
		// No second or third step: the input closes (expectNotification waits for that before it
		// opens the Notifications Center from the palette, which would cancel an open input).
		await expectNotification(page, 'Signed in to 127.0.0.1');
	});

	it('leaves the token in no file it wrote but its user-only, git-ignored state file, and in no process listing', () => {
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(token);
		// What outlives the run: code-server's settings, logs and extension state, the workspace, the state.
		const dirs = [RUN_DIR, path.join(ROOT, '.vscode-test', 'start-workspace'), path.dirname(STATE_FILE)];
		const files = dirs.flatMap((dir) => filesContaining(dir, token));
		assert.deepEqual(files, [STATE_FILE], 'the token must be in no file npm start leaves but its state file');
		assert.equal(fs.statSync(STATE_FILE).mode & 0o777, 0o600, 'the state file is readable by the user only');
		assert.equal(fs.statSync(path.dirname(STATE_FILE)).mode & 0o777, 0o700, 'and so is its folder');
		const ignored = spawnSync('git', ['check-ignore', '-q', STATE_FILE], { cwd: ROOT });
		assert.equal(ignored.status, 0, 'git ignores the state file');
		assert.deepEqual(processesContaining(token), [], 'the token must be in no process\'s command line or environment');
	});

	it('prints the Signing Key and an inject command that the local server takes', async () => {
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const signingKey = /Signing Key:\s+(\S+)/.exec(output)?.[1];
		const inject = /-d '(\{[^']*\})'/.exec(output)?.[1];
		assert.ok(space && signingKey && inject, `npm start must print the Signing Key and how to inject:\n${output}`);
		assert.match(output, /curl -X POST \S+\/__sandbox\/inbound -H 'X-Sandbox-Control: 1'/, 'the printed command sends the control header');
		const info = (await (await fetch(`${space}/__sandbox/info`)).json()) as { signingKey: string };
		assert.equal(signingKey, info.signingKey);
		const injected = await fetch(`${space}/__sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: inject });
		assert.equal(injected.status, 201, await injected.text());
	});

	it('stops everything it started on Ctrl+C', async () => {
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
		if (workbench) {
			openPages.delete(workbench.page);
		}
		await workbench?.close();
		workbench = undefined;
		assert.ok(child.pid);
		process.kill(-child.pid, 'SIGINT');
		// npm itself dies of the signal at once; the script then stops what it started.
		const reachable = async (target: string) =>
			fetch(`${target}/`).then(
				() => true,
				() => false,
			);
		const deadline = Date.now() + 20_000;
		let still: string[] = [];
		do {
			await new Promise((resolve) => setTimeout(resolve, 250));
			still = [];
			for (const target of [space, url]) {
				if (target && (await reachable(target))) {
					still.push(target);
				}
			}
		} while (still.length > 0 && Date.now() < deadline);
		assert.deepEqual(still, [], `still answering 20 s after Ctrl+C:\n${output.slice(-1000)}`);
		assert.match(output, /Stopped\./);
	});
});

describe('UI: npm start, second time', function () {
	this.timeout(300_000);
	const marker = path.join(RUN_DIR, 'user-data', 'User', 'npm-start-kept.txt');
	let second: StartRun | undefined;
	let workbench: Workbench | undefined;

	before(async () => {
		assert.ok(firstRunOutput, 'the first run (the describe above) ran');
		fs.writeFileSync(marker, 'kept between runs\n');
		second = await npmStart([]);
	});

	after(async () => {
		await workbench?.close();
		await stopRun(second);
	});

	it('reuses the local server\'s port, token and Signing Key and code-server\'s port, and says so', () => {
		assert.ok(second);
		const first = printed(firstRunOutput);
		const again = printed(second.output());
		assert.ok(first.space && first.token && first.signingKey && first.url, firstRunOutput);
		assert.deepEqual(again, first, 'the same Space, token, Signing Key and workbench URL');
		assert.match(second.output(), /Reused the saved local server/);
		assert.match(second.output(), /\.vscode-test\/npm-start\/state\.json/);
		assert.match(second.output(), /npm start -- --fresh` starts clean/);
	});

	it('keeps code-server\'s user data', () => {
		assert.ok(fs.existsSync(marker), 'a file in code-server\'s User folder outlives the run');
	});

	it('opens signed in, in the browser that signed in during the first run', async () => {
		const { url } = printed(second?.output() ?? '');
		assert.ok(url);
		workbench = await openWorkbench(url, { profileDir: BROWSER_PROFILE, keepProfile: true });
		const { page } = workbench;
		await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
		await page.locator('.part.statusbar').getByText('127.0.0.1').first().waitFor({ timeout: 60_000 });
	});

	it('moves the local server to a new port, same token and Signing Key, when the saved port is taken', async () => {
		await workbench?.close();
		workbench = undefined;
		await stopRun(second);
		const before = printed(second?.output() ?? '');
		const savedPort = Number(new URL(before.space ?? '').port);
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(savedPort, '127.0.0.1', resolve));
		try {
			second = await npmStart([]);
		} finally {
			await new Promise<void>((resolve) => blocker.close(() => resolve()));
		}
		const after = printed(second.output());
		assert.notEqual(after.space, before.space);
		assert.equal(after.token, before.token);
		assert.equal(after.signingKey, before.signingKey);
		assert.match(second.output(), new RegExp(`The saved port ${savedPort} is taken: the local server is on a new port`));
	});

	it('starts clean with --fresh: a new token and Signing Key, and new user data', async () => {
		await workbench?.close();
		workbench = undefined;
		await stopRun(second);
		const before = printed(second?.output() ?? '');
		second = await npmStart(['--fresh']);
		const after = printed(second.output());
		assert.ok(after.token && after.signingKey, second.output());
		assert.notEqual(after.token, before.token);
		assert.notEqual(after.signingKey, before.signingKey);
		assert.ok(!fs.existsSync(marker), 'code-server\'s user data starts empty');
		assert.doesNotMatch(second.output(), /Reused the saved local server/);
	});
});

describe('UI: npm start with desktop VS Code', function () {
	this.timeout(120_000);
	let child: ChildProcess;
	let output = '';
	let fakeBin: string;
	const record = () => path.join(fakeBin, 'started.json');

	before(async () => {
		// A stand-in `code`: answers --version, and records the arguments and the sign-in environment.
		fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-code-'));
		fs.writeFileSync(
			path.join(fakeBin, 'code'),
			`#!/usr/bin/env node
if (process.argv.includes('--version')) { process.exit(0); }
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('SIGNALWIRE_')));
const file = ${JSON.stringify(path.join(fakeBin, 'started.json'))};
// Written whole, then renamed: the test waits for the file and must not read it half written.
require('node:fs').writeFileSync(file + '.tmp', JSON.stringify({ args: process.argv.slice(2), env, all: JSON.stringify(process.env) }));
require('node:fs').renameSync(file + '.tmp', file);
`,
			{ mode: 0o755 },
		);
		const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakeBin}${path.delimiter}${process.env.PATH ?? ''}` };
		delete env.SIGNALWIRE_START_WEB;
		child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const deadline = Date.now() + 100_000;
		while (!/Press Ctrl\+C to stop/.test(output) || !fs.existsSync(record())) {
			if (Date.now() > deadline || child.exitCode !== null) {
				throw new Error(`npm start did not get ready:\n${output}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	});

	after(() => {
		if (child.exitCode === null && child.pid) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
		fs.rmSync(fakeBin, { recursive: true, force: true });
	});

	it('opens a development host with the server URL and a one-time code that signs in once, never the token', async () => {
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const projectId = /Project ID:\s+(\S+)/.exec(output)?.[1];
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(space && projectId && token, output);
		assert.match(output, /signs itself in to the local server/);
		const started = JSON.parse(fs.readFileSync(record(), 'utf8')) as { args: string[]; env: Record<string, string>; all: string };
		assert.ok(started.args.includes(`--extensionDevelopmentPath=${ROOT}`), started.args.join(' '));
		assert.equal(started.env.SIGNALWIRE_DEV_SIGN_IN_URL, space);
		const code = started.env.SIGNALWIRE_DEV_SIGN_IN_CODE;
		assert.ok(code);
		assert.ok(!started.all.includes(token) && !started.args.join(' ').includes(token), 'the development host gets no token');

		const redeem = () => fetch(`${space}/__sandbox/sign-in-codes/redeem`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: JSON.stringify({ code }) });
		const first = await redeem();
		assert.equal(first.status, 200);
		assert.deepEqual(await first.json(), { projectId, token });
		assert.equal((await redeem()).status, 410, 'the code works once');
	});

	it('keeps the terminal tidy: no build-watcher lines, and no install script npm would warn about', () => {
		assert.doesNotMatch(output, /\[watch\]/, 'nothing watches the build here');
		assert.doesNotMatch(output, /npm warn/i);
		// A fresh clone's `npm start` runs `npm ci` first (scripts/ensure-deps.js): npm warns about
		// every installed package with an install script that package.json's allowScripts does not cover.
		const allowed = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
		const installed = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '.package-lock.json'), 'utf8')) as {
			packages: Record<string, { hasInstallScript?: boolean }>;
		}).packages;
		const uncovered = Object.entries(installed)
			.filter(([, entry]) => entry.hasInstallScript)
			.map(([where]) => where.replace(/^.*node_modules\//, ''))
			.filter((name) => allowed[name] === undefined);
		assert.deepEqual(uncovered, [], 'install scripts allowScripts does not cover');
	});
});
