/**
 * How statuses advance: one step per fetch in 'fetch' mode, on their own in 'time' mode.
 */
import * as assert from 'node:assert/strict';
import { SANDBOX_SPECIAL_NUMBERS, startSandbox } from '../../sandbox/server';
import { FROM, RFC2822, TO, useSandbox, waitFor, type Json } from './harness';

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

	describe("'time' mode (the default): statuses advance on their own", () => {
		const t = useSandbox({ statusStepMs: 30 });

		const statusOf = (sid: string): string | undefined => t.sb.messages.find((m) => m.sid === sid)?.status;

		it('is the default, one step a second', async () => {
			const plain = await startSandbox();
			try {
				assert.deepEqual(plain.settings(), { statusProgression: 'time', statusStepMs: 1000, replyDelayMs: 1000 });
			} finally {
				await plain.close();
			}
		});

		it('delivers an SMS queued → sending → sent → delivered with no fetch, one step per statusStepMs', async () => {
			const created = await t.create({ To: TO, From: FROM, Body: 'x' });
			const sid = created.json.sid as string;
			const seen = new Set<string>();
			await waitFor(
				() => {
					seen.add(statusOf(sid) ?? '');
					return statusOf(sid) === 'delivered';
				},
				3000,
				'delivered',
			);
			assert.deepEqual([...seen], ['queued', 'sending', 'sent', 'delivered']);
			assert.equal(t.sb.requests.length, 1, 'no fetch was needed');
			const fetched = await t.fetchMessage(sid);
			assert.equal(fetched.json.status, 'delivered');
			assert.match(fetched.json.date_sent, RFC2822);
		});

		it('stops an MMS at sent and fails the unreachable number', async () => {
			const mms = (await t.create({ To: TO, From: FROM, MediaUrl: 'https://example.com/a.png' })).json.sid as string;
			const failed = (await t.create({ To: SANDBOX_SPECIAL_NUMBERS.unreachable, From: FROM, Body: 'x' })).json.sid as string;
			await waitFor(() => statusOf(mms) === 'sent' && statusOf(failed) === 'failed', 3000, 'the final statuses');
			await new Promise((resolve) => setTimeout(resolve, 100));
			assert.equal(statusOf(mms), 'sent');
		});

		it('a fetch does not advance a status', async () => {
			t.sb.setSettings({ statusStepMs: 60_000 });
			const sid = (await t.create({ To: TO, From: FROM, Body: 'x' })).json.sid as string;
			for (let i = 0; i < 3; i++) {
				assert.equal((await t.fetchMessage(sid)).json.status, 'queued');
			}
		});

		it('switching to fetch mode stops the clock; switching back sets waiting messages going again', async () => {
			t.sb.setSettings({ statusProgression: 'fetch' });
			const sid = (await t.create({ To: TO, From: FROM, Body: 'x' })).json.sid as string;
			await new Promise((resolve) => setTimeout(resolve, 150));
			assert.equal(statusOf(sid), 'queued');
			const answer = await t.control('POST', 'settings', { statusProgression: 'time', statusStepMs: 5 });
			assert.equal(answer.status, 200);
			assert.deepEqual(answer.json, { statusProgression: 'time', statusStepMs: 5, replyDelayMs: 1000 });
			await waitFor(() => statusOf(sid) === 'delivered', 3000, 'delivered');
		});

		it('reset stops the clock of earlier messages and restores the start settings', async () => {
			t.sb.setSettings({ statusStepMs: 20, replyDelayMs: 7 });
			// A StatusCallback the sandbox will not call (not loopback) still records each status change.
			await t.create({ To: TO, From: FROM, Body: 'x', StatusCallback: 'https://example.com/status' });
			await t.sb.callbacksIdle();
			assert.equal(t.sb.callbacks.length, 1, 'queued');
			t.sb.reset();
			assert.deepEqual(t.sb.settings(), { statusProgression: 'time', statusStepMs: 30, replyDelayMs: 1000 });
			await new Promise((resolve) => setTimeout(resolve, 150));
			assert.equal(t.sb.callbacks.length, 0, 'no status changed after the reset');
		});

		it('settings: GET shows them, POST refuses unknown names and bad values with 400', async () => {
			assert.deepEqual((await t.control('GET', 'settings')).json, { statusProgression: 'time', statusStepMs: 30, replyDelayMs: 1000 });
			for (const [body, message] of [
				[{ statusProgression: 'sometimes' }, /statusProgression must be 'time' or 'fetch'/],
				[{ replyDelayMs: -1 }, /replyDelayMs must be a whole number of milliseconds/],
				[{ statusStepMs: 1.5 }, /statusStepMs must be a whole number/],
				[{ speed: 2 }, /unknown setting "speed"/],
				['[]', /settings must be a JSON object/],
			] as const) {
				const answer = await t.control('POST', 'settings', body);
				assert.equal(answer.status, 400, JSON.stringify(body));
				assert.match(answer.json.error, message);
			}
			assert.throws(() => t.sb.setSettings({ statusStepMs: -5 }), /statusStepMs/);
			await assert.rejects(startSandbox({ replyDelayMs: Number.NaN }), /replyDelayMs/);
		});
	});
});
