import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import {
	STATE_ICONS,
	entryDescription,
	entryFields,
	entryLabel,
	errorExplanation,
	escapeMarkdown,
	statusText,
	tooltipMarkdown,
} from '../../src/history/presentation';
import { entryOfOutcome, isHistoryEntry } from '../../src/history/entry';
import { entry, message } from '../fixtures/builders';

describe('history presentation', () => {
	it('escapes every Markdown and HTML construct in user text', () => {
		const hostile = '**bold** _it_ [link](javascript:alert(1)) ![img](http://x/y.png) <img src=x onerror=alert(1)> `code` $(alert) &amp; # h\n> quote | a | <http://evil.example>';
		const escaped = escapeMarkdown(hostile);
		assert.ok(!escaped.includes('\n'));
		// Every ASCII punctuation character is preceded by a backslash.
		for (let i = 0; i < escaped.length; i++) {
			const ch = escaped[i]!;
			if (/[!-/:-@[-`{-~]/.test(ch) && ch !== '\\') {
				assert.equal(escaped[i - 1], '\\', `unescaped ${ch} at ${i} in ${escaped}`);
			}
		}
		assert.ok(!/<img/.test(escaped.replace(/\\</g, '')));
	});

	it('builds a tooltip with the essentials, user text escaped, one trusted link', () => {
		const e = entry({
			params: { to: '+15550100666', from: '+15550100100', body: 'Hi <b>there</b> [x](command:workbench.action.quit)' },
			message: message({ status: 'failed', error_code: '30003', error_message: 'Unreachable <script>', num_segments: 2, price: 0.0158 }),
		});
		const md = tooltipMarkdown(e);
		assert.match(md, /\*\*From\*\* \\\+15550100100/);
		assert.match(md, /\*\*Status\*\* failed \\\(30003\\\)/);
		assert.match(md, /\*\*Segments\*\* 2/);
		assert.match(md, /\*\*Price\*\* 0\\\.0158 USD/);
		assert.match(md, /30003 Handset unreachable/);
		assert.match(md, /\*\*SID\*\* /);
		assert.ok(md.includes('Hi \\<b\\>there\\<\\/b\\> \\[x\\]\\(command\\:workbench\\.action\\.quit\\)'), md);
		assert.ok(md.includes('Unreachable \\<script\\>'));
		const links = [...md.matchAll(/(?<!\\)\[[^\]]*(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]);
		assert.deepEqual(links, ['https://developer.signalwire.com/rest/compatibility-api/overview/error-codes']);
	});

	it('describes an API error without a message: status, code and meaning, the API text escaped', () => {
		const e = entry({ message: undefined, error: { kind: 'api', message: 'Invalid *To*', httpStatus: 422, code: 21211 } });
		assert.equal(statusText(e), 'API error 21211 (HTTP 422)');
		assert.match(errorExplanation(e)!.text, /^21211 Invalid To number: /);
		const md = tooltipMarkdown(e);
		assert.ok(md.includes('Invalid \\*To\\*'));
		const fields = entryFields(e);
		assert.deepEqual(
			fields.filter((f) => ['status', 'errorCode', 'errorMessage', 'moreInfo'].includes(f.key)).map((f) => f.key),
			['status', 'errorCode', 'errorMessage', 'moreInfo'],
		);
		assert.ok(fields.find((f) => f.key === 'moreInfo')?.url?.startsWith('https://'));
		assert.equal(fields.find((f) => f.key === 'sid'), undefined);
		assert.equal(statusText(entry({ message: undefined, error: { kind: 'network', message: 'down' } })), 'network error');
	});

	it('labels with the recipient and describes with a body snippet, or the media count', () => {
		const long = entry({ params: { to: '+15550100199', body: 'Line one\nline two is a bit longer than forty characters' } });
		assert.equal(entryLabel(long), '+15550100199');
		assert.equal(entryDescription(long), 'Line one line two is a bit longer than…');
		assert.equal(entryDescription(entry({ params: { to: '+1', mediaUrls: ['https://a', 'https://b'] } })), '(2 media)');
	});

	it('lists the fields of an expanded item, media URLs one per row', () => {
		const e = entry({ params: { to: '+15550100199', from: '+15550100100', body: 'Hi', mediaUrls: ['https://example.com/a.jpg'] }, following: true });
		const keys = entryFields(e).map((f) => f.key);
		assert.deepEqual(keys, ['status', 'to', 'from', 'body', 'media0', 'segments', 'sid', 'type', 'space', 'project', 'createdAt', 'updatedAt', 'following']);
		assert.equal(entryFields(e).find((f) => f.key === 'type')?.value, 'MMS');
	});

	it('translates through the bundle @vscode/l10n is configured with', () => {
		l10n.config({ contents: { '{0} error': { message: 'Fehler: {0}', comment: [] }, Status: 'Zustand' } });
		try {
			assert.equal(statusText(entry({ message: undefined, error: { kind: 'timeout', message: 'slow' } })), 'Fehler: timeout');
			assert.ok(entryFields(entry({})).some((field) => field.label === 'Zustand'));
		} finally {
			l10n.config({ contents: {} });
		}
	});

	it('has an icon and a theme colour for every state', () => {
		for (const state of ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'error', 'unknown'] as const) {
			assert.ok(STATE_ICONS[state].icon && STATE_ICONS[state].color, state);
		}
	});
});

describe('history: sends of a conversation test run', () => {
	it('marks a send of a test run against the Space, and keeps the mark through the journal', () => {
		const base = entry({ params: { to: '+15550100555', from: '+15550100100', body: 'HELP' } });
		const outcome = { id: base.id, profile: base.profile, params: base.params, message: base.message, startedAt: 1, finishedAt: 2 };
		const byHand = entryOfOutcome(outcome, false);
		const byTest = entryOfOutcome({ ...outcome, testRun: true }, false);
		assert.equal(entryDescription(byHand), 'HELP');
		assert.equal(entryDescription(byTest), 'test run · HELP');
		const reloaded: unknown = JSON.parse(JSON.stringify(byTest));
		assert.ok(isHistoryEntry(reloaded));
		assert.equal(reloaded.testRun, true);
		assert.equal(isHistoryEntry({ ...byTest, testRun: 'yes' }), false);
	});
});
