/**
 * `npm start` as a developer runs it: it must build, start the local server, open a VS Code
 * (code-server here) with the extension loaded, print what to sign in with — and Ctrl+C must
 * stop everything it started.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/codeServer';
import { openWorkbench, type Workbench } from '../../scripts/lib/workbench';
import { runCommand, SCREENSHOT_DIR, typeIntoQuickInput, waitForNotification, waitForQuickInput } from './session';

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

	it('opens a VS Code with the extension loaded and prints credentials that sign in', async () => {
		const url = /open (http:\/\/127\.0\.0\.1:\d+\/\S*) in your browser/.exec(output)?.[1];
		const space = /Space:\s+(\S+)/.exec(output)?.[1];
		const projectId = /Project ID:\s+(\S+)/.exec(output)?.[1];
		const token = /API token:\s+(\S+)/.exec(output)?.[1];
		assert.ok(url && space && projectId && token, `npm start must print the URL and the credentials:\n${output}`);
		workbench = await openWorkbench(url, { profileDir: path.join(ROOT, '.vscode-test', 'runs', 'ui-npm-start-browser') });
		const { page } = workbench;
		await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
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
		await waitForNotification(page, 'Signed in');
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
