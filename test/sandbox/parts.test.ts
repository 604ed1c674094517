/**
 * The sandbox's pure parts: the DateSent filters, the cXML reader, the request signature and the
 * loopback check of callback URLs.
 */
import * as assert from 'node:assert/strict';
import { RestClient } from '@signalwire/compatibility-api';
import { isLoopbackUrl, signRequest } from '../../sandbox/callbacks';
import { decodeXml, readCxmlMessages } from '../../sandbox/cxml';
import { isDateFilterError, readSentRange, sentWithin, type SentRange } from '../../sandbox/dates';

type ValidateRequest = (signingKey: string, header: string, url: string, params: Record<string, string>) => boolean;
const validateRequest = (RestClient as unknown as { validateRequest: ValidateRequest }).validateRequest;

function range(query: string): SentRange | undefined {
	const result = readSentRange(new URLSearchParams(query));
	assert.ok(!isDateFilterError(result), JSON.stringify(result));
	return result;
}

describe('sandbox parts', () => {
	describe('DateSent filters', () => {
		const at = (rfc: string, r: SentRange | undefined): boolean => sentWithin(rfc, rfc, r!);

		it('DateSent matches the whole UTC day, in the date and the date-time form', () => {
			for (const query of ['DateSent=2018-08-13', 'DateSent=2018-08-13T15:00:00Z']) {
				const r = range(query);
				assert.equal(at('Mon, 13 Aug 2018 00:00:00 +0000', r), true, query);
				assert.equal(at('Mon, 13 Aug 2018 23:59:59 +0000', r), true, query);
				assert.equal(at('Sun, 12 Aug 2018 23:59:59 +0000', r), false, query);
				assert.equal(at('Tue, 14 Aug 2018 00:00:00 +0000', r), false, query);
			}
		});

		it('DateSent< and DateSent> include their day (date form) or their instant (date-time form)', () => {
			const before = range('DateSent%3C=2018-08-13');
			assert.equal(at('Mon, 13 Aug 2018 23:59:59 +0000', before), true);
			assert.equal(at('Tue, 14 Aug 2018 00:00:00 +0000', before), false);
			const after = range(`${encodeURIComponent('DateSent>')}=2018-08-13`);
			assert.equal(at('Mon, 13 Aug 2018 00:00:00 +0000', after), true);
			assert.equal(at('Sun, 12 Aug 2018 23:59:59 +0000', after), false);
			const instant = range('DateSent%3E=2018-08-13T10:00:00Z&DateSent%3C=2018-08-13T10:00:05%2B00:00');
			assert.equal(at('Mon, 13 Aug 2018 09:59:59 +0000', instant), false);
			assert.equal(at('Mon, 13 Aug 2018 10:00:00 +0000', instant), true);
			assert.equal(at('Mon, 13 Aug 2018 10:00:05 +0000', instant), true);
			assert.equal(at('Mon, 13 Aug 2018 10:00:06 +0000', instant), false);
		});

		it('combines the filters, ignores empty ones, and compares an unsent message by its creation', () => {
			const r = range('DateSent=2018-08-13&DateSent%3E=2018-08-13T12:00:00Z&DateSent%3C=');
			assert.equal(at('Mon, 13 Aug 2018 11:00:00 +0000', r), false);
			assert.equal(at('Mon, 13 Aug 2018 13:00:00 +0000', r), true);
			assert.equal(sentWithin(null, 'Mon, 13 Aug 2018 13:00:00 +0000', r!), true);
			assert.equal(range(''), undefined);
		});

		it('names the parameter of a bad value', () => {
			for (const [query, name] of [
				['DateSent=13/08/2018', 'DateSent'],
				['DateSent%3C=2018-02-30', 'DateSent<'],
				['DateSent%3E=2018-08-13T10:00', 'DateSent>'],
				['DateSent=yesterday', 'DateSent'],
			]) {
				const result = readSentRange(new URLSearchParams(query));
				assert.ok(isDateFilterError(result), query);
				assert.equal(result.code, 10000);
				assert.ok(result.message.includes(`The argument ${name} `), result.message);
			}
		});
	});

	describe('cXML answers', () => {
		it('reads the text of each <Message>, decoding entities', () => {
			assert.deepEqual(readCxmlMessages('<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Message>Hi &amp; bye &#x1F44B; &lt;b&gt;</Message>\n  <Message from="+15550100101">Two</Message>\n</Response>'), [
				{ body: 'Hi & bye 👋 <b>', mediaUrls: [] },
				{ from: '+15550100101', body: 'Two', mediaUrls: [] },
			]);
		});

		it('reads <Body>, <Media> and the to attribute', () => {
			assert.deepEqual(readCxmlMessages("<Response><Message to='+15557654321'><Body>Look</Body><Media>https://e.example/a.png?x=1&amp;y=2</Media><Media>https://e.example/b.png</Media></Message></Response>"), [
				{ to: '+15557654321', body: 'Look', mediaUrls: ['https://e.example/a.png?x=1&y=2', 'https://e.example/b.png'] },
			]);
		});

		it('finds nothing in an empty Response, plain text or another document', () => {
			assert.deepEqual(readCxmlMessages('<Response/>'), []);
			assert.deepEqual(readCxmlMessages('<Response></Response>'), []);
			assert.deepEqual(readCxmlMessages('OK <Message>no</Message>'), []);
			assert.deepEqual(readCxmlMessages('<Response><Message/></Response>'), [{ body: null, mediaUrls: [] }]);
		});

		it('honours at most 10 messages and leaves unknown entities as they are', () => {
			assert.equal(readCxmlMessages(`<Response>${'<Message>x</Message>'.repeat(50)}</Response>`).length, 10);
			assert.equal(decodeXml('&nbsp;&#0;&#xFFFFFF;&quot;'), '&nbsp;&#0;&#xFFFFFF;"');
		});
	});

	describe('X-SignalWire-Signature', () => {
		const key = 'PSK_0123456789abcdef';
		const vectors: [string, string, Record<string, string>][] = [
			['plain', 'https://app.example.com/status', { MessageStatus: 'delivered', MessageSid: 'a-b', To: '+15551234567' }],
			['with a port', 'http://127.0.0.1:8123/status?x=1', { B: '2', A: '1' }],
			['with the standard port written out', 'https://app.example.com:443/sms', { Body: 'x' }],
			['unicode and reserved characters', 'https://app.example.com/in', { Body: 'Grüße 👋 & =+%', From: '+15557654321' }],
			['keys that sort by code unit (upper before lower case)', 'https://app.example.com/in', { a: '1', B: '2', MediaUrl0: 'u', MediaContentType0: 't' }],
			['no parameters', 'http://localhost:3000/cb?Body=hi', {}],
		];
		for (const [name, url, params] of vectors) {
			it(`validates with the official SDK: ${name}`, () => {
				const signature = signRequest(key, url, params);
				assert.match(signature, /^[A-Za-z0-9+/]{27}=$/);
				assert.equal(validateRequest(key, signature, url, params), true);
				assert.equal(validateRequest(`${key}x`, signature, url, params), false);
				if (Object.keys(params).length > 0) {
					const changed = { ...params, [Object.keys(params)[0]]: 'changed' };
					assert.equal(validateRequest(key, signature, url, changed), false);
				}
			});
		}
	});

	describe('callback URLs', () => {
		it('accepts http(s) on 127.0.0.0/8, [::1] and localhost only', () => {
			// 2130706433 is 127.0.0.1 written as one number: the URL parser normalises it.
			for (const url of ['http://127.0.0.1:3000/x', 'https://127.255.0.9/x', 'http://localhost/x', 'http://LOCALHOST:80/', 'http://[::1]:8080/x', 'http://2130706433/']) {
				assert.equal(isLoopbackUrl(url), true, url);
			}
			for (const url of ['http://10.0.0.1/x', 'http://[::2]/x', 'http://localhost.example.com/', 'http://127.0.0.1.nip.io/', 'ftp://127.0.0.1/x', 'file:///etc/passwd', 'not a url', 'http://0.0.0.0/', 'http://[::ffff:a00:1]/']) {
				assert.equal(isLoopbackUrl(url), false, url);
			}
		});
	});
});
