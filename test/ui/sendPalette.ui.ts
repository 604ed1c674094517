/**
 * The palette flow end to end, by keyboard, as a person would: Sign In, then Send Message through
 * From / To / Body / Media / Confirm. The server must get the message and the notification must
 * show its SID. Screenshots of each step go to test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import { expectNotification, runCommand, startUiSession, typeIntoQuickInput, waitForQuickInput, type UiSession } from './session';

describe('UI: sign in and send from the command palette', function () {
	this.timeout(180_000);
	let session: UiSession;

	before(async () => {
		session = await startUiSession({ name: 'palette' });
	});

	after(async () => {
		await session?.close();
	});

	it('signs in with the three prompts', async () => {
		const { page, sandbox } = session;
		await runCommand(page, 'SignalWire: Sign In...');
		await waitForQuickInput(page, 'Sign In (1/3)');
		await typeIntoQuickInput(page, sandbox.url);
		await session.screenshot('signin-1-space');
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Sign In (2/3)');
		await typeIntoQuickInput(page, sandbox.projectId);
		await session.screenshot('signin-2-project');
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Sign In (3/3)');
		await typeIntoQuickInput(page, sandbox.token);
		await session.screenshot('signin-3-token');
		const typed = await page.locator('.quick-input-widget .quick-input-box input').getAttribute('type');
		assert.equal(typed, 'password', 'the token input must be a password field');
		await page.keyboard.press('Enter');
		const text = await expectNotification(page, 'Signed in', { whileShown: () => session.screenshot('signin-4-done') });
		assert.match(text, /Signed in to 127\.0\.0\.1/);
		await page.locator('.part.statusbar').getByText('127.0.0.1').first().waitFor({ timeout: 10_000 });
	});

	it('sends a message through From, To, Body, Media and Confirm', async () => {
		const { page, sandbox } = session;
		await runCommand(page, 'SignalWire: Send Message...');
		await waitForQuickInput(page, 'Send from which number?');
		await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: '+15550100100' }).first().waitFor({ timeout: 10_000 });
		await session.screenshot('send-1-from');
		// The first row is a messaging-capable number of the Space.
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Send to which number?');
		await typeIntoQuickInput(page, '(555) 010-0199');
		await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: '+15550100199' }).first().waitFor({ timeout: 15_000 });
		await session.screenshot('send-2-to');
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Send Message (3/5)');
		await typeIntoQuickInput(page, 'Hello from the UI test – with a dash');
		await page.locator('.quick-input-widget').filter({ hasText: 'UCS-2' }).first().waitFor({ timeout: 15_000 });
		await session.screenshot('send-3-body');
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Attach media?');
		await session.screenshot('send-4-media');
		await page.keyboard.press('Enter'); // "No media"
		await waitForQuickInput(page, 'Send +15550100100');
		await session.screenshot('send-5-confirm');
		await page.keyboard.press('Enter'); // "Send"
		const text = await expectNotification(page, 'SID', { whileShown: () => session.screenshot('send-6-sent') });
		const created = sandbox.messages;
		assert.equal(created.length, 1, 'the server must have exactly one message');
		const message = created[0];
		assert.equal(message.to, '+15550100199');
		assert.equal(message.from, '+15550100100');
		assert.equal(message.body, 'Hello from the UI test – with a dash');
		assert.ok(text.includes(message.sid), `the notification "${text}" must show the SID ${message.sid}`);
	});
});
