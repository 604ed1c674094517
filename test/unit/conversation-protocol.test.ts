import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import type { KnownMessage } from '../../src/core/conversations';
import type { Message } from '../../src/core/types';
import { bubbleMedia, threadBubbles, toBubble } from '../../src/replies/bubbles';
import { renderConversationHtml } from '../../src/replies/conversationHtml';
import { MAX_BUBBLES, MAX_L10N_ENTRIES, parseConversationWebviewMessage } from '../../src/replies/protocol';
import { parseConversationExtensionMessage } from '../../src/replies/readExtensionMessage';
import { pageLabels } from '../../src/replies/webview/labels';
import { useTranslations } from '../../src/webview/script/translations';

function known(sid: string, overrides: Partial<Message> = {}, extra: Partial<KnownMessage> = {}): KnownMessage {
	return {
		profileId: 'p',
		origin: 'polled',
		read: false,
		message: {
			account_sid: 'p',
			api_version: '2010-04-01',
			body: 'hi <b>there</b>',
			num_segments: 1,
			num_media: 0,
			date_created: 'Mon, 30 Nov 2026 12:00:00 +0000',
			date_sent: 'Mon, 30 Nov 2026 12:00:01 +0000',
			date_updated: 'Mon, 30 Nov 2026 12:00:01 +0000',
			direction: 'inbound',
			error_code: null,
			error_message: null,
			from: '+15550100555',
			price: null,
			price_unit: null,
			sid,
			status: 'received',
			to: '+15550100100',
			messaging_service_sid: null,
			uri: '',
			subresource_uris: null,
			...overrides,
		},
		...extra,
	};
}

describe('conversation panel protocol', () => {
	it('accepts exactly the known webview messages, as fresh copies', () => {
		assert.deepEqual(parseConversationWebviewMessage({ type: 'ready' }), { type: 'ready' });
		assert.deepEqual(parseConversationWebviewMessage({ type: 'send', requestId: 'r', body: 'x', mediaUrls: ['https://a/b.png'], extra: 1 }), {
			type: 'send',
			requestId: 'r',
			body: 'x',
			mediaUrls: ['https://a/b.png'],
		});
		assert.deepEqual(parseConversationWebviewMessage({ type: 'action', action: 'delete', sid: 's' }), { type: 'action', action: 'delete', sid: 's' });
		for (const bad of [
			null,
			[],
			'ready',
			{ type: 'send', requestId: '', body: 'x', mediaUrls: [] },
			{ type: 'send', requestId: 'r', body: 5, mediaUrls: [] },
			{ type: 'send', requestId: 'r', body: 'x', mediaUrls: [1] },
			{ type: 'send', requestId: 'r', body: 'x'.repeat(20_001), mediaUrls: [] },
			{ type: 'action', action: 'rm -rf', sid: 's' },
			{ type: 'openLink', url: 'javascript:alert(1)' },
			{ type: 'openLink', url: 'command:workbench.action.quit' },
			Object.create({ type: 'ready' }),
		]) {
			assert.equal(parseConversationWebviewMessage(bad), undefined, JSON.stringify(bad));
		}
	});

	it('checks extension messages too, bubbles and all', () => {
		const bubble = toBubble(known('a'));
		const init = { type: 'init', thread: { ownNumber: '+1', otherParty: '+2', space: 's' }, bubbles: [bubble], hidden: 0, draft: { body: '', mediaUrls: [] }, sending: false };
		assert.deepEqual(parseConversationExtensionMessage(init), init);
		assert.deepEqual(parseConversationExtensionMessage({ ...init, bubbles: [{ ...bubble, direction: 'sideways' }, bubble] }), init, 'only the bad bubble is dropped');
		const many = parseConversationExtensionMessage({ ...init, bubbles: new Array(MAX_BUBBLES + 1).fill(bubble) });
		assert.deepEqual(many?.type === 'init' ? [many.bubbles.length, many.hidden] : many, [MAX_BUBBLES, 1], 'the newest kept, the rest counted as hidden');
		const failed = { type: 'sendResult', requestId: 'r', ok: false, error: { message: 'no', moreInfo: 'javascript:x' } };
		assert.deepEqual(parseConversationExtensionMessage(failed), { type: 'sendResult', requestId: 'r', ok: false, error: { message: 'no' } });
	});

	it('builds bubbles: direction, explained errors, deleted and redacted, media previews for https images only', () => {
		const failed = toBubble(known('f', { direction: 'outbound-api', status: 'undelivered', error_code: '30005' }));
		assert.equal(failed.direction, 'outbound');
		assert.match(failed.error ?? '', /30005/);
		const deleted = toBubble(known('d', {}, { deletedAt: 1 }));
		assert.deepEqual([deleted.body, deleted.deleted, deleted.status], [null, true, 'deleted']);
		assert.equal(toBubble(known('r', { body: '' }, { redactedAt: 1 })).redacted, true);
		assert.deepEqual(bubbleMedia('https://example.com/cat.JPG?x=1'), { url: 'https://example.com/cat.JPG?x=1', image: true });
		assert.equal(bubbleMedia('http://example.com/cat.jpg').image, false);
		assert.equal(bubbleMedia('https://example.com/file.pdf').image, false);
		const many = Array.from({ length: MAX_BUBBLES + 20 }, (_, i) => known(`m${i}`));
		const { bubbles, hidden } = threadBubbles(many);
		assert.deepEqual([bubbles.length, hidden, bubbles[0].sid], [MAX_BUBBLES, 20, 'm20']);
	});

	it('renders a page with a strict CSP, one nonce and no dynamic text', () => {
		const html = renderConversationHtml({ cspSource: 'vscode-resource:', nonce: 'abc+/=', scriptUri: 'https://x/"a.js', styleUri: 'https://x/a.css' });
		assert.match(html, /default-src 'none'; script-src 'nonce-abc\+\/='/);
		assert.ok(!html.includes('"a.js'), 'attributes are escaped');
		assert.equal((html.match(/<script/g) ?? []).length, 1);
		assert.ok(!/\son[a-z]+=/i.test(html), 'no inline handlers');
	});

	it('carries the extension\'s translations in init: string entries kept, others dropped, a non-object left out', () => {
		const init = { type: 'init', thread: { ownNumber: '+1', otherParty: '+2', space: 's' }, bubbles: [], hidden: 0, draft: { body: '', mediaUrls: [] }, sending: false };
		const parsed = parseConversationExtensionMessage({ ...init, l10n: { Send: 'Senden', Reply: 7, Remove: { x: 1 } } });
		assert.ok(parsed?.type === 'init');
		assert.deepEqual(parsed.l10n, { Send: 'Senden' });
		assert.deepEqual(parseConversationExtensionMessage({ ...init, l10n: 'Senden' }), init, 'a bundle that is not an object is ignored, the rest kept');
		const huge = Object.fromEntries(Array.from({ length: MAX_L10N_ENTRIES + 10 }, (_, i) => [`k${i}`, 'v']));
		const bounded = parseConversationExtensionMessage({ ...init, l10n: huge });
		assert.equal(bounded?.type === 'init' ? Object.keys(bounded.l10n ?? {}).length : -1, MAX_L10N_ENTRIES);
	});

	it('labels the page in the language of the bundle it was given (English without one)', () => {
		try {
			useTranslations(undefined);
			assert.equal(pageLabels().send, 'Send');
			useTranslations({ Send: 'Senden', 'Attach Media URL': 'Medien-URL anhängen', 'Reply… (Ctrl+Enter to send)': 'Antworten… (Strg+Eingabe sendet)' });
			assert.deepEqual(pageLabels(), { reply: 'Reply', replyPlaceholder: 'Antworten… (Strg+Eingabe sendet)', attach: 'Medien-URL anhängen', send: 'Senden' });
			assert.equal(l10n.t('deleted at SignalWire'), 'deleted at SignalWire', 'strings without a translation stay English');
		} finally {
			l10n.config({ contents: {} });
		}
	});

	it('titles the page through l10n', () => {
		try {
			l10n.config({ contents: { Conversation: 'Unterhaltung' } });
			assert.match(renderConversationHtml({ cspSource: 'vscode-resource:', nonce: 'n', scriptUri: 'a.js', styleUri: 'b.css' }), /<title>Unterhaltung<\/title>/);
		} finally {
			l10n.config({ contents: {} });
		}
	});
});
