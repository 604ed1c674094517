/**
 * One poll of a Space for replies (src/core/pollScheduler.ts decides when): the Space's list since
 * the newest message known, stopping at the first known SID (src/signalwire/messageLog.ts), each
 * new message written once, by SID, to the repository (the history journal). A reply in a visible
 * thread is read at once. The clock, the profiles, the client and the places it reads and writes
 * are given: no `vscode` import, unit-tested in plain mocha against the local server.
 */
import {
	isInbound,
	threadKeyOf,
	utcDay,
	type ConversationModel,
	type KnownMessage,
	type ThreadKey,
} from '../core/conversations';
import type { Message } from '../core/types';
import type { HistoryProfile } from '../history/entry';
import type { ReceivedMessages } from '../history/receivedEntries';
import type { SignalWireClient } from '../signalwire/client';
import { listNewMessages } from '../signalwire/messageLog';
import { knownOfEntry } from './conversationProjection';

export interface ReplyPollerDeps<P extends HistoryProfile> {
	/** The signed-in profile of a Space id; undefined when signed out (nothing is asked then). */
	profile(profileId: string): Promise<P | undefined>;
	clientFor(profile: P): Promise<SignalWireClient>;
	/** The repository: new messages go there, once by SID. */
	received: Pick<ReceivedMessages, 'add'>;
	/** The threads as they are (what is known, and where a Space's next poll starts). */
	known: Pick<ConversationModel, 'has' | 'newestTime'>;
	/** Whether a thread is shown in a visible panel (its replies are read at once). */
	isVisible(key: ThreadKey): boolean;
	/** The messages whose numbers are clean (the others are reported: src/replies/refusedMessages.ts). */
	screen(source: string, messages: Message[]): Message[];
	now(): number;
	debug(text: string): void;
}

export class ReplyPoller<P extends HistoryProfile> {
	/** When a Space started listening with nothing known yet: where its first poll looks from. */
	private readonly listenStart = new Map<string, number>();

	constructor(private readonly deps: ReplyPollerDeps<P>) {}

	/** A Space starts listening (a send, a visible panel): with nothing known, its first poll looks from now. */
	startListening(profileId: string): void {
		this.listenStart.set(profileId, this.listenStart.get(profileId) ?? this.deps.now());
	}

	/** Polls a Space once. Resolves to the new replies (for a notification); rejects with the client's error. */
	async poll(profileId: string): Promise<KnownMessage[]> {
		const { deps } = this;
		const profile = await deps.profile(profileId);
		if (!profile) {
			return []; // signed out: nothing to ask
		}
		const client = await deps.clientFor(profile);
		const started = deps.now();
		const since = utcDay(deps.known.newestTime(profileId, started) || this.listenStart.get(profileId) || started);
		const listed = await listNewMessages(client, { since, isSeen: (sid) => deps.known.has(sid) });
		// oldest first; hidden characters in a number refused
		const found = deps.screen(`Replies from ${profile.spaceUrl}`, listed).reverse();
		deps.debug(
			`Replies: polled ${profile.spaceUrl} (DateSent>${since}) in ${deps.now() - started} ms: ${found.length} new.`,
		);
		// Replies (read at once in a visible thread), and messages sent from elsewhere (another
		// tool) as read from the Space's log.
		const now = deps.now();
		const visible = (message: Message) => {
			const key = threadKeyOf(profileId, message);
			return key !== undefined && deps.isVisible(key);
		};
		const replies = await deps.received.add(profile, found.filter(isInbound), 'reply', (message) =>
			visible(message) ? { readAt: now } : {},
		);
		await deps.received.add(
			profile,
			found.filter((message) => !isInbound(message)),
			'imported',
		);
		return replies.flatMap((entry) => knownOfEntry(entry) ?? []);
	}
}
