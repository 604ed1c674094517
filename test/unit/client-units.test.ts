import * as assert from 'node:assert/strict';
import { HTTPError, TimeoutError } from 'ky';
import {
	SignalWireApiError,
	SignalWireNetworkError,
	SignalWireTimeoutError,
	SpaceUrlError,
	UnexpectedResponseError,
	basicAuthorization,
	describeRequest,
	encodeFormComponent,
	encodeMessageForm,
	isSignalWireApiError,
	isSignalWireError,
	isSignalWireNetworkError,
	isSignalWireTimeoutError,
	isSpaceUrlError,
	isUnexpectedResponseError,
	parseApiErrorBody,
	parseCapabilities,
	parseIncomingPhoneNumber,
	parseMessage,
	parsePage,
	redactAuthorization,
	snippetOf,
	spaceBaseUrl,
	type CreateMessageParams,
	type SpaceUrlRule,
} from '../../src/signalwire';

const GROUP = '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f60';
const APP = '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f61';

describe('spaceBaseUrl', () => {
	const accepted: [string, string][] = [
		['example', 'https://example.signalwire.com'],
		['Example', 'https://example.signalwire.com'],
		['  example  ', 'https://example.signalwire.com'],
		['my-space', 'https://my-space.signalwire.com'],
		['example.signalwire.com', 'https://example.signalwire.com'],
		['example.signalwire.com/', 'https://example.signalwire.com'],
		['https://example.signalwire.com', 'https://example.signalwire.com'],
		['https://example.signalwire.com/', 'https://example.signalwire.com'],
		['HTTPS://EXAMPLE.SignalWire.com/', 'https://example.signalwire.com'],
		['https://example', 'https://example.signalwire.com'],
		['https://example.signalwire.com:443/', 'https://example.signalwire.com'],
		['https://example.signalwire.com:8443', 'https://example.signalwire.com:8443'],
		['https://does-not-exist.invalid', 'https://does-not-exist.invalid'],
		['http://127.0.0.1:41234', 'http://127.0.0.1:41234'],
		['http://127.0.0.1:41234/', 'http://127.0.0.1:41234'],
		['http://localhost:3000/', 'http://localhost:3000'],
		['http://LOCALHOST', 'http://localhost'],
		['http://[::1]:8080', 'http://[::1]:8080'],
		['127.0.0.1:5000', 'http://127.0.0.1:5000'],
		['localhost:5000', 'http://localhost:5000'],
		['localhost', 'http://localhost'],
		['https://127.0.0.1:8443', 'https://127.0.0.1:8443'],
	];
	for (const [input, expected] of accepted) {
		it(`accepts ${JSON.stringify(input)} as ${expected}`, () => {
			assert.equal(spaceBaseUrl(input), expected);
		});
	}

	const rejected: [string, SpaceUrlRule][] = [
		['', 'empty'],
		['   ', 'empty'],
		['http://example.signalwire.com', 'insecure-http'],
		['http://example', 'insecure-http'],
		['http://10.0.0.5:8080', 'insecure-http'],
		['http://127.0.0.2:8080', 'insecure-http'],
		['ftp://example.signalwire.com', 'scheme'],
		['mailto:someone', 'scheme'],
		['https:/example.signalwire.com', 'scheme'],
		['https://user:hunter2@example.signalwire.com', 'credentials'],
		['user@example.signalwire.com', 'credentials'],
		['https://example.signalwire.com/api/laml', 'path'],
		['example.signalwire.com/api/laml/2010-04-01', 'path'],
		['https://example.signalwire.com//', 'path'],
		['https://example.signalwire.com/?a=1', 'query'],
		['example.signalwire.com?x', 'query'],
		['https://example.signalwire.com/#top', 'fragment'],
		['exa_mple.signalwire.com', 'host'],
		['exa mple', 'host'],
		['example..signalwire.com', 'host'],
		['-example.signalwire.com', 'host'],
		['exämple.signalwire.com', 'host'],
		['https://', 'host'],
		['https://[::1', 'host'],
		['example\\signalwire.com', 'host'],
		['example.signalwire.com:99999', 'port'],
		['example.signalwire.com:0', 'port'],
		['example.signalwire.com:abc', 'port'],
	];
	for (const [input, rule] of rejected) {
		it(`rejects ${JSON.stringify(input)} (${rule})`, () => {
			assert.throws(
				() => spaceBaseUrl(input),
				(error: unknown) => {
					assert.ok(isSpaceUrlError(error));
					assert.ok(error instanceof SpaceUrlError);
					assert.equal(error.kind, 'space-url');
					assert.equal(error.rule, rule);
					assert.ok(error.message.length > 20);
					assert.ok(!error.message.includes('hunter2'), 'never repeats a password');
					return true;
				},
			);
		});
	}
});

describe('encodeMessageForm', () => {
	it('matches byte for byte the body the official SDK sent (docs/api-notes.md, "Create a message")', () => {
		const body = encodeMessageForm({
			from: '+15551234567',
			to: '+15557654321',
			body: 'Hello World!',
			mediaUrls: ['https://example.com/a.jpg', 'https://example.com/b.png'],
			statusCallback: 'https://example.com/cb',
			validityPeriod: 600,
			sendAsMms: true,
			maxPrice: '0.05',
		});
		assert.equal(
			body,
			'To=%2B15557654321&From=%2B15551234567&Body=Hello%20World%21&MediaUrl=https%3A%2F%2Fexample.com%2Fa.jpg&MediaUrl=https%3A%2F%2Fexample.com%2Fb.png&StatusCallback=https%3A%2F%2Fexample.com%2Fcb&MaxPrice=0.05&ValidityPeriod=600&SendAsMms=true',
		);
	});

	it('writes every field, in order, with %20 for spaces and %2B for +', () => {
		const params: CreateMessageParams = {
			to: '+15551234567',
			from: '+15550100100',
			messagingServiceSid: GROUP,
			body: "1+1 = 2 & it's ü 👋",
			mediaUrls: ['https://example.com/1.png', 'https://example.com/2.png?size=big&x=1', 'https://example.com/3.png'],
			sendAsMms: false,
			statusCallback: 'https://example.com/cb?a=1&b=2',
			validityPeriod: 172800,
			maxPrice: '0.0075',
			applicationSid: APP,
		};
		assert.equal(
			encodeMessageForm(params),
			[
				'To=%2B15551234567',
				'From=%2B15550100100',
				`MessagingServiceSid=${GROUP}`,
				'Body=1%2B1%20%3D%202%20%26%20it%27s%20%C3%BC%20%F0%9F%91%8B',
				'MediaUrl=https%3A%2F%2Fexample.com%2F1.png',
				'MediaUrl=https%3A%2F%2Fexample.com%2F2.png%3Fsize%3Dbig%26x%3D1',
				'MediaUrl=https%3A%2F%2Fexample.com%2F3.png',
				'StatusCallback=https%3A%2F%2Fexample.com%2Fcb%3Fa%3D1%26b%3D2',
				`ApplicationSid=${APP}`,
				'MaxPrice=0.0075',
				'ValidityPeriod=172800',
				'SendAsMms=false',
			].join('&'),
		);
	});

	it('decodes back to the same values with a standard form parser', () => {
		const body = "Hello  world +1 %20 & = ? / 😀 ‘quotes’ \n new line";
		const parsed = new URLSearchParams(encodeMessageForm({ to: '+15551234567', from: '+15550100100', body, mediaUrls: ['https://a.example/x y'] }));
		assert.equal(parsed.get('Body'), body);
		assert.equal(parsed.get('To'), '+15551234567');
		assert.deepEqual(parsed.getAll('MediaUrl'), ['https://a.example/x y']);
	});

	it('leaves out unset, undefined and empty fields, and an empty media list', () => {
		assert.equal(
			encodeMessageForm({ to: '+15551234567', from: '+15550100100', body: 'x', mediaUrls: [], statusCallback: undefined, maxPrice: '' }),
			'To=%2B15551234567&From=%2B15550100100&Body=x',
		);
		assert.equal(encodeMessageForm({ to: '+15551234567', messagingServiceSid: GROUP, mediaUrls: ['https://a.example/1'] }), `To=%2B15551234567&MessagingServiceSid=${GROUP}&MediaUrl=https%3A%2F%2Fa.example%2F1`);
		assert.equal(encodeMessageForm({ to: '+15551234567', body: 'x', sendAsMms: true }), 'To=%2B15551234567&Body=x&SendAsMms=true');
	});

	it("encodes RFC 3986 reserved !'()* and replaces a lone surrogate instead of throwing", () => {
		assert.equal(encodeFormComponent("!'()*~-_."), '%21%27%28%29%2A~-_.');
		assert.equal(encodeFormComponent('a\uD83Db'), 'a%EF%BF%BDb');
	});
});

describe('parseMessage', () => {
	const full = {
		account_sid: 'ea108133-d6b3-407c-9536-9fad8a929a6a',
		api_version: '2010-04-01',
		body: 'Hello World!',
		num_segments: 1,
		num_media: 1,
		date_created: 'Mon, 13 Aug 2018 21:38:46 +0000',
		date_sent: null,
		date_updated: 'Mon, 13 Aug 2018 21:38:46 +0000',
		direction: 'outbound-api',
		error_code: null,
		error_message: null,
		from: '+15551234567',
		price: 0.005,
		price_unit: 'USD',
		sid: '0a059168-ead0-41af-9d1f-343dae832527',
		status: 'queued',
		to: '+15557654321',
		messaging_service_sid: null,
		uri: '/api/laml/2010-04-01/Accounts/ea108133-d6b3-407c-9536-9fad8a929a6a/Messages/0a059168-ead0-41af-9d1f-343dae832527',
		subresource_uris: { media: '/api/laml/2010-04-01/Accounts/ea108133-d6b3-407c-9536-9fad8a929a6a/Messages/0a059168-ead0-41af-9d1f-343dae832527/Media' },
	};

	it('keeps a complete Message as it is', () => {
		assert.deepEqual(parseMessage(full), full);
	});

	it('normalises error_code to a string (number or string in, string out)', () => {
		assert.equal(parseMessage({ ...full, error_code: 30003 }).error_code, '30003');
		assert.equal(parseMessage({ ...full, error_code: '30005' }).error_code, '30005');
		assert.equal(parseMessage({ ...full, error_code: null }).error_code, null);
		assert.equal(parseMessage({ ...full, error_code: '' }).error_code, null);
	});

	it('defaults missing optional fields to null and reads numeric strings', () => {
		const minimal = parseMessage({ sid: 's', status: 'sent', to: '+15557654321', date_created: 'Mon, 13 Aug 2018 21:38:46 +0000', num_segments: '3', price: '-0.00750' });
		assert.equal(minimal.body, null);
		assert.equal(minimal.date_sent, null);
		assert.equal(minimal.error_code, null);
		assert.equal(minimal.error_message, null);
		assert.equal(minimal.messaging_service_sid, null);
		assert.equal(minimal.price_unit, null);
		assert.equal(minimal.subresource_uris, null);
		assert.equal(minimal.num_segments, 3);
		assert.equal(minimal.num_media, 0);
		assert.equal(minimal.price, -0.0075);
		assert.equal(minimal.date_updated, 'Mon, 13 Aug 2018 21:38:46 +0000');
	});

	it('names the missing required fields', () => {
		assert.throws(
			() => parseMessage({ ...full, sid: undefined, status: 42 }),
			(error: unknown) => {
				assert.ok(isUnexpectedResponseError(error));
				assert.equal(error.reason, 'missing-fields');
				assert.deepEqual(error.missingFields, ['sid', 'status']);
				assert.match(error.message, /sid, status/);
				return true;
			},
		);
		assert.throws(() => parseMessage({}), (error: unknown) => isUnexpectedResponseError(error) && error.missingFields.join() === 'sid,status,to,date_created');
		assert.throws(() => parseMessage([full]), (error: unknown) => isUnexpectedResponseError(error) && error.reason === 'wrong-shape');
		assert.throws(() => parseMessage(null), (error: unknown) => isUnexpectedResponseError(error) && error.reason === 'wrong-shape');
	});
});

describe('parseIncomingPhoneNumber and lists', () => {
	it('reads capability keys case-insensitively; missing ones are false', () => {
		assert.deepEqual(parseCapabilities({ voice: true, SMS: true, MMS: false }), { voice: true, sms: true, mms: false, fax: false });
		assert.deepEqual(parseCapabilities({ Voice: 'true', sms: 'false', Fax: true }), { voice: true, sms: false, mms: false, fax: true });
		assert.deepEqual(parseCapabilities(undefined), { voice: false, sms: false, mms: false, fax: false });
	});

	it('parses a number and falls back to the number for a missing friendly name', () => {
		assert.deepEqual(parseIncomingPhoneNumber({ sid: 'a', phone_number: '+15550100100', friendly_name: '(555) 010-0100', capabilities: { sms: true } }), {
			sid: 'a',
			phone_number: '+15550100100',
			friendly_name: '(555) 010-0100',
			capabilities: { voice: false, sms: true, mms: false, fax: false },
		});
		assert.equal(parseIncomingPhoneNumber({ sid: 'a', phone_number: '+15550100100' }).friendly_name, '+15550100100');
		assert.throws(() => parseIncomingPhoneNumber({ friendly_name: 'x' }), (error: unknown) => isUnexpectedResponseError(error) && error.missingFields.join() === 'sid,phone_number');
	});

	it('reads list envelopes', () => {
		assert.deepEqual(parsePage({ messages: [1], next_page_uri: '' }, 'messages'), { items: [1], nextPageUri: null });
		assert.deepEqual(parsePage({ messages: [], next_page_uri: '/x?PageToken=PA1' }, 'messages'), { items: [], nextPageUri: '/x?PageToken=PA1' });
		assert.throws(() => parsePage({ incoming_phone_numbers: [] }, 'messages'), (error: unknown) => isUnexpectedResponseError(error) && error.reason === 'wrong-shape');
	});

	it('reads error bodies loosely', () => {
		assert.deepEqual(parseApiErrorBody({ code: 21211, message: 'm', more_info: 'u', status: 422 }), { code: 21211, message: 'm', moreInfo: 'u' });
		assert.deepEqual(parseApiErrorBody({ code: '20404' }), { code: 20404 });
		assert.deepEqual(parseApiErrorBody({ error: 'x' }), {});
		assert.deepEqual(parseApiErrorBody('text'), {});
	});
});

describe('errors', () => {
	const request = { method: 'POST', path: '/api/laml/2010-04-01/Accounts/p/Messages' };
	const all = [
		new SignalWireApiError({ ...request, httpStatus: 422, code: 21211, apiMessage: "The 'To' number is invalid", moreInfo: 'https://x' }),
		new SignalWireNetworkError({ ...request, reason: 'dns', code: 'ENOTFOUND', host: 'nope.signalwire.com' }),
		new SignalWireTimeoutError({ ...request, timeoutMs: 30000 }),
		new UnexpectedResponseError({ ...request, reason: 'not-json', httpStatus: 502, snippet: '502 Bad Gateway' }),
		new SpaceUrlError('path', 'no path'),
	];
	const guards = [isSignalWireApiError, isSignalWireNetworkError, isSignalWireTimeoutError, isUnexpectedResponseError, isSpaceUrlError];

	it('each guard recognises its own class only; isSignalWireError all of them', () => {
		all.forEach((error, i) => {
			assert.ok(isSignalWireError(error));
			assert.ok(error instanceof Error);
			guards.forEach((guard, j) => assert.equal(guard(error), i === j, `${guard.name}(${error.name})`));
		});
		for (const other of [new Error('x'), new TypeError('fetch failed'), null, undefined, 'api', { kind: 'api' }]) {
			assert.equal(isSignalWireError(other), false);
			assert.equal(isSignalWireApiError(other), false);
		}
	});

	it('recognises errors from another bundle by name and kind', () => {
		const foreign = { name: 'SignalWireApiError', kind: 'api', message: 'x', httpStatus: 401 };
		assert.ok(isSignalWireApiError(foreign));
		assert.ok(isSignalWireError(foreign));
		assert.equal(isSignalWireTimeoutError(foreign), false);
	});

	it('has distinct kinds and names', () => {
		assert.deepEqual(
			all.map((e) => e.kind),
			['api', 'network', 'timeout', 'unexpected-response', 'space-url'],
		);
		assert.deepEqual(
			all.map((e) => e.name),
			['SignalWireApiError', 'SignalWireNetworkError', 'SignalWireTimeoutError', 'UnexpectedResponseError', 'SpaceUrlError'],
		);
	});

	it('messages say what failed, why, and what to do', () => {
		assert.equal(
			all[0].message,
			"POST /api/laml/2010-04-01/Accounts/p/Messages failed (HTTP 422, SignalWire error 21211): The 'To' number is invalid. Fix the request and try again.",
		);
		assert.match(all[1].message, /^POST \/api\/laml\/.* failed: the Space host nope\.signalwire\.com could not be found \(ENOTFOUND\)\. Check the Space name/);
		assert.match(all[2].message, /timed out: no answer from SignalWire within 30 s\. The message may still have been sent/);
		assert.match(all[3].message, /returned something that is not JSON \(HTTP 502\)\. Body starts: "502 Bad Gateway"\./);
	});

	it('places a parser error on a request', () => {
		const error = new UnexpectedResponseError({ reason: 'missing-fields', missingFields: ['sid'] }).withRequest({ method: 'GET', path: '/p' }, 200);
		assert.equal(error.method, 'GET');
		assert.equal(error.httpStatus, 200);
		assert.match(error.message, /^GET \/p returned a response without required fields \(HTTP 200\): sid\./);
	});

	it('are not mistaken for ky errors and vice versa', () => {
		const request = new Request('https://example.com/');
		const timeout = new TimeoutError(request);
		assert.equal(isSignalWireError(timeout), false);
		assert.equal(isSignalWireTimeoutError(timeout), false);
		const http = new HTTPError(new Response('', { status: 500 }), request, {} as never);
		assert.equal(isSignalWireApiError(http), false);
	});
});

describe('logging helpers', () => {
	it('redactAuthorization hides credentials but keeps the scheme', () => {
		assert.deepEqual(redactAuthorization({ Authorization: 'Basic dXNlcjpwYXNz', Accept: 'application/json', Cookie: 'a=b' }), {
			Authorization: 'Basic ***',
			Accept: 'application/json',
			Cookie: '***',
		});
		assert.deepEqual(redactAuthorization(new Headers({ authorization: 'Bearer abc', 'user-agent': 'ua' })), { authorization: 'Bearer ***', 'user-agent': 'ua' });
		assert.deepEqual(redactAuthorization([['authorization', 'token']]), { authorization: '***' });
	});

	it('describeRequest strips user info and redacts headers', () => {
		assert.equal(describeRequest('post', 'https://u:p@example.signalwire.com/api/laml/x'), 'POST https://example.signalwire.com/api/laml/x');
		assert.equal(
			describeRequest('GET', new URL('https://example.signalwire.com/x'), { Authorization: 'Basic abc', Accept: 'application/json' }),
			'GET https://example.signalwire.com/x Authorization: Basic *** · Accept: application/json',
		);
	});

	it('snippetOf makes a short, single-line, tag-free excerpt without the token', () => {
		assert.equal(snippetOf('<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><h1>502 &amp; more</h1></body></html>'), '502 Bad Gateway 502 & more');
		assert.equal(snippetOf('<script>alert(1)</script><p>ok</p>'), 'ok');
		assert.equal(snippetOf('line1\nline2\t\u0000end'), 'line1 line2 end');
		assert.equal(snippetOf('token=PTsecret123 here', 'PTsecret123'), 'token=*** here');
		const long = snippetOf('x'.repeat(500));
		assert.equal(long.length, 160);
		assert.ok(long.endsWith('…'));
	});

	it('basicAuthorization is base64 of projectId:token in UTF-8', () => {
		assert.equal(basicAuthorization('a1b2c3d4-e5f6-7890-abcd-ef1234567890', '4tjCGnmAeQ0hwFmFDhwfgww880X2lsnuR60VMyasGR3hFpSyvu'), 'Basic YTFiMmMzZDQtZTVmNi03ODkwLWFiY2QtZWYxMjM0NTY3ODkwOjR0akNHbm1BZVEwaHdGbUZEaHdmZ3d3ODgwWDJsc251UjYwVk15YXNHUjNoRnBTeXZ1');
		assert.equal(basicAuthorization('p', 'tök€n'), `Basic ${Buffer.from('p:tök€n', 'utf8').toString('base64')}`);
	});
});
