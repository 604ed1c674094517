/**
 * The Messages and IncomingPhoneNumbers lists: order, paging and filters.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX_NUMBERS } from '../../sandbox/server';
import { FROM, TO, UUID, useSandbox, type Json } from './harness';

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

		it('filters by From and Status, and keeps the filters in next_page_uri', async () => {
			await create({ To: TO, From: FROM, Body: 'a' });
			await create({ To: TO, From: '+15550100101', Body: 'b' });
			await create({ To: TO, From: '+15550100101', Body: 'c' });
			await h.sb.inject({ from: TO, to: FROM, body: 'in', mediaUrls: [] });
			const from = await call('GET', `${account()}/Messages?From=${encodeURIComponent('+15550100101')}&PageSize=1`);
			assert.deepEqual(
				from.json.messages.map((m: Json) => m.body),
				['c'],
			);
			assert.match(from.json.next_page_uri, /From=%2B15550100101/);
			const second = await call('GET', from.json.next_page_uri as string);
			assert.deepEqual(
				second.json.messages.map((m: Json) => m.body),
				['b'],
			);
			assert.equal(second.json.next_page_uri, null);
			const received = await call('GET', `${account()}/Messages?Status=received`);
			assert.deepEqual(
				received.json.messages.map((m: Json) => [m.body, m.direction]),
				[['in', 'inbound']],
			);
		});

		it('filters by DateSent, DateSent< and DateSent> in both forms; a bad value is 400 / 10000', async () => {
			await h.sb.inject({ from: TO, to: FROM, body: 'today', mediaUrls: [] });
			const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
			const bodies = async (query: string): Promise<string[]> => (await call('GET', `${account()}/Messages?${query}`)).json.messages.map((m: Json) => m.body);
			assert.deepEqual(await bodies(`DateSent=${day(0)}`), ['today']);
			assert.deepEqual(await bodies(`DateSent=${day(-1)}`), []);
			assert.deepEqual(await bodies(`DateSent%3E=${day(0)}`), ['today'], 'DateSent>= today includes today');
			assert.deepEqual(await bodies(`DateSent%3E=${day(1)}`), []);
			assert.deepEqual(await bodies(`DateSent%3C=${day(0)}`), ['today'], 'DateSent<= today includes today');
			assert.deepEqual(await bodies(`DateSent%3C=${day(-1)}`), []);
			const hourAgo = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
			assert.deepEqual(await bodies(`DateSent%3E=${encodeURIComponent(hourAgo)}`), ['today']);
			assert.deepEqual(await bodies(`DateSent%3C=${encodeURIComponent(hourAgo)}`), []);
			const bad = await call('GET', `${account()}/Messages?DateSent%3C=last-week`);
			assert.equal(bad.status, 400);
			assert.equal(bad.json.code, 10000);
			assert.match(bad.json.message, /DateSent< last-week is invalid/);
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
