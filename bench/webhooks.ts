/**
 * Webhooks: a burst of 1,000 status callbacks sent 50 at a time to the listener of
 * src/webhooks/listener.ts (with its default limits, and with the per-second limit lifted), counted
 * as recorded, refused with 429 (the sender is told) or lost (neither); and what the Webhooks view
 * computes for its root with 500 requests kept (WebhookRequestLog.newestFirst + requestRow per row;
 * tooltips are built only when shown, and the TreeItem objects are not part of this figure).
 */
import { performance } from 'node:perf_hooks';
import { WebhookListener } from '../src/webhooks/listener';
import { requestRow } from '../src/webhooks/presentation';
import { MAX_WEBHOOK_REQUESTS, WebhookRequestLog } from '../src/webhooks/requestLog';
import { median, ms, quantile, type Row } from './stats';

export const ROOT_RENDER_GOAL_MS = 50;
const CALLBACKS = 1000;
const AT_ONCE = 50;
const RENDER_REPEATS = 21;

interface BurstResult {
	recorded: number;
	refused: number;
	lost: number;
	seconds: number;
}

async function burst(maxRequestsPerSecond?: number): Promise<BurstResult> {
	const log = new WebhookRequestLog(CALLBACKS);
	let recorded = 0;
	const listener = await WebhookListener.start({ log, onRecorded: () => recorded++, ...(maxRequestsPerSecond ? { maxRequestsPerSecond } : {}) });
	let refused = 0;
	let lost = 0;
	const started = performance.now();
	try {
		for (let start = 0; start < CALLBACKS; start += AT_ONCE) {
			await Promise.all(
				Array.from({ length: AT_ONCE }, async (_, index) => {
					const body = new URLSearchParams({ MessageStatus: 'delivered', MessageSid: `SM${start + index}`, From: '+15550100100', To: '+15550100199' }).toString();
					try {
						const response = await fetch(`${listener.localUrl}/status`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
						await response.text();
						if (response.status === 429) {
							refused++;
						} else if (response.status !== 204) {
							lost++;
						}
					} catch {
						lost++;
					}
				}),
			);
		}
	} finally {
		await listener.close();
	}
	const seconds = (performance.now() - started) / 1000;
	// A 204 that left no record would be a loss too.
	return { recorded, refused, lost: lost + Math.max(0, CALLBACKS - refused - lost - recorded), seconds };
}

function rootRender(): number[] {
	const log = new WebhookRequestLog();
	for (let index = 0; index < MAX_WEBHOOK_REQUESTS; index++) {
		log.add({
			id: log.nextId(),
			time: Date.now() - index * 1000,
			method: 'POST',
			path: index % 3 === 0 ? '/inbound' : '/status',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-signalwire-signature': 'c2lnbmF0dXJlc2lnbmF0dXJlc2ln' },
			params:
				index % 3 === 0
					? { MessageSid: `SM${index}`, From: '+15550100199', To: '+15550100100', Body: `Reply ${index}: thanks, see you at 10 👋`, NumMedia: '0' }
					: { MessageStatus: 'delivered', MessageSid: `0a059168-ead0-41af-9d1f-${String(index).padStart(12, '0')}`, From: '+15550100100', To: '+15550100199' },
			kind: index % 3 === 0 ? 'inbound' : 'status',
			signature: { state: index % 7 === 0 ? 'invalid' : 'valid' },
			response: { status: index % 3 === 0 ? 200 : 204 },
		});
	}
	const times: number[] = [];
	for (let repeat = 0; repeat < RENDER_REPEATS; repeat++) {
		const started = performance.now();
		let length = 0;
		for (const record of log.newestFirst()) {
			const row = requestRow(record);
			length += row.label.length + row.description.length;
		}
		times.push(performance.now() - started);
		if (length === 0) {
			throw new Error('nothing rendered');
		}
	}
	return times;
}

export async function benchWebhooks(log: (line: string) => void): Promise<Row[]> {
	const limited = await burst();
	log(`webhooks: default limits: ${limited.recorded} recorded, ${limited.refused} refused (429), ${limited.lost} lost in ${limited.seconds.toFixed(2)} s`);
	const unlimited = await burst(1_000_000);
	log(`webhooks: no rate limit: ${unlimited.recorded} recorded, ${unlimited.lost} lost in ${unlimited.seconds.toFixed(2)} s`);
	const render = rootRender();
	return [
		{
			area: 'Webhooks',
			what: '1,000 callbacks, 50 at a time, rate limit lifted',
			figure: `${unlimited.recorded} recorded, ${unlimited.lost} lost (${(CALLBACKS / unlimited.seconds).toFixed(0)}/s)`,
			goal: 'none lost',
			compared: `default limit 200/s: ${limited.recorded} recorded, ${limited.refused} refused with 429, ${limited.lost} lost`,
			met: unlimited.lost === 0 && limited.lost === 0 && unlimited.recorded === CALLBACKS,
			raw: { limited, unlimited },
		},
		{
			area: 'Webhooks',
			what: 'view root rows with 500 requests',
			figure: `${ms(median(render))} median, ${ms(quantile(render, 0.95))} p95, ${ms(render[0] ?? Number.NaN)} first (cold)`,
			goal: `< ${ROOT_RENDER_GOAL_MS} ms`,
			compared: 'label and description of every row (newestFirst + requestRow); tooltips are lazy',
			met: median(render) < ROOT_RENDER_GOAL_MS && (render[0] ?? Number.POSITIVE_INFINITY) < ROOT_RENDER_GOAL_MS,
			raw: { render },
		},
	];
}
