/**
 * The history's side of status following (src/history/historyService.ts): a {@link StatusFollower}
 * whose fetched messages and stops are recorded in the journal (src/history/store.ts), logged, and
 * told to the views through `changed`. Where a fetch goes (the signed-in profile) is the caller's
 * `fetch`. No `vscode` import.
 */
import type { Message } from '../core/types';
import { describeError } from '../errors/presentation';
import { isSettled, statusChanged, type HistoryEntry } from './entry';
import { isFatalFetchError } from './entryRequests';
import { StatusFollower, type FollowStopReason, type FollowTiming, type Timers } from './statusFollower';
import type { HistoryStore } from './store';

export interface FollowedStatusesOptions {
	store: Pick<HistoryStore, 'model' | 'update'>;
	logger: { debug(text: string): void; info(text: string): void; warn(text: string): void };
	/** Fetches the message of an entry (with the signed-in profile, never the entry's own). */
	fetch(entry: HistoryEntry): Promise<Message>;
	/** An entry was updated (its status, or `following`). */
	changed(id: string): void;
	/** How long after its send a message is followed at most (ms), read at each step. */
	limitMs(): number;
	timing?: Partial<FollowTiming>;
	/** Tests: a clock and timers under their control. */
	now?(): number;
	timers?: Timers;
}

/** Entries still followed at dispose keep `following: true` on disk: the next start resumes them. */
export class FollowedStatuses {
	private readonly follower: StatusFollower;

	constructor(private readonly options: FollowedStatusesOptions) {
		const { store, logger } = options;
		this.follower = new StatusFollower({
			get: (id) => store.model.get(id),
			fetch: (entry) => options.fetch(entry),
			onMessage: (id, message, settled) => this.onMessage(id, message, settled),
			onStop: (id, reason, error) => this.onStopped(id, reason, error),
			limitMs: () => options.limitMs(),
			isFatal: isFatalFetchError,
			onRetry: (id, error) =>
				logger.debug(
					`History: fetching the status of ${id} failed, trying again later: ${describeError(error)}`,
				),
			...(options.timing ? { timing: options.timing } : {}),
			...(options.now ? { now: options.now } : {}),
			...(options.timers ? { timers: options.timers } : {}),
		});
	}

	/** The ids followed now. */
	get following(): string[] {
		return this.follower.following;
	}

	isFollowing(id: string): boolean {
		return this.follower.isFollowing(id);
	}

	/** Follows an entry at once (a new send); false if it cannot be followed. */
	follow(id: string): boolean {
		return this.follower.follow(id);
	}

	stop(id: string): void {
		this.follower.stop(id);
	}

	setTiming(timing: Partial<FollowTiming>): void {
		this.follower.setTiming(timing);
	}

	dispose(): void {
		this.follower.dispose();
	}

	/** Follows an entry; if it cannot be followed (settled, too old, limit 0), records that. */
	start(id: string): void {
		if (this.follower.follow(id)) {
			return;
		}
		const { store, logger } = this.options;
		const entry = store.model.get(id);
		if (entry?.following) {
			void store.update(id, { following: false, updatedAt: Math.max(Date.now(), entry.updatedAt) }).then(
				() => this.options.changed(id),
				(error: unknown) => logger.warn(`History: could not save ${id}: ${describeError(error)}`),
			);
		}
	}

	/** Fetches the message now, records it, and follows it again if it is not final. */
	async refresh(id: string): Promise<HistoryEntry | undefined> {
		const { store } = this.options;
		const entry = store.model.get(id);
		if (!entry?.message) {
			return entry;
		}
		const message = await this.options.fetch(entry);
		const settled = isSettled({ ...entry, message });
		await store.update(id, { message, following: !settled, updatedAt: Math.max(Date.now(), entry.updatedAt) });
		this.logStatus(entry, message);
		this.options.changed(id);
		if (!settled) {
			this.start(id);
		}
		return store.model.get(id);
	}

	/** A message fetched (or told by a status callback): recorded if its status changed or it settled. */
	async onMessage(id: string, message: Message, settled: boolean): Promise<void> {
		const { store, logger } = this.options;
		const entry = store.model.get(id);
		if (!entry) {
			return;
		}
		if (!statusChanged(entry.message, message) && !settled) {
			return; // nothing new: no journal line
		}
		try {
			await store.update(id, {
				message,
				following: !settled,
				updatedAt: Math.max(Date.now(), entry.updatedAt),
			});
		} catch (error) {
			logger.warn(`History: could not save the status of ${message.sid}: ${describeError(error)}`);
		}
		this.logStatus(entry, message);
		this.options.changed(id);
	}

	private async onStopped(id: string, reason: FollowStopReason, error?: unknown): Promise<void> {
		const { store, logger } = this.options;
		const entry = store.model.get(id);
		if (reason === 'error') {
			logger.warn(`History: stopped following ${entry?.message?.sid ?? id}: ${describeError(error)}`);
		} else if (reason === 'time-limit') {
			const status = entry?.message?.status ?? '?';
			logger.info(
				`History: stopped following ${entry?.message?.sid ?? id} after the time limit (status ${status}).`,
			);
		}
		if (entry?.following) {
			try {
				await store.update(id, { following: false, updatedAt: Math.max(Date.now(), entry.updatedAt) });
			} catch (saveError) {
				logger.warn(`History: could not save ${id}: ${describeError(saveError)}`);
			}
			this.options.changed(id);
		}
	}

	private logStatus(entry: HistoryEntry, message: Message): void {
		if (entry.message?.status !== message.status) {
			const error = message.error_code ? ` (error ${message.error_code})` : '';
			this.options.logger.info(`Status of ${message.sid} to ${message.to}: ${message.status}${error}`);
		}
	}
}
