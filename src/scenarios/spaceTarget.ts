/**
 * The Space target (`--target space`): a real SignalWire Space, or anything that speaks its
 * Compatibility REST API. There are no events, so it polls, gently:
 *
 * - Replies: one list request per tester number per tick (`To=<tester>&DateSent>=<UTC day>`),
 *   shared by every scenario and step waiting on that tester. SignalWire's `DateSent>` takes whole
 *   days and its dates whole seconds, so the list is filtered again on each message's own time
 *   (from a second before the watch began), the messages already there when the watch began are
 *   left out, and every message is told once (by SID).
 * - Statuses: each own send is fetched once per tick until its status is final.
 * - Sends: paced per From number (`sendGapMs` between two; SignalWire documents 1 to 4 messages a
 *   second on long codes: https://developer.signalwire.com/messaging/).
 */
import type { Message } from '../core/types';
import { SignalWireApiError } from '../signalwire/errors';
import type { SignalWireClient } from '../signalwire/client';
import { parseMessage, parsePage } from '../signalwire/parse';
import type {
	ArrivedMessage,
	ScenarioSetup,
	SendRequest,
	SendResult,
	StatusUpdate,
	Target,
	TargetSession,
} from './runTypes';

export interface SpaceTargetOptions {
	/** Time between two list requests for one tester number (default 1000 ms). */
	pollMs?: number;
	/** Time between two sends from one number (default 1000 ms). */
	sendGapMs?: number;
	/** Told of each list request (for the bench and tests). */
	onListRequest?: (tester: string) => void;
}

const FINAL = new Set(['delivered', 'undelivered', 'failed', 'received', 'canceled', 'read']);

function timeOf(m: Message): number {
	const parsed = Date.parse(m.date_sent ?? m.date_created ?? '');
	return Number.isNaN(parsed) ? Date.now() : parsed;
}

function arrived(m: Message): ArrivedMessage {
	return {
		sid: m.sid,
		at: timeOf(m),
		from: m.from,
		to: m.to,
		body: m.body ?? '',
		numMedia: m.num_media,
		numSegments: m.num_segments,
	};
}

/** One tester number's inbox, polled once per tick for all its watchers. */
class TesterPoll {
	readonly #listeners = new Set<(m: ArrivedMessage) => void>();
	readonly #told = new Set<string>();
	#since = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#baseline: Promise<void> = Promise.resolve();
	#baselineTaking = false;

	constructor(
		private readonly tester: string,
		private readonly client: SignalWireClient,
		private readonly options: Required<Pick<SpaceTargetOptions, 'pollMs'>> & SpaceTargetOptions,
	) {}

	async #list(): Promise<Message[]> {
		const day = new Date(this.#since).toISOString().slice(0, 10);
		const query = new URLSearchParams({ To: this.tester, 'DateSent>': day, PageSize: '50' });
		this.options.onListRequest?.(this.tester);
		const { json } = await this.client.request('GET', `/Messages?${query.toString()}`);
		return parsePage(json, 'messages').items.map(parseMessage);
	}

	/**
	 * Starts a scenario's watch. When nobody else watches this tester, takes a new baseline: the
	 * messages already there (a late reply to an earlier scenario, say) are never told.
	 */
	async start(): Promise<void> {
		if (this.#listeners.size === 0 && !this.#baselineTaking) {
			this.#since = Math.floor(Date.now() / 1000) * 1000 - 1000;
			this.#baselineTaking = true;
			this.#baseline = this.#list().then(
				(messages) => messages.forEach((m) => this.#told.add(m.sid)),
				() => undefined,
			);
			void this.#baseline.finally(() => (this.#baselineTaking = false));
		}
		await this.#baseline;
	}

	add(listener: (m: ArrivedMessage) => void): () => void {
		this.#listeners.add(listener);
		this.#schedule();
		return () => {
			this.#listeners.delete(listener);
			if (this.#listeners.size === 0 && this.#timer) {
				clearTimeout(this.#timer);
				this.#timer = undefined;
			}
		};
	}

	#schedule(): void {
		if (this.#timer || this.#listeners.size === 0) {
			return;
		}
		this.#timer = setTimeout(() => void this.#tick(), this.options.pollMs);
	}

	async #tick(): Promise<void> {
		try {
			const messages = await this.#list();
			// Oldest first, so that the inbox keeps the order they were sent in.
			for (const m of messages.reverse()) {
				if (!this.#told.has(m.sid) && m.to === this.tester && timeOf(m) >= this.#since) {
					this.#told.add(m.sid);
					const message = arrived(m);
					this.#listeners.forEach((listener) => listener(message));
				}
			}
		} catch {
			// A failed list is tried again at the next tick; the step's own timeout bounds the wait.
		} finally {
			this.#timer = undefined;
			this.#schedule();
		}
	}
}

export class SpaceTarget implements Target {
	readonly name = 'space';
	readonly #polls = new Map<string, TesterPoll>();
	readonly #nextSend = new Map<string, number>();
	/** The last send of each From number in line: the next waits for it. */
	readonly #paceQueue = new Map<string, Promise<void>>();
	readonly #options: Required<Pick<SpaceTargetOptions, 'pollMs' | 'sendGapMs'>> & SpaceTargetOptions;

	constructor(
		private readonly client: SignalWireClient,
		options: SpaceTargetOptions = {},
	) {
		this.#options = { ...options, pollMs: options.pollMs ?? 1000, sendGapMs: options.sendGapMs ?? 1000 };
	}

	#poll(tester: string): TesterPoll {
		let poll = this.#polls.get(tester);
		if (!poll) {
			poll = new TesterPoll(tester, this.client, this.#options);
			this.#polls.set(tester, poll);
		}
		return poll;
	}

	/**
	 * Sends in this From number's turn: sends from one number leave at least `sendGapMs` apart,
	 * counted from when the previous one actually left (a timer that fires late must not shorten the
	 * next gap), one at a time in the order they asked. `leave` starts the request; its answer is not
	 * waited for before the next turn.
	 */
	#paced<T>(from: string, signal: AbortSignal, leave: () => Promise<T>): Promise<T> {
		const turn = (this.#paceQueue.get(from) ?? Promise.resolve()).then(async () => {
			// Again until the time has come: a timer works in whole milliseconds and may fire a little early.
			const due = this.#nextSend.get(from) ?? 0;
			for (let wait = due - performance.now(); wait > 0 && !signal.aborted; wait = due - performance.now()) {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, Math.ceil(wait));
					signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
				});
			}
			this.#nextSend.set(from, performance.now() + this.#options.sendGapMs);
			return { answer: leave() };
		});
		this.#paceQueue.set(
			from,
			turn.then(
				() => undefined,
				() => undefined,
			),
		);
		return turn.then(({ answer }) => answer);
	}

	async open(setup: ScenarioSetup, signal: AbortSignal): Promise<TargetSession> {
		await Promise.all(setup.testers.map((tester) => this.#poll(tester).start()));
		const statusTimers = new Set<ReturnType<typeof setTimeout>>();
		const send = async (request: SendRequest): Promise<SendResult> => {
			try {
				const m = await this.#paced(request.from, signal, () =>
					this.client.createMessage({
						from: request.from,
						to: request.to,
						body: request.body || undefined,
						mediaUrls: request.mediaUrls,
					}),
				);
				return { ok: true, sid: m.sid, at: Date.now() };
			} catch (error) {
				if (error instanceof SignalWireApiError) {
					return { ok: false, code: String(error.code ?? error.httpStatus), message: error.apiMessage };
				}
				throw error;
			}
		};
		return {
			send,
			watchInbox: (tester, listener) => this.#poll(tester).add(listener),
			watchStatus: (sid, listener) => {
				let last: string | undefined;
				let stopped = false;
				const check = async (): Promise<void> => {
					try {
						const m = await this.client.getMessage(sid);
						if (stopped) {
							return;
						}
						if (m.status !== last) {
							last = m.status;
							const update: StatusUpdate = {
								sid,
								status: m.status,
								errorCode: m.error_code,
								at: Date.now(),
							};
							listener(update);
						}
					} catch {
						// tried again at the next tick
					}
					if (!stopped && !(last !== undefined && FINAL.has(last))) {
						const timer = setTimeout(() => {
							statusTimers.delete(timer);
							void check();
						}, this.#options.pollMs);
						statusTimers.add(timer);
					}
				};
				void check();
				return () => {
					stopped = true;
				};
			},
			close: async () => {
				statusTimers.forEach(clearTimeout);
				statusTimers.clear();
			},
		};
	}
}
