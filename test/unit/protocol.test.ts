/**
 * The compose form's message guards (src/compose/protocol.ts, src/compose/readExtensionMessage.ts)
 * and the webview's pure helpers (src/compose/webview/model.ts): good messages pass as fresh
 * copies; the extension refuses any malformed message; the webview drops only a bad part.
 */
import * as assert from 'node:assert/strict';
import {
	MAX_NUMBERS,
	MAX_TEXT_LENGTH,
	cutText,
	describeRejected,
	isWebviewToExtensionMessage,
	parseDraft,
	parseWebviewToExtensionMessage,
} from '../../src/compose/protocol';
import { isExtensionToWebviewMessage, parseExtensionToWebviewMessage } from '../../src/compose/readExtensionMessage';
import {
	chipText,
	countReplaceable,
	isPlainHttpUrl,
	newRequestId,
	parsePersistedState,
	previewableImageUrl,
	safeLink,
	splitPastedUrls,
} from '../../src/compose/webview/model';
import { renderComposeHtml } from '../../src/compose/composeHtml';

const FULL_DRAFT = {
	to: '+15550100199',
	from: '+15550100100',
	messagingServiceSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	body: 'Hello <img src=x onerror=alert(1)>',
	mediaUrls: ['https://example.com/a.jpg', ''],
	sendAsMms: true,
	statusCallback: 'https://example.com/status',
	validityPeriod: '600',
	maxPrice: 0.05,
	applicationSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

describe('compose protocol: webview → extension', () => {
	it('accepts ready and signIn, and returns fresh copies without extra keys', () => {
		assert.deepEqual(parseWebviewToExtensionMessage({ type: 'ready' }), { type: 'ready' });
		assert.deepEqual(parseWebviewToExtensionMessage({ type: 'signIn', extra: 1 }), { type: 'signIn' });
	});

	it('accepts draftChanged with every field of a draft, numbers as text or numbers', () => {
		const parsed = parseWebviewToExtensionMessage({ type: 'draftChanged', draft: FULL_DRAFT });
		assert.deepEqual(parsed, { type: 'draftChanged', draft: FULL_DRAFT });
		assert.ok(parsed?.type === 'draftChanged');
		assert.notEqual(parsed.draft, FULL_DRAFT, 'a copy');
		assert.notEqual(parsed.draft.mediaUrls, FULL_DRAFT.mediaUrls, 'the media list is copied too');
		assert.ok(isWebviewToExtensionMessage({ type: 'draftChanged', draft: {} }), 'an empty draft is fine');
	});

	it('accepts send with a request id and a draft of exactly 8 media URLs', () => {
		const mediaUrls = Array.from({ length: 8 }, (_, i) => `https://example.com/${i}.png`);
		assert.deepEqual(parseWebviewToExtensionMessage({ type: 'send', requestId: 'r1', draft: { to: '+15550100199', mediaUrls } }), {
			type: 'send',
			requestId: 'r1',
			draft: { to: '+15550100199', mediaUrls },
		});
	});

	it('accepts send with the StatusCallback box\'s choice, ticked or not', () => {
		for (const addStatusCallback of [true, false]) {
			assert.deepEqual(parseWebviewToExtensionMessage({ type: 'send', requestId: 'r1', draft: {}, addStatusCallback }), { type: 'send', requestId: 'r1', draft: {}, addStatusCallback });
		}
		assert.deepEqual(parseWebviewToExtensionMessage({ type: 'send', requestId: 'r1', draft: {} }), { type: 'send', requestId: 'r1', draft: {} }, 'absent: the setting decides');
	});

	const malformed: Array<[string, unknown]> = [
		['undefined', undefined],
		['null', null],
		['a string', 'ready'],
		['a number', 42],
		['an array', [{ type: 'ready' }]],
		['no type', { draft: {} }],
		['a type that is not a string', { type: 1 }],
		['an unknown type', { type: 'deleteEverything' }],
		['an extension→webview type', { type: 'init', draft: {}, numbers: [], profile: null, sending: false }],
		['a type in another case', { type: 'Ready' }],
		['draftChanged without a draft', { type: 'draftChanged' }],
		['draftChanged with a draft that is an array', { type: 'draftChanged', draft: [] }],
		['draftChanged with a draft that is a string', { type: 'draftChanged', draft: 'to=+1555' }],
		['to as a number', { type: 'draftChanged', draft: { to: 15550100199 } }],
		['body as an object', { type: 'draftChanged', draft: { body: { toString: 'x' } } }],
		['body as null', { type: 'draftChanged', draft: { body: null } }],
		['mediaUrls as a string', { type: 'draftChanged', draft: { mediaUrls: 'https://example.com/a.jpg' } }],
		['mediaUrls with a number', { type: 'draftChanged', draft: { mediaUrls: ['https://example.com/a.jpg', 7] } }],
		['mediaUrls with an object', { type: 'draftChanged', draft: { mediaUrls: [{ url: 'https://example.com/a.jpg' }] } }],
		['mediaUrls with null', { type: 'draftChanged', draft: { mediaUrls: [null] } }],
		['9 media URLs', { type: 'draftChanged', draft: { mediaUrls: Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`) } }],
		['sendAsMms as a string', { type: 'draftChanged', draft: { sendAsMms: 'true' } }],
		['sendAsMms as a number', { type: 'draftChanged', draft: { sendAsMms: 1 } }],
		['validityPeriod as a boolean', { type: 'draftChanged', draft: { validityPeriod: true } }],
		['validityPeriod as NaN', { type: 'draftChanged', draft: { validityPeriod: Number.NaN } }],
		['maxPrice as Infinity', { type: 'draftChanged', draft: { maxPrice: Number.POSITIVE_INFINITY } }],
		['maxPrice as an array', { type: 'draftChanged', draft: { maxPrice: ['0.05'] } }],
		['a body longer than the limit', { type: 'draftChanged', draft: { body: 'x'.repeat(MAX_TEXT_LENGTH + 1) } }],
		['a class instance as the draft', { type: 'draftChanged', draft: new (class Draft { to = '+15550100199'; })() }],
		['send without a request id', { type: 'send', draft: { to: '+15550100199' } }],
		['send with an empty request id', { type: 'send', requestId: '', draft: {} }],
		['send with a numeric request id', { type: 'send', requestId: 7, draft: {} }],
		['send with an over-long request id', { type: 'send', requestId: 'r'.repeat(101), draft: {} }],
		['send without a draft', { type: 'send', requestId: 'r1' }],
		['send with a bad draft', { type: 'send', requestId: 'r1', draft: { to: ['+15550100199'] } }],
		['send with a string StatusCallback choice', { type: 'send', requestId: 'r1', draft: {}, addStatusCallback: 'true' }],
		['send with a numeric StatusCallback choice', { type: 'send', requestId: 'r1', draft: {}, addStatusCallback: 1 }],
		['send with a null StatusCallback choice', { type: 'send', requestId: 'r1', draft: {}, addStatusCallback: null }],
	];
	for (const [name, value] of malformed) {
		it(`rejects ${name}`, () => {
			assert.equal(parseWebviewToExtensionMessage(value), undefined);
			assert.equal(isWebviewToExtensionMessage(value), false);
		});
	}

	it('ignores prototype-pollution keys: they are neither copied nor applied', () => {
		const raw = JSON.parse(
			'{"type":"draftChanged","__proto__":{"type":"send"},"constructor":{"prototype":{"polluted":true}},"draft":{"to":"+15550100199","__proto__":{"polluted":true,"body":"injected"},"constructor":{"prototype":{"polluted":true}},"prototype":{"x":1}}}',
		) as unknown;
		const parsed = parseWebviewToExtensionMessage(raw);
		assert.deepEqual(parsed, { type: 'draftChanged', draft: { to: '+15550100199' } });
		assert.ok(parsed?.type === 'draftChanged');
		assert.equal(Object.getPrototypeOf(parsed.draft), Object.prototype);
		assert.equal((parsed.draft as unknown as Record<string, unknown>).polluted, undefined);
		assert.equal(parsed.draft.body, undefined, 'a body from __proto__ is not read');
		assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
		assert.equal(Object.keys(parsed.draft).join(), 'to');
	});

	it('reads only own properties: an inherited type or field does not count', () => {
		const inherited = Object.create({ type: 'ready' }) as object;
		assert.equal(parseWebviewToExtensionMessage(inherited), undefined);
		const draft = Object.assign(Object.create(null) as object, { to: '+15550100199' });
		assert.deepEqual(parseDraft(draft), { to: '+15550100199' }, 'a null-prototype object is plain data');
	});

	it('describes a rejected message by its type and keys, not its content', () => {
		assert.equal(describeRejected({ type: 'nope', draft: { body: 'secret text' } }), 'type "nope", keys [type, draft]');
		assert.equal(describeRejected(null), 'null');
		assert.equal(describeRejected(undefined), 'undefined');
		assert.equal(describeRejected({}), 'type missing, keys []');
		assert.equal(describeRejected([1]), 'an array');
		assert.equal(describeRejected('x'), 'a string');
		assert.equal(describeRejected({ type: 5 }), 'type (number), keys [type]');
	});
});

describe('compose protocol: extension → webview', () => {
	const numbers = [{ phoneNumber: '+15550100100', friendlyName: '(555) 010-0100', sms: true, mms: true }];

	it('accepts init, numbers, sendResult and signedInChanged', () => {
		const init = { type: 'init', draft: FULL_DRAFT, numbers, profile: '127.0.0.1:5000 (0a1b2c3d…)', sending: false };
		assert.deepEqual(parseExtensionToWebviewMessage(init), init);
		const withResult = { ...init, profile: null, lastResult: { ok: true, sid: 'SM1', status: 'queued', to: '+15550100199', requestId: 'r1' } };
		assert.deepEqual(parseExtensionToWebviewMessage(withResult), withResult);
		assert.deepEqual(parseExtensionToWebviewMessage({ type: 'numbers', numbers: [] }), { type: 'numbers', numbers: [] });
		assert.deepEqual(parseExtensionToWebviewMessage({ type: 'numbers', numbers, error: 'HTTP 500' }), { type: 'numbers', numbers, error: 'HTTP 500' });
		const ok = { type: 'sendResult', requestId: 'r1', result: { ok: true, sid: 'SM1', status: 'queued', to: '+15550100199' } };
		assert.deepEqual(parseExtensionToWebviewMessage(ok), ok);
		const failed = {
			type: 'sendResult',
			requestId: 'r2',
			result: { ok: false, error: { code: 21211, httpStatus: 422, message: "The 'To' number is invalid", moreInfo: 'https://example.com/21211', hint: 'Use E.164.' } },
		};
		assert.deepEqual(parseExtensionToWebviewMessage(failed), failed);
		const bare = { type: 'sendResult', requestId: 'r3', result: { ok: false, error: { message: 'Network down' } } };
		assert.deepEqual(parseExtensionToWebviewMessage(bare), bare);
		assert.ok(isExtensionToWebviewMessage({ type: 'signedInChanged', profile: null }));
		assert.ok(isExtensionToWebviewMessage({ type: 'signedInChanged', profile: 'example (7b981d06…)' }));
	});

	it('accepts the webhook listener in init and listenerChanged (null: stopped)', () => {
		const listener = { statusCallbackUrl: 'https://example.ngrok.app/status', addByDefault: true };
		const init = { type: 'init', draft: {}, numbers, profile: null, sending: false, listener };
		assert.deepEqual(parseExtensionToWebviewMessage(init), init);
		assert.ok(isExtensionToWebviewMessage({ type: 'listenerChanged', listener }));
		assert.ok(isExtensionToWebviewMessage({ type: 'listenerChanged', listener: { ...listener, addByDefault: false } }));
		assert.deepEqual(parseExtensionToWebviewMessage({ type: 'listenerChanged', listener: null }), { type: 'listenerChanged', listener: null });
		const routed = { type: 'numbers', numbers: [{ ...numbers[0], routed: true }] };
		assert.deepEqual(parseExtensionToWebviewMessage(routed), routed, 'a number routed to the listener');
	});

	const rejected: Array<[string, unknown]> = [
		['null', null],
		['an array', [{ type: 'init' }]],
		['a webview→extension type', { type: 'ready' }],
		['an unknown type', { type: 'eval', code: 'alert(1)' }],
		['an inherited type', Object.create({ type: 'signedInChanged', profile: null }) as unknown],
		['sendResult without requestId', { type: 'sendResult', result: { ok: true, sid: 'a', status: 'b', to: 'c' } }],
		['sendResult with an empty requestId', { type: 'sendResult', requestId: '', result: { ok: true, sid: 'a', status: 'b', to: 'c' } }],
		['sendResult with an over-long requestId', { type: 'sendResult', requestId: 'r'.repeat(101), result: { ok: true, sid: 'a', status: 'b', to: 'c' } }],
		['signedInChanged without profile', { type: 'signedInChanged' }],
		['signedInChanged with a boolean profile', { type: 'signedInChanged', profile: false }],
	];
	for (const [name, value] of rejected) {
		it(`rejects ${name} (nothing is left to use)`, () => {
			assert.equal(parseExtensionToWebviewMessage(value), undefined);
			assert.equal(isExtensionToWebviewMessage(value), false);
		});
	}

	const sid = { ok: true, sid: 'a', status: 'b', to: 'c' } as const;
	/** [name, message, what the webview reads, the parts it reports as dropped or cut] */
	const partlyBad: Array<[string, unknown, unknown, string[]]> = [
		['init without numbers', { type: 'init', draft: {}, profile: null, sending: false }, { type: 'init', draft: {}, numbers: [], profile: null, sending: false }, ['numbers']],
		['init with a bad draft', { type: 'init', draft: { mediaUrls: [1] }, numbers, profile: null, sending: false }, { type: 'init', numbers, profile: null, sending: false }, ['draft']],
		['init with profile undefined', { type: 'init', draft: {}, numbers: [], sending: false }, { type: 'init', draft: {}, numbers: [], sending: false }, ['profile']],
		['init with a numeric profile', { type: 'init', draft: {}, numbers: [], profile: 7, sending: false }, { type: 'init', draft: {}, numbers: [], sending: false }, ['profile']],
		['init without sending', { type: 'init', draft: {}, numbers: [], profile: null }, { type: 'init', draft: {}, numbers: [], profile: null, sending: false }, ['sending']],
		['init with a lastResult without requestId', { type: 'init', draft: {}, numbers: [], profile: null, sending: false, lastResult: sid }, { type: 'init', draft: {}, numbers: [], profile: null, sending: false }, ['lastResult']],
		['init with translations of the wrong type', { type: 'init', draft: {}, numbers: [], profile: null, sending: false, l10n: { Send: 'Senden', Body: 7, __proto__x: null } }, { type: 'init', draft: {}, numbers: [], profile: null, sending: false, l10n: { Send: 'Senden' } }, ['l10n entry', 'l10n entry']],
		['numbers that are strings', { type: 'numbers', numbers: ['+15550100100'] }, { type: 'numbers', numbers: [] }, ['numbers (1 malformed)']],
		['a number without capabilities among good ones', { type: 'numbers', numbers: [{ phoneNumber: '+15550100101', friendlyName: 'x' }, ...numbers] }, { type: 'numbers', numbers }, ['numbers (1 malformed)']],
		['a list that is not an array', { type: 'numbers', numbers: { 0: numbers[0] } }, { type: 'numbers', numbers: [] }, ['numbers']],
		['a numeric error', { type: 'numbers', numbers: [], error: 500 }, { type: 'numbers', numbers: [] }, ['error']],
		['a number whose routed is a string', { type: 'numbers', numbers: [{ ...numbers[0], routed: 'yes' }] }, { type: 'numbers', numbers }, ['numbers.routed']],
		['init with a listener without its default', { type: 'init', draft: {}, numbers: [], profile: null, sending: false, listener: { statusCallbackUrl: 'https://e.com/status' } }, { type: 'init', draft: {}, numbers: [], profile: null, sending: false }, ['listener']],
		['listenerChanged with a numeric URL', { type: 'listenerChanged', listener: { statusCallbackUrl: 5, addByDefault: true } }, { type: 'listenerChanged', listener: null }, ['listener']],
		['listenerChanged with a 2,001-character URL', { type: 'listenerChanged', listener: { statusCallbackUrl: `https://e.com/${'a'.repeat(1990)}`, addByDefault: true } }, { type: 'listenerChanged', listener: null }, ['listener']],
		['listenerChanged with a string default', { type: 'listenerChanged', listener: { statusCallbackUrl: 'https://e.com/status', addByDefault: 'yes' } }, { type: 'listenerChanged', listener: null }, ['listener']],
		['listenerChanged without a listener', { type: 'listenerChanged' }, { type: 'listenerChanged', listener: null }, ['listener']],
		['sendResult ok without sid', { type: 'sendResult', requestId: 'r', result: { ok: true, status: 'queued', to: 'c' } }, { type: 'sendResult', requestId: 'r', result: undefined }, ['result']],
		['sendResult ok as a string', { type: 'sendResult', requestId: 'r', result: { ...sid, ok: 'true' } }, { type: 'sendResult', requestId: 'r', result: undefined }, ['result']],
		['sendResult error without message', { type: 'sendResult', requestId: 'r', result: { ok: false, error: { code: 21211 } } }, { type: 'sendResult', requestId: 'r', result: undefined }, ['result']],
		['sendResult error that is a string', { type: 'sendResult', requestId: 'r', result: { ok: false, error: 'boom' } }, { type: 'sendResult', requestId: 'r', result: undefined }, ['result']],
		['sendResult error with a string code', { type: 'sendResult', requestId: 'r', result: { ok: false, error: { message: 'x', code: '21211' } } }, { type: 'sendResult', requestId: 'r', result: { ok: false, error: { message: 'x' } } }, ['error.code']],
		['sendResult error with an object moreInfo', { type: 'sendResult', requestId: 'r', result: { ok: false, error: { message: 'x', moreInfo: {} } } }, { type: 'sendResult', requestId: 'r', result: { ok: false, error: { message: 'x' } } }, ['error.moreInfo']],
		['sendResult error with a 2,001-character link', { type: 'sendResult', requestId: 'r', result: { ok: false, error: { message: 'x', moreInfo: `https://e.com/${'a'.repeat(1990)}` } } }, { type: 'sendResult', requestId: 'r', result: { ok: false, error: { message: 'x' } } }, ['error.moreInfo']],
	];
	for (const [name, value, expected, parts] of partlyBad) {
		it(`accepts ${name}, dropping only that part`, () => {
			const dropped: string[] = [];
			assert.deepEqual(parseExtensionToWebviewMessage(value, (part) => dropped.push(part)), expected);
			assert.deepEqual(dropped, parts);
			assert.equal(isExtensionToWebviewMessage(value), false, 'not a whole, well-formed message');
		});
	}

	it('takes the first 1,000 of 1,001 numbers (the wedge of issue 12): the init is kept', () => {
		const many = Array.from({ length: MAX_NUMBERS + 1 }, (_, i) => ({ phoneNumber: `+1555${String(i).padStart(7, '0')}`, friendlyName: `n${i}`, sms: true, mms: false }));
		const dropped: string[] = [];
		const parsed = parseExtensionToWebviewMessage({ type: 'init', draft: FULL_DRAFT, numbers: many, profile: 'p', sending: false }, (part) => dropped.push(part));
		assert.ok(parsed?.type === 'init');
		assert.equal(parsed.numbers.length, MAX_NUMBERS);
		assert.deepEqual(parsed.numbers, many.slice(0, MAX_NUMBERS));
		assert.deepEqual(parsed.draft, FULL_DRAFT, 'the draft still arrives');
		assert.deepEqual(dropped, ['numbers (1 over 1000)']);
	});

	it('cuts a 20,001-character error message with "…" (the other wedge): the send ends with its error', () => {
		const long = 'e'.repeat(MAX_TEXT_LENGTH + 1);
		const dropped: string[] = [];
		const parsed = parseExtensionToWebviewMessage({ type: 'sendResult', requestId: 'r1', result: { ok: false, error: { message: long, code: 21211, hint: long } } }, (part) => dropped.push(part));
		assert.ok(parsed?.type === 'sendResult' && parsed.result && !parsed.result.ok);
		assert.equal(parsed.result.error.message.length, MAX_TEXT_LENGTH);
		assert.ok(parsed.result.error.message.endsWith('e…'));
		assert.equal(parsed.result.error.hint?.length, MAX_TEXT_LENGTH);
		assert.equal(parsed.result.error.code, 21211);
		assert.deepEqual(dropped, ['error.message (cut)', 'error.hint (cut)']);
		const profile = parseExtensionToWebviewMessage({ type: 'signedInChanged', profile: 'p'.repeat(50_000) });
		assert.ok(profile?.type === 'signedInChanged' && profile.profile?.length === MAX_TEXT_LENGTH);
	});

	it('cuts texts without splitting a surrogate pair', () => {
		assert.equal(cutText('abc', 3), 'abc');
		assert.equal(cutText('abcd', 3), 'ab…');
		assert.equal(cutText('a😀bc', 3), 'a…', 'the emoji is not halved');
		assert.equal(cutText('😀😀😀', 4), '😀…');
		assert.doesNotMatch(cutText('😀'.repeat(20_000)), /[\ud800-\udbff]…$/, 'no lone high surrogate before the ellipsis');
	});
});

describe('compose webview helpers', () => {
	it('previews only https: URLs whose path is an image', () => {
		assert.equal(previewableImageUrl(' https://example.com/cat.JPG '), 'https://example.com/cat.JPG');
		assert.equal(previewableImageUrl('https://example.com/a.png?size=2'), 'https://example.com/a.png?size=2');
		assert.equal(previewableImageUrl('http://example.com/cat.jpg'), undefined, 'the CSP allows https: images only');
		assert.equal(previewableImageUrl('https://example.com/clip.mp4'), undefined);
		assert.equal(previewableImageUrl('javascript:alert(1)//.png'), undefined);
		assert.equal(previewableImageUrl('data:image/png;base64,AAAA.png'), undefined);
		assert.equal(previewableImageUrl('file:///etc/passwd.png'), undefined);
		assert.equal(previewableImageUrl('not a url.png'), undefined);
		assert.equal(previewableImageUrl(''), undefined);
		assert.equal(isPlainHttpUrl('http://example.com/a.png'), true);
		assert.equal(isPlainHttpUrl('https://example.com/a.png'), false);
	});

	it('links only http(s) documentation URLs', () => {
		assert.equal(safeLink('https://developer.signalwire.com/x'), 'https://developer.signalwire.com/x');
		assert.equal(safeLink('javascript:alert(1)'), undefined);
		assert.equal(safeLink('command:workbench.action.quit'), undefined);
		assert.equal(safeLink(undefined), undefined);
	});

	it('names invisible characters in chips and shows others as they are', () => {
		assert.equal(chipText('’'), '’');
		assert.equal(chipText('😀'), '😀');
		assert.equal(chipText('\u00A0'), 'no-break space');
		assert.equal(chipText('\u200D'), 'U+200D');
		assert.equal(chipText('<'), '<');
	});

	it('counts what the smart-character replacement would change', () => {
		assert.equal(countReplaceable('“Quoted” – it’s…'), 5);
		assert.equal(countReplaceable('plain "text" - no'), 0);
	});

	it('splits a paste of several URLs, and only of URLs', () => {
		assert.deepEqual(splitPastedUrls('https://a.com/1.png, https://a.com/2.png\nhttps://a.com/3.png'), ['https://a.com/1.png', 'https://a.com/2.png', 'https://a.com/3.png']);
		assert.deepEqual(splitPastedUrls('https://a.com/1.png'), [], 'one URL is pasted normally');
		assert.deepEqual(splitPastedUrls('hello world'), []);
	});

	it('reads a persisted state and refuses anything else', () => {
		assert.deepEqual(parsePersistedState({ draft: { to: '+15550100199' }, advancedOpen: true, touched: ['to', 3] }), {
			draft: { to: '+15550100199' },
			advancedOpen: true,
			touched: ['to'],
		});
		assert.equal(parsePersistedState({ draft: { to: 1 } }), undefined);
		assert.equal(parsePersistedState(undefined), undefined);
		assert.equal(parsePersistedState('x'), undefined);
	});

	it('makes distinct request ids', () => {
		const ids = new Set(Array.from({ length: 50 }, () => newRequestId()));
		assert.equal(ids.size, 50);
		assert.match([...ids][0], /^[0-9a-f]{24}$/);
	});
});

describe('compose HTML', () => {
	const html = renderComposeHtml({
		cspSource: 'https://*.vscode-cdn.net',
		nonce: 'abc123+/=',
		scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/compose.js',
		styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/compose.css',
	});

	it('has the strict CSP: nonce scripts, theme-source styles, https images, nothing else', () => {
		const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
		assert.equal(
			csp,
			"default-src 'none'; script-src 'nonce-abc123+/='; style-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net https:; font-src https://*.vscode-cdn.net",
		);
	});

	it('has one script (with the nonce), no inline handlers, no style attributes, no inline styles', () => {
		assert.equal(html.match(/<script\b/g)?.length, 1);
		assert.match(html, /<script type="module" nonce="abc123\+\/=" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/compose\.js"><\/script>/);
		assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
		assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attributes');
		assert.doesNotMatch(html, /<style\b/i, 'no style elements');
	});

	it('labels every control', () => {
		const ids = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
		assert.ok(ids.length >= 9, `found ${ids.join(', ')}`);
		for (const id of ids) {
			assert.match(html, new RegExp(`<label for="${id}"`), `#${id} has a <label for>`);
		}
	});

	it('escapes what it inserts', () => {
		const hostile = renderComposeHtml({ cspSource: '"><script>', nonce: 'n"', scriptUri: 'x"onload="alert(1)', styleUri: 's' });
		assert.doesNotMatch(hostile, /"><script>/);
		assert.doesNotMatch(hostile, /x"onload/);
	});
});
