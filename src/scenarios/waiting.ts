/**
 * The engine's waiting: each tester's inbox (messages in arrival order, the ones from the number
 * under test kept until a `<` step takes them) and a change signal that wakes the waiting step as
 * soon as something arrives, with a deadline and an abort. No polling here: the targets push.
 */
import type { ArrivedMessage } from './runTypes';

export class AbortedError extends Error {
	constructor() {
		super('aborted');
	}
}

/** Wakes waiters on each change. */
export class Changes {
	#waiters = new Set<() => void>();

	notify(): void {
		const waiters = this.#waiters;
		this.#waiters = new Set();
		waiters.forEach((wake) => wake());
	}

	/**
	 * Resolves when `ready()` gives a value (checked now and at each change), or with undefined at
	 * `deadline` (epoch ms). Rejects with AbortedError when `signal` aborts.
	 */
	async until<T>(ready: () => T | undefined, deadline: number, signal: AbortSignal): Promise<T | undefined> {
		for (;;) {
			if (signal.aborted) {
				throw new AbortedError();
			}
			const value = ready();
			if (value !== undefined) {
				return value;
			}
			const left = deadline - Date.now();
			if (left <= 0) {
				return undefined;
			}
			await new Promise<void>((resolve) => {
				const done = (): void => {
					clearTimeout(timer);
					signal.removeEventListener('abort', done);
					this.#waiters.delete(done);
					resolve();
				};
				const timer = setTimeout(done, left);
				signal.addEventListener('abort', done);
				this.#waiters.add(done);
			});
		}
	}
}

/** A pause that ends early on abort (rejecting with AbortedError). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) {
			reject(new AbortedError());
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(new AbortedError());
		};
		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

/** What reached one tester. */
export class Inbox {
	/** Every message that reached the tester, in arrival order. */
	readonly all: ArrivedMessage[] = [];
	/** Messages from the number under test not yet taken by a `<` step. */
	readonly pending: ArrivedMessage[] = [];

	constructor(
		readonly tester: string,
		private readonly under: string,
		private readonly changes: Changes,
	) {}

	add(message: ArrivedMessage): void {
		if (this.all.some((m) => m.sid === message.sid)) {
			return;
		}
		this.all.push(message);
		if (message.from === this.under) {
			this.pending.push(message);
		}
		this.changes.notify();
	}

	/** The messages that arrived since index `mark` of `all`. */
	since(mark: number): ArrivedMessage[] {
		return this.all.slice(mark);
	}
}
