/**
 * A scripted target for the engine's unit tests: answers each send as `script` says (replies after
 * a delay, statuses, a refusal), and records what was sent.
 */
import type {
	ArrivedMessage,
	ScenarioSetup,
	SendRequest,
	SendResult,
	StatusUpdate,
	Target,
	TargetSession,
} from '../../src/scenarios/runTypes';

export interface FakeReply {
	afterMs: number;
	body: string;
	/** Default: the number the send went to. */
	from?: string;
	/** Default: the sender. */
	to?: string;
	numMedia?: number;
	numSegments?: number;
}

export interface FakeAnswer {
	refuse?: { code: string; message: string };
	replies?: FakeReply[];
	statuses?: Array<{ afterMs: number; status: string; errorCode?: string }>;
}

export class FakeTarget implements Target {
	readonly name = 'fake';
	readonly sends: SendRequest[] = [];
	readonly setups: ScenarioSetup[] = [];
	closed = 0;
	readonly #inboxes = new Map<string, Set<(m: ArrivedMessage) => void>>();
	readonly #statuses = new Map<string, StatusUpdate[]>();
	readonly #statusListeners = new Map<string, Set<(u: StatusUpdate) => void>>();
	readonly #timers = new Set<ReturnType<typeof setTimeout>>();
	#sid = 0;

	constructor(private readonly script: (request: SendRequest) => FakeAnswer = () => ({})) {}

	/** A message reaching `to` now (from anyone). */
	deliver(message: Omit<ArrivedMessage, 'sid' | 'at' | 'numMedia' | 'numSegments'> & Partial<ArrivedMessage>): void {
		const full: ArrivedMessage = { sid: `IN${++this.#sid}`, at: Date.now(), numMedia: 0, numSegments: 1, ...message };
		this.#inboxes.get(full.to)?.forEach((listener) => listener(full));
	}

	#later(ms: number, run: () => void): void {
		const timer = setTimeout(() => {
			this.#timers.delete(timer);
			run();
		}, ms);
		this.#timers.add(timer);
	}

	#setStatus(update: StatusUpdate): void {
		const list = this.#statuses.get(update.sid) ?? [];
		list.push(update);
		this.#statuses.set(update.sid, list);
		this.#statusListeners.get(update.sid)?.forEach((listener) => listener(update));
	}

	async open(setup: ScenarioSetup): Promise<TargetSession> {
		this.setups.push(setup);
		return {
			send: async (request: SendRequest): Promise<SendResult> => {
				this.sends.push(request);
				const answer = this.script(request);
				if (answer.refuse) {
					return { ok: false, ...answer.refuse };
				}
				const sid = `SM${++this.#sid}`;
				this.#setStatus({ sid, status: 'queued', errorCode: null, at: Date.now() });
				for (const s of answer.statuses ?? []) {
					this.#later(s.afterMs, () =>
						this.#setStatus({ sid, status: s.status, errorCode: s.errorCode ?? null, at: Date.now() }),
					);
				}
				for (const reply of answer.replies ?? []) {
					this.#later(reply.afterMs, () =>
						this.deliver({
							from: reply.from ?? request.to,
							to: reply.to ?? request.from,
							body: reply.body,
							numMedia: reply.numMedia ?? 0,
							numSegments: reply.numSegments ?? 1,
						}),
					);
				}
				return { ok: true, sid, at: Date.now() };
			},
			watchInbox: (tester, listener) => {
				const set = this.#inboxes.get(tester) ?? new Set();
				set.add(listener);
				this.#inboxes.set(tester, set);
				return () => set.delete(listener);
			},
			watchStatus: (sid, listener) => {
				this.#statuses.get(sid)?.forEach(listener);
				const set = this.#statusListeners.get(sid) ?? new Set();
				set.add(listener);
				this.#statusListeners.set(sid, set);
				return () => set.delete(listener);
			},
			close: async () => {
				this.closed++;
			},
		};
	}

	dispose(): void {
		this.#timers.forEach(clearTimeout);
	}
}
