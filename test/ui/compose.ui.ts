/**
 * The compose form in the real workbench, driven by keyboard inside the webview's iframe: the
 * signed-out banner and its Sign In, every field, the segment meter (GSM-7 → UCS-2), 8 media rows
 * and a refused 9th, Send with Ctrl+Enter, an API error that keeps the fields, HTML typed as a body
 * shown and sent as text, the draft after a window reload, light / dark / high-contrast looks, and
 * a Space of 2,500 numbers with a 50,000-character API error that do not wedge the form.
 * Screenshots go to test-results/screenshots/compose-*.png.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { answerSignInPrompts, runCommand, setTheme, startUiSession, webviewFrame, type UiSession } from './session';

const FROM = '+15550100100';
const TO = '+15550100199';
const APPLICATION_SID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const XSS = '<img src=x onerror=alert(1)>';

describe('UI: compose form', function () {
	this.timeout(240_000);
	let session: UiSession;
	let page: Page;
	let form: FrameLocator;
	const dialogs: string[] = [];

	before(async () => {
		session = await startUiSession({ name: 'compose', colorScheme: 'dark' });
		page = session.page;
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		form = webviewFrame(page);
		// More room for the form in screenshots.
		await runCommand(page, 'View: Close Primary Side Bar');
	});

	after(async () => {
		await session?.close();
	});

	it('opens from the palette, says when not signed in, and its Sign In runs the sign-in prompts', async () => {
		const { sandbox } = session;
		await runCommand(page, 'SignalWire: Compose Message...');
		await form.locator('#signin-banner').waitFor({ state: 'visible', timeout: 30_000 });
		assert.equal(await form.locator('#send').isDisabled(), true, 'Send is disabled while signed out');
		await session.screenshot('compose-signed-out');
		await form.locator('#sign-in').focus();
		await page.keyboard.press('Enter');
		await answerSignInPrompts(page, { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token });
		await form.locator('#signin-banner').waitFor({ state: 'hidden', timeout: 10_000 });
		await form.locator('#profile').getByText('127.0.0.1').waitFor({ timeout: 10_000 });
		await form.locator(`#from-numbers option[value="${FROM}"]`).waitFor({ state: 'attached', timeout: 10_000 });
	});

	it('fills every field by keyboard; the meter turns from GSM-7 to UCS-2 with an emoji', async () => {
		await form.locator('#from').click();
		await page.keyboard.type(FROM);
		await page.keyboard.press('Tab');
		assert.equal(await form.locator(':focus').getAttribute('id'), 'to', 'Tab goes From → To');
		await page.keyboard.type('555');
		await form.locator('#to-error').getByText('E.164').waitFor();
		assert.equal(await form.locator('#to').getAttribute('aria-invalid'), 'true');
		assert.match((await form.locator('#to').getAttribute('aria-describedby')) ?? '', /to-error/);
		assert.equal(await form.locator('#send').isDisabled(), true, 'Send is disabled while To is invalid');
		await form.locator('#to').fill('');
		await page.keyboard.type(TO);
		assert.equal(await form.locator('#to').getAttribute('aria-invalid'), null);
		assert.equal(await form.locator('#to-error').textContent(), '');
		await page.keyboard.press('Tab');
		assert.equal(await form.locator(':focus').getAttribute('id'), 'body', 'Tab goes To → Body');
		await page.keyboard.type('Hello from the compose form');
		await form.locator('#meter-summary').getByText('GSM-7').waitFor();
		assert.match((await form.locator('#meter-summary').textContent()) ?? '', /27\/1,600 characters · GSM-7 · 1 segment/);
		await session.screenshot('compose-gsm7');
		await page.keyboard.type(' 👋');
		await form.locator('#meter-summary').getByText('UCS-2').waitFor();
		assert.equal(await form.locator('#meter').getAttribute('data-encoding'), 'UCS-2');
		assert.deepEqual(await form.locator('#ucs2-chars .chip').allTextContents(), ['👋']);
		// A smart quote is replaced by one click; the emoji stays.
		await page.keyboard.type(' it’s');
		assert.deepEqual(await form.locator('#ucs2-chars .chip').allTextContents(), ['👋', '’']);
		await form.locator('#replace-smart').click();
		assert.equal(await form.locator('#body').inputValue(), "Hello from the compose form 👋 it's");
		assert.deepEqual(await form.locator('#ucs2-chars .chip').allTextContents(), ['👋']);
		await session.screenshot('compose-ucs2');
	});

	it('adds 8 media rows by keyboard and refuses a 9th with a message', async () => {
		await form.locator('#add-media').focus();
		await page.keyboard.press('Enter');
		for (let i = 1; i <= 8; i++) {
			const input = form.locator(`#media-${i - 1}`);
			await input.waitFor();
			assert.equal(await form.locator(':focus').getAttribute('id'), `media-${i - 1}`, `row ${i} has the focus`);
			await page.keyboard.type(`https://example.com/picture-${i}.png`);
			if (i < 8) {
				await page.keyboard.press('Enter'); // Enter in a row adds the next one.
			}
		}
		assert.equal(await form.locator('.media-row').count(), 8);
		assert.equal(await form.locator('#add-media').isDisabled(), true, 'Add is disabled at 8');
		await page.keyboard.press('Enter'); // a 9th
		await form.locator('#media-status').getByText('at most 8 media URLs').waitFor();
		assert.equal(await form.locator('.media-row').count(), 8, 'no 9th row');
		// With media it goes as one MMS: the meter says so instead of counting SMS segments.
		assert.match((await form.locator('#meter-summary').textContent()) ?? '', /· MMS with 8 media: one message, not split into SMS segments$/);
		// Thumbnails are <img> elements with src set by the script, for https image URLs.
		assert.equal(await form.locator('#media-0-preview').getAttribute('src'), 'https://example.com/picture-1.png');
		// A bad URL is flagged on its row.
		await form.locator('#media-7').fill('ftp://example.com/x.png');
		await form.locator('#media-7-error').getByText('http:// or https://').waitFor();
		assert.equal(await form.locator('#send').isDisabled(), true);
		await form.locator('#media-7').fill('https://example.com/picture-8.png');
		assert.equal(await form.locator('#media-7-error').textContent(), '');
	});

	it('fills Advanced by keyboard and sends with Ctrl+Enter; the form shows the SID', async () => {
		const { sandbox } = session;
		await form.locator('#advanced summary').focus();
		await page.keyboard.press('Enter');
		await form.locator('#sendAsMms').waitFor({ state: 'visible' });
		await page.keyboard.press('Tab');
		assert.equal(await form.locator(':focus').getAttribute('id'), 'sendAsMms');
		await page.keyboard.press('Space');
		await page.keyboard.press('Tab');
		await page.keyboard.type('https://example.com/status');
		await page.keyboard.press('Tab');
		await page.keyboard.type('0');
		await form.locator('#validityPeriod-error').getByText('ValidityPeriod').waitFor();
		await page.keyboard.press('Backspace');
		await page.keyboard.type('3600');
		await page.keyboard.press('Tab');
		await page.keyboard.type('0.0075');
		await page.keyboard.press('Tab');
		await page.keyboard.type(APPLICATION_SID);
		await page.keyboard.press('Tab');
		assert.equal(await form.locator(':focus').getAttribute('id'), 'messagingServiceSid');
		await page.keyboard.press('Tab');
		assert.equal(await form.locator(':focus').getAttribute('id'), 'send', 'Tab reaches Send last');
		assert.equal(await form.locator('#send').isDisabled(), false, 'Send is enabled when everything is valid');
		await session.screenshot('compose-dark-advanced');
		await form.locator('#form').evaluate(() => window.scrollTo(0, 0));
		await session.screenshot('compose-dark');
		await page.keyboard.press('Control+Enter');
		const sid = (await form.locator('#result-sid').textContent({ timeout: 15_000 })) ?? '';
		await session.screenshot('compose-dark-sent');
		assert.equal(sandbox.messages.length, 1);
		const message = sandbox.messages[0];
		assert.equal(sid, message.sid);
		assert.equal(await form.locator('#result-status').textContent(), message.status);
		assert.equal(message.body, "Hello from the compose form 👋 it's");
		const post = sandbox.requests.filter((r) => r.method === 'POST').at(-1);
		assert.deepEqual(post?.form.MediaUrl, Array.from({ length: 8 }, (_, i) => `https://example.com/picture-${i + 1}.png`));
		assert.deepEqual(post?.form.SendAsMms, ['true']);
		assert.deepEqual(post?.form.StatusCallback, ['https://example.com/status']);
		assert.deepEqual(post?.form.ValidityPeriod, ['3600']);
		assert.deepEqual(post?.form.MaxPrice, ['0.0075']);
		assert.deepEqual(post?.form.ApplicationSid, [APPLICATION_SID]);
		assert.equal(await form.locator('#body').inputValue(), "Hello from the compose form 👋 it's", 'the form keeps the message');
	});

	it('shows an API error with its code and message, and keeps every field', async () => {
		const { sandbox } = session;
		sandbox.setFaults({ apiError: { status: 422, code: 21211, message: "The 'To' number +15550100199 is not valid <b>bold</b>", times: 1 } });
		await form.locator('#send').click();
		await form.locator('#result-title').getByText('21211').waitFor({ timeout: 15_000 });
		assert.match((await form.locator('#result-title').textContent()) ?? '', /SignalWire error 21211 · HTTP 422/);
		assert.equal(await form.locator('#result-message').textContent(), "The 'To' number +15550100199 is not valid <b>bold</b>", 'the API message is text');
		assert.equal(await form.locator('#result b').count(), 0, 'no element from the API message');
		await session.screenshot('compose-dark-error');
		assert.equal(await form.locator('#to').inputValue(), TO);
		assert.equal(await form.locator('#from').inputValue(), FROM);
		assert.equal(await form.locator('#body').inputValue(), "Hello from the compose form 👋 it's");
		assert.equal(await form.locator('.media-row').count(), 8);
		assert.equal(await form.locator('#applicationSid').inputValue(), APPLICATION_SID);
		assert.equal(await form.locator('#sendAsMms').isChecked(), true);
		assert.equal(sandbox.messages.length, 1, 'nothing new was created');
	});

	it('shows a body of HTML as text and sends it verbatim', async () => {
		const { sandbox } = session;
		// Fewer rows: remove them all by keyboard (Remove buttons), then type the body.
		while ((await form.locator('.media-row').count()) > 0) {
			await form.locator('.media-row .remove').first().focus();
			await page.keyboard.press('Enter');
		}
		await form.locator('#body').fill(XSS);
		assert.equal(await form.locator('#body').inputValue(), XSS);
		assert.equal(await form.locator('img[src="x"]').count(), 0, 'no element was made from the body');
		await page.keyboard.press('Control+Enter');
		await form.locator('#result-sid').waitFor({ timeout: 15_000 });
		assert.equal(sandbox.messages.at(-1)?.body, XSS, 'the server got the body exactly as typed');
		assert.equal(await form.locator('img[src="x"]').count(), 0);
		assert.deepEqual(dialogs, [], 'no script ran');
	});

	it('keeps the draft when its tab is hidden and shown again, and across a window reload', async () => {
		await form.locator('#to').fill('+15550100198');
		// Cleared with fill(''): Ctrl+A in a webview is also sent back by the workbench as a late
		// "select all", which would eat the first typed character.
		await form.locator('#body').fill('');
		await form.locator('#body').focus();
		await page.keyboard.type('Draft that survives a reload');
		// Another tab hides the form (its webview is destroyed: no retainContextWhenHidden).
		await runCommand(page, 'File: New Untitled Text File');
		await page.locator('.tabs-container .tab').filter({ hasText: 'Untitled-1' }).waitFor({ timeout: 10_000 });
		await page.locator('.tabs-container .tab').filter({ hasText: 'Compose Message' }).click();
		form = webviewFrame(page);
		await form.locator('#body').waitFor({ timeout: 30_000 });
		assert.equal(await form.locator('#body').inputValue(), 'Draft that survives a reload', 'the draft is back after switching tabs');
		assert.equal(await form.locator('#to').inputValue(), '+15550100198');
		// No wait before the reload: the form above was rebuilt from the state the workbench keeps
		// for the panel, so that state already holds the draft the reload restores.
		const reloaded = page.waitForEvent('load', { timeout: 60_000 });
		await runCommand(page, 'Developer: Reload Window');
		await reloaded;
		await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
		form = webviewFrame(page);
		await form.locator('#body').waitFor({ timeout: 30_000 });
		const deadline = Date.now() + 20_000;
		while (Date.now() < deadline && (await form.locator('#body').inputValue().catch(() => '')) !== 'Draft that survives a reload') {
			await page.waitForTimeout(250);
		}
		assert.equal(await form.locator('#body').inputValue(), 'Draft that survives a reload');
		assert.equal(await form.locator('#to').inputValue(), '+15550100198');
		assert.equal(await form.locator('#from').inputValue(), FROM);
	});

	it('follows light and high-contrast themes', async () => {
		await form.locator('#form').evaluate(() => window.scrollTo(0, 0));
		await setTheme(page, 'Light Modern');
		await form.locator('body.vscode-light').waitFor({ state: 'attached', timeout: 20_000 });
		await session.screenshot('compose-light');
		await setTheme(page, 'Dark High Contrast');
		await form.locator('body.vscode-high-contrast').waitFor({ state: 'attached', timeout: 20_000 });
		await session.screenshot('compose-high-contrast');
		await setTheme(page, 'Dark Modern');
		await form.locator('body.vscode-dark').waitFor({ state: 'attached', timeout: 20_000 });
	});

	it('stays usable with a Space of 2,500 numbers and a 50,000-character API error', async () => {
		const { sandbox } = session;
		const setCount = (count: number | null) =>
			fetch(`${sandbox.url}/__sandbox/numbers`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: JSON.stringify({ count }) });
		assert.equal((await setCount(2500)).status, 200);
		try {
			// Signing in again reloads the Space's numbers; the open form hears of it.
			await runCommand(page, 'SignalWire: Sign In...');
			await answerSignInPrompts(page, { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token });
			await page.locator('.tabs-container .tab').filter({ hasText: 'Compose Message' }).click();
			form = webviewFrame(page);
			await form.locator('#numbers-status').getByText('1000 messaging numbers').waitFor({ timeout: 20_000 });
			assert.equal(await form.locator('#from-numbers option').count(), 1000, 'the 1,000 most relevant of 2,500');
			assert.equal(await form.locator(`#from-numbers option[value="${FROM}"]`).count(), 1, 'the From in use is among them');
			assert.equal(await form.locator('#send').isDisabled(), false, 'the form is usable');

			sandbox.setFaults({ apiError: { status: 422, code: 21211, message: `Refused: ${'x'.repeat(49_991)}`, times: 1 } });
			await form.locator('#send').click();
			await form.locator('#result-title').getByText('21211').waitFor({ timeout: 15_000 });
			const shown = (await form.locator('#result-message').textContent()) ?? '';
			assert.ok(shown.startsWith('Refused: xxx') && shown.length <= 20_000, `the error is shown, cut: ${shown.length} characters`);
			assert.equal(await form.locator('#send').isDisabled(), false, '"Sending…" ended: Send is enabled again');
			assert.equal(await form.locator('#body').inputValue(), 'Draft that survives a reload', 'the draft is kept');

			// A paste of several URLs fills rows past the inputs' length limit: Send says so instead of waiting forever.
			const longUrl = `https://example.com/${'a'.repeat(20_000)}.png`;
			await form.locator('#add-media').click();
			await form.locator('#media-0').evaluate((input, text) => {
				const data = new DataTransfer();
				data.setData('text/plain', text);
				input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
			}, `https://example.com/a.png ${longUrl}`);
			assert.equal(await form.locator('.media-row').count(), 2, 'the paste filled two rows');
			await form.locator('#send').click();
			await form.locator('#result').getByText('longer than 20000 characters').waitFor({ timeout: 10_000 });
			assert.equal(await form.locator('#send').isDisabled(), false, 'nothing is waiting for an answer');
			await form.locator('.media-row .remove').first().click();
			await form.locator('.media-row .remove').first().click();
			assert.equal(await form.locator('.media-row').count(), 0);
		} finally {
			await setCount(null);
		}
	});
});
