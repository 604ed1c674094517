import * as assert from 'node:assert/strict';
import { RestClient } from '@signalwire/compatibility-api';
import { checkSignature, computeSignature, constantTimeEqual, signedPayload, urlVariants, type WebhookParams } from '../../src/webhooks/signature';
import { escapeXml, inboundResponse } from '../../src/webhooks/cxml';
import { prng } from '../fixtures/prng';

/** The official SDK's check (dev dependency only): the reference for every vector below. */
const sdkValidate = (RestClient as unknown as { validateRequest(key: string, header: string, url: string, params: object): boolean }).validateRequest;

const KEY = 'PSK_3b1f0e6c9a2d4e8f7a6b5c4d3e2f1a0b';

const CASES: { name: string; url: string; params: WebhookParams }[] = [
	{
		name: 'a status callback',
		url: 'https://example.ngrok.app/status',
		params: { MessageStatus: 'delivered', MessageSid: '0a059168-ead0-41af-9b4a-1b7d1d1f0b62', AccountSid: 'c3d1e2a4-0000-4000-8000-000000000001', From: '+15550100100', To: '+15550100199', Body: 'Hello', NumMedia: '0', NumSegments: '1' },
	},
	{ name: 'an explicit port', url: 'http://127.0.0.1:43123/status?x=1', params: { MessageStatus: 'sent', MessageSid: 'abc' } },
	{ name: 'the default https port written out', url: 'https://hooks.example.com:443/inbound', params: { Body: 'hi', From: '+15550100100' } },
	{ name: 'a non-default https port', url: 'https://hooks.example.com:8443/a/b/inbound', params: { Body: 'hi' } },
	{ name: 'repeated keys in arrival order', url: 'https://hooks.example.com/inbound', params: { MediaUrl0: 'https://x/1.png', Tag: ['b', 'a', 'c'], Body: '' } },
	{ name: 'unicode and emoji', url: 'https://hooks.example.com/inbound', params: { Body: 'Grüße 👋🏽 — ünïcødé 日本語', From: '+4915550100', Zed: 'é' } },
	{ name: 'names that sort by code unit', url: 'https://hooks.example.com/x', params: { b: '1', B: '2', a: '3', _: '4', 'Ä': '5', '10': '6', '9': '7' } },
	{ name: 'no params', url: 'https://hooks.example.com/status', params: {} },
	// The exact URL the request used: nothing resolved or re-encoded, as the SDK compares it.
	{ name: 'a /../ in the path', url: 'https://hooks.example.com/a/../status', params: { MessageStatus: 'sent' } },
	{ name: 'a /./ and /../ with a port', url: 'http://127.0.0.1:43123/x/./y/../inbound?a=1', params: { Body: 'hi' } },
	{
		name: 'raw spaces in the path and query',
		url: 'https://hooks.example.com/my hooks/status?x=a b',
		params: { MessageStatus: 'sent' },
	},
	{ name: 'raw non-ASCII in the path', url: 'https://hooks.example.com/grüße/日本/status', params: { Body: 'é' } },
];

describe('webhooks: signature', () => {
	for (const { name, url, params } of CASES) {
		it(`matches the official SDK's validateRequest: ${name}`, () => {
			const { withPort, withoutPort } = urlVariants(url);
			for (const signedUrl of [url, withPort, withoutPort]) {
				const signature = computeSignature(KEY, signedUrl, params);
				assert.equal(sdkValidate(KEY, signature, url, params), true, `SDK rejects our signature over ${signedUrl}`);
				assert.equal(checkSignature(KEY, signature, url, params).valid, true, `we reject our signature over ${signedUrl}`);
			}
			const wrongKey = computeSignature(`${KEY}x`, url, params);
			assert.equal(sdkValidate(KEY, wrongKey, url, params), false);
			assert.equal(checkSignature(KEY, wrongKey, url, params).valid, false);
		});
	}

	it('agrees with the SDK on random params, URLs and tampering (seeded)', () => {
		const random = prng(14);
		const alphabet = ['a', 'B', 'z', '0', '_', 'é', '👋', ' ', '&', '=', '+', '%'];
		const pick = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
		const urls = ['https://h.example.com/status', 'https://h.example.com:443/status', 'http://127.0.0.1:5000/inbound', 'http://localhost/inbound?q=1', 'https://h.example.com:9000/p'];
		for (let round = 0; round < 200; round++) {
			const params: Record<string, string | string[]> = {};
			const count = Math.floor(random() * 6);
			for (let index = 0; index < count; index++) {
				params[pick(1 + Math.floor(random() * 4))] = random() < 0.2 ? [pick(3), pick(2)] : pick(Math.floor(random() * 8));
			}
			const url = urls[round % urls.length] as string;
			const signedOver = random() < 0.5 ? urlVariants(url).withPort : urlVariants(url).withoutPort;
			let header = computeSignature(KEY, signedOver, params);
			if (random() < 0.3) {
				header = computeSignature(KEY, `${signedOver}x`, params);
			}
			assert.equal(checkSignature(KEY, header, url, params).valid, sdkValidate(KEY, header, url, params), `round ${round}: ${url} ${JSON.stringify(params)}`);
		}
	});

	it('agrees with the SDK on generated URLs with /../, spaces, non-ASCII and ports (seeded)', () => {
		const random = prng(23);
		const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
		const segments = ['..', '.', 'a b', 'grüße', '日本', '%20', 'status', 'inbound', '', 'A', '~x', '👋'];
		const origins = [
			'https://h.example.com',
			'https://h.example.com:443',
			'https://H.Example.com:8443',
			'http://127.0.0.1:5000',
			'http://localhost',
			'http://localhost:80',
		];
		const queries = ['', '?x=1', '?q=a b', '?é=ü', '?a=1&b=..%2F'];
		let disagreements = 0;
		for (let round = 0; round < 240; round++) {
			const path = Array.from({ length: 1 + Math.floor(random() * 4) }, () => choose(segments)).join('/');
			const url = `${choose(origins)}/${path}${choose(queries)}`;
			const params = { MessageStatus: 'sent', Body: choose(['hi', 'é 👋', '']) };
			const { withPort, withoutPort } = urlVariants(url);
			for (const signedOver of [url, withPort, withoutPort, `${url}x`]) {
				const header = computeSignature(KEY, signedOver, params);
				if (checkSignature(KEY, header, url, params).valid !== sdkValidate(KEY, header, url, params)) {
					disagreements++;
				}
			}
		}
		assert.equal(disagreements, 0);
	});

	it('signs the URL then name + value, names sorted, repeated values in order', () => {
		assert.equal(signedPayload('https://h/x', { b: ['2', '1'], a: '3' }), 'https://h/xa3b2b1');
	});

	it('writes the default port out, and drops any port', () => {
		assert.deepEqual(urlVariants('https://h.example.com/s?a=1'), { withPort: 'https://h.example.com:443/s?a=1', withoutPort: 'https://h.example.com/s?a=1' });
		assert.deepEqual(urlVariants('http://127.0.0.1:8080/s'), { withPort: 'http://127.0.0.1:8080/s', withoutPort: 'http://127.0.0.1/s' });
		assert.deepEqual(urlVariants('https://h.example.com:443/a/../b c/é'), {
			withPort: 'https://h.example.com:443/a/../b c/é',
			withoutPort: 'https://h.example.com/a/../b c/é',
		});
	});

	it('reports what it compared, never the key', () => {
		const result = checkSignature(KEY, 'bogus', 'https://h.example.com/status', { MessageStatus: 'sent' });
		assert.equal(result.valid, false);
		assert.equal(result.received, 'bogus');
		assert.deepEqual(result.urls, ['https://h.example.com:443/status', 'https://h.example.com/status']);
		assert.equal(result.expected.length, 2);
		assert.ok(!JSON.stringify(result).includes(KEY));
	});

	it('compares in constant time without failing on different lengths', () => {
		assert.equal(constantTimeEqual('abc', 'abc'), true);
		assert.equal(constantTimeEqual('abc', 'abd'), false);
		assert.equal(constantTimeEqual('abc', 'abcd'), false);
		assert.equal(constantTimeEqual('', ''), true);
		assert.equal(checkSignature(KEY, undefined, 'https://h/x', {}).valid, false);
	});
});

describe('webhooks: cXML answer', () => {
	it('is an empty Response without a reply', () => {
		assert.equal(inboundResponse(), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
		assert.equal(inboundResponse('   '), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
	});

	it('escapes the reply text', () => {
		assert.equal(
			inboundResponse(`Tom & Jerry <b>"hi"</b> it's </Message><Redirect>x</Redirect>`),
			'<?xml version="1.0" encoding="UTF-8"?><Response><Message>Tom &amp; Jerry &lt;b&gt;&quot;hi&quot;&lt;/b&gt; it&apos;s &lt;/Message&gt;&lt;Redirect&gt;x&lt;/Redirect&gt;</Message></Response>',
		);
	});

	it('keeps unicode and line breaks and drops what XML cannot carry', () => {
		assert.equal(escapeXml('é 👋\n\tok'), 'é 👋\n\tok');
		assert.equal(escapeXml('a\u0000b\u0007c\u001fd\ufffee\ud800f\udc00g'), 'abcdefg');
		assert.equal(escapeXml(']]><![CDATA['), ']]&gt;&lt;![CDATA[');
	});
});
