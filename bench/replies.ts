/**
 * Replies: how many list requests the poll scheduler (src/core/pollScheduler.ts) makes per minute
 * with nothing active and with one visible conversation, run on a simulated clock with its real
 * timing; and the cost of turning a 2,000-message thread into what its panel renders (the newest
 * 500 bubbles, src/replies/bubbles.ts) and of listing 10,000 messages' threads. Not measured here:
 * the time from an injected reply to its bubble in a real panel (needs the extension host).
 */
import { performance } from 'node:perf_hooks';
import { ConversationModel, threadId, type KnownMessage } from '../src/core/conversations';
import { PollScheduler } from '../src/core/pollScheduler';
import type { Message } from '../src/core/types';
import { threadBubbles } from '../src/replies/bubbles';
import { median, ms, type Row } from './stats';

export const VISIBLE_GOAL_PER_MINUTE = 20;
export const THREAD_GOAL_MS = 100;
const REPEATS = 9;

/** Polls per minute over `minutes`, each poll finding nothing. */
async function pollsPerMinute(minutes: number, setup: (scheduler: PollScheduler<number>) => void): Promise<number[]> {
	let now = 0;
	let next = 1;
	const timers = new Map<number, { at: number; run: () => void }>();
	const polls: number[] = [];
	const scheduler = new PollScheduler<number>({
		poll: () => {
			polls.push(now);
			return Promise.resolve(0);
		},
		listenMs: () => 15 * 60_000,
		now: () => now,
		setTimer: (run, delay) => {
			timers.set(next, { at: now + delay, run });
			return next++;
		},
		clearTimer: (id) => void timers.delete(id),
	});
	setup(scheduler);
	const end = minutes * 60_000;
	for (;;) {
		const due = [...timers].sort((a, b) => a[1].at - b[1].at)[0];
		if (!due || due[1].at > end) {
			break;
		}
		timers.delete(due[0]);
		now = due[1].at;
		due[1].run();
		await Promise.resolve();
		await Promise.resolve();
	}
	scheduler.dispose();
	return Array.from({ length: minutes }, (_, minute) => polls.filter((at) => at > minute * 60_000 && at <= (minute + 1) * 60_000).length);
}

function message(i: number, inbound: boolean): Message {
	const date = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toUTCString().replace('GMT', '+0000');
	return {
		account_sid: 'p',
		api_version: '2010-04-01',
		body: `Message ${i}: your verification code is ${String((i * 7919) % 1_000_000).padStart(6, '0')}.`,
		num_segments: 1,
		num_media: 0,
		date_created: date,
		date_sent: date,
		date_updated: date,
		direction: inbound ? 'inbound' : 'outbound-api',
		error_code: null,
		error_message: null,
		from: inbound ? '+15550100555' : '+15550100100',
		price: null,
		price_unit: 'USD',
		sid: `0a059168-ead0-41af-9d1f-${String(i).padStart(12, '0')}`,
		status: inbound ? 'received' : 'delivered',
		to: inbound ? '+15550100100' : '+15550100555',
		messaging_service_sid: null,
		uri: '',
		subresource_uris: null,
	};
}

function timeIt(run: () => void): number {
	const times: number[] = [];
	for (let i = 0; i < REPEATS; i++) {
		const started = performance.now();
		run();
		times.push(performance.now() - started);
	}
	return median(times);
}

export async function benchReplies(log: (line: string) => void): Promise<Row[]> {
	const idle = await pollsPerMinute(60, () => undefined);
	const visible = await pollsPerMinute(10, (scheduler) => scheduler.setVisible('space', 'panel', true));
	const afterSend = await pollsPerMinute(20, (scheduler) => scheduler.noteSend('space'));
	log(`replies: polls per minute, visible panel: ${visible.join(', ')}; after a send: ${afterSend.join(', ')}`);

	const model = new ConversationModel(20_000);
	const known = (i: number): KnownMessage => ({ profileId: 'p', message: message(i, i % 2 === 1), origin: 'polled', read: true });
	for (let i = 0; i < 2000; i++) {
		model.upsert(known(i));
	}
	const id = threadId({ profileId: 'p', ownNumber: '+15550100100', otherParty: '+15550100555' });
	const threadMs = timeIt(() => threadBubbles(model.messagesOf(id)));
	const big = new ConversationModel(20_000);
	for (let i = 0; i < 10_000; i++) {
		const m = message(i, i % 2 === 1);
		big.upsert({ profileId: 'p', message: { ...m, [m.direction === 'inbound' ? 'from' : 'to']: `+1555020${String(i % 500).padStart(4, '0')}` }, origin: 'polled', read: false });
	}
	const threadsMs = timeIt(() => big.threads());
	const firstMinute = visible[0] ?? 0;
	const steady = visible.at(-1) ?? 0;
	return [
		{ area: 'Replies', what: 'list requests per minute, idle (60 min, simulated clock)', figure: `${Math.max(...idle)}`, goal: '0', compared: 'scheduler with its default timing', met: Math.max(...idle) === 0, raw: { idle } },
		{
			area: 'Replies',
			what: 'list requests per minute, one visible conversation',
			figure: `${firstMinute} in the 1st minute, then ${steady}`,
			goal: `≤ ${VISIBLE_GOAL_PER_MINUTE}`,
			compared: 'every 3 s would be 20',
			met: Math.max(...visible) <= VISIBLE_GOAL_PER_MINUTE,
			raw: { visible, afterSend },
		},
		{ area: 'Replies', what: '2,000-message thread → panel bubbles (newest 500)', figure: ms(threadMs), goal: `< ${THREAD_GOAL_MS} ms`, compared: 'extension side; webview paint not measured', met: threadMs < THREAD_GOAL_MS },
		{ area: 'Replies', what: 'threads of 10,000 messages (500 threads)', figure: ms(threadsMs), goal: '', compared: 'Conversations view root' },
	];
}
