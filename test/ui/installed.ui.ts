/**
 * The extension as users get it: the packaged .vsix installed with `code-server
 * --install-extension` into a clean profile (not the development folder). In one session: sign in
 * from the palette, send an SMS from the palette, send an MMS from the compose form, then watch
 * both reach their final status in the Messages view (the SMS `delivered`; the MMS `sent`, where
 * MMS stops for want of a delivery receipt). The token must never show. Screenshots go to
 * test-results/screenshots/installed-*.png.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/codeServer';
import { collapseOtherViews, expectNotification, runCommand, startUiSession, typeIntoQuickInput, viewPane, waitForQuickInput, webviewFrame, type UiSession } from './session';

/**
 * The .vsix of test/package/vsix.test.ts (its VSIX_PATH). Not imported from there: importing a
 * test file would register its suite in this mocha run too.
 */
const VSIX_PATH = path.join(ROOT, '.vscode-test', 'signalwire-messaging-sandbox.vsix');
const EXTENSION_ID = 'sms-devtools-community.signalwire-messaging-sandbox';
const FROM = '+15550100100';
const SMS_TO = '+15550100199';
const MMS_TO = '+15550100198';
const SMS_BODY = 'SMS from the installed vsix';
const MMS_BODY = 'MMS from the installed vsix';
const MEDIA_URL = 'https://example.com/installed-cat.png';
const WAIT = 30_000;

/**
 * Every text of the workbench and of its webviews, with the values of their inputs, password fields
 * included (the workbench keeps a closed quick input's value in its hidden field until the next one
 * opens, so the sign-in flow must clear the token it read).
 */
async function allPageText(page: Page): Promise<string> {
	const texts: string[] = [];
	for (const frame of page.frames()) {
		const text = await frame
			.evaluate(() => {
				const values = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'), (input) => input.value);
				return [document.documentElement?.textContent ?? '', document.title, ...values].join('\n');
			})
			.catch(() => '');
		texts.push(text);
	}
	return texts.join('\n');
}

/**
 * Expands or collapses a tree row with its twistie. (A click on the row may itself toggle it,
 * under the default single-click expand mode, so keys after a click are not reliable.)
 */
async function setExpanded(row: Locator, expanded: boolean): Promise<void> {
	const want = String(expanded);
	if ((await row.getAttribute('aria-expanded')) !== want) {
		await row.locator('.monaco-tl-twistie').click();
	}
	await row.and(row.page().locator(`[aria-expanded="${want}"]`)).waitFor({ timeout: WAIT });
}

describe('UI: the installed .vsix', function () {
	this.timeout(240_000);
	let session: UiSession;
	let page: Page;
	let version: string;

	before(async function () {
		this.timeout(300_000);
		version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
		if (!fs.existsSync(VSIX_PATH)) {
			fs.mkdirSync(path.dirname(VSIX_PATH), { recursive: true });
			const result = spawnSync('npm', ['run', 'package', '--', '-o', VSIX_PATH], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
			assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
		}
		session = await startUiSession({ name: 'installed', vsix: VSIX_PATH });
		page = session.page;
	});

	after(async () => {
		await session?.close();
	});

	it('is installed from the .vsix: a real folder with the bundle, without sources or tests', async () => {
		const extensionsDir = path.join(session.runDir, 'extensions');
		const folders = fs.readdirSync(extensionsDir).filter((name) => name.toLowerCase().startsWith(`${EXTENSION_ID}-`));
		assert.deepEqual(folders, [`${EXTENSION_ID}-${version}`], `one installed copy, of version ${version}`);
		const folder = path.join(extensionsDir, folders[0]);
		const stat = fs.lstatSync(folder);
		assert.ok(stat.isDirectory() && !stat.isSymbolicLink(), `${folder} must be a real directory, not a link`);
		assert.notEqual(fs.realpathSync(folder), fs.realpathSync(ROOT));
		for (const absent of ['src', 'test', 'node_modules', 'scripts', 'tsconfig.json']) {
			assert.ok(!fs.existsSync(path.join(folder, absent)), `the installed extension holds no ${absent}`);
		}
		for (const present of ['package.json', 'dist/extension.js', 'media/icon.png']) {
			assert.ok(fs.existsSync(path.join(folder, present)), `the installed extension holds ${present}`);
		}
		const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
		assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
		assert.equal(manifest.version, version);
		// code-server's list of installed extensions names it, as installed from a .vsix, at that folder.
		const registry = fs.readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8');
		assert.ok(registry.includes(folders[0]), `extensions.json must name ${folders[0]}:\n${registry}`);
		// Its view container shows in the activity bar: the installed copy was loaded.
		await page.locator('.activitybar .action-item a[aria-label^="SMS Sandbox"]').first().waitFor({ state: 'visible', timeout: 60_000 });
		await session.screenshot('installed-1-started');
	});

	it('signs in from the palette with Space, Project ID and token', async () => {
		const { sandbox } = session;
		await runCommand(page, 'SignalWire: Sign In...');
		await waitForQuickInput(page, 'Sign In (1/3)', WAIT);
		await typeIntoQuickInput(page, sandbox.url);
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Sign In (2/3)', WAIT);
		await typeIntoQuickInput(page, sandbox.projectId);
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Sign In (3/3)', WAIT);
		await typeIntoQuickInput(page, sandbox.token);
		assert.equal(await page.locator('.quick-input-widget .quick-input-box input').getAttribute('type'), 'password', 'the token input is a password field');
		await session.screenshot('installed-2-token');
		await page.keyboard.press('Enter');
		assert.match(await expectNotification(page, 'Signed in', { timeoutMs: WAIT, whileShown: () => session.screenshot('installed-3-signed-in') }), /Signed in to 127\.0\.0\.1/);
		await page.locator('.part.statusbar').getByText('127.0.0.1').first().waitFor({ timeout: WAIT });
		assert.ok(!(await allPageText(page)).includes(sandbox.token), 'the token must not appear in the page');
	});

	it('sends an SMS from the palette: From, To, Body, Media, Confirm', async () => {
		const { sandbox } = session;
		await runCommand(page, 'SignalWire: Send Message...');
		await waitForQuickInput(page, 'Send from which number?', WAIT);
		await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: FROM }).first().waitFor({ timeout: WAIT });
		// The first row is the first messaging-capable number of the Space.
		assert.match((await page.locator('.quick-input-widget .monaco-list-row.focused').first().textContent()) ?? '', new RegExp(`\\${FROM}`));
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Send to which number?', WAIT);
		await typeIntoQuickInput(page, SMS_TO);
		await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: SMS_TO }).first().waitFor({ timeout: WAIT });
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Send Message (3/5)', WAIT);
		await typeIntoQuickInput(page, SMS_BODY);
		await page.locator('.quick-input-widget').filter({ hasText: 'GSM-7' }).first().waitFor({ timeout: WAIT });
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Attach media?', WAIT);
		await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'No media' }).first().waitFor({ timeout: WAIT });
		await page.keyboard.press('Enter'); // "No media"
		await waitForQuickInput(page, `Send ${FROM}`, WAIT);
		await session.screenshot('installed-4-sms-confirm');
		await page.keyboard.press('Enter'); // "Send"
		const text = await expectNotification(page, 'SID', { timeoutMs: WAIT, whileShown: () => session.screenshot('installed-5-sms-sent') });
		assert.equal(sandbox.messages.length, 1, 'the server has the SMS');
		const sms = sandbox.messages[0];
		assert.deepEqual({ from: sms.from, to: sms.to, body: sms.body, num_media: sms.num_media }, { from: FROM, to: SMS_TO, body: SMS_BODY, num_media: 0 });
		assert.ok(text.includes(sms.sid), `the notification "${text}" shows the SID ${sms.sid}`);
	});

	it('sends an MMS from the compose form with a media URL', async () => {
		const { sandbox } = session;
		await runCommand(page, 'SignalWire: Compose Message...');
		const form = webviewFrame(page);
		await form.locator('#profile').getByText('127.0.0.1').waitFor({ timeout: WAIT });
		assert.equal(await form.locator('#signin-banner').isVisible(), false, 'no sign-in banner once signed in');
		await form.locator(`#from-numbers option[value="${FROM}"]`).waitFor({ state: 'attached', timeout: WAIT });
		await form.locator('#from').fill(FROM);
		await form.locator('#to').fill(MMS_TO);
		await form.locator('#body').fill(MMS_BODY);
		await form.locator('#add-media').click();
		await form.locator('#media-0').waitFor({ timeout: WAIT });
		await form.locator('#media-0').fill(MEDIA_URL);
		const send = form.locator('#send');
		await form.locator('#send:not([disabled])').waitFor({ timeout: WAIT }).catch(async (error: Error) => {
			throw new Error(`Send stays disabled: ${(await form.locator('#send-hint').textContent()) ?? ''}\n${error.message}`);
		});
		assert.equal(await form.locator('#media-0-error').textContent(), '', 'the media URL is valid');
		await session.screenshot('installed-6-mms-compose');
		await send.click();
		const sid = (await form.locator('#result-sid').textContent({ timeout: WAIT })) ?? '';
		assert.equal(sandbox.messages.length, 2, 'the server has the SMS and the MMS');
		const mms = sandbox.messages[1];
		assert.equal(sid, mms.sid);
		assert.deepEqual({ from: mms.from, to: mms.to, body: mms.body, num_media: mms.num_media }, { from: FROM, to: MMS_TO, body: MMS_BODY, num_media: 1 });
		const post = sandbox.requests.filter((r) => r.method === 'POST').at(-1);
		assert.deepEqual(post?.form.MediaUrl, [MEDIA_URL]);
		await session.screenshot('installed-7-mms-sent');
	});

	it('shows both messages in the Messages view until their final status', async () => {
		const { runDir, sandbox } = session;
		await page.locator('.activitybar .action-item a[aria-label^="SMS Sandbox"]').first().click();
		await collapseOtherViews(page, 'Messages');
		const pane = viewPane(page, 'Messages');
		await pane.locator('.pane-body .monaco-list').first().waitFor({ timeout: WAIT });
		const tree = pane.locator('.pane-body .monaco-list').first();
		const row = (to: string): Locator => tree.locator(`.monaco-list-row[aria-label^="To ${to},"]`).first();
		await row(SMS_TO).waitFor({ timeout: WAIT });
		await row(MMS_TO).waitFor({ timeout: WAIT });
		// Statuses are followed with a back-off of 2, 4, 8 s: the SMS is delivered ~14 s after its send.
		await tree.locator(`.monaco-list-row[aria-label="To ${SMS_TO}, delivered: ${SMS_BODY}"]`).waitFor({ timeout: 60_000 });
		// An MMS never gets a delivery receipt: `sent` is its final status.
		await tree.locator(`.monaco-list-row[aria-label="To ${MMS_TO}, sent: ${MMS_BODY}"]`).waitFor({ timeout: 60_000 });
		assert.equal(await row(SMS_TO).locator('.codicon-pass-filled').count(), 1, 'the SMS shows the delivered icon');
		assert.equal(await row(MMS_TO).locator('.codicon-check').count(), 1, 'the MMS shows the sent icon');
		assert.match((await row(SMS_TO).textContent()) ?? '', new RegExp(SMS_BODY));
		assert.match((await row(MMS_TO).textContent()) ?? '', new RegExp(MMS_BODY));
		await session.screenshot('installed-8-history');

		// Expanded, the MMS shows its media and type, and is no longer followed.
		await setExpanded(row(MMS_TO), true);
		const field = (label: string): Locator => tree.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
		await field('Media 1').filter({ hasText: MEDIA_URL }).first().waitFor({ timeout: WAIT });
		await field('Type').filter({ hasText: 'MMS' }).first().waitFor({ timeout: WAIT });
		await field('Status').filter({ hasText: 'sent' }).first().waitFor({ timeout: WAIT });
		assert.equal(await field('Delivery status').count(), 0, 'the MMS is no longer followed');
		await session.screenshot('installed-9-mms-fields');
		await setExpanded(row(MMS_TO), false);
		await field('Media 1').first().waitFor({ state: 'detached', timeout: WAIT });

		// The SMS likewise, with no media.
		await setExpanded(row(SMS_TO), true);
		await field('Type').filter({ hasText: 'SMS' }).first().waitFor({ timeout: WAIT });
		await field('Status').filter({ hasText: 'delivered' }).first().waitFor({ timeout: WAIT });
		assert.equal(await field('Media 1').count(), 0, 'the SMS has no media');
		assert.equal(await field('Delivery status').count(), 0, 'the SMS is no longer followed');
		await session.screenshot('installed-10-sms-fields');

		// The server agrees, and nothing shown or stored holds the token.
		assert.deepEqual(
			sandbox.messages.map((m) => [m.to, m.status]),
			[
				[SMS_TO, 'delivered'],
				[MMS_TO, 'sent'],
			],
		);
		assert.ok(!(await allPageText(page)).includes(sandbox.token), 'the token must not appear in the page');
		const history = fs.readFileSync(path.join(runDir, 'user-data', 'User', 'globalStorage', EXTENSION_ID, 'history.jsonl'), 'utf8');
		assert.ok(history.includes(SMS_BODY) && history.includes(MMS_BODY), 'the history file has both messages');
		assert.ok(!history.includes(sandbox.token), 'the history file must not hold the token');
	});
});
