/**
 * Conversations in the real workbench, by keyboard: a reply from the local server's echo handset
 * imported with "Import from Space...", the Conversations view, the conversation panel with the
 * reply bubble, a reply typed in the panel and sent with Ctrl+Enter, followed to delivered, and
 * the handset's echo arriving while the panel is visible; a long thread opened at its newest message,
 * followed at the bottom, and a "New messages ↓" pill when scrolled up. Light and dark screenshots go to
 * test-results/screenshots/conversation-*.png.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { answerSignInPrompts, expectNotification, runCommand, setTheme, startUiSession, viewPane, waitForQuickInput, webviewFrame, type UiSession } from './session';

const OWN = '+15550100100';
const ECHO = '+15550100555';

/** Checks `condition` until it holds (a lasting state of the page), or fails naming `what`. */
async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`timed out waiting for ${what}`);
}

describe('UI: conversations', function () {
	this.timeout(240_000);
	let session: UiSession;
	let page: Page;

	before(async () => {
		// Polls only while a conversation panel is visible (not for 15 minutes after each send).
		session = await startUiSession({ name: 'conversations', colorScheme: 'dark', settings: { 'signalwire.replies.listenMinutes': 0 } });
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
		// The bubble may come from the history before the send's own answer (which empties the box).
		await waitFor(async () => (await panel.locator('#body').inputValue()) === '', 'the box emptied after the send', 20_000);
		await panel.locator('.bubble.inbound', { hasText: 'Echo: Yes, this is the test line' }).waitFor({ timeout: 65_000 });
		await panel.locator('.bubble.outbound[data-status="delivered"]').waitFor({ timeout: 60_000 });
		await session.screenshot('conversation-dark');
		await setTheme(page, 'Light Modern');
		await panel.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 20_000 });
		await session.screenshot('conversation-light');
		await setTheme(page, 'Dark Modern');
		await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
	});

	it('opens a long thread at the newest message, follows it at the bottom, and offers "New messages ↓" when scrolled up', async () => {
		const { sandbox } = session;
		// With no panel open nothing polls (the session does not listen after sends): the twelve
		// come in through the import alone. They are sent once the import asks its first question,
		// when the extension host has long seen the panel close.
		await runCommand(page, 'View: Close All Editors');
		await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 20_000 });
		await runCommand(page, 'SignalWire: Import from Space...');
		await waitForQuickInput(page, 'Last 7 days');
		for (let i = 1; i <= 12; i++) {
			sandbox.inject({ from: ECHO, to: OWN, body: `Message ${i} of a long thread`, mediaUrls: [] });
		}
		await page.keyboard.press('Enter'); // Today
		await waitForQuickInput(page, 'Import from Space (2/2)');
		await page.keyboard.press('Enter');
		await expectNotification(page, 'Import finished: 12 new');
		await runCommand(page, 'SignalWire: Open Conversation...');
		await waitForQuickInput(page, 'Open which conversation?');
		await page.keyboard.press('Enter');
		const panel = webviewFrame(page);
		await panel.locator('.bubble', { hasText: 'Message 12 of a long thread' }).waitFor({ timeout: 30_000 });
		// Injected within a second, the twelve share a time: the thread orders them by SID after it.
		const newest = panel.locator('.bubble').last();
		// In view above the reply box (which sticks to the bottom of the page).
		const aboveReplyBox = (element: Element): boolean => {
			const box = element.getBoundingClientRect();
			const reply = document.getElementById('reply')?.getBoundingClientRect();
			return box.top >= 0 && reply !== undefined && box.bottom <= reply.top + 1;
		};
		await waitFor(() => newest.evaluate(aboveReplyBox), 'the newest bubble in view when the panel opens').catch(async (error: unknown) => {
			await session.screenshot('conversation-newest-failed');
			throw error;
		});
		assert.equal(await panel.locator('.bubble').first().evaluate(aboveReplyBox), false, 'the oldest is scrolled away');
		// Each bubble says its time; the date once per day; "1 segment", not "1 segment(s)".
		const meta = (await panel.locator('.bubble', { hasText: 'Message 12 of a long thread' }).locator('.meta').textContent()) ?? '';
		assert.match(meta, /^received · \d{1,2}:\d{2}(\s?[AP]M)? · 1 segment · imported$/, meta);
		assert.equal(await panel.locator('.day-separator').count(), 1);
		await session.screenshot('conversation-newest');

		// A new message while at the bottom: followed.
		sandbox.inject({ from: ECHO, to: OWN, body: 'Message 13, while at the bottom', mediaUrls: [] });
		const thirteenth = panel.locator('.bubble', { hasText: 'Message 13, while at the bottom' });
		await thirteenth.waitFor({ timeout: 65_000 });
		await waitFor(() => thirteenth.evaluate(aboveReplyBox), 'the new bubble followed');
		assert.equal(await panel.locator('#new-messages').isVisible(), false);

		// Scrolled up: a new message shows the pill instead of moving the page.
		const oldest = panel.locator('.bubble').first();
		await oldest.scrollIntoViewIfNeeded();
		await waitFor(() => oldest.evaluate(aboveReplyBox), 'the oldest bubble in view');
		sandbox.inject({ from: ECHO, to: OWN, body: 'Message 14, while scrolled up', mediaUrls: [] });
		// A poll finds it: the next comes within the longest poll wait (60 s, src/core/pollScheduler.ts).
		const fourteenth = panel.locator('.bubble', { hasText: 'Message 14, while scrolled up' });
		await fourteenth.waitFor({ state: 'attached', timeout: 65_000 });
		const pill = panel.locator('#new-messages');
		await pill.waitFor({ state: 'visible', timeout: 10_000 }).catch(async (error: unknown) => {
			// What the page held when the pill did not show: the new bubble or not, and where the page was.
			const state = await panel.locator('body').evaluate(() => ({
				bubbles: Array.from(document.querySelectorAll('.bubble .body'), (body) => body.textContent).slice(-3),
				scrollY: window.scrollY,
				innerHeight: window.innerHeight,
				scrollHeight: document.documentElement.scrollHeight,
			}));
			throw new Error(`${String(error)}\nthe page: ${JSON.stringify(state)}`);
		});
		assert.equal(await pill.textContent(), 'New messages ↓');
		assert.equal(await fourteenth.evaluate(aboveReplyBox), false, 'the page did not move');
		await session.screenshot('conversation-new-messages-pill');
		await pill.click();
		await waitFor(() => fourteenth.evaluate(aboveReplyBox), 'the newest bubble after the pill');
		await pill.waitFor({ state: 'hidden' });
	});

	it('flags a reply that starts or ends with a blank line in the meter (it is sent as typed)', async () => {
		const panel = webviewFrame(page);
		const meter = panel.locator('#meter');
		await panel.locator('#body').fill('\nHello there');
		await meter.getByText('starts with a blank line (sent as typed)').waitFor();
		await panel.locator('#body').fill('Hello there\n\n');
		await meter.getByText('ends with a blank line (sent as typed)').waitFor();
		await panel.locator('#body').fill('Hello there');
		await meter.getByText('1 segment').waitFor();
		assert.doesNotMatch((await meter.textContent()) ?? '', /blank line/);
	});
});
