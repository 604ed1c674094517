/**
 * Conversation tests in the real workbench, by keyboard: open the example .smstest file (its
 * colours), run it from the Testing view against the local server and see every step pass in the
 * editor's gutter, then change an expected reply, save, run again and see the failure at its line
 * with the diff of expected and actual. Light and dark screenshots go to
 * test-results/screenshots/smstest-*.png (copied into media/screenshots for the README).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { runCommand, setTheme, startUiSession, type UiSession } from './session';

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
