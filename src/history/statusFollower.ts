/**
 * Follows the delivery status of sent messages: fetches each one with a back-off (2 s, doubling
 * to 30 s) until it settles (delivered, undelivered, failed; an MMS at sent) or its time limit
 * (counted from when it was sent) is reached. Timers and delays are injectable for tests.
 * No `vscode` import.
 */
import type { Message } from '../core/types';
import { isSettled, type HistoryEntry } from './entry';

export interface FollowTiming {
	/** Wait before the first fetch. Default 2000. */
	initialDelayMs: number;
	/** The doubling stops here. Default 30000. */
	maxDelayMs: number;
}

export const DEFAULT_FOLLOW_TIMING: Readonly<FollowTiming> = Object.freeze({
	initialDelayMs: 2_000,
	maxDelayMs: 30_000,
});

/** Why following a message ended (a dispose ends them all without telling). */
export type FollowStopReason = 'settled' | 'time-limit' | 'gone' | 'error';

export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface StatusFollowerOptions {
	/** The entry as it is now (another window may have updated or deleted it). */
	get(id: string): HistoryEntry | undefined;
	/** Fetches the message (`getMessage(sid)` with the entry's profile). */
	fetch(entry: HistoryEntry): Promise<Message>;
	/** A fetched message. `settled`: this was the last fetch. */
	onMessage(id: string, message: Message, settled: boolean): Promise<void> | void;
	/** Following ended for another reason than a settled message or a dispose. */
	onStop(id: string, reason: FollowStopReason, error?: unknown): Promise<void> | void;
	/** How long after its send a message is followed at most (ms), read at each step. */
	limitMs(): number;
	/** Errors after which fetching again is pointless (signed out, 401, 404…). Default: none. */
	isFatal?(error: unknown): boolean;
	/** Told about errors that are retried. */
	onRetry?(id: string, error: unknown): void;
	timing?: Partial<FollowTiming>;
	now?(): number;
	timers?: Timers;
}

interface Task {
	timer: unknown;
	delayMs: number;
	/** A fetch is running; a dispose or stop while it runs drops its result. */
	busy: boolean;
}

const NODE_TIMERS: Timers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class StatusFollower {
	private readonly tasks = new Map<string, Task>();
	private readonly timers: Timers;
	private readonly now: () => number;
	private timing: FollowTiming;
	private disposed = false;

	constructor(private readonly options: StatusFollowerOptions) {
		this.timers = options.timers ?? NODE_TIMERS;
		this.now = options.now ?? Date.now;
		this.timing = { ...DEFAULT_FOLLOW_TIMING, ...options.timing };
	}

	/** Changes the back-off for messages followed from now on (tests use e.g. 50 ms). */
	setTiming(timing: Partial<FollowTiming>): void {
		this.timing = { ...this.timing, ...timing };
	}

	getTiming(): FollowTiming {
		return { ...this.timing };
	}

	/** Ids being followed. */
	get following(): string[] {
		return [...this.tasks.keys()];
	}

	isFollowing(id: string): boolean {
		return this.tasks.has(id);
	}

	/**
	 * Starts following (no-op when already following, disposed, settled, or the limit is 0).
	 * Returns true if the message is followed after the call.
	 */
	follow(id: string): boolean {
		if (this.disposed) {
			return false;
		}
		if (this.tasks.has(id)) {
			return true;
		}
		const entry = this.options.get(id);
		if (!entry || isSettled(entry) || this.options.limitMs() <= 0) {
			return false;
		}
		const task: Task = { timer: undefined, delayMs: Math.max(0, this.timing.initialDelayMs), busy: false };
		this.tasks.set(id, task);
		this.schedule(id, task, task.delayMs);
		return true;
	}

	/** Stops following one message (no callback). */
	stop(id: string): void {
		const task = this.tasks.get(id);
		if (task) {
			this.timers.clearTimeout(task.timer);
			this.tasks.delete(id);
		}
	}

	/** Stops everything; fetches still running are ignored when they answer. */
	dispose(): void {
		this.disposed = true;
		for (const task of this.tasks.values()) {
			this.timers.clearTimeout(task.timer);
		}
		this.tasks.clear();
	}

	private schedule(id: string, task: Task, delayMs: number): void {
		const entry = this.options.get(id);
		if (entry) {
			const left = this.deadline(entry) - this.now();
			// The last fetch happens at the deadline, not after it.
			delayMs = Math.max(0, Math.min(delayMs, left));
		}
		task.timer = this.timers.setTimeout(() => void this.step(id, task), delayMs);
	}

	private deadline(entry: HistoryEntry): number {
		return entry.createdAt + Math.max(0, this.options.limitMs());
	}

	private isCurrent(id: string, task: Task): boolean {
		return !this.disposed && this.tasks.get(id) === task;
	}

	private async step(id: string, task: Task): Promise<void> {
		if (!this.isCurrent(id, task)) {
			return;
		}
		const entry = this.options.get(id);
		if (!entry) {
			this.tasks.delete(id);
			await this.options.onStop(id, 'gone');
			return;
		}
		if (isSettled(entry)) {
			// Settled meanwhile (another window, or a manual refresh).
			this.tasks.delete(id);
			await this.options.onStop(id, 'settled');
			return;
		}
		if (this.now() > this.deadline(entry) + 1_000) {
			// Resumed after the limit: no fetch.
			this.tasks.delete(id);
			await this.options.onStop(id, 'time-limit');
			return;
		}
		task.busy = true;
		let message: Message | undefined;
		let failure: unknown;
		try {
			message = await this.options.fetch(entry);
		} catch (error) {
			failure = error;
		} finally {
			task.busy = false;
		}
		if (!this.isCurrent(id, task)) {
			return;
		}
		if (message) {
			const settled = isSettled({ ...entry, message });
			if (settled) {
				this.tasks.delete(id);
			}
			await this.options.onMessage(id, message, settled);
			if (settled) {
				return;
			}
		} else if (this.options.isFatal?.(failure)) {
			this.tasks.delete(id);
			await this.options.onStop(id, 'error', failure);
			return;
		} else {
			this.options.onRetry?.(id, failure);
		}
		if (!this.isCurrent(id, task)) {
			return;
		}
		const latest = this.options.get(id) ?? entry;
		if (this.now() >= this.deadline(latest)) {
			this.tasks.delete(id);
			await this.options.onStop(id, 'time-limit');
			return;
		}
		task.delayMs = Math.min(Math.max(1, task.delayMs * 2), Math.max(this.timing.maxDelayMs, 0));
		this.schedule(id, task, task.delayMs);
	}
}
