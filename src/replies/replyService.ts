/**
 * Replies and the Space's message log: keeps every known message once per SID in threads
 * (src/core/conversations.ts), fed by sends from VS Code (the history), polls of the Space's list
 * (src/core/pollScheduler.ts: only after a send and while a conversation is visible) and imports.
 * Also deletes and redacts at SignalWire and lists media (src/signalwire/messageLog.ts).
 * Nothing happens at construction but wiring: the file is read on the first `ready()`.
 */
import * as vscode from 'vscode';
import { NotSignedInError } from '../errors/notSignedIn';
import { readSettings } from '../config';
import { ConversationModel, isInbound, threadId, threadKeyOf, utcDay } from '../core/conversations';
import type { KnownMessage, ThreadKey, ThreadSummary } from '../core/conversations';
import { matchesDirection, type ImportQuery } from '../core/messageLogArguments';
import { PollScheduler } from '../core/pollScheduler';
import type { Message } from '../core/types';
import type { ClientProvider } from '../credentials/clientProvider';
import type { CredentialStore } from '../credentials/credentialStore';
import type { Profile } from '../credentials/profile';
import type { HistoryService } from '../history/historyService';
import { describeError } from '../errors/presentation';
import type { MessageSender } from '../send/messageSender';
import type { SendOutcome } from '../send/outcome';
import { isSignalWireApiError } from '../signalwire/errors';
import { deleteMedia, deleteMessage, listMedia, listNewMessages, redactMessage, walkMessageLog, type MediaItem } from '../signalwire/messageLog';
import { Disposable } from '../util/disposable';
import type { Logger } from '../util/logger';
import type { TestHooks } from '../testHooks';
import { ConversationStore } from './conversationStore';
import { RefusedMessageReporter } from './refusedMessages';
import { notifyReplies } from './replyNotifications';

export interface ReplyServiceOptions {
	storageDir: string;
	credentials: CredentialStore;
	clients: Pick<ClientProvider, 'clientFor'>;
	sender: MessageSender;
	history: HistoryService;
	logger: Logger;
	/** Test builds in test mode only: gets the service's hooks. */
	testHooks?: Pick<TestHooks, 'replies'>;
}

export interface ImportProgress {
	/** Messages read so far. */
	seen: number;
	/** Messages new to the extension so far. */
	added: number;
}

export interface ImportResult {
	added: number;
	seen: number;
	cancelled: boolean;
}

/** What the history holds about a send from VS Code or a message read from the Space (the fields read here). */
interface RecordedSend {
	id: string;
	profile: { id: string };
	params: { mediaUrls?: string[] };
	origin?: 'imported' | 'reply';
	message?: Message;
}

export class ReplyService extends Disposable {
	readonly model = new ConversationModel();
	private readonly store: ConversationStore;
	private readonly scheduler: PollScheduler<ReturnType<typeof setTimeout>>;
	private readonly options: ReplyServiceOptions;
	private loading: Promise<void> | undefined;
	private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
	/** Fires after messages or threads change. */
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidChangePollState = this.register(new vscode.EventEmitter<string | undefined>());
	/** Fires with a problem to show (a failing poll), or undefined when it is over. */
	readonly onDidChangePollState = this._onDidChangePollState.event;
	private _pollProblem: string | undefined;
	/** When a Space started listening with nothing known yet: where its first poll looks from. */
	private readonly listenStart = new Map<string, number>();
	/** Threads shown in a visible panel (no notification, read at once). */
	private readonly visibleThreads = new Map<string, Set<string>>();
	/** Opens a conversation panel (set by the panel manager). */
	openConversation: ((key: ThreadKey) => Promise<void>) | undefined;
	private readonly refusals: RefusedMessageReporter;

	constructor(options: ReplyServiceOptions) {
		super();
		this.options = options;
		this.store = new ConversationStore(options.storageDir);
		this.refusals = new RefusedMessageReporter(options.logger);
		this.scheduler = new PollScheduler({
			poll: (space) => this.poll(space),
			listenMs: () => readSettings().repliesListenMs,
			now: () => Date.now(),
			setTimer: (callback, ms) => setTimeout(callback, ms),
			clearTimer: (handle) => clearTimeout(handle),
			isRateLimit: (error) => isSignalWireApiError(error) && error.httpStatus === 429,
			onError: (space, error, first, delayMs) => this.onPollError(space, error, first, delayMs),
			onRecovered: () => this.setPollProblem(undefined),
		});
		this.register({ dispose: () => this.scheduler.dispose() });
		if ((typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) && options.testHooks) {
			options.testHooks.replies = { setPollTiming: (timing) => this.scheduler.setTiming(timing), scheduler: this.scheduler };
		}
		this.register(options.sender.onDidSend((outcome) => this.onSend(outcome)));
		this.register(
			options.history.onDidChange((change) => {
				if (!this.loading) {
					return;
				}
				if (change.kind === 'reset') {
					this.addHistory(options.history.entries({}));
				} else {
					const entry = options.history.get(change.id);
					if (entry) {
						this.addHistory([entry]);
					}
				}
			}),
		);
	}

	/** Loads stored messages and the history's sends once. Never rejects. */
	ready(): Promise<void> {
		this.loading ??= this.load();
		return this.loading;
	}

	get pollProblem(): string | undefined {
		return this._pollProblem;
	}

	threads(): ThreadSummary[] {
		return this.model.threads();
	}

	thread(key: ThreadKey): ThreadSummary | undefined {
		const id = threadId(key);
		return this.model.threads().find((thread) => thread.id === id);
	}

	messagesOf(key: ThreadKey): KnownMessage[] {
		return this.model.messagesOf(threadId(key));
	}

	/** A conversation panel is visible (or not): its Space is polled, its thread read. */
	setThreadVisible(key: ThreadKey, panelId: string, visible: boolean): void {
		const id = threadId(key);
		const panels = this.visibleThreads.get(id) ?? new Set<string>();
		if (visible) {
			panels.add(panelId);
			this.visibleThreads.set(id, panels);
		} else {
			panels.delete(panelId);
			if (panels.size === 0) {
				this.visibleThreads.delete(id);
			}
		}
		if (visible) {
			this.listenStart.set(key.profileId, this.listenStart.get(key.profileId) ?? Date.now());
			this.markRead(key);
		}
		this.scheduler.setVisible(key.profileId, panelId, visible);
	}

	markRead(key: ThreadKey): void {
		if (this.model.markRead(threadId(key)) > 0) {
			this.changed();
		}
	}

	/** The profile of a signed-in Space by id. */
	async profile(profileId: string): Promise<Profile | undefined> {
		return (await this.options.credentials.profiles()).find((profile) => profile.id === profileId);
	}

	/**
	 * Pages through the Space's list with a query, adding what is new as imported and read (what it
	 * held keeps its read state). Checks `isCancelled` per page; rejects with the client's error.
	 */
	async importMessages(profile: Profile, query: ImportQuery, isCancelled: () => boolean, onProgress: (progress: ImportProgress) => void): Promise<ImportResult> {
		await this.ready();
		const client = await this.options.clients.clientFor(profile);
		let [seen, added] = [0, 0];
		const recorded: Array<Promise<number>> = [];
		const result = await walkMessageLog(
			client,
			{ dateSentAfter: query.dateSentAfter, dateSentBefore: query.dateSentBefore, from: query.from, to: query.to, status: query.status, pageSize: 100 },
			{
				isCancelled,
				maxPages: 1000,
				onPage: (page) => {
					// A number with invisible or direction characters is refused and shown (src/core/partyNumbers.ts).
					const messages = this.refusals
						.screen(`Import from ${profile.spaceUrl}`, page)
						.filter((message) => matchesDirection(message.direction, query.direction));
					recorded.push(this.options.history.received.record(profile, messages, 'imported')); // the Messages view, each SID once
					for (const message of messages) {
						seen++;
						const read = this.model.get(message.sid)?.read ?? true; // a message held already keeps its read state
						if (this.model.upsert({ profileId: profile.id, message, origin: 'imported', read }) === 'added') {
							added++;
						}
					}
					this.changed();
					onProgress({ seen, added });
					return 'continue';
				},
			},
		);
		await Promise.all(recorded);
		this.options.logger.info(`Import from ${profile.spaceUrl}: ${seen} messages read in ${result.pages} page(s), ${added} new${result.ended === 'cancelled' ? ' (cancelled)' : ''}.`);
		return { added, seen, cancelled: result.ended === 'cancelled' };
	}

	/** The known message with this SID, and its Space (else the active one). */
	async locate(sid: string): Promise<{ profile: Profile; known: KnownMessage | undefined }> {
		await this.ready();
		const known = this.model.get(sid) ?? this.fromHistory(sid);
		const profile = known ? await this.profile(known.profileId) : await this.options.credentials.activeProfile();
		if (!profile) {
			throw new NotSignedInError(vscode.l10n.t('Not signed in to the Space of message {0}: sign in to it first.', sid));
		}
		return { profile, known };
	}

	/** `DELETE` at SignalWire; the local copy is marked deleted (not removed). */
	async deleteAtSignalWire(sid: string): Promise<void> {
		const { profile, known } = await this.locate(sid);
		const client = await this.options.clients.clientFor(profile);
		this.options.logger.info(`→ DELETE …/Messages/${sid}`);
		await deleteMessage(client, sid);
		this.options.logger.info(`← 204: message ${sid} deleted at SignalWire.`);
		await this.options.history.received.mark(sid, { deletedAt: Date.now() });
		if (!known) {
			return;
		}
		if (!this.model.has(sid)) {
			this.model.upsert(known);
		}
		this.model.markDeleted(sid, Date.now());
		this.changed();
	}

	/** Redacts the body at SignalWire (`POST` with an empty Body); the local copy follows. */
	async redactAtSignalWire(sid: string): Promise<Message> {
		const { profile, known } = await this.locate(sid);
		const client = await this.options.clients.clientFor(profile);
		this.options.logger.info(`→ POST …/Messages/${sid} Body=`);
		const message = await redactMessage(client, sid);
		this.options.logger.info(`← 200: the body of ${sid} was redacted at SignalWire.`);
		const redacted = { ...message, body: message.body ?? '' };
		this.model.upsert({ profileId: profile.id, message: redacted, origin: known?.origin ?? 'imported', read: true, redactedAt: Date.now() });
		this.changed();
		// The Messages view shows the entry as SignalWire now has it, marked redacted.
		await this.options.history.received.mark(sid, { redactedAt: Date.now(), message: redacted });
		return message;
	}

	async listMedia(sid: string): Promise<MediaItem[]> {
		const { profile } = await this.locate(sid);
		return listMedia(await this.options.clients.clientFor(profile), sid);
	}

	async deleteMedia(sid: string, mediaSid: string): Promise<void> {
		const { profile } = await this.locate(sid);
		await deleteMedia(await this.options.clients.clientFor(profile), sid, mediaSid);
		this.options.logger.info(`Media ${mediaSid} of ${sid} deleted at SignalWire.`);
	}

	/** Adds a message now (a reply sent from a panel appears before the history records it). */
	addSent(profileId: string, message: Message, mediaUrls: string[] | undefined, historyId: string | undefined): void {
		if (this.model.upsert({ profileId, message, origin: 'sent', read: true, ...(mediaUrls?.length ? { mediaUrls } : {}), ...(historyId ? { historyId } : {}) }) !== 'unchanged') {
			this.changed();
		}
	}

	async flush(): Promise<void> {
		await this.store.flush();
	}

	// --- internals ----------------------------------------------------------------------------

	private async load(): Promise<void> {
		try {
			for (const known of await this.store.load()) {
				this.model.upsert(known);
			}
		} catch (error) {
			this.options.logger.warn(`Conversations: could not read ${this.store.file}: ${describeError(error)}`);
		}
		await this.options.history.ready();
		this.addHistory(this.options.history.entries({}));
		this._onDidChange.fire();
	}

	private addHistory(entries: readonly RecordedSend[]): void {
		let changed = false;
		for (const entry of entries) {
			if (!entry.message) {
				continue;
			}
			const result = this.model.upsert(knownOfEntry(entry, entry.message));
			changed ||= result !== 'unchanged';
		}
		if (changed) {
			this.changed(false);
		}
	}

	private fromHistory(sid: string): KnownMessage | undefined {
		const entry = this.options.history.entries({}).find((e) => e.message?.sid === sid);
		return entry?.message ? knownOfEntry(entry, entry.message) : undefined;
	}

	private onSend(outcome: SendOutcome): void {
		if (!outcome.message) {
			return;
		}
		void this.ready().then(() => {
			this.addSent(outcome.profile.id, outcome.message as Message, outcome.params.mediaUrls, outcome.id);
			this.listenStart.set(outcome.profile.id, this.listenStart.get(outcome.profile.id) ?? Date.now());
			this.scheduler.noteSend(outcome.profile.id);
		});
	}

	/** One poll of a Space: new messages since the newest known, stopping at the first known SID. */
	private async poll(profileId: string): Promise<number> {
		await this.ready();
		const profile = await this.profile(profileId);
		if (!profile) {
			return 0; // signed out: nothing to ask
		}
		const client = await this.options.clients.clientFor(profile);
		const newest = this.model.newestTime(profileId) || this.listenStart.get(profileId) || Date.now();
		const since = utcDay(newest);
		const started = Date.now();
		const listed = await listNewMessages(client, { since, isSeen: (sid) => this.model.has(sid) });
		const found = this.refusals.screen(`Replies from ${profile.spaceUrl}`, listed); // hidden characters in a number
		this.options.logger.debug(`Replies: polled ${profile.spaceUrl} (DateSent>${since}) in ${Date.now() - started} ms: ${found.length} new.`);
		const newInbound: KnownMessage[] = [];
		for (const message of found.reverse()) {
			const key = threadKeyOf(profileId, message);
			const visible = key !== undefined && this.visibleThreads.has(threadId(key));
			const known: KnownMessage = { profileId, message, origin: 'polled', read: !isInbound(message) || visible };
			if (this.model.upsert(known) === 'added' && isInbound(message)) {
				newInbound.push(known);
			}
		}
		if (found.length > 0) {
			this.changed();
		}
		void this.options.history.received.record(profile, newInbound.map((known) => known.message), 'reply'); // the Messages view too
		this.notify(newInbound);
		return newInbound.length;
	}

	private notify(replies: readonly KnownMessage[]): void {
		if (readSettings().repliesNotify) {
			notifyReplies(replies, (key) => this.visibleThreads.has(threadId(key)), (key) => this.openConversation?.(key));
		}
	}

	private onPollError(space: string, error: unknown, first: boolean, delayMs: number): void {
		const seconds = Math.round(delayMs / 1000);
		this.options.logger.debug(`Replies: polling ${space} failed, next try in ${seconds} s: ${describeError(error)}`);
		if (first) {
			this.options.logger.warn(`Replies: checking for replies failed: ${describeError(error)}`);
			this.setPollProblem(vscode.l10n.t('Checking for replies failed ({0}); trying again in {1} s.', describeError(error), seconds));
		}
	}

	private setPollProblem(problem: string | undefined): void {
		if (problem !== this._pollProblem) {
			this._pollProblem = problem;
			this._onDidChangePollState.fire(problem);
		}
	}

	private changed(save = true): void {
		if (save) {
			this.store.saveSoon(() => this.model.all());
		}
		this._onDidChange.fire();
	}
}

/** A history entry as a known message: a send from VS Code (with its entry), or a message read from the Space (a reply another window found is unread here too). */
function knownOfEntry(entry: RecordedSend, message: Message): KnownMessage {
	if (entry.origin !== undefined) {
		return { profileId: entry.profile.id, message, origin: entry.origin === 'reply' ? 'polled' : 'imported', read: entry.origin === 'imported' };
	}
	return { profileId: entry.profile.id, message, origin: 'sent', read: true, historyId: entry.id, ...(entry.params.mediaUrls?.length ? { mediaUrls: entry.params.mediaUrls } : {}) };
}
