/**
 * The Conversations view's projection of the message repository: the history journal
 * (src/history/store.ts, with its lock, cross-window watcher and damage handling) holds every
 * message once by SID (sends from VS Code, replies found by polling or by a signed inbound webhook,
 * imports); this keeps them indexed by SID and by thread (src/core/conversations.ts), updated per
 * changed entry, rebuilt only when the journal was replaced (another window compacted it, entries
 * were deleted or cleared). Nothing here writes: every change goes through the history.
 * Pure: no `vscode`; unit-tested in plain mocha.
 */
import { ConversationModel, type KnownMessage } from '../core/conversations';
import type { HistoryEntry } from '../history/entry';

/** What the projection reads: the history's entries, every Space (not the view's filter). */
export interface MessageSource {
	get(id: string): HistoryEntry | undefined;
	entries(): readonly HistoryEntry[];
}

/** What changed in the history (src/history/historyService.ts, HistoryChange). */
export type SourceChange =
	| { kind: 'added'; id: string }
	| { kind: 'updated'; id: string }
	| { kind: 'batch'; ids: readonly string[] }
	| { kind: 'reset'; viewOnly?: true };

/**
 * A history entry as a known message: a send from VS Code (with its entry), or a message read from
 * the Space (a reply is unread until some window showed its thread: `readAt`).
 */
export function knownOfEntry(entry: HistoryEntry): KnownMessage | undefined {
	const message = entry.message;
	if (!message) {
		return undefined;
	}
	const marks = {
		...(entry.deletedAt !== undefined ? { deletedAt: entry.deletedAt } : {}),
		...(entry.redactedAt !== undefined ? { redactedAt: entry.redactedAt } : {}),
		...(entry.params.mediaUrls?.length ? { mediaUrls: entry.params.mediaUrls } : {}),
	};
	if (entry.origin !== undefined) {
		const read = entry.origin === 'imported' || entry.readAt !== undefined;
		return {
			profileId: entry.profile.id,
			message,
			origin: entry.origin === 'reply' ? 'polled' : 'imported',
			read,
			...marks,
		};
	}
	return { profileId: entry.profile.id, message, origin: 'sent', read: true, historyId: entry.id, ...marks };
}

export class ConversationProjection {
	private _model: ConversationModel;
	/** Shown before the history holds them (a reply sent from a panel, until its send is recorded). */
	private readonly unrecorded = new Map<string, KnownMessage>();

	constructor(
		private readonly source: MessageSource,
		private readonly maxMessages = 10_000,
	) {
		this._model = new ConversationModel(maxMessages);
	}

	get model(): ConversationModel {
		return this._model;
	}

	/** Applies a change of the history; true when the threads changed. */
	apply(change: SourceChange): boolean {
		const before = this._model.version;
		if (change.kind === 'reset') {
			if (!change.viewOnly) {
				this.rebuild(); // entries were removed, or the journal was replaced
			}
		} else {
			for (const id of change.kind === 'batch' ? change.ids : [change.id]) {
				this.applyEntry(id);
			}
		}
		return this._model.version !== before;
	}

	/** Reads every entry again (a new model; its version continues the old one's). */
	rebuild(): void {
		const model = new ConversationModel(this.maxMessages, this._model.version + 1);
		const entries = [...this.source.entries()].reverse(); // oldest first: the bound drops the oldest
		for (const entry of entries) {
			const known = knownOfEntry(entry);
			if (known) {
				model.upsert(known);
				this.unrecorded.delete(known.message.sid);
			}
		}
		for (const known of this.unrecorded.values()) {
			model.upsert(known);
		}
		this._model = model;
	}

	/** Shows a message the history does not hold (yet). */
	addUnrecorded(known: KnownMessage): boolean {
		if (!this._model.has(known.message.sid)) {
			this.unrecorded.set(known.message.sid, known);
		}
		return this._model.upsert(known) !== 'unchanged';
	}

	/** Marks a message deleted at SignalWire here too (for one the history does not hold). */
	markDeleted(sid: string, at: number): boolean {
		const unrecorded = this.unrecorded.get(sid);
		if (unrecorded) {
			this.unrecorded.set(sid, { ...unrecorded, deletedAt: unrecorded.deletedAt ?? at, read: true });
		}
		return this._model.markDeleted(sid, at);
	}

	private applyEntry(id: string): void {
		const entry = this.source.get(id);
		const known = entry && knownOfEntry(entry);
		if (known) {
			this.unrecorded.delete(known.message.sid);
			this._model.upsert(known);
		}
	}
}
