import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { SegmentedMessage } from 'sms-segments-calculator';
import { SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, SANDBOX_SPECIAL_NUMBERS, startSandbox, type Sandbox } from '../../sandbox/server';

const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MESSAGE_FIELDS = [
	'account_sid',
	'api_version',
	'body',
	'num_segments',
	'num_media',
	'date_created',
	'date_sent',
	'date_updated',
	'direction',
	'error_code',
	'error_message',
	'from',
	'price',
	'price_unit',
	'sid',
	'status',
	'to',
	'messaging_service_sid',
	'uri',
	'subresource_uris',
];
const PATH_FORMS = [
	{ prefix: '/api/laml/2010-04-01', ext: '' },
	{ prefix: '/api/laml/2010-04-01', ext: '.json' },
	{ prefix: '/2010-04-01', ext: '' },
	{ prefix: '/2010-04-01', ext: '.json' },
];
const FROM = SANDBOX_NUMBERS[0].phoneNumber; // SMS + MMS
const SMS_ONLY = SANDBOX_NUMBERS.find((n) => n.capabilities.sms && !n.capabilities.mms)!.phoneNumber;
const VOICE_ONLY = SANDBOX_NUMBERS.find((n) => !n.capabilities.sms)!.phoneNumber;
const TO = '+15551234567';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	json: Json;
}

describe('sandbox server', () => {
	let sb: Sandbox;

	before(async () => {
		sb = await startSandbox();
	});
	after(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	const basic = (projectId = sb.projectId, token = sb.token): string => `Basic ${Buffer.from(`${projectId}:${token}`).toString('base64')}`;
	const account = (prefix = '/api/laml/2010-04-01', projectId = sb.projectId): string => `${prefix}/Accounts/${projectId}`;

	async function call(method: string, pathAndQuery: string, options: { form?: string; auth?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
		const headers: Record<string, string> = { ...options.headers };
		if (options.auth !== null) {
			headers.authorization = options.auth ?? basic();
		}
		if (options.form !== undefined) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
		}
		const response = await fetch(`${sb.url}${pathAndQuery}`, { method, headers, ...(options.form !== undefined ? { body: options.form } : {}) });
		const text = await response.text();
		let json: Json = {};
		try {
			json = JSON.parse(text) as Json;
		} catch {
			// not JSON: tests look at text
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	function form(fields: Record<string, string | string[]>): string {
		const params = new URLSearchParams();
		for (const [name, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) {
				params.append(name, v);
			}
		}
		return params.toString();
	}

	const create = (fields: Record<string, string | string[]>, prefix?: string, ext = ''): Promise<Answer> =>
		call('POST', `${account(prefix)}/Messages${ext}`, { form: form(fields) });
	const fetchMessage = (sid: string, prefix?: string, ext = ''): Promise<Answer> => call('GET', `${account(prefix)}/Messages/${sid}${ext}`);

	describe('start options', () => {
		it('defaults to the fixed project id, a PT+48 hex token and a loopback URL', () => {
			assert.equal(sb.projectId, SANDBOX_PROJECT_ID);
			assert.match(sb.token, /^PT[0-9a-f]{48}$/);
			assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
			assert.equal(sb.url, `http://127.0.0.1:${sb.port}`);
		});

		it('takes a project id, token and port, and makes a new token at each start', async () => {
			const other = await startSandbox({ projectId: '11111111-2222-4333-8444-555555555555', token: 'secret-token' });
			const third = await startSandbox();
			try {
				assert.equal(other.projectId, '11111111-2222-4333-8444-555555555555');
				assert.equal(other.token, 'secret-token');
				assert.notEqual(third.token, sb.token);
				const answer = await fetch(`${other.url}/api/laml/2010-04-01/Accounts/${other.projectId}/IncomingPhoneNumbers`, {
					headers: { authorization: `Basic ${Buffer.from(`${other.projectId}:secret-token`).toString('base64')}` },
				});
				assert.equal(answer.status, 200);
			} finally {
				await other.close();
				await third.close();
			}
		});

		it('refuses a non-loopback host', async () => {
			await assert.rejects(startSandbox({ host: '0.0.0.0' }), /loopback only/);
		});
	});

	describe('path forms and auth', () => {
		for (const { prefix, ext } of PATH_FORMS) {
			it(`serves create, fetch, list and numbers under ${prefix}/…${ext || ' (no .json)'}`, async () => {
				const created = await create({ To: TO, From: FROM, Body: 'hi' }, prefix, ext);
				assert.equal(created.status, 201);
				const sid = created.json.sid as string;
				assert.equal(created.json.uri, `${prefix}/Accounts/${sb.projectId}/Messages/${sid}.json`);
				assert.deepEqual(created.json.subresource_uris, { media: `${prefix}/Accounts/${sb.projectId}/Messages/${sid}/Media.json` });
				const fetched = await fetchMessage(sid, prefix, ext);
				assert.equal(fetched.status, 200);
				assert.equal(fetched.json.sid, sid);
				assert.equal(fetched.json.uri, `${prefix}/Accounts/${sb.projectId}/Messages/${sid}.json`);
				const listed = await call('GET', `${account(prefix)}/Messages${ext}`);
				assert.equal(listed.status, 200);
				assert.equal(listed.json.messages.length, 1);
				assert.ok(String(listed.json.uri).startsWith(`${prefix}/Accounts/${sb.projectId}/Messages${ext}?`));
				const numbers = await call('GET', `${account(prefix)}/IncomingPhoneNumbers${ext}`);
				assert.equal(numbers.status, 200);
				assert.equal(numbers.json.incoming_phone_numbers.length, SANDBOX_NUMBERS.length);
				assert.ok(String(numbers.json.incoming_phone_numbers[0].uri).startsWith(`${prefix}/Accounts/`));
			});
		}

		it('answers 401 / 20003 without credentials, with a wrong token, and for another project', async () => {
			const expected = { code: 20003, message: 'Authentication failed', status: 401 };
			for (const auth of [null, basic(sb.projectId, 'wrong'), basic('00000000-0000-4000-8000-000000000000', sb.token), 'Bearer abc', 'Basic !!!']) {
				const answer = await call('GET', `${account()}/IncomingPhoneNumbers`, { auth });
				assert.equal(answer.status, 401, String(auth));
				assert.equal(answer.json.code, expected.code);
				assert.equal(answer.json.message, expected.message);
				assert.equal(answer.json.status, 401);
				assert.match(answer.json.more_info, /20003/);
			}
			const create401 = await call('POST', `${account()}/Messages`, { auth: null, form: form({ To: TO, From: FROM, Body: 'x' }) });
			assert.equal(create401.status, 401);
			assert.equal(sb.messages.length, 0);
		});

		it('answers 404 / 20404 when the path names another project than the (valid) credentials', async () => {
			const answer = await call('GET', `${account(undefined, '00000000-0000-4000-8000-000000000000')}/Messages`);
			assert.equal(answer.status, 404);
			assert.equal(answer.json.code, 20404);
		});

		it('answers 404 for unknown routes and 405 for other methods', async () => {
			assert.equal((await call('GET', `${account()}/Calls`)).json.code, 20404);
			assert.equal((await call('GET', '/nothing/here')).status, 404);
			const del = await call('DELETE', `${account()}/Messages`);
			assert.equal(del.status, 405);
			assert.equal(del.headers.get('allow'), 'GET, POST');
		});

		it('answers JSON with content-type application/json', async () => {
			const answer = await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
		});
	});

	describe('create: validation (422 with SignalWire codes)', () => {
		const long = 'a'.repeat(1601);
		const media = (n: number): string[] => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);
		const cases: [string, Record<string, string | string[]>, number][] = [
			['To missing', { From: FROM, Body: 'x' }, 21211],
			['To empty', { To: '', From: FROM, Body: 'x' }, 21211],
			['To not E.164 (no +)', { To: '15551234567', From: FROM, Body: 'x' }, 21211],
			['To with a space (unencoded + became a space)', { To: ' 15551234567', From: FROM, Body: 'x' }, 21211],
			['neither From nor MessagingServiceSid', { To: TO, Body: 'x' }, 21705],
			['From not E.164', { To: TO, From: '555-0100', Body: 'x' }, 21212],
			['From not a project number', { To: TO, From: '+15559999999', Body: 'x' }, 21210],
			['From not SMS capable (voice only)', { To: TO, From: VOICE_ONLY, Body: 'x' }, 21601],
			['From SMS-only with media', { To: TO, From: SMS_ONLY, MediaUrl: 'https://example.com/a.png' }, 21601],
			['From SMS-only with SendAsMms=true', { To: TO, From: SMS_ONLY, Body: 'x', SendAsMms: 'true' }, 21601],
			['neither Body nor MediaUrl', { To: TO, From: FROM }, 21602],
			['empty Body and no MediaUrl', { To: TO, From: FROM, Body: '' }, 21602],
			['Body of 1601 code points', { To: TO, From: FROM, Body: long }, 21617],
			['Body of 1601 emoji (1601 code points)', { To: TO, From: FROM, Body: '😀'.repeat(1601) }, 21617],
			['9 MediaUrl', { To: TO, From: FROM, MediaUrl: media(9) }, 21623],
			['MediaUrl ftp://', { To: TO, From: FROM, MediaUrl: 'ftp://example.com/a.png' }, 21620],
			['MediaUrl relative', { To: TO, From: FROM, MediaUrl: '/a.png' }, 21620],
			['ValidityPeriod 0', { To: TO, From: FROM, Body: 'x', ValidityPeriod: '0' }, 21624],
			['ValidityPeriod 172801', { To: TO, From: FROM, Body: 'x', ValidityPeriod: '172801' }, 21624],
			['ValidityPeriod 1.5', { To: TO, From: FROM, Body: 'x', ValidityPeriod: '1.5' }, 21624],
			['ValidityPeriod text', { To: TO, From: FROM, Body: 'x', ValidityPeriod: 'soon' }, 21624],
			['MaxPrice with 5 decimals', { To: TO, From: FROM, Body: 'x', MaxPrice: '0.00755' }, 10000],
			['MaxPrice negative', { To: TO, From: FROM, Body: 'x', MaxPrice: '-1' }, 10000],
			['ApplicationSid not a UUID', { To: TO, From: FROM, Body: 'x', ApplicationSid: 'AP123' }, 21218],
			['MessagingServiceSid not a UUID', { To: TO, MessagingServiceSid: 'MG123', Body: 'x' }, 21701],
			['StatusCallback not absolute', { To: TO, From: FROM, Body: 'x', StatusCallback: '/callback' }, 21402],
			['StatusCallback not http(s)', { To: TO, From: FROM, Body: 'x', StatusCallback: 'ftp://example.com/cb' }, 21402],
			['SendAsMms not a boolean', { To: TO, From: FROM, Body: 'x', SendAsMms: 'yes' }, 10000],
		];
		for (const [name, fields, code] of cases) {
			it(`${code}: ${name}`, async () => {
				const answer = await create(fields);
				assert.equal(answer.status, 422);
				assert.equal(answer.json.code, code);
				assert.equal(answer.json.status, 422);
				assert.equal(typeof answer.json.message, 'string');
				assert.ok(answer.json.message.length > 0);
				assert.equal(answer.json.more_info, `https://developer.signalwire.com/compatibility-api/reference/error-codes#${code}`);
				assert.equal(sb.messages.length, 0, 'an invalid message is not created');
			});
		}

		const accepted: [string, Record<string, string | string[]>][] = [
			['Body of exactly 1600 code points', { To: TO, From: FROM, Body: 'a'.repeat(1600) }],
			['Body of 1600 emoji (1600 code points, 3200 UTF-16 units)', { To: TO, From: FROM, Body: '😀'.repeat(1600) }],
			['8 MediaUrl', { To: TO, From: FROM, MediaUrl: media(8) }],
			['ValidityPeriod 1 and 172800', { To: TO, From: FROM, Body: 'x', ValidityPeriod: '172800' }],
			['MaxPrice 0.0075, 1 and 1.', { To: TO, From: FROM, Body: 'x', MaxPrice: '1.' }],
			['a number group instead of From', { To: TO, MessagingServiceSid: '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f60', Body: 'x' }],
			['SendAsMms=false from an SMS-only number', { To: TO, From: SMS_ONLY, Body: 'x', SendAsMms: 'false' }],
			['everything valid', { To: TO, From: FROM, Body: 'x', MediaUrl: media(1), StatusCallback: 'https://example.com/cb', ApplicationSid: '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f61', MaxPrice: '0.0075', ValidityPeriod: '1', SendAsMms: 'TRUE' }],
		];
		for (const [name, fields] of accepted) {
			it(`accepts ${name}`, async () => {
				const answer = await create(fields);
				assert.equal(answer.status, 201, answer.text);
				assert.equal(sb.messages.length, 1);
			});
		}
	});

	describe('create: success', () => {
		it('answers 201 with all 20 Message fields', async () => {
			const before = Date.now();
			const answer = await create({ To: TO, From: FROM, Body: 'Hello World!' });
			assert.equal(answer.status, 201);
			const m = answer.json;
			assert.deepEqual(Object.keys(m), MESSAGE_FIELDS);
			assert.equal(m.account_sid, sb.projectId);
			assert.equal(m.api_version, '2010-04-01');
			assert.equal(m.body, 'Hello World!');
			assert.equal(m.num_segments, 1);
			assert.equal(m.num_media, 0);
			assert.match(m.date_created, RFC2822);
			assert.ok(Math.abs(Date.parse(m.date_created) - before) < 5000);
			assert.equal(m.date_sent, null);
			assert.equal(m.date_updated, m.date_created);
			assert.equal(m.direction, 'outbound-api');
			assert.equal(m.error_code, null);
			assert.equal(m.error_message, null);
			assert.equal(m.from, FROM);
			assert.equal(m.price, null);
			assert.equal(m.price_unit, 'USD');
			assert.match(m.sid, UUID);
			assert.equal(m.status, 'queued');
			assert.equal(m.to, TO);
			assert.equal(m.messaging_service_sid, null);
			assert.deepEqual(sb.messages, [m]);
		});

		it('gives every message a new sid', async () => {
			const a = await create({ To: TO, From: FROM, Body: 'a' });
			const b = await create({ To: TO, From: FROM, Body: 'a' });
			assert.notEqual(a.json.sid, b.json.sid);
		});

		it('counts segments with sms-segments-calculator for SMS and 1 for MMS', async () => {
			for (const body of ['a'.repeat(160), 'a'.repeat(161), 'a'.repeat(307), '€'.repeat(81), 'ą'.repeat(71), '😀'.repeat(36), 'a'.repeat(1600)]) {
				const answer = await create({ To: TO, From: FROM, Body: body });
				assert.equal(answer.json.num_segments, new SegmentedMessage(body).segmentsCount, body.slice(0, 5));
			}
			assert.equal((await create({ To: TO, From: FROM, Body: 'a'.repeat(161) })).json.num_segments, 2);
			const mms = await create({ To: TO, From: FROM, Body: 'a'.repeat(400), MediaUrl: ['https://example.com/a.png', 'https://example.com/b.png'] });
			assert.equal(mms.json.num_segments, 1);
			assert.equal(mms.json.num_media, 2);
			assert.equal((await create({ To: TO, From: FROM, Body: 'a'.repeat(400), SendAsMms: 'true' })).json.num_segments, 1);
		});

		it('decodes both + and %20 as a space, %2B as +, and keeps repeated MediaUrl in order', async () => {
			const raw = 'To=%2B15551234567&From=%2B15550100100&Body=Hello+World%20and%2Bmore&MediaUrl=https%3A%2F%2Fexample.com%2F1.png&MediaUrl=https%3A%2F%2Fexample.com%2F2.png';
			const answer = await call('POST', `${account()}/Messages`, { form: raw });
			assert.equal(answer.status, 201);
			assert.equal(answer.json.body, 'Hello World and+more');
			const recorded = sb.requests[0];
			assert.equal(recorded.body, raw);
			assert.deepEqual(recorded.form.MediaUrl, ['https://example.com/1.png', 'https://example.com/2.png']);
			assert.deepEqual(recorded.form.Body, ['Hello World and+more']);
		});

		it('sends from a number of the group when only MessagingServiceSid is given', async () => {
			const group = '6f0b7a1e-3f59-4a6c-9d2e-1b2c3d4e5f60';
			const answer = await create({ To: TO, MessagingServiceSid: group, Body: 'x' });
			assert.equal(answer.json.messaging_service_sid, group);
			assert.ok(SANDBOX_NUMBERS.some((n) => n.phoneNumber === answer.json.from && n.capabilities.sms));
		});

		it('writes body null for a media-only message', async () => {
			const answer = await create({ To: TO, From: FROM, MediaUrl: 'https://example.com/a.png' });
			assert.equal(answer.json.body, null);
		});
	});

	describe('fetch: status progression', () => {
		async function statuses(fields: Record<string, string | string[]>, fetches: number): Promise<Json[]> {
			const created = await create(fields);
			const out: Json[] = [];
			for (let i = 0; i < fetches; i++) {
				out.push((await fetchMessage(created.json.sid as string)).json);
			}
			return out;
		}

		it('advances an SMS queued → sending → sent → delivered and stays there', async () => {
			const seen = await statuses({ To: TO, From: FROM, Body: 'x' }, 4);
			assert.deepEqual(
				seen.map((m) => m.status),
				['sending', 'sent', 'delivered', 'delivered'],
			);
			assert.equal(seen[0].date_sent, null);
			assert.match(seen[1].date_sent, RFC2822);
			assert.equal(typeof seen[1].price, 'number');
			assert.equal(seen[2].error_code, null);
			assert.equal(sb.messages[0].status, 'delivered');
		});

		it('stops an MMS (media or SendAsMms=true) at sent', async () => {
			const withMedia = await statuses({ To: TO, From: FROM, MediaUrl: 'https://example.com/a.png' }, 4);
			assert.deepEqual(
				withMedia.map((m) => m.status),
				['sending', 'sent', 'sent', 'sent'],
			);
			const forced = await statuses({ To: TO, From: FROM, Body: 'x', SendAsMms: 'true' }, 4);
			assert.equal(forced[3].status, 'sent');
		});

		it(`fails a message to ${SANDBOX_SPECIAL_NUMBERS.unreachable} with error_code "30003" (a string)`, async () => {
			const seen = await statuses({ To: SANDBOX_SPECIAL_NUMBERS.unreachable, From: FROM, Body: 'x' }, 3);
			assert.deepEqual(
				seen.map((m) => m.status),
				['sending', 'failed', 'failed'],
			);
			assert.equal(seen[1].error_code, '30003');
			assert.equal(seen[1].error_message, 'Unreachable destination handset');
			assert.equal(seen[1].price, null);
		});

		it(`ends a message to ${SANDBOX_SPECIAL_NUMBERS.undelivered} undelivered with error_code 30005 (a number)`, async () => {
			const seen = await statuses({ To: SANDBOX_SPECIAL_NUMBERS.undelivered, From: FROM, Body: 'x' }, 4);
			assert.deepEqual(
				seen.map((m) => m.status),
				['sending', 'sent', 'undelivered', 'undelivered'],
			);
			assert.equal(seen[2].error_code, 30005);
			assert.equal(seen[2].error_message, 'Unknown destination handset');
			assert.equal(sb.messages[0].error_code, '30005');
		});

		it('answers 404 / 20404 for an unknown sid', async () => {
			const answer = await fetchMessage('0a059168-ead0-41af-9d1f-343dae832527');
			assert.equal(answer.status, 404);
			assert.equal(answer.json.code, 20404);
			assert.equal(answer.json.status, 404);
		});
	});

	describe('lists and paging', () => {
		it('lists messages newest first, paged with next_page_uri and previous_page_uri', async () => {
			const sids: string[] = [];
			for (let i = 0; i < 5; i++) {
				sids.push((await create({ To: TO, From: FROM, Body: `m${i}` })).json.sid as string);
			}
			const expected = [...sids].reverse();
			const first = await call('GET', `${account()}/Messages?PageSize=2`);
			assert.deepEqual(Object.keys(first.json), ['uri', 'first_page_uri', 'next_page_uri', 'previous_page_uri', 'page', 'page_size', 'messages']);
			assert.equal(first.json.page, 0);
			assert.equal(first.json.page_size, 2);
			assert.equal(first.json.previous_page_uri, null);
			assert.equal(first.json.first_page_uri, `${account()}/Messages?Page=0&PageSize=2`);
			const got: string[] = first.json.messages.map((m: Json) => m.sid);
			let next: string | null = first.json.next_page_uri;
			assert.match(next ?? '', /Page=1&PageSize=2&PageToken=PA/);
			let last: Json = first.json;
			while (next) {
				const page = await call('GET', next);
				assert.equal(page.status, 200);
				got.push(...page.json.messages.map((m: Json) => m.sid));
				last = page.json;
				next = page.json.next_page_uri;
			}
			assert.deepEqual(got, expected);
			assert.equal(last.page, 2);
			assert.equal(last.messages.length, 1);
			const previous = await call('GET', last.previous_page_uri as string);
			assert.deepEqual(
				previous.json.messages.map((m: Json) => m.sid),
				expected.slice(2, 4),
			);
		});

		it('filters messages by To', async () => {
			await create({ To: TO, From: FROM, Body: 'a' });
			await create({ To: '+15557654321', From: FROM, Body: 'b' });
			const answer = await call('GET', `${account()}/Messages?To=${encodeURIComponent('+15557654321')}`);
			assert.deepEqual(
				answer.json.messages.map((m: Json) => m.body),
				['b'],
			);
		});

		it('rejects bad paging parameters with 400 and 54453/54454', async () => {
			assert.equal((await call('GET', `${account()}/Messages?Page=1`)).json.code, 54453);
			assert.equal((await call('GET', `${account()}/Messages?Page=1&PageToken=PAnope`)).json.code, 54453);
			const size = await call('GET', `${account()}/IncomingPhoneNumbers?PageSize=0`);
			assert.equal(size.status, 400);
			assert.equal(size.json.code, 54454);
			assert.equal((await call('GET', `${account()}/IncomingPhoneNumbers?PageSize=1001`)).json.code, 54454);
		});

		it('lists the fixed numbers with their capabilities, one with upper-case keys', async () => {
			const answer = await call('GET', `${account()}/IncomingPhoneNumbers`);
			const list: Json[] = answer.json.incoming_phone_numbers;
			assert.deepEqual(
				list.map((n) => n.phone_number),
				SANDBOX_NUMBERS.map((n) => n.phoneNumber),
			);
			for (const n of list) {
				assert.match(n.phone_number, /^\+1555010\d{4}$/);
				assert.match(n.friendly_name, /^\(555\) 010-\d{4}$/);
				assert.match(n.sid, UUID);
			}
			const upper = list.filter((n) => 'SMS' in n.capabilities);
			assert.equal(upper.length, 1);
			assert.deepEqual(Object.keys(upper[0].capabilities).sort(), ['MMS', 'SMS', 'fax', 'voice']);
			assert.ok(list.some((n) => n.capabilities.voice === true && n.capabilities.sms === false));
			assert.ok(list.some((n) => n.capabilities.sms === true && n.capabilities.mms === false));
		});

		it('pages the numbers honouring PageSize, with PageToken in next_page_uri', async () => {
			const got: string[] = [];
			let next: string | null = `${account('/2010-04-01')}/IncomingPhoneNumbers.json?PageSize=2`;
			let pages = 0;
			while (next) {
				const page = await call('GET', next);
				assert.ok(page.json.incoming_phone_numbers.length <= 2);
				got.push(...page.json.incoming_phone_numbers.map((n: Json) => n.phone_number));
				next = page.json.next_page_uri;
				if (next) {
					assert.match(next, /^\/2010-04-01\/Accounts\/[^/]+\/IncomingPhoneNumbers\.json\?Page=\d&PageSize=2&PageToken=PA/);
				}
				pages++;
			}
			assert.equal(pages, 3);
			assert.deepEqual(
				got,
				SANDBOX_NUMBERS.map((n) => n.phoneNumber),
			);
		});
	});

	describe('faults', () => {
		const valid = { To: TO, From: FROM, Body: 'x' };

		it('status429 answers 429 / 20429 with Retry-After, for the next N requests only', async () => {
			sb.setFaults({ status429: { retryAfter: 3, times: 2 } });
			for (let i = 0; i < 2; i++) {
				const answer = await create(valid);
				assert.equal(answer.status, 429);
				assert.equal(answer.json.code, 20429);
				assert.equal(answer.json.status, 429);
				assert.equal(answer.headers.get('retry-after'), '3');
			}
			assert.equal(sb.messages.length, 0);
			assert.equal((await create(valid)).status, 201);
			assert.deepEqual(sb.faults(), {});
		});

		it('status429 without retryAfter sends no Retry-After', async () => {
			sb.setFaults({ status429: true });
			const answer = await create(valid);
			assert.equal(answer.status, 429);
			assert.equal(answer.headers.get('retry-after'), null);
		});

		it('limits a fault to a kind of request with `on`', async () => {
			const created = await create(valid);
			sb.setFaults({ status429: { on: 'create' } });
			assert.equal((await fetchMessage(created.json.sid as string)).status, 200);
			assert.equal((await call('GET', `${account()}/IncomingPhoneNumbers`)).status, 200);
			assert.equal((await create(valid)).status, 429);
			sb.setFaults({ status500Html: { on: ['numbers', 'list'] } });
			assert.equal((await call('GET', `${account()}/IncomingPhoneNumbers`)).status, 500);
			assert.equal((await call('GET', `${account()}/Messages`)).status, 500);
			assert.equal((await create(valid)).status, 201);
		});

		it('status500Html and status502Html answer HTML pages', async () => {
			sb.setFaults({ status500Html: { times: 1 } });
			const a = await create(valid);
			assert.equal(a.status, 500);
			assert.match(a.headers.get('content-type') ?? '', /^text\/html/);
			assert.match(a.text, /<html>/);
			sb.setFaults({ status502Html: { times: 1 } });
			const b = await create(valid);
			assert.equal(b.status, 502);
			assert.match(b.headers.get('content-type') ?? '', /^text\/html/);
			assert.match(b.text, /502 Bad Gateway/);
			assert.equal(sb.messages.length, 0);
		});

		it('invalidJson answers 201 (create) / 200 (fetch) with a body that does not parse', async () => {
			const created = await create(valid);
			sb.setFaults({ invalidJson: true });
			const a = await create(valid);
			assert.equal(a.status, 201);
			assert.match(a.headers.get('content-type') ?? '', /application\/json/);
			assert.throws(() => JSON.parse(a.text));
			const b = await fetchMessage(created.json.sid as string);
			assert.equal(b.status, 200);
			assert.throws(() => JSON.parse(b.text));
			assert.equal(sb.messages.length, 1, 'the faulty create is not recorded');
		});

		it('missingFields answers a Message without sid and status', async () => {
			sb.setFaults({ missingFields: true });
			const a = await create(valid);
			assert.equal(a.status, 201);
			assert.equal('sid' in a.json, false);
			assert.equal('status' in a.json, false);
			assert.equal(a.json.to, TO);
			const list = await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.equal('sid' in list.json.incoming_phone_numbers[0], false);
			assert.equal(sb.messages.length, 0);
		});

		it('delayMs answers late but creates the message at once (a slow success)', async () => {
			sb.setFaults({ delayMs: { ms: 300, times: 1 } });
			const started = Date.now();
			const pending = create(valid);
			await new Promise((resolve) => setTimeout(resolve, 100));
			assert.equal(sb.messages.length, 1, 'created before the answer');
			const answer = await pending;
			assert.ok(Date.now() - started >= 290);
			assert.equal(answer.status, 201);
			sb.setFaults({ delayMs: 150 });
			const t = Date.now();
			await call('GET', `${account()}/IncomingPhoneNumbers`);
			assert.ok(Date.now() - t >= 140);
		});

		it('dropConnection closes the socket without an answer, records the request, creates nothing', async () => {
			sb.setFaults({ dropConnection: { times: 1 } });
			await assert.rejects(create(valid), TypeError);
			assert.equal(sb.requests.length, 1);
			assert.equal(sb.messages.length, 0);
			assert.equal((await create(valid)).status, 201);
		});

		it('apiError answers any status, code and message, or a whole body', async () => {
			sb.setFaults({ apiError: { status: 400, code: 21606, message: "The 'To' number provided is not a mobile number", times: 1 } });
			const a = await create(valid);
			assert.equal(a.status, 400);
			assert.deepEqual(a.json, {
				code: 21606,
				message: "The 'To' number provided is not a mobile number",
				more_info: 'https://developer.signalwire.com/compatibility-api/reference/error-codes#21606',
				status: 400,
			});
			sb.setFaults({ apiError: { status: 503, body: { error: 'maintenance' } } });
			const b = await create(valid);
			assert.equal(b.status, 503);
			assert.deepEqual(b.json, { error: 'maintenance' });
			assert.equal(sb.messages.length, 0);
		});

		it('lets the highest-precedence fault answer and counts down only that one', async () => {
			sb.setFaults({ status429: { times: 1 }, status500Html: { times: 1 } });
			assert.equal((await create(valid)).status, 429);
			assert.equal((await create(valid)).status, 500);
			assert.equal((await create(valid)).status, 201);
		});

		it('rejects unknown fault names and bad values', () => {
			assert.throws(() => sb.setFaults({ status428: true } as never), /unknown fault "status428"/);
			assert.throws(() => sb.setFaults({ delayMs: -1 }), /delayMs/);
			assert.throws(() => sb.setFaults({ apiError: { status: 200 } }), /apiError/);
			assert.throws(() => sb.setFaults({ status429: { times: 0 } }), /times/);
			assert.throws(() => sb.setFaults({ status429: { on: 'delete' as never } }), /on must be/);
		});

		it('reset clears the faults', async () => {
			sb.setFaults({ status429: true });
			sb.reset();
			assert.equal((await create(valid)).status, 201);
		});
	});

	describe('recorded requests', () => {
		it('records method, path, query, lower-case headers, raw body, parsed form and time', async () => {
			await call('POST', `${account('/2010-04-01')}/Messages.json?x=1&x=2`, {
				form: 'To=%2B15551234567&From=%2B15550100100&Body=Hi&MediaUrl=https%3A%2F%2Fa.example%2F1&MediaUrl=https%3A%2F%2Fa.example%2F2',
				headers: { 'X-Custom': 'Yes', 'User-Agent': 'test-agent' },
			});
			assert.equal(sb.requests.length, 1);
			const r = sb.requests[0];
			assert.equal(r.method, 'POST');
			assert.equal(r.path, `/2010-04-01/Accounts/${sb.projectId}/Messages.json`);
			assert.deepEqual(r.query, { x: ['1', '2'] });
			assert.equal(r.headers['x-custom'], 'Yes');
			assert.equal(r.headers['user-agent'], 'test-agent');
			assert.equal(r.headers.authorization, basic());
			assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
			assert.deepEqual(r.form, { To: ['+15551234567'], From: ['+15550100100'], Body: ['Hi'], MediaUrl: ['https://a.example/1', 'https://a.example/2'] });
			assert.ok(Math.abs(Date.parse(r.time) - Date.now()) < 5000);
		});

		it('does not parse a non-form body as a form', async () => {
			await call('POST', `${account()}/Messages`, { headers: { 'content-type': 'application/json' }, form: undefined });
			assert.deepEqual(sb.requests[0].form, {});
		});
	});

	describe('control API', () => {
		const control = async (method: string, name: string, body?: unknown): Promise<Answer> => {
			const answer = await call(method, `/__sandbox/${name}`, {
				auth: null,
				...(body !== undefined ? { headers: { 'content-type': 'application/json' } } : {}),
			});
			return answer;
		};
		const post = async (name: string, body?: string): Promise<Response> =>
			fetch(`${sb.url}/__sandbox/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body } : {}) });

		it('GET info tells url, project id, token, numbers and fault names', async () => {
			const info = await control('GET', 'info');
			assert.equal(info.status, 200);
			assert.equal(info.json.url, sb.url);
			assert.equal(info.json.projectId, sb.projectId);
			assert.equal(info.json.token, sb.token);
			assert.equal(info.json.numbers.length, SANDBOX_NUMBERS.length);
			assert.deepEqual(info.json.specialNumbers, SANDBOX_SPECIAL_NUMBERS);
			assert.ok(info.json.faultNames.includes('dropConnection'));
		});

		it('GET requests and messages return what was recorded, control calls excluded', async () => {
			await create({ To: TO, From: FROM, Body: 'x' });
			await control('GET', 'info');
			const requests = await control('GET', 'requests');
			assert.equal(requests.json.length, 1);
			assert.equal(requests.json[0].method, 'POST');
			const messages = await control('GET', 'messages');
			assert.equal(messages.json.length, 1);
			assert.equal(messages.json[0].body, 'x');
			assert.equal(sb.requests.length, 1);
		});

		it('POST faults sets faults (and GET faults shows them), POST reset clears everything', async () => {
			const set = await post('faults', JSON.stringify({ status429: { times: 1, retryAfter: 1 } }));
			assert.equal(set.status, 200);
			assert.deepEqual(await set.json(), { status429: { times: 1, retryAfter: 1 } });
			assert.deepEqual((await control('GET', 'faults')).json, { status429: { times: 1, retryAfter: 1 } });
			assert.equal((await create({ To: TO, From: FROM, Body: 'x' })).status, 429);
			assert.equal((await create({ To: TO, From: FROM, Body: 'x' })).status, 201);
			const reset = await post('reset');
			assert.equal(reset.status, 204);
			assert.equal(sb.requests.length, 0);
			assert.equal(sb.messages.length, 0);
		});

		it('POST faults with bad JSON or an unknown fault answers 400', async () => {
			const bad = await post('faults', '{nope');
			assert.equal(bad.status, 400);
			const unknown = await post('faults', JSON.stringify({ explode: true }));
			assert.equal(unknown.status, 400);
			assert.match(((await unknown.json()) as { error: string }).error, /unknown fault/);
		});

		it('answers 404 for an unknown control route and 403 for a non-loopback Host header', async () => {
			assert.equal((await control('GET', 'nothing')).status, 404);
			// fetch does not let a caller set Host, so use node:http (a DNS-rebinding page would send its own host).
			const status = await new Promise<number | undefined>((resolve, reject) => {
				const req = http.request(`${sb.url}/__sandbox/info`, { headers: { host: 'evil.example' } }, (res) => {
					res.resume();
					resolve(res.statusCode);
				});
				req.on('error', reject);
				req.end();
			});
			assert.equal(status, 403);
		});
	});

	describe('cli', () => {
		it('prints url, project id and token as one JSON line and stops on SIGTERM', async function () {
			this.timeout(15_000);
			const cli = path.resolve(__dirname, '../../sandbox/cli.ts');
			const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (chunk: Buffer) => {
					out += chunk.toString();
					if (out.includes('\n')) {
						resolve(out.split('\n')[0]);
					}
				});
				child.on('exit', (code) => reject(new Error(`cli exited with ${code}`)));
			});
			const info = JSON.parse(line) as { url: string; projectId: string; token: string };
			assert.deepEqual(Object.keys(info), ['url', 'projectId', 'token']);
			assert.equal(info.projectId, SANDBOX_PROJECT_ID);
			const answer = await fetch(`${info.url}/__sandbox/info`);
			assert.equal(((await answer.json()) as { token: string }).token, info.token);
			const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
			child.kill('SIGTERM');
			assert.equal(await exited, 0);
		});
	});
});
