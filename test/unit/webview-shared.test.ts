/**
 * What both webviews share, in plain Node: the one set of guards and the l10n reader of both
 * protocols (src/util/messageGuards.ts), the ready handshake and capped post
 * (src/webview/postGate.ts), the test observer's record (src/webview/postLog.ts), the MMS meter's
 * wording (src/webview/script/meterText.ts), the translations (src/webview/script/translations.ts)
 * and the conversation webview's one state object (src/replies/webview/state.ts).
 */
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { parseExtensionToWebviewMessage } from '../../src/compose/readExtensionMessage';
import { parseDraft, parseWebviewToExtensionMessage } from '../../src/compose/protocol';
import { parseConversationWebviewMessage } from '../../src/replies/protocol';
import { parseConversationExtensionMessage } from '../../src/replies/readExtensionMessage';
import { createConversationState, readSavedReply } from '../../src/replies/webview/state';
import {
	MAX_L10N_ENTRIES,
	MAX_REQUEST_ID_LENGTH,
	MAX_TEXT_LENGTH,
	isHttpUrl,
	isRequestId,
	readLink,
	readMessageL10n,
	readTextList,
} from '../../src/util/messageGuards';
import { PostGate } from '../../src/webview/postGate';
import { PostLog } from '../../src/webview/postLog';
import { charactersText, mmsMeterText } from '../../src/webview/script/meterText';
import { useTranslations } from '../../src/webview/script/translations';

describe('webview guards shared by both protocols', () => {
	it('a request id is a non-empty string of at most 100 characters', () => {
		assert.ok(isRequestId('r'));
		assert.ok(isRequestId('x'.repeat(MAX_REQUEST_ID_LENGTH)));
		for (const bad of ['', 'x'.repeat(MAX_REQUEST_ID_LENGTH + 1), 5, null, undefined, ['r'], { id: 'r' }]) {
			assert.equal(isRequestId(bad), false, JSON.stringify(bad));
		}
	});

	it('both protocols refuse the same request ids from the webview', () => {
		for (const requestId of ['', 'x'.repeat(MAX_REQUEST_ID_LENGTH + 1), 7]) {
			assert.equal(parseWebviewToExtensionMessage({ type: 'send', requestId, draft: {} }), undefined);
			assert.equal(parseConversationWebviewMessage({ type: 'send', requestId, body: 'x', mediaUrls: [] }), undefined);
		}
		assert.ok(parseWebviewToExtensionMessage({ type: 'send', requestId: 'r1', draft: {} }));
		assert.ok(parseConversationWebviewMessage({ type: 'send', requestId: 'r1', body: 'x', mediaUrls: [] }));
	});

	it('the conversation reader keeps its tolerance: a sendResult with an empty id is still read (it matches no send)', () => {
		assert.deepEqual(parseConversationExtensionMessage({ type: 'sendResult', requestId: '', ok: true, sid: 'SM1', status: 'queued' }), {
			type: 'sendResult',
			requestId: '',
			ok: true,
			sid: 'SM1',
			status: 'queued',
		});
		assert.equal(parseExtensionToWebviewMessage({ type: 'sendResult', requestId: '', result: { ok: true, sid: 'SM1', status: 'queued', to: '+1' } }), undefined);
	});

	it('an http(s) URL by its scheme, in any case', () => {
		assert.ok(isHttpUrl('https://example.com/a'));
		assert.ok(isHttpUrl('HTTP://example.com'));
		for (const bad of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'https:/x', ' https://x', 'vscode://x']) {
			assert.equal(isHttpUrl(bad), false, bad);
		}
	});

	it('a link is never cut: an over-long one is dropped whole', () => {
		assert.equal(readLink('https://a/b', 20), 'https://a/b');
		assert.equal(readLink(`https://a/${'b'.repeat(20)}`, 20), undefined);
		assert.equal(readLink(5, 20), undefined);
	});

	it('a text list is a fresh array of short strings, or nothing', () => {
		const urls = ['https://a/1.png', 'https://a/2.png'];
		const read = readTextList(urls, 2);
		assert.deepEqual(read, urls);
		assert.notEqual(read, urls);
		assert.equal(readTextList([...urls, 'x'], 2), undefined);
		assert.equal(readTextList(['x'.repeat(11)], 2, 10), undefined);
		assert.equal(readTextList(['x'.repeat(MAX_TEXT_LENGTH + 1)], 2), undefined);
		assert.equal(readTextList([1], 2), undefined);
		assert.equal(readTextList('https://a', 2), undefined);
		assert.deepEqual(parseDraft({ mediaUrls: urls }), { mediaUrls: urls });
		assert.equal(parseDraft({ mediaUrls: [5] }), undefined);
	});
});

describe('the one l10n reader of both webviews', () => {
	it('an absent l10n is English: nothing read, nothing said', () => {
		const dropped: string[] = [];
		assert.equal(readMessageL10n({ type: 'init' }, (part) => dropped.push(part)), undefined);
		assert.deepEqual(dropped, []);
	});

	it('reads the string entries and says what it dropped; an own `l10n` only', () => {
		const dropped: string[] = [];
		assert.deepEqual(readMessageL10n({ l10n: { Send: 'Senden', Bad: 5 } }, (part) => dropped.push(part)), { Send: 'Senden' });
		assert.deepEqual(dropped, ['l10n entry']);
		const inherited = Object.create({ l10n: { Send: 'x' } }) as Record<string, unknown>;
		assert.equal(readMessageL10n(inherited, () => {}), undefined);
		const notAnObject: string[] = [];
		assert.equal(readMessageL10n({ l10n: 'de' }, (part) => notAnObject.push(part)), undefined);
		assert.deepEqual(notAnObject, ['l10n']);
	});

	it('both readers take the same bundle from an init, and drop entries past the limit alike', () => {
		const big = Object.fromEntries(Array.from({ length: MAX_L10N_ENTRIES + 3 }, (_, i) => [`k${i}`, `v${i}`]));
		const composeDropped: string[] = [];
		const conversationDropped: string[] = [];
		const compose = parseExtensionToWebviewMessage({ type: 'init', draft: {}, numbers: [], profile: null, sending: false, l10n: big }, (part) => composeDropped.push(part));
		const conversation = parseConversationExtensionMessage(
			{ type: 'init', thread: { ownNumber: '+1', otherParty: '+2', space: 's' }, bubbles: [], hidden: 0, draft: { body: '', mediaUrls: [] }, sending: false, l10n: big },
			(part) => conversationDropped.push(part),
		);
		assert.ok(compose?.type === 'init' && conversation?.type === 'init');
		assert.equal(Object.keys(compose.l10n ?? {}).length, MAX_L10N_ENTRIES);
		assert.deepEqual(compose.l10n, conversation.l10n);
		assert.deepEqual(composeDropped, conversationDropped);
	});
});

describe('the test observer record (PostLog)', () => {
	it('keeps the last `max` messages, oldest first, and hands out copies', () => {
		const log = new PostLog<number>(3);
		for (const n of [1, 2, 3, 4, 5]) {
			log.record(n);
		}
		const list = log.list();
		assert.deepEqual(list, [3, 4, 5]);
		list.push(6);
		assert.deepEqual(log.list(), [3, 4, 5]);
		log.clear();
		assert.deepEqual(log.list(), []);
	});
});

describe('the MMS meter, worded alike in both webviews', () => {
	afterEach(() => l10n.config({ contents: {} }));

	it('counts characters with thousands separators out of 1,600', () => {
		assert.equal(charactersText(27), '27/1,600 characters');
		assert.equal(charactersText(1234), '1,234/1,600 characters');
	});

	it('says a message with media is one MMS, not split into SMS segments', () => {
		assert.equal(mmsMeterText(12, 8), '12/1,600 characters · MMS with 8 media: one message, not split into SMS segments');
		assert.equal(mmsMeterText(0, 0), '0/1,600 characters · MMS: one message, not split into SMS segments');
	});

	it('follows the translations of an init', () => {
		useTranslations({ '{0}/{1} characters': '{0}/{1} Zeichen' });
		assert.equal(charactersText(5), '5/1,600 Zeichen');
		useTranslations(undefined);
		assert.equal(charactersText(5), '5/1,600 Zeichen', 'no bundle (English) leaves the configured one');
	});
});

describe("a conversation webview's state", () => {
	it('starts following the newest message, with nothing typed and no send in flight', () => {
		assert.deepEqual(createConversationState(), { thread: undefined, pendingRequest: undefined, mediaUrls: [], following: true, newestSid: undefined });
		assert.notEqual(createConversationState().mediaUrls, createConversationState().mediaUrls);
	});

	it('reads a saved reply part by part', () => {
		assert.deepEqual(readSavedReply({ body: 'hi', mediaUrls: ['https://a/1.png', 5] }), { body: 'hi', mediaUrls: ['https://a/1.png'] });
		assert.deepEqual(readSavedReply({ body: 5, mediaUrls: 'x' }), {});
		assert.deepEqual(readSavedReply(undefined), {});
		assert.deepEqual(readSavedReply(null), {});
		assert.deepEqual(readSavedReply('hi'), {});
	});
});

describe('the ready handshake and the capped post (PostGate)', () => {
	function gate(): { gate: PostGate<string>; sent: string[]; observed: string[] } {
		const sent: string[] = [];
		const observed: string[] = [];
		const postGate = new PostGate<string>(
			(message) => sent.push(message),
			(message) => message.slice(0, 3),
			(message) => observed.push(message),
		);
		return { gate: postGate, sent, observed };
	}

	it('posts nothing before the script says ready', () => {
		const { gate: g, sent, observed } = gate();
		g.post('init');
		assert.equal(g.isReady, false);
		assert.deepEqual(sent, []);
		assert.deepEqual(observed, []);
	});

	it('posts capped once ready; the observer hears what was posted, as capped', () => {
		const { gate: g, sent, observed } = gate();
		g.opened();
		g.post('abcdef');
		assert.deepEqual(sent, ['abc']);
		assert.deepEqual(observed, ['abc']);
	});

	it('a hidden panel posts nothing until its script says ready again', () => {
		const { gate: g, sent } = gate();
		g.opened();
		g.hidden();
		g.post('lost');
		assert.equal(g.isReady, false);
		g.opened();
		g.post('again');
		assert.deepEqual(sent, ['aga']);
	});

	it('a closed panel posts nothing, even after a late ready', () => {
		const { gate: g, sent } = gate();
		g.opened();
		g.close();
		g.post('x');
		g.opened();
		g.post('y');
		assert.equal(g.isReady, false);
		assert.deepEqual(sent, []);
	});

	it('without an observer it still posts', () => {
		const sent: string[] = [];
		const g = new PostGate<string>((message) => sent.push(message), (message) => message);
		g.opened();
		g.post('ok');
		assert.deepEqual(sent, ['ok']);
	});
});
