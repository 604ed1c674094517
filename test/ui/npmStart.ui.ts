/**
 * `npm start` as a developer runs it: it must build, start the local server, open a VS Code with
 * the extension loaded, print what to sign in with, leave the token in no file or process listing
 * — and Ctrl+C must stop everything it started. With desktop VS Code (`code` on PATH; a stand-in
 * here that records how it was started) it hands the development host the server's URL and a
 * one-time sign-in code, never the token; the extension's side of the exchange is in
 * test/integration/dev-sign-in.test.ts.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
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

describe('UI: npm start', function () {
	this.timeout(240_000);
	let child: ChildProcess;
	let output = '';
	let workbench: Workbench | undefined;

	before(async () => {
		child = spawn('npm', ['start'], {
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
		workbench = await openWorkbench(url, { profileDir: path.join(ROOT, '.vscode-test', 'runs', 'ui-npm-start-browser') });
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

	it('leaves the token in no file it wrote and in no process listing', () => {
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(token);
		// What outlives the run: code-server's settings, logs and extension state, the workspace.
		const leaks = [path.join(ROOT, '.vscode-test', 'runs', 'start'), path.join(ROOT, '.vscode-test', 'start-workspace')].flatMap((dir) => filesContaining(dir, token));
		assert.deepEqual(leaks, [], 'the token must be in no file npm start leaves');
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
require('node:fs').writeFileSync(${JSON.stringify(path.join(fakeBin, 'started.json'))}, JSON.stringify({ args: process.argv.slice(2), env, all: JSON.stringify(process.env) }));
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
