/**
 * The webhook inspector as a person sees it: Start Webhook Listener from the palette, the status
 * bar item, status callbacks and an inbound message in the Webhooks view with their key fields,
 * and one opened as read-only JSON; the compose form's "Add StatusCallback to the webhook listener"
 * box, ticked by default, untick it and the send carries none; a routed number as a row of its own,
 * and the status bar item's menu, whose Stop says what it restored. Screenshots go to test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import { answerSignInPrompts, expectNotification, runCommand, startUiSession, typeIntoQuickInput, type UiSession, viewPane, waitForQuickInput, webviewFrame } from './session';

async function post(url: string, fields: Record<string, string>): Promise<number> {
	const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
	await response.text();
	return response.status;
}

describe('UI: the Webhooks view', function () {
	this.timeout(180_000);
	let session: UiSession;
	let localUrl: string;

	before(async () => {
		session = await startUiSession({ name: 'webhooks' });
	});

	after(async () => {
		await session?.close();
	});

	it('starts the listener from the palette and shows it in the status bar', async () => {
		const { page } = session;
		await runCommand(page, 'SignalWire: Start Webhook Listener');
		const text = await expectNotification(page, 'Webhook listener on');
		const match = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
		assert.ok(match, `the notification names the local URL: ${text}`);
		localUrl = match[0];
		await page.locator('.part.statusbar').getByText('Webhooks: 0').first().waitFor({ timeout: 10_000 });
		await session.screenshot('webhooks-1-started');
	});

	it('lists callbacks and inbound messages, newest first, with their key fields', async () => {
		const { page } = session;
		const sid = '0a059168-ead0-41af-9b4a-1b7d1d1f0b62';
		assert.equal(await post(`${localUrl}/status`, { MessageStatus: 'sent', MessageSid: sid, From: '+15550100100', To: '+15550100199' }), 204);
		assert.equal(await post(`${localUrl}/status`, { MessageStatus: 'delivered', MessageSid: sid, From: '+15550100100', To: '+15550100199' }), 204);
		assert.equal(await post(`${localUrl}/inbound`, { MessageSid: 'b1c2d3e4-0000-4000-8000-000000000001', From: '+15550100199', To: '+15550100100', Body: 'Reply <b>STOP</b>', NumMedia: '0' }), 200);
		const icon = page.locator('.activitybar .action-item a[aria-label^="SMS Sandbox"]').first();
		await icon.click();
		const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Webhooks' }) }).first();
		const header = pane.locator('.pane-header').first();
		if ((await header.getAttribute('aria-expanded')) === 'false') {
			await header.click();
		}
		const rows = pane.locator('.monaco-list-row');
		await rows.filter({ hasText: 'inbound message' }).first().waitFor({ timeout: 20_000 });
		const labels = await rows.allTextContents();
		assert.equal(labels.length, 3, labels.join(' | '));
		assert.match(labels[0] ?? '', /inbound message.*\+15550100199 → \+15550100100.*Reply <b>STOP<\/b>/);
		assert.match(labels[1] ?? '', /^\d{2}:\d{2}:\d{2} delivered.*status callback/);
		assert.match(labels[2] ?? '', /^\d{2}:\d{2}:\d{2} sent.*status callback/);
		await page.locator('.part.statusbar').getByText('Webhooks: 3').first().waitFor({ timeout: 10_000 });
		// No Signing Key in this session: the view says so, and offers Set Signing Key in its title bar.
		await pane.getByText('Callbacks are unverified: no Signing Key is set').first().waitFor({ timeout: 10_000 });
		const setKey = pane.locator('.actions a[aria-label="Set Signing Key..."]').first();
		await setKey.waitFor({ state: 'attached', timeout: 10_000 });
		await session.screenshot('webhooks-2-view');
	});

	it('opens a request as read-only JSON', async () => {
		const { page } = session;
		const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Webhooks' }) }).first();
		await pane.locator('.monaco-list-row', { hasText: 'delivered' }).first().click();
		await page.locator('.editor-instance .view-lines', { hasText: '"MessageStatus"' }).first().waitFor({ timeout: 15_000 });
		const lines = (await page.locator('.editor-instance .view-lines').first().textContent()) ?? '';
		assert.match(lines, /"method":\s*"POST"/);
		assert.match(lines, /"unchecked"/);
		await session.screenshot('webhooks-3-json');
	});

	it('the compose form offers the listener\'s StatusCallback, ticked by default; unticked, the send carries none', async () => {
		const { page, sandbox } = session;
		await runCommand(page, 'SignalWire: Sign In...');
		await answerSignInPrompts(page, { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token });
		await runCommand(page, 'SignalWire: Compose Message...');
		const form = webviewFrame(page);
		const box = form.locator('#addStatusCallback');
		await box.waitFor({ state: 'visible', timeout: 30_000 });
		assert.equal(await box.isChecked(), true, 'ticked by default (signalwire.webhooks.addStatusCallback)');
		assert.equal(await form.locator('#listener-callback-hint').textContent(), `Status callbacks go to ${localUrl}/status and show up in the Webhooks view. A StatusCallback typed under Advanced is used instead.`);
		await form.locator('#from').fill('+15550100100');
		await form.locator('#to').fill('+15550100199');
		await form.locator('#body').fill('no callbacks for this one');
		await box.focus();
		await page.keyboard.press('Space');
		assert.equal(await box.isChecked(), false);
		await session.screenshot('webhooks-4-compose-box');
		await form.locator('#send').click();
		await form.locator('#result-sid').waitFor({ timeout: 15_000 });
		const creates = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path.includes('/Messages'));
		assert.equal(creates().length, 1);
		assert.equal(creates()[0]?.form.StatusCallback, undefined, 'unticked: no StatusCallback');
		await box.focus();
		await page.keyboard.press('Space');
		await form.locator('#send').click();
		const deadline = Date.now() + 15_000;
		while (creates().length < 2 && Date.now() < deadline) {
			await page.waitForTimeout(100);
		}
		assert.deepEqual(creates()[1]?.form.StatusCallback, [`${localUrl}/status`], 'ticked: the listener\'s StatusCallback');
	});

	it('routes a number (a row of its own at the top), and the status bar item opens a menu whose Stop says what it restored', async () => {
		const { page } = session;
		await runCommand(page, "SignalWire: Route a Number's Inbound SMS Here...");
		await waitForQuickInput(page, "Route a Number's Inbound SMS Here");
		await typeIntoQuickInput(page, '+15550100100');
		await page.locator('.quick-input-widget .monaco-list-row[aria-label*="+15550100100"]').first().waitFor({ timeout: 15_000 });
		await page.keyboard.press('Enter');
		const pane = viewPane(page, 'Webhooks');
		const routedRow = pane.locator('.monaco-list-row', { hasText: 'routed here' });
		await routedRow.first().waitFor({ timeout: 20_000 });
		const first = (await pane.locator('.monaco-list-row').first().textContent()) ?? '';
		assert.match(first, /^\+15550100100.*routed here · Stop restores SmsUrl \(none\)/, 'the routed number is the first row');

		await page.locator('.part.statusbar').getByText(/Webhooks: \d+/).first().click();
		await waitForQuickInput(page, 'Webhook Listener on');
		const menu = (await page.locator('.quick-input-widget .monaco-list-row').allTextContents()).join(' | ');
		assert.match(menu, /Stop Webhook Listener.*\|.*Copy URL.*\|.*Show Webhooks.*\|.*Route a Number's Inbound SMS Here/, menu);
		await session.screenshot('webhooks-5-listener-menu');
		await page.keyboard.press('Enter'); // Stop
		await page.locator('.part.statusbar').getByText(/Webhooks: \d+/).first().waitFor({ state: 'hidden', timeout: 20_000 });
		await routedRow.first().waitFor({ state: 'hidden', timeout: 20_000 });
		await expectNotification(page, 'Webhook listener stopped. +15550100100: SmsUrl restored to (none).');
	});

	it('Set Signing Key... says it is saved and that signatures are now checked', async () => {
		const { page } = session;
		await runCommand(page, 'SignalWire: Set Signing Key...');
		await waitForQuickInput(page, 'Signing Key for');
		await typeIntoQuickInput(page, 'PSK_ui_test_key_0123456789');
		await page.keyboard.press('Enter');
		const saved = await expectNotification(page, 'signatures are now checked');
		assert.match(saved, /Signing Key saved for 127\.0\.0\.1:\d+ \([0-9a-f]{8}…\); signatures are now checked\./);
	});
});
