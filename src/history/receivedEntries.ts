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
import type { EntryOrigin, HistoryEntry, HistoryProfile } from './entry';
import type { HistoryStore } from './store';

/** The entry id of a message read from the Space: the same in every window and every import. */
export function receivedEntryId(sid: string): string {
	return `message:${sid}`;
}

/** A message read from the Space as an entry (created at the message's time; never followed). */
export function entryOfMessage(profile: HistoryProfile, message: Message, origin: EntryOrigin, now: number): HistoryEntry {
	const params: CreateMessageParams = { to: message.to, ...(message.from ? { from: message.from } : {}), ...(message.body ? { body: message.body } : {}) };
	return {
		id: receivedEntryId(message.sid),
		profile: { id: profile.id, spaceUrl: profile.spaceUrl, projectId: profile.projectId },
		params,
		origin,
		message,
		createdAt: messageTime(message) || now,
		updatedAt: now,
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
): HistoryEntry[] {
	const seen = new Set<string>();
	const entries: HistoryEntry[] = [];
	for (const message of messages) {
		const sid = message.sid;
		if (!sid || seen.has(sid) || known.hasSid(sid) || known.hasId(receivedEntryId(sid))) {
			continue;
		}
		seen.add(sid);
		entries.push(entryOfMessage(profile, message, origin, now));
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
	changed: (change: { kind: 'updated'; id: string } | { kind: 'reset' }) => void;
	logger: { warn(text: string): void };
}

/** The history's side of messages read from the Space, and of what SignalWire did to a message. */
export class ReceivedMessages {
	constructor(private readonly options: ReceivedMessagesOptions) {}

	/**
	 * Adds messages read from the Space (imported, or replies found by polling), marked with their
	 * origin, each SID once: none already held as a send or read before. Resolves to how many.
	 */
	async record(profile: HistoryProfile, messages: readonly Message[], origin: EntryOrigin): Promise<number> {
		if (messages.length === 0) {
			return 0;
		}
		await this.options.ready();
		const { store } = this.options;
		const sids = new Set(this.entries().flatMap((entry) => (entry.message ? [entry.message.sid] : [])));
		const entries = entriesToRecord(profile, messages, origin, Date.now(), { hasSid: (sid) => sids.has(sid), hasId: (id) => store.model.has(id) });
		const written = Promise.all(entries.map((entry) => store.add(entry)));
		const added = entries.filter((entry) => store.model.has(entry.id)).length;
		if (added > 0) {
			this.options.changed({ kind: 'reset' });
		}
		await written.catch((error: unknown) => this.options.logger.warn(`History: could not save messages read from the Space: ${describeError(error)}`));
		return added;
	}

	/** Marks the entries of a message deleted or redacted at SignalWire: kept, not removed (a redaction brings the message as it is now). */
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
