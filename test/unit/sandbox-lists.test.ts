/**
 * The Messages and IncomingPhoneNumbers lists: order, paging and filters.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX_NUMBERS } from '../../sandbox/server';
import { FROM, TO, UUID, useSandbox, type Json } from './sandboxHarness';

describe('sandbox: lists and paging', () => {
	const h = useSandbox();
	const { call, create, account } = h;

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
});
