/**
 * A UI session for tests that drive the real workbench as a person would: the local
 * SignalWire-compatible server, code-server (without the smoke-test driver, so notifications
 * show) with the extension linked into its extensions folder, and Chromium.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ensureCodeServer, prepareRunDir, ROOT, startCodeServer, type RunningCodeServer } from '../../scripts/lib/codeServer';
import { openWorkbench, type Workbench } from '../../scripts/lib/workbench';
import { copyScenarioFixtures } from '../../scripts/lib/scenarioFixtures';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export interface UiSession {
	sandbox: Sandbox;
	server: RunningCodeServer;
	workbench: Workbench;
	page: Page;
	runDir: string;
	screenshot(name: string): Promise<string>;
	close(): Promise<void>;
}

export interface UiSessionOptions {
	name: string;
	settings?: Record<string, unknown>;
	colorScheme?: 'light' | 'dark';
	/** Install this .vsix instead of linking the development folder. */
	vsix?: string;
	/** Copy test/fixtures/smstest into the workspace's scenarios/ folder (conversation tests). */
	scenarioFixtures?: boolean;
}

export async function startUiSession(options: UiSessionOptions): Promise<UiSession> {
	const install = ensureCodeServer();
	const runDir = path.join(ROOT, '.vscode-test', 'runs', `ui-${options.name}`);
	const theme = options.colorScheme === 'light' ? 'Default Light Modern' : 'Default Dark Modern';
	prepareRunDir(runDir, { 'workbench.colorTheme': theme, ...options.settings });
	const workspace = path.join(runDir, 'workspace');
	fs.mkdirSync(workspace, { recursive: true });
	if (options.scenarioFixtures) {
		copyScenarioFixtures(ROOT, workspace);
	}
	if (options.vsix) {
		const { codeServerCli } = await import('../../scripts/lib/codeServer');
		codeServerCli(install, runDir, ['--install-extension', options.vsix]);
	} else {
		fs.symlinkSync(ROOT, path.join(runDir, 'extensions', 'sms-devtools-community.signalwire-messaging-sandbox-0.0.0-dev'), 'dir');
	}
	// Statuses advance one step per fetch, as the suites' waits expect.
	const sandbox = await startSandbox({ statusProgression: 'fetch' });
	const server = await startCodeServer(install, { runDir, smokeTestDriver: false, logFile: path.join(runDir, 'code-server.log') });
	const workbench = await openWorkbench(`${server.url}/?folder=${encodeURIComponent(workspace)}`, {
		profileDir: path.join(runDir, 'chromium-profile'),
		consoleLogFile: path.join(runDir, 'browser-console.log'),
		colorScheme: options.colorScheme ?? 'dark',
	});
	const page = workbench.page;
	await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	return {
		sandbox,
		server,
		workbench,
		page,
		runDir,
		async screenshot(name: string) {
			const file = path.join(SCREENSHOT_DIR, `${name}.png`);
			await page.waitForTimeout(350);
			await page.screenshot({ path: file });
			return file;
		},
		async close() {
			await workbench.close();
			await server.stop();
			await sandbox.close();
		},
	};
}

/** Opens the command palette and runs a command by its title, retrying while the extension host starts. */
export async function runCommand(page: Page, title: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		await page.keyboard.press('F1');
		const input = page.locator('.quick-input-widget .quick-input-box input');
		await input.waitFor({ state: 'visible', timeout: 5000 });
		await input.fill(`>${title}`);
		const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${title}"]`).first();
		try {
			await row.waitFor({ state: 'visible', timeout: 2000 });
			await page.keyboard.press('Enter');
			return;
		} catch {
			await page.keyboard.press('Escape');
			await page.waitForTimeout(500);
		}
	}
	throw new Error(`command "${title}" did not appear in the command palette`);
}

/** Waits for the visible quick input to show `text` in its title, message, placeholder or rows. */
export async function waitForQuickInput(page: Page, text: string, timeoutMs = 15_000): Promise<void> {
	await page.waitForFunction(
		(wanted) => {
			const widget = document.querySelector<HTMLElement>('.quick-input-widget');
			if (!widget || widget.style.display === 'none') {
				return false;
			}
			const input = widget.querySelector<HTMLInputElement>('.quick-input-box input');
			return (widget.textContent ?? '').includes(wanted) || (input?.placeholder ?? '').includes(wanted) || (input?.getAttribute('aria-label') ?? '').includes(wanted);
		},
		text,
		{ timeout: timeoutMs },
	);
}

export async function typeIntoQuickInput(page: Page, value: string): Promise<void> {
	const input = page.locator('.quick-input-widget .quick-input-box input');
	await input.fill(value);
}

/** Waits for a notification toast whose text contains `text` and returns its text. */
export async function waitForNotification(page: Page, text: string, timeoutMs = 20_000): Promise<string> {
	const toast = page.locator('.notification-toast').filter({ hasText: text }).first();
	await toast.waitFor({ state: 'visible', timeout: timeoutMs });
	const content = await toast.textContent();
	assert.ok(content);
	return content;
}

/** The pane of one SMS Sandbox view (Messages, Conversations, Webhooks): three views share the sidebar. */
export function viewPane(page: Page, name: string): Locator {
	return page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: name }) }).first();
}

/**
 * Collapses the SMS Sandbox views other than `keep` by clicking their headers, as a person makes
 * room for a long list (the views share the sidebar's height, and a list draws only what fits).
 */
export async function collapseOtherViews(page: Page, keep: string): Promise<void> {
	for (const name of ['Messages', 'Conversations', 'Webhooks'].filter((view) => view !== keep)) {
		const header = page.locator('.pane-header', { hasText: name }).first();
		if ((await header.count()) > 0 && (await header.getAttribute('aria-expanded')) === 'true') {
			await header.click();
		}
	}
}

/** The document of the active webview (the compose form or a conversation): its iframe, then its active frame. */
export function webviewFrame(page: Page): FrameLocator {
	return page.locator('iframe.webview.ready').first().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Picks a color theme with "Preferences: Color Theme", as a person would. */
export async function setTheme(page: Page, label: string): Promise<void> {
	await page.keyboard.press('F1');
	await typeIntoQuickInput(page, '>Preferences: Color Theme');
	// Click the exact command: the Marketplace one may rank first, and it needs the network.
	await page.locator('.quick-input-widget .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
	await waitForQuickInput(page, 'Select Color Theme');
	await typeIntoQuickInput(page, label);
	await page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${label}"]`).first().waitFor({ timeout: 10_000 });
	await page.keyboard.press('Enter');
}

/** Answers the three Sign In prompts (already opened) by keyboard and waits for "Signed in". */
export async function answerSignInPrompts(page: Page, credentials: { space: string; projectId: string; token: string }): Promise<void> {
	await waitForQuickInput(page, 'Sign In (1/3)');
	await typeIntoQuickInput(page, credentials.space);
	await page.keyboard.press('Enter');
	await waitForQuickInput(page, 'Sign In (2/3)');
	await typeIntoQuickInput(page, credentials.projectId);
	await page.keyboard.press('Enter');
	await waitForQuickInput(page, 'Sign In (3/3)');
	await typeIntoQuickInput(page, credentials.token);
	await page.keyboard.press('Enter');
	await waitForNotification(page, 'Signed in');
}
