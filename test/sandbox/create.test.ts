/**
 * Creating messages: the strict validation with SignalWire's codes, and the Message answered.
 */
import * as assert from 'node:assert/strict';
import { SegmentedMessage } from 'sms-segments-calculator';
import { SANDBOX_NUMBERS } from '../../sandbox/server';
import { FROM, MESSAGE_FIELDS, RFC2822, SMS_ONLY, TO, UUID, VOICE_ONLY, useSandbox } from './harness';

describe('sandbox: creating messages', () => {
	const h = useSandbox();
	const { call, create, account } = h;

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
				assert.equal(h.sb.messages.length, 0, 'an invalid message is not created');
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
				assert.equal(h.sb.messages.length, 1);
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
			assert.equal(m.account_sid, h.sb.projectId);
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
			assert.deepEqual(h.sb.messages, [m]);
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
			const recorded = h.sb.requests[0];
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
});
