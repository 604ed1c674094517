/**
 * Conversations: every message the extension knows (sends from VS Code, replies found by polling,
 * messages imported from the Space's log), kept once per SID and grouped into threads, one per
 * own number and other party of a Space. Inbound messages are ordinary Messages with
 * `direction: inbound` and the Space's number as `To` (docs/api-notes.md, "Statuses").
 * One message as known, its merge and its stored form: src/core/knownMessages.ts.
 * Pure: no `vscode`, no Node-only APIs; unit-tested in plain mocha.
 */
import * as l10n from '@vscode/l10n';
import { mergeKnown, sameKnown, type KnownMessage } from './knownMessages';
import type { Message } from './types';

export { parseKnownMessages, type KnownMessage, type MessageOrigin } from './knownMessages';

/** One side of the Space (its number) and the other party. */
export interface ThreadKey {
	profileId: string;
	ownNumber: string;
	otherParty: string;
}

export interface ThreadSummary extends ThreadKey {
	/** Stable id of the thread (see {@link threadId}). */
	id: string;
	/** Time of the newest message (ms since the epoch). */
	lastActivity: number;
	/** One line: the newest message's body (or what stands for it). */
	lastSnippet: string;
	lastDirection: 'inbound' | 'outbound';
	unread: number;
	messageCount: number;
	/** The other party's last opt-out keyword (STOP) came after its last opt-in (START): sends fail with 21610. */
	optedOut: boolean;
}

/** The keywords carriers act on (docs/api-notes.md, "Errors": 21610): the whole body, any case. */
const OPT_OUT_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN_WORDS = new Set(['START', 'YES', 'UNSTOP']);

/** An inbound message's opt-out or opt-in keyword, if its whole body is one. */
export function optKeyword(message: Pick<Message, 'direction' | 'body'>): 'out' | 'in' | undefined {
	if (!isInbound(message)) {
		return undefined;
	}
	const word = (message.body ?? '').trim().toUpperCase();
	return OPT_OUT_WORDS.has(word) ? 'out' : OPT_IN_WORDS.has(word) ? 'in' : undefined;
}

export type UpsertResult = 'added' | 'updated' | 'unchanged';

export const SNIPPET_LENGTH = 80;

export function isInbound(message: Pick<Message, 'direction'>): boolean {
	return message.direction === 'inbound';
}

/** The thread of a message: inbound To is the own number; outbound From is. Undefined without both numbers. */
export function threadKeyOf(
	profileId: string,
	message: Pick<Message, 'direction' | 'from' | 'to'>,
): ThreadKey | undefined {
	const [ownNumber, otherParty] = isInbound(message) ? [message.to, message.from] : [message.from, message.to];
	if (!ownNumber || !otherParty) {
		return undefined;
	}
	return { profileId, ownNumber, otherParty };
}

export function threadId(key: ThreadKey): string {
	return `${key.profileId}\n${key.ownNumber}\n${key.otherParty}`;
}

/**
 * When a message happened, for the order of a thread: `date_created` (a send's `date_sent` comes
 * later, when a carrier took it, which would put it after the reply), else `date_sent`; RFC 2822
 * or ISO; 0 if unreadable.
 */
export function messageTime(message: Pick<Message, 'date_sent' | 'date_created'>): number {
	for (const value of [message.date_created, message.date_sent]) {
		if (value) {
			const time = Date.parse(value);
			if (Number.isFinite(time)) {
				return time;
			}
		}
	}
	return 0;
}

/** The UTC day (`YYYY-MM-DD`) of a time. */
export function utcDay(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/** One line standing for a message: its body, or what replaced it. */
export function snippetOf(known: KnownMessage, max = SNIPPET_LENGTH): string {
	if (known.deletedAt !== undefined) {
		return l10n.t('(deleted at SignalWire)');
	}
	const body = (known.message.body ?? '').replace(/\s+/g, ' ').trim();
	if (body === '' && known.redactedAt !== undefined) {
		return l10n.t('(body redacted)');
	}
	if (body === '') {
		const media = Math.max(known.message.num_media, known.mediaUrls?.length ?? 0);
		return media > 0 ? l10n.t('[{0} media]', media) : l10n.t('(no body)');
	}
	return body.length > max ? `${body.slice(0, max - 1)}…` : body;
}

/**
 * The messages, by SID, and their threads. Adding a SID held already merges the two (the newer
 * Message wins; a send from VS Code stays one; read, deleted and media are kept), so the same
 * SID never appears twice, whichever way it arrived.
 */
export class ConversationModel {
	private readonly bySid = new Map<string, KnownMessage>();
	private readonly threadSids = new Map<string, Set<string>>();
	private readonly keys = new Map<string, ThreadKey>();
	/** {@link messageTime} of each SID, computed once per change (dates are text). */
	private readonly times = new Map<string, number>();

	/** `version` starts where a model this one replaces ended (views compare versions). */
	constructor(
		private readonly maxMessages = 10_000,
		private _version = 0,
	) {}

	get version(): number {
		return this._version;
	}

	get size(): number {
		return this.bySid.size;
	}

	has(sid: string): boolean {
		return this.bySid.has(sid);
	}

	get(sid: string): KnownMessage | undefined {
		return this.bySid.get(sid);
	}

	/** Every message, in insertion order. */
	all(): KnownMessage[] {
		return [...this.bySid.values()];
	}

	/** Adds a message or merges it into the one with its SID. */
	upsert(incoming: KnownMessage): UpsertResult {
		const existing = this.bySid.get(incoming.message.sid);
		if (!existing) {
			const key = threadKeyOf(incoming.profileId, incoming.message);
			if (!key) {
				return 'unchanged';
			}
			const added: KnownMessage = { ...incoming, read: incoming.read || !isInbound(incoming.message) };
			this.bySid.set(added.message.sid, added);
			this.times.set(added.message.sid, messageTime(added.message));
			const id = threadId(key);
			this.keys.set(id, key);
			let sids = this.threadSids.get(id);
			if (!sids) {
				sids = new Set();
				this.threadSids.set(id, sids);
			}
			sids.add(added.message.sid);
			this._version++;
			this.trim();
			return 'added';
		}
		const merged = mergeKnown(existing, incoming);
		if (sameKnown(existing, merged)) {
			return 'unchanged';
		}
		this.bySid.set(merged.message.sid, merged);
		this.times.set(merged.message.sid, messageTime(merged.message));
		this._version++;
		return 'updated';
	}

	/** Marks a message deleted at SignalWire. False for an unknown SID. */
	markDeleted(sid: string, at: number): boolean {
		const known = this.bySid.get(sid);
		if (!known) {
			return false;
		}
		this.bySid.set(sid, { ...known, deletedAt: known.deletedAt ?? at, read: true });
		this._version++;
		return true;
	}

	/** Marks every inbound message of a thread read; returns how many were unread. */
	markRead(id: string): number {
		let marked = 0;
		for (const sid of this.threadSids.get(id) ?? []) {
			const known = this.bySid.get(sid);
			if (known && !known.read) {
				this.bySid.set(sid, { ...known, read: true });
				marked++;
			}
		}
		if (marked > 0) {
			this._version++;
		}
		return marked;
	}

	threadKey(id: string): ThreadKey | undefined {
		return this.keys.get(id);
	}

	/** A thread's messages, oldest first. */
	messagesOf(id: string): KnownMessage[] {
		const messages: KnownMessage[] = [];
		for (const sid of this.threadSids.get(id) ?? []) {
			const known = this.bySid.get(sid);
			if (known) {
				messages.push(known);
			}
		}
		const time = (known: KnownMessage): number => this.times.get(known.message.sid) ?? 0;
		return messages.sort(
			(a, b) => time(a) - time(b) || (a.message.sid < b.message.sid ? -1 : a.message.sid > b.message.sid ? 1 : 0),
		);
	}

	/** The threads, newest activity first. */
	threads(): ThreadSummary[] {
		const summaries: ThreadSummary[] = [];
		for (const [id, sids] of this.threadSids) {
			const key = this.keys.get(id);
			let newest: KnownMessage | undefined;
			let newestTime = Number.NEGATIVE_INFINITY;
			let unread = 0;
			let keyword: { time: number; opt: 'out' | 'in' } | undefined;
			for (const sid of sids) {
				const known = this.bySid.get(sid);
				if (!known) {
					continue;
				}
				const time = this.times.get(sid) ?? 0;
				const opt = optKeyword(known.message);
				if (opt && (!keyword || time >= keyword.time)) {
					keyword = { time, opt };
				}
				if (time >= newestTime) {
					newest = known;
					newestTime = time;
				}
				if (!known.read) {
					unread++;
				}
			}
			if (!key || !newest) {
				continue;
			}
			summaries.push({
				...key,
				id,
				lastActivity: newestTime,
				lastSnippet: snippetOf(newest),
				lastDirection: isInbound(newest.message) ? 'inbound' : 'outbound',
				unread,
				messageCount: sids.size,
				optedOut: keyword?.opt === 'out',
			});
		}
		return summaries.sort((a, b) => b.lastActivity - a.lastActivity || a.id.localeCompare(b.id));
	}

	/** Unread inbound messages in every thread (the view's badge). */
	unreadTotal(): number {
		let unread = 0;
		for (const known of this.bySid.values()) {
			if (!known.read) {
				unread++;
			}
		}
		return unread;
	}

	/**
	 * The newest message time of a Space (0 when none): where a poll's `DateSent>` starts. Server
	 * dates are clamped to `now`: a reply dated in the future (9999-12-31) would otherwise move the
	 * cursor past every later reply. The message itself keeps its date.
	 */
	newestTime(profileId: string, now = Date.now()): number {
		let newest = 0;
		for (const known of this.bySid.values()) {
			if (known.profileId === profileId) {
				newest = Math.max(newest, Math.min(this.times.get(known.message.sid) ?? 0, now));
			}
		}
		return newest;
	}

	/** Drops the oldest messages beyond the bound (insertion order). */
	private trim(): void {
		while (this.bySid.size > this.maxMessages) {
			const oldest = this.bySid.keys().next().value as string;
			const known = this.bySid.get(oldest);
			this.bySid.delete(oldest);
			this.times.delete(oldest);
			const key = known && threadKeyOf(known.profileId, known.message);
			if (key) {
				const id = threadId(key);
				const sids = this.threadSids.get(id);
				sids?.delete(oldest);
				if (sids?.size === 0) {
					this.threadSids.delete(id);
					this.keys.delete(id);
				}
			}
		}
	}
}
