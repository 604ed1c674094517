/**
 * Conversations in the real workbench, by keyboard: a reply from the local server's echo handset
 * imported with "Import from Space...", the Conversations view, the conversation panel with the
 * reply bubble, a reply typed in the panel and sent with Ctrl+Enter, followed to delivered, and
 * the handset's echo arriving while the panel is visible. Light and dark screenshots go to
 * test-results/screenshots/conversation-*.png.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { answerSignInPrompts, expectNotification, runCommand, setTheme, startUiSession, viewPane, waitForQuickInput, webviewFrame, type UiSession } from './session';

const OWN = '+15550100100';
const ECHO = '+15550100555';

describe('UI: conversations', function () {
	this.timeout(240_000);
	let session: UiSession;
	let page: Page;

	before(async () => {
		session = await startUiSession({ name: 'conversations', colorScheme: 'dark' });
		page = session.page;
	});

	after(async () => {
		await session?.close();
	});

	it('signs in and imports a reply from the Space', async () => {
		const { sandbox } = session;
		await runCommand(page, 'SignalWire: Sign In...');
		await answerSignInPrompts(page, { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token });

		sandbox.inject({ from: ECHO, to: OWN, body: 'Hi! Is this the test line?', mediaUrls: [] });
		await runCommand(page, 'SignalWire: Import from Space...');
		await waitForQuickInput(page, 'Last 7 days');
		await session.screenshot('conversation-import-range');
		await page.keyboard.press('Enter'); // Today
		await waitForQuickInput(page, 'Import from Space (2/2)');
		await page.keyboard.press('Enter'); // no filters
		await expectNotification(page, 'Import finished: 1 new of 1');
	});

	it('lists the thread in the Conversations view', async () => {
		await runCommand(page, 'Focus on Conversations View');
		const row = viewPane(page, 'Conversations').locator('.pane-body .monaco-list-row', { hasText: ECHO }).first();
		await row.waitFor({ timeout: 20_000 });
		assert.match((await row.textContent()) ?? '', /Is this the test line/);
		await session.screenshot('conversations-view');
	});

	it('opens the thread, shows the reply bubble, and replies from the panel with Ctrl+Enter', async () => {
		await runCommand(page, 'SignalWire: Open Conversation...');
		await waitForQuickInput(page, 'Open which conversation?');
		await page.keyboard.press('Enter');
		const panel = webviewFrame(page);
		const inbound = panel.locator('.bubble.inbound', { hasText: 'Is this the test line?' });
		await inbound.waitFor({ timeout: 30_000 });
		await runCommand(page, 'View: Close Primary Side Bar');
		await panel.locator('#body').focus();
		await page.keyboard.type('Yes, this is the test line 👋');
		await panel.locator('#meter').getByText('UCS-2').waitFor();
		await page.keyboard.press('Control+Enter');
		const outbound = panel.locator('.bubble.outbound', { hasText: 'Yes, this is the test line' });
		await outbound.waitFor({ timeout: 20_000 });
		assert.equal(await panel.locator('#body').inputValue(), '', 'the box is emptied after a send');
		await panel.locator('.bubble.inbound', { hasText: 'Echo: Yes, this is the test line' }).waitFor({ timeout: 30_000 });
		await panel.locator('.bubble.outbound[data-status="delivered"]').waitFor({ timeout: 60_000 });
		await session.screenshot('conversation-dark');
		await setTheme(page, 'Light Modern');
		await panel.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 20_000 });
		await session.screenshot('conversation-light');
	});
});
