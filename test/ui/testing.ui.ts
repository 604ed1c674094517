/**
 * Conversation tests in the real workbench, by keyboard: open the example .smstest file (its
 * colours), run it from the Testing view against the local server and see every step pass in the
 * editor's gutter, then change an expected reply, save, run again and see the failure at its line
 * with the diff of expected and actual. Light and dark screenshots go to
 * test-results/screenshots/smstest-*.png (copied into media/screenshots for the README). And a
 * conversation with the echo handset saved as a test from the conversation panel's title bar,
 * which then passes.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { answerSignInPrompts, expectNotification, runCommand, setTheme, startUiSession, waitForQuickInput, webviewFrame, type UiSession } from './session';

/** Steps and scenarios of test/fixtures/smstest/handsets.smstest: 9 steps, 2 scenarios. */
const STEP_LINES = 9;

async function gutterIcons(page: Page, kind: 'passed' | 'failed'): Promise<number> {
	return page.locator(`.monaco-editor .codicon-testing-${kind}-icon`).count();
}

describe('UI: conversation tests', function () {
	this.timeout(300_000);
	let session: UiSession;
	let page: Page;

	before(async () => {
		session = await startUiSession({ name: 'testing', colorScheme: 'dark', scenarioFixtures: true });
		page = session.page;
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await session.screenshot(`smstest-failure-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
		}
	});

	after(async () => {
		await session?.close();
	});

	it('opens the example, runs it from the Testing view and shows every step passed', async () => {
		await runCommand(page, 'Go to File...');
		await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
		await page.keyboard.type('handsets.smstest');
		await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'handsets.smstest' }).first().waitFor({ timeout: 20_000 });
		await page.keyboard.press('Enter');
		await page.locator('.monaco-editor .view-line', { hasText: 'scenario: the echo handset answers' }).waitFor({ timeout: 20_000 });
		// The Testing view lists the file once the extension found it.
		await runCommand(page, 'Testing: Focus on Test Explorer View');
		await page.locator('.test-explorer .monaco-list-row', { hasText: 'handsets.smstest' }).first().waitFor({ timeout: 30_000 });
		await runCommand(page, 'Test: Run All Tests');
		await page.waitForFunction(
			(wanted) => document.querySelectorAll('.monaco-editor .codicon-testing-passed-icon').length >= wanted,
			STEP_LINES,
			{ timeout: 60_000 },
		);
		assert.equal(await gutterIcons(page, 'failed'), 0);
		// Unfold the file and its first scenario in the Testing view: every step shows its result.
		for (const label of ['handsets.smstest', 'the echo handset answers']) {
			const row = page.locator('.test-explorer .monaco-list-row', { hasText: label }).first();
			await row.waitFor({ timeout: 10_000 });
			if ((await row.getAttribute('aria-expanded')) !== 'true') {
				await row.click();
			}
		}
		await page.locator('.test-explorer .monaco-list-row', { hasText: '< Echo: Hello' }).first().waitFor({ timeout: 10_000 });
		await session.screenshot('smstest-passed-dark');
		await setTheme(page, 'Light Modern');
		await page.waitForTimeout(1000);
		await session.screenshot('smstest-passed-light');
	});

	it('changes an expected reply, runs again and shows the failure and its diff at the line', async () => {
		await runCommand(page, 'View: Focus Active Editor Group');
		await runCommand(page, 'Go to Line/Column...');
		await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
		await page.keyboard.type('9');
		await page.keyboard.press('Enter');
		await page.keyboard.press('End');
		await page.keyboard.press('Shift+Home');
		await page.keyboard.type('< Echo: Goodbye');
		await page.keyboard.press('Control+S');
		await page.locator('.tab.active:not(.dirty)', { hasText: 'handsets.smstest' }).waitFor({ timeout: 10_000 });
		await runCommand(page, 'Test: Run Tests in Current File');
		await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .codicon-testing-failed-icon').length > 0, undefined, { timeout: 60_000 });
		// The failure's message opens at the step's line, with the expected and actual bodies.
		await runCommand(page, 'Test: Peek Output');
		const peek = page.locator('.test-output-peek');
		await peek.waitFor({ timeout: 20_000 });
		await page.locator('.test-output-peek', { hasText: 'Echo: Hello' }).waitFor({ timeout: 20_000 });
		await session.screenshot('smstest-failed-light');
		await setTheme(page, 'Dark Modern');
		await page.waitForTimeout(1000);
		await session.screenshot('smstest-failed-dark');
	});
});

describe('UI: conversation tests from a conversation', function () {
	this.timeout(300_000);
	let session: UiSession;
	let page: Page;

	before(async () => {
		session = await startUiSession({ name: 'testing-record', colorScheme: 'dark' });
		page = session.page;
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await session.screenshot('smstest-failure-record');
		}
	});

	after(async () => {
		await session?.close();
	});

	it('saves a conversation as a test from the panel\'s title bar, and it passes against the local server', async () => {
		const { sandbox } = session;
		await runCommand(page, 'SignalWire: Sign In...');
		await answerSignInPrompts(page, { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token });
		// A conversation with the echo handset, as if sent earlier: statuses and the echo come on their own.
		sandbox.setSettings({ statusProgression: 'time', statusStepMs: 50, replyDelayMs: 50 });
		const auth = Buffer.from(`${sandbox.projectId}:${sandbox.token}`).toString('base64');
		const created = await fetch(`${sandbox.url}/2010-04-01/Accounts/${sandbox.projectId}/Messages.json`, {
			method: 'POST',
			headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ From: '+15550100100', To: '+15550100555', Body: 'Hello from the tests' }).toString(),
		});
		assert.equal(created.status, 201);
		const deadline = Date.now() + 20_000;
		while (!sandbox.messages.some((m) => m.body === 'Echo: Hello from the tests') && Date.now() < deadline) {
			await page.waitForTimeout(100);
		}
		await runCommand(page, 'SignalWire: Import from Space...');
		await waitForQuickInput(page, 'Last 7 days');
		await page.keyboard.press('Enter'); // Today
		await waitForQuickInput(page, 'Import from Space (2/2)');
		await page.keyboard.press('Enter'); // no filters
		await expectNotification(page, 'Import finished: 2 new');
		await runCommand(page, 'SignalWire: Open Conversation...');
		await waitForQuickInput(page, 'Open which conversation?');
		await page.keyboard.press('Enter');
		await webviewFrame(page).locator('.bubble.inbound', { hasText: 'Echo: Hello from the tests' }).waitFor({ timeout: 30_000 });
		await page.locator('.editor-actions [aria-label="Save Conversation as Test..."]').first().click();
		// The save dialog proposes conversation-15550100555.smstest in the workspace folder.
		await page.waitForFunction(
			() => (document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input')?.value ?? '').endsWith('conversation-15550100555.smstest'),
			undefined,
			{ timeout: 20_000 },
		);
		await page.keyboard.press('Enter');
		await page.locator('.monaco-editor .view-line', { hasText: 'to: +15550100555' }).waitFor({ timeout: 20_000 });
		await page.locator('.monaco-editor .view-line', { hasText: '< Echo: Hello from the tests' }).waitFor({ timeout: 5000 });
		// Run once the Testing view lists the new file: run at once, it found "No tests in this file".
		await runCommand(page, 'Testing: Focus on Test Explorer View');
		const row = page.locator('.test-explorer .monaco-list-row', { hasText: 'conversation-15550100555.smstest' });
		await row.first().waitFor({ timeout: 30_000 });
		await runCommand(page, 'View: Focus Active Editor Group');
		await runCommand(page, 'Test: Run Tests in Current File');
		await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .codicon-testing-passed-icon').length >= 3, undefined, { timeout: 60_000 });
		assert.equal(await gutterIcons(page, 'failed'), 0);
		await session.screenshot('smstest-recorded-dark');
	});
});
