/**
 * `npm start` as a developer runs it: it must build, start the local server, open a VS Code
 * (code-server here) with the extension under development, already signed in to the local server
 * with a one-time code (no token in settings, files or process listings), print what to sign in
 * with by hand — and Ctrl+C must stop everything it started.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/codeServer';
import { openWorkbench, type Workbench } from '../../scripts/lib/workbench';
import { runCommand, SCREENSHOT_DIR, typeIntoQuickInput, waitForNotification, waitForQuickInput } from './session';

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
		await workbench?.close();
		if (child.exitCode === null && child.pid) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});

	it('opens a VS Code already signed in to the local server, with no token in files or process listings', async () => {
		const url = /open (http:\/\/127\.0\.0\.1:\d+\/\S*) in your browser/.exec(output)?.[1];
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(url && space && token, `npm start must print the URL and the credentials:\n${output}`);
		workbench = await openWorkbench(url, { profileDir: path.join(ROOT, '.vscode-test', 'runs', 'ui-npm-start-browser') });
		const { page } = workbench;
		await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
		await waitForNotification(page, 'Signed in to the local server', 60_000);
		await page.locator('.part.statusbar').getByText(new URL(space).host).first().waitFor({ timeout: 10_000 });
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		await page.waitForTimeout(350);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'npm-start-signed-in.png') });

		// What outlives the run: code-server's settings, logs and extension state, the workspace.
		const leaks = [path.join(ROOT, '.vscode-test', 'runs', 'start'), path.join(ROOT, '.vscode-test', 'start-workspace')].flatMap((dir) => filesContaining(dir, token));
		assert.deepEqual(leaks, [], 'the token must be in no file npm start leaves');
		assert.deepEqual(processesContaining(token), [], 'the token must be in no process\'s command line or environment');
	});

	it('prints credentials that also sign in by hand', async () => {
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const projectId = /Project ID:\s+(\S+)/.exec(output)?.[1];
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(workbench && space && projectId && token);
		const { page } = workbench;
		await runCommand(page, 'SignalWire: Sign In...');
		await waitForQuickInput(page, 'Sign In (1/3)');
		await typeIntoQuickInput(page, space);
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Sign In (2/3)');
		await typeIntoQuickInput(page, projectId);
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Sign In (3/3)');
		await typeIntoQuickInput(page, token);
		await page.keyboard.press('Enter');
		// The by-hand sign-in's own message (the automatic one says "Signed in to the local server").
		await waitForNotification(page, `Signed in to ${new URL(space).host} (`);
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		await page.waitForTimeout(350);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'npm-start.png') });
	});

	it('stops everything it started on Ctrl+C', async () => {
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const url = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
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
