/**
 * The read-only side of the conversations, what the Conversations view, its badge and the
 * conversation panel read: the threads, a thread's messages, the unread count, and when they
 * change. Implemented by ReplyService (src/replies/replyService.ts) over the projection of the
 * history journal (src/replies/conversationProjection.ts); nothing here writes.
 * No `vscode` import: the events are plain subscribe functions (a `vscode.Event` is one).
 */
import type { ConversationModel, KnownMessage, ThreadKey, ThreadSummary } from '../core/conversations';

/** Subscribes a listener; the result ends the subscription. */
export type Subscribe<T> = (listener: (value: T) => unknown) => { dispose(): unknown };

export interface ConversationQueries {
	/** Resolves once the messages are loaded (never rejects). */
	ready(): Promise<void>;
	/** The threads, newest activity first. */
	threads(): ThreadSummary[];
	thread(key: ThreadKey): ThreadSummary | undefined;
	/** A thread's messages, oldest first. */
	messagesOf(key: ThreadKey): KnownMessage[];
	/** The index itself, to read (its version changes with every change). */
	readonly model: Pick<ConversationModel, 'version' | 'unreadTotal' | 'get' | 'has' | 'all'>;
	/** A problem to show (a failing poll), or undefined. */
	readonly pollProblem: string | undefined;
	readonly onDidChange: Subscribe<void>;
	readonly onDidChangePollState: Subscribe<string | undefined>;
}
