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

/** Workbench pages open now, for the report of a failed test (scripts/run-ui.ts saves what they show). */
export const openPages = new Set<Page>();

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
	openPages.add(page);
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
			openPages.delete(page);
			await workbench.close();
			await server.stop();
			await sandbox.close();
		},
	};
}

/**
 * Opens the command palette and runs a command by its title, retrying while the extension host
 * starts (its commands appear late) or a loaded machine is slow to draw the palette.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			await page.keyboard.press('F1');
			const input = page.locator('.quick-input-widget .quick-input-box input');
			await input.waitFor({ state: 'visible', timeout: 10_000 });
			await input.fill(`>${title}`);
			const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${title}"]`).first();
			await row.waitFor({ state: 'visible', timeout: 5000 });
			// A click runs this row: Enter runs the focused one, which may still be another while the
			// palette filters (the soak once saw "Clear All Notifications" close the center instead).
			await row.click({ timeout: 5000 });
			return;
		} catch (error) {
			last = error;
			await page.keyboard.press('Escape');
			await page.waitForTimeout(500);
		}
	}
	throw new Error(`command "${title}" did not appear in the command palette: ${String(last)}`);
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

/**
 * Waits until the Notifications Center lists a notification whose text contains `text`, returns its
 * text, then clears the notifications (so a later wait cannot find this one), which closes the
 * center. `whileShown` runs while the center shows it (a screenshot, say).
 *
 * Toasts are not waited on: the workbench hides them on its own schedule, which a loaded machine
 * moves, while the center keeps every notification until it is cleared. With the center open, new
 * notifications go to its list and show no toast.
 */
export async function expectNotification(page: Page, text: string, options: { timeoutMs?: number; whileShown?: () => Promise<unknown> } = {}): Promise<string> {
	const timeoutMs = options.timeoutMs ?? 30_000;
	// The center opens from the palette, which would replace a prompt still open: an input box that
	// took Enter checks the value with the extension first, and closed meanwhile it cancels the command.
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs });
	const center = page.locator('.notifications-center');
	if (!(await center.isVisible().catch(() => false))) {
		await runCommand(page, 'Notifications: Show Notifications');
	}
	// Visible rows only: the list may keep rows of notifications cleared while it was closed.
	const item = center.locator('.notification-list-item').filter({ hasText: text, visible: true }).first();
	try {
		await item.waitFor({ state: 'visible', timeout: timeoutMs });
	} catch (error) {
		const listed = await center
			.locator('.notification-list-item')
			.filter({ visible: true })
			.allTextContents()
			.catch(() => [] as string[]);
		throw new Error(`no notification with "${text}" in the Notifications Center within ${timeoutMs} ms; it lists: ${listed.join(' | ') || '(nothing)'}\n${String(error)}`);
	}
	const content = (await item.textContent()) ?? '';
	assert.ok(content);
	await options.whileShown?.();
	// Cleared, so that a later wait cannot find this one. Not with the row's own Clear button: a
	// progress notification ending above it moves the row under the mouse (the soak saw that click
	// miss). "Clear All Notifications" closes the center, then every notification (the closed
	// center leaves their rows hidden in its list, hence the visible rows only above).
	await runCommand(page, 'Notifications: Clear All Notifications');
	await item.waitFor({ state: 'hidden', timeout: 10_000 });
	await center.waitFor({ state: 'hidden', timeout: 10_000 });
	return content;
}

/**
 * What the workbench shows as notifications: the visible toasts and the Notifications Center's list
 * (opened for the purpose when closed), for the report of a failed test.
 */
export async function notificationsText(page: Page): Promise<string> {
	const toasts = await page
		.locator('.notifications-toasts .notification-toast')
		.allTextContents()
		.catch(() => [] as string[]);
	const center = page.locator('.notifications-center');
	if (!(await center.isVisible().catch(() => false))) {
		await runCommand(page, 'Notifications: Show Notifications').catch(() => undefined);
		await center.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
	}
	const listed = await center
		.locator('.notification-list-item')
		.filter({ visible: true })
		.allTextContents()
		.catch(() => [] as string[]);
	return [
		`Visible toasts (${toasts.length}):`,
		...toasts.map((t) => `- ${t}`),
		`Notifications Center (${listed.length}):`,
		...listed.map((t) => `- ${t}`),
	].join('\n');
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
	await expectNotification(page, 'Signed in');
}

export const FAILURE_DIR = path.join(ROOT, 'test-results', 'failures');

/**
 * Saves what the workbench showed when a test failed: `<title>.png` (the page at that moment) and
 * `<title>.notifications.txt` (the visible toasts, then the Notifications Center's list) under
 * test-results/failures/, one pair per open page. Returns the files written.
 */
export async function saveFailureReport(title: string): Promise<string[]> {
	fs.mkdirSync(FAILURE_DIR, { recursive: true });
	const base = title.replace(/[^\w.-]+/g, ' ').trim().replace(/\s+/g, '-').slice(0, 150) || 'test';
	const written: string[] = [];
	let index = 0;
	for (const page of openPages) {
		const name = openPages.size > 1 ? `${base}.${++index}` : base;
		const shot = path.join(FAILURE_DIR, `${name}.png`);
		// The screenshot first: reading the Notifications Center opens it.
		if (await page.screenshot({ path: shot, timeout: 15_000 }).then(() => true, () => false)) {
			written.push(shot);
		}
		const text = path.join(FAILURE_DIR, `${name}.notifications.txt`);
		const notifications = await Promise.race([
			notificationsText(page),
			new Promise<string>((resolve) => setTimeout(() => resolve('(the workbench did not answer within 30 s)'), 30_000)),
		]).catch((error: unknown) => `(could not read the notifications: ${String(error)})`);
		fs.writeFileSync(text, `${title}\n\n${notifications}\n`);
		written.push(text);
	}
	return written;
}
