/**
 * The Messages view as a person sees it: the SignalWire activity bar icon, the empty state with its
 * buttons, items with status icons and colours once the history holds messages (written by
 * "another window"), the tooltip, the context menu and "Open as JSON". Screenshots go to
 * test-results/screenshots/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HistoryEntry } from '../../src/history/entry';
import { serializeRecord } from '../../src/history/journal';
import type { Message } from '../../src/core/types';
import { message as aMessage } from '../fixtures/builders';
import { runCommand, startUiSession, viewPane, type UiSession } from './session';

const EXTENSION_ID = 'sms-devtools-community.signalwire-messaging-sandbox';

function message(status: string, to: string, extra: Partial<Message> = {}): Message {
	return aMessage({
		body: 'x',
		date_created: new Date().toUTCString(),
		date_updated: new Date().toUTCString(),
		price: status === 'delivered' ? 0.0079 : null,
		status,
		to,
		subresource_uris: null,
		...extra,
	});
}

function entries(spaceUrl: string): HistoryEntry[] {
	const profile = { id: `${spaceUrl}|5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001`, spaceUrl, projectId: '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001' };
	const now = Date.now();
	const make = (i: number, to: string, body: string, rest: Partial<HistoryEntry>): HistoryEntry => ({
		id: `ui-${now}-${i}`,
		profile,
		params: { to, from: '+15550100100', body },
		createdAt: now - (10 - i) * 60_000,
		updatedAt: now - (10 - i) * 60_000 + 5_000,
		...rest,
	});
	return [
		make(0, '+15550100199', 'Your code is 123456', { message: message('delivered', '+15550100199') }),
		make(1, '+15550100666', 'Nobody home <b>bold?</b>', { message: message('failed', '+15550100666', { error_code: '30003', error_message: 'Unreachable destination handset' }) }),
		make(2, '+15550100777', 'Undelivered one', { message: message('undelivered', '+15550100777', { error_code: '30005' }) }),
		make(3, '+1555', 'Bad number', { error: { kind: 'api', message: "The 'To' number +1555 is not a valid phone number", httpStatus: 422, code: 21211 } }),
		make(4, '+15550100198', 'A picture', { params: { to: '+15550100198', from: '+15550100100', body: 'A picture', mediaUrls: ['https://example.com/cat.jpg'] }, message: message('sent', '+15550100198', { num_media: 1 }) }),
		make(5, '+15550100197', 'Still queued', { message: message('queued', '+15550100197') }),
	];
}

describe('UI: the Messages view', function () {
	this.timeout(180_000);
	let session: UiSession;

	before(async () => {
		session = await startUiSession({ name: 'history' });
	});

	after(async () => {
		await session?.close();
	});

	it('has an SMS Sandbox icon in the activity bar and an empty state with Send Message and Sign In', async () => {
		const { page } = session;
		const icon = page.locator('.activitybar .action-item a[aria-label^="SMS Sandbox"]').first();
		await icon.waitFor({ state: 'visible', timeout: 60_000 });
		await icon.click();
		const welcome = viewPane(page, 'Messages').locator('.welcome-view-content');
		await welcome.getByText('No messages yet', { exact: false }).waitFor({ timeout: 30_000 });
		assert.ok(await welcome.getByRole('button', { name: 'Send Message' }).isVisible());
		assert.ok(await welcome.getByRole('button', { name: 'Sign In' }).isVisible());
		await session.screenshot('history-1-empty');
	});

	it('shows messages another window recorded, grouped under Today, with status icons and a tooltip', async () => {
		const { page, runDir, sandbox } = session;
		const file = path.join(runDir, 'user-data', 'User', 'globalStorage', EXTENSION_ID, 'history.jsonl');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.appendFileSync(file, entries(sandbox.url).map((entry) => `\n${serializeRecord({ op: 'add', entry })}\n`).join(''));
		const tree = viewPane(page, 'Messages').locator('.pane-body .monaco-list').first();
		await tree.locator('.monaco-list-row', { hasText: 'Today' }).waitFor({ timeout: 30_000 });
		await tree.locator('.monaco-list-row', { hasText: '+15550100666' }).waitFor({ timeout: 10_000 });
		for (const icon of ['pass-filled', 'error', 'warning', 'circle-slash', 'check', 'clock']) {
			assert.ok((await tree.locator(`.codicon-${icon}`).count()) > 0, `an item with the ${icon} icon`);
		}
		// Each row starts with the direction and the status word, not only an icon.
		const rowText = async (to: string) => (await tree.locator('.monaco-list-row', { hasText: to }).first().textContent()) ?? '';
		assert.match(await rowText('+15550100199'), /^\+15550100199→ delivered · Your code is 123456/);
		assert.match(await rowText('+15550100666'), /^\+15550100666→ failed \(30003\) · Nobody home/);
		await session.screenshot('history-2-items');
		await tree.locator('.monaco-list-row', { hasText: '+15550100666' }).first().hover();
		const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: '30003' }).first();
		await hover.waitFor({ timeout: 15_000 });
		const text = (await hover.textContent()) ?? '';
		assert.match(text, /Handset unreachable/);
		assert.match(text, /<b>bold\?<\/b>/, 'the body is shown as text, not rendered as HTML');
		await session.screenshot('history-3-tooltip');
	});

	it('offers the item actions in the context menu and opens a message as JSON', async () => {
		const { page } = session;
		const row = viewPane(page, 'Messages').locator('.pane-body .monaco-list-row', { hasText: '+15550100199' }).first();
		await row.click({ button: 'right' });
		const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container').first();
		await menu.waitFor({ timeout: 10_000 });
		const labels = await menu.locator('.action-label').allTextContents();
		for (const expected of ['Resend...', 'Edit and Resend...', 'Refresh Status', 'Copy SID', 'Copy as curl', 'Open as JSON', 'Delete from History']) {
			assert.ok(labels.some((l) => l.includes(expected)), `the context menu has ${expected}: ${labels.join(' | ')}`);
		}
		await session.screenshot('history-4-context-menu');
		await menu.locator('.action-label', { hasText: 'Open as JSON' }).first().click();
		await page.locator('.editor-instance .view-lines', { hasText: '"request"' }).first().waitFor({ timeout: 15_000 });
		await session.screenshot('history-5-json');
	});

	it('fits an 800×600 window: the rows still start with their status', async () => {
		const { page } = session;
		await runCommand(page, 'View: Close All Editors');
		await page.setViewportSize({ width: 800, height: 600 });
		const tree = viewPane(page, 'Messages').locator('.pane-body .monaco-list').first();
		const description = tree.locator('.monaco-list-row', { hasText: '+15550100666' }).first().locator('.label-description');
		await description.waitFor();
		// The status is at the start of the description: it is in view even when the body is cut.
		const statusInView = await description.evaluate((element) => {
			const range = document.createRange();
			const text = element.firstChild ?? element;
			range.setStart(text, 0);
			range.setEnd(text, Math.min('→ failed (30003)'.length, text.textContent?.length ?? 0));
			return range.getBoundingClientRect().right <= (element.closest('.monaco-list') as HTMLElement).getBoundingClientRect().right;
		});
		assert.ok(statusInView, 'the status word is cut off');
		await session.screenshot('narrow-800x600');
	});
});
