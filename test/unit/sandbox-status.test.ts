/**
 * How statuses advance: one step per fetch in 'fetch' mode, on their own in 'time' mode.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX_SPECIAL_NUMBERS } from '../../sandbox/server';
import { FROM, RFC2822, TO, useSandbox, type Json } from './sandboxHarness';

describe('sandbox: status progression', () => {
	const h = useSandbox({ statusProgression: 'fetch' });
	const { create, fetchMessage } = h;

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
			assert.equal(h.sb.messages[0].status, 'delivered');
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
			assert.equal(h.sb.messages[0].error_code, '30005');
		});

		it('answers 404 / 20404 for an unknown sid', async () => {
			const answer = await fetchMessage('0a059168-ead0-41af-9d1f-343dae832527');
			assert.equal(answer.status, 404);
			assert.equal(answer.json.code, 20404);
			assert.equal(answer.json.status, 404);
		});
	});
});
