/**
 * Messages read from the Space (Import from Space, replies found by polling) as history entries,
 * so that the Messages view shows them beside the sends, each SID once. Their `params` are built
 * from the message for display only (they are never resent); requests about them go, like a
 * send's, only with the signed-in profile of their Space (src/history/entryRequests.ts).
 * No `vscode` import; the functions are pure and unit-tested in plain mocha.
 */
import { messageTime } from '../core/conversations';
import type { CreateMessageParams, Message } from '../core/types';
import { describeError } from '../errors/presentation';
import type { EntryOrigin, EntryPatch, HistoryEntry, HistoryProfile } from './entry';
import type { HistoryStore } from './store';

/** The entry id of a message read from the Space: the same in every window and every import. */
export function receivedEntryId(sid: string): string {
	return `message:${sid}`;
}

/**
 * What else an entry of a message read from the Space may carry (a message migrated from the old conversations file).
 */
export interface ReceivedExtras {
	/** When its thread was shown (a reply found while its thread is visible). */
	readAt?: number;
	deletedAt?: number;
	redactedAt?: number;
	mediaUrls?: string[];
}

/** A message read from the Space as an entry (created at the message's time; never followed). */
export function entryOfMessage(
	profile: HistoryProfile,
	message: Message,
	origin: EntryOrigin,
	now: number,
	extras: ReceivedExtras = {},
): HistoryEntry {
	const params: CreateMessageParams = {
		to: message.to,
		...(message.from ? { from: message.from } : {}),
		...(message.body ? { body: message.body } : {}),
		...(extras.mediaUrls?.length ? { mediaUrls: extras.mediaUrls } : {}),
	};
	return {
		id: receivedEntryId(message.sid),
		profile: { id: profile.id, spaceUrl: profile.spaceUrl, projectId: profile.projectId },
		params,
		origin,
		message,
		createdAt: messageTime(message) || now,
		updatedAt: now,
		...(extras.readAt !== undefined ? { readAt: extras.readAt } : {}),
		...(extras.deletedAt !== undefined ? { deletedAt: extras.deletedAt } : {}),
		...(extras.redactedAt !== undefined ? { redactedAt: extras.redactedAt } : {}),
	};
}

/**
 * The entries to add for messages read from the Space: none for a SID the history holds already
 * (as a send, or read before: `hasSid`, `hasId`), nor twice for one SID in the same batch.
 */
export function entriesToRecord(
	profile: HistoryProfile,
	messages: readonly Message[],
	origin: EntryOrigin,
	now: number,
	known: { hasSid(sid: string): boolean; hasId(id: string): boolean },
	extras: (message: Message) => ReceivedExtras = () => ({}),
): HistoryEntry[] {
	const seen = new Set<string>();
	const entries: HistoryEntry[] = [];
	for (const message of messages) {
		const sid = message.sid;
		if (!sid || seen.has(sid) || known.hasSid(sid) || known.hasId(receivedEntryId(sid))) {
			continue;
		}
		seen.add(sid);
		entries.push(entryOfMessage(profile, message, origin, now, extras(message)));
	}
	return entries;
}

/** The ids of the entries about a SID (a send and, in a damaged file, more than one). */
export function idsOfSid(entries: Iterable<HistoryEntry>, sid: string): string[] {
	const ids: string[] = [];
	for (const entry of entries) {
		if (entry.message?.sid === sid) {
			ids.push(entry.id);
		}
	}
	return ids;
}

export interface ReceivedMessagesOptions {
	store: HistoryStore;
	/** The history's load (nothing is recorded before it). */
	ready: () => Promise<void>;
	stopFollowing: (id: string) => void;
	changed: (change: { kind: 'updated'; id: string } | { kind: 'batch'; ids: string[] }) => void;
	logger: { warn(text: string): void };
}

/** The history's side of messages read from the Space, and of what SignalWire did to a message. */
export class ReceivedMessages {
	constructor(private readonly options: ReceivedMessagesOptions) {}

	/**
	 * Adds messages read from the Space (imported, or replies found by polling), marked with their
	 * origin, each SID once: none already held as a send or read before. Resolves to how many.
	 */
	async record(
		profile: HistoryProfile,
		messages: readonly Message[],
		origin: EntryOrigin,
		extras?: (message: Message) => ReceivedExtras,
	): Promise<number> {
		return (await this.add(profile, messages, origin, extras)).length;
	}

	/**
	 * As {@link record}, resolving to the entries added (in memory at once: one `batch` change
	 * names them, so that views update only those; the promise waits for the writes).
	 */
	async add(
		profile: HistoryProfile,
		messages: readonly Message[],
		origin: EntryOrigin,
		extras?: (message: Message) => ReceivedExtras,
		rethrow = false,
	): Promise<HistoryEntry[]> {
		if (messages.length === 0) {
			return [];
		}
		await this.options.ready();
		const { store } = this.options;
		const sids = new Set(this.entries().flatMap((entry) => (entry.message ? [entry.message.sid] : [])));
		const entries = entriesToRecord(
			profile,
			messages,
			origin,
			Date.now(),
			{ hasSid: (sid) => sids.has(sid), hasId: (id) => store.model.has(id) },
			extras,
		);
		const written = Promise.all(entries.map((entry) => store.add(entry)));
		const added = entries.filter((entry) => store.model.has(entry.id));
		if (added.length > 0) {
			this.options.changed({ kind: 'batch', ids: added.map((entry) => entry.id) });
		}
		await written.catch((error: unknown) => {
			this.options.logger.warn(`History: could not save messages read from the Space: ${describeError(error)}`);
			if (rethrow) {
				throw error;
			}
		});
		return added;
	}

	/** Marks received messages read (their thread was shown): in every window, once. Resolves to the entries marked. */
	async markRead(sids: readonly string[], at: number): Promise<string[]> {
		await this.options.ready();
		const { store } = this.options;
		const wanted = new Set(sids);
		const ids = this.entries()
			.filter(
				(entry) =>
					entry.origin === 'reply' &&
					entry.readAt === undefined &&
					entry.message &&
					wanted.has(entry.message.sid),
			)
			.map((entry) => entry.id);
		const writes = ids.map((id) =>
			store.update(id, { readAt: at, updatedAt: Math.max(Date.now(), store.model.get(id)?.updatedAt ?? 0) }),
		);
		if (ids.length > 0) {
			this.options.changed({ kind: 'batch', ids });
		}
		await Promise.all(writes).catch((error: unknown) =>
			this.options.logger.warn(`History: could not save which replies were read: ${describeError(error)}`),
		);
		return ids;
	}

	/**
	 * Takes in messages kept elsewhere before (the old conversations file, src/replies/legacyConversations.ts):
	 * a SID not held is added with its marks; a SID held keeps its entry and gains the marks it
	 * lacks (read, deleted, redacted). Resolves to how many were added; rejects when a write failed.
	 */
	async adopt(
		profile: HistoryProfile,
		items: ReadonlyArray<{ message: Message; origin: EntryOrigin; extras: ReceivedExtras }>,
	): Promise<number> {
		const bySid = new Map(items.map((item) => [item.message.sid, item]));
		const extrasOf = (message: Message) => bySid.get(message.sid)?.extras ?? {};
		let added = 0;
		for (const origin of ['reply', 'imported'] as const) {
			added += (
				await this.add(
					profile,
					items.filter((item) => item.origin === origin).map((item) => item.message),
					origin,
					extrasOf,
					true,
				)
			).length;
		}
		const { store } = this.options;
		const ids: string[] = [];
		for (const entry of this.entries()) {
			const extras =
				entry.message && entry.profile.id === profile.id ? bySid.get(entry.message.sid)?.extras : undefined;
			if (!extras) {
				continue;
			}
			const patch: EntryPatch = {
				...(extras.readAt !== undefined && entry.origin === 'reply' && entry.readAt === undefined
					? { readAt: extras.readAt }
					: {}),
				...(extras.deletedAt !== undefined && entry.deletedAt === undefined
					? { deletedAt: extras.deletedAt }
					: {}),
				...(extras.redactedAt !== undefined && entry.redactedAt === undefined
					? { redactedAt: extras.redactedAt }
					: {}),
				updatedAt: Math.max(Date.now(), entry.updatedAt),
			};
			if (Object.keys(patch).length > 1 && (await store.update(entry.id, patch))) {
				ids.push(entry.id);
			}
		}
		if (ids.length > 0) {
			this.options.changed({ kind: 'batch', ids });
		}
		return added;
	}

	/**
	 * Marks the entries of a message deleted or redacted at SignalWire: kept, not removed (a redaction brings the
	 * message as it is now).
	 */
	async mark(sid: string, change: { deletedAt: number } | { redactedAt: number; message: Message }): Promise<void> {
		await this.options.ready();
		const { store } = this.options;
		for (const id of idsOfSid(this.entries(), sid)) {
			const deleted = 'deletedAt' in change;
			if (deleted) {
				this.options.stopFollowing(id); // nothing is left to fetch
			}
			const updatedAt = Math.max(Date.now(), store.model.get(id)?.updatedAt ?? 0);
			try {
				await store.update(id, { ...change, ...(deleted ? { following: false } : {}), updatedAt });
			} catch (error) {
				this.options.logger.warn(`History: could not save ${id}: ${describeError(error)}`);
			}
			this.options.changed({ kind: 'updated', id });
		}
	}

	private entries(): HistoryEntry[] {
		return this.options.store.model.newestFirst({});
	}
}
