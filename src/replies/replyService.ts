/**
 * Replies and the Space's message log. Every message is kept once per SID in one repository, the
 * history journal (src/history/store.ts: its lock, cross-window watcher and damage handling); the
 * threads are its projection (src/replies/conversationProjection.ts), updated per changed entry.
 * Messages enter it by a send from VS Code (the history records it), a poll of the Space's list
 * (src/core/pollScheduler.ts: only after a send and while a conversation is visible), an import,
 * or a signed inbound webhook (src/webhooks/webhookService.ts): each writes to the journal only.
 * Also deletes and redacts at SignalWire and lists media (src/signalwire/messageLog.ts).
 * Nothing happens at construction but wiring: the journal is read on the first `ready()`, and an
 * old `conversations.json` moved into it once (src/replies/legacyMigration.ts).
 */
import * as vscode from 'vscode';
import { readSettings, type ExtensionSettings } from '../config';
import { isInbound, threadId, threadKeyOf, type ConversationModel } from '../core/conversations';
import type { KnownMessage, ThreadKey, ThreadSummary } from '../core/conversations';
import type { ImportQuery } from '../core/messageLogArguments';
import { PollScheduler } from '../core/pollScheduler';
import type { Message } from '../core/types';
import type { ClientProvider } from '../credentials/clientProvider';
import type { CredentialStore } from '../credentials/credentialStore';
import type { Profile } from '../credentials/profile';
import type { HistoryService } from '../history/historyService';
import type { MessageSender } from '../send/messageSender';
import type { SendOutcome } from '../send/outcome';
import { isSignalWireApiError } from '../signalwire/errors';
import type { MediaItem } from '../signalwire/messageLog';
import { Disposable } from '../util/disposable';
import type { Logger } from '../util/logger';
import type { TestHooks } from '../testHooks';
import { ConversationProjection, knownOfEntry } from './conversationProjection';
import type { ConversationQueries } from './conversationQueries';
import { moveLegacyConversations } from './legacyMigration';
import { importMessages, type ImportProgress, type ImportResult } from './messageImporter';
import { RemoteMessageActions } from './remoteActions';
import { ReplyPoller } from './replyPoller';
import { RefusedMessageReporter } from './refusedMessages';
import { notifyReplies } from './replyNotifications';
import { PollProblem } from './pollProblem';

export interface ReplyServiceOptions {
	storageDir: string;
	credentials: CredentialStore;
	clients: Pick<ClientProvider, 'clientFor'>;
	sender: MessageSender;
	history: HistoryService;
	logger: Logger;
	/** The settings read at each use (default: VS Code's, src/config.ts). */
	settings?: () => Pick<ExtensionSettings, 'repliesListenMs' | 'repliesNotify' | 'historyMaxEntries'>;
	/** The clock (default: Date.now). */
	now?: () => number;
	/** Test builds in test mode only: gets the service's hooks. */
	testHooks?: Pick<TestHooks, 'replies'>;
}

export type { ImportProgress, ImportResult } from './messageImporter';

export class ReplyService extends Disposable implements ConversationQueries {
	private readonly projection: ConversationProjection;
	private readonly scheduler: PollScheduler<ReturnType<typeof setTimeout>>;
	private readonly options: ReplyServiceOptions;
	private loading: Promise<void> | undefined;
	/** The projection was built: history changes apply to it from now on. */
	private loaded = false;
	private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
	/** Fires after messages or threads change. */
	readonly onDidChange = this._onDidChange.event;
	/** The failing poll's problem, shown in the Conversations view. */
	private readonly pollProblems: PollProblem;
	/** Fires with a problem to show (a failing poll), or undefined when it is over. */
	readonly onDidChangePollState: vscode.Event<string | undefined>;
	private readonly settings: () => Pick<ExtensionSettings, 'repliesListenMs' | 'repliesNotify' | 'historyMaxEntries'>;
	private readonly now: () => number;
	/** Polls a Space once (when: the scheduler). */
	private readonly poller: ReplyPoller<Profile>;
	/** Delete, redact and media at SignalWire. */
	private readonly remote: RemoteMessageActions<Profile>;
	/** Threads shown in a visible panel (no notification, read at once). */
	private readonly visibleThreads = new Map<string, Set<string>>();
	/** Opens a conversation panel (set by the panel manager). */
	openConversation: ((key: ThreadKey) => Promise<void>) | undefined;
	private readonly refusals: RefusedMessageReporter;

	constructor(options: ReplyServiceOptions) {
		super();
		this.options = options;
		this.projection = new ConversationProjection({
			get: (id) => options.history.get(id),
			entries: () => options.history.entries({}),
		});
		this.settings = options.settings ?? readSettings;
		this.now = options.now ?? Date.now;
		this.refusals = new RefusedMessageReporter(options.logger);
		this.pollProblems = this.register(new PollProblem(options.logger));
		this.onDidChangePollState = this.pollProblems.onDidChange;
		const screen = (source: string, messages: Message[]) => this.refusals.screen(source, messages);
		const clientFor = (profile: Profile) => options.clients.clientFor(profile);
		this.poller = new ReplyPoller<Profile>({
			profile: (id) => this.profile(id),
			clientFor,
			received: options.history.received,
			known: { has: (sid) => this.model.has(sid), newestTime: (id, now) => this.model.newestTime(id, now) },
			isVisible: (key) => this.visibleThreads.has(threadId(key)),
			screen,
			now: this.now,
			debug: (text) => options.logger.debug(text),
		});
		this.remote = new RemoteMessageActions<Profile>({
			known: (sid) => this.model.get(sid) ?? this.fromHistory(sid),
			profile: (id) => this.profile(id),
			activeProfile: () => options.credentials.activeProfile(),
			clientFor,
			received: options.history.received,
			onDeleted: (sid, at) => this.projection.markDeleted(sid, at) && this._onDidChange.fire(),
			onRedacted: (known) => this.model.upsert(known) !== 'unchanged' && this._onDidChange.fire(),
			now: this.now,
			info: (text) => options.logger.info(text),
		});
		this.scheduler = new PollScheduler({
			poll: async (space) => {
				await this.ready();
				const replies = await this.poller.poll(space);
				this.notify(replies);
				return replies.length;
			},
			listenMs: () => this.settings().repliesListenMs,
			now: () => this.now(),
			setTimer: (callback, ms) => setTimeout(callback, ms),
			clearTimer: (handle) => clearTimeout(handle),
			isRateLimit: (error) => isSignalWireApiError(error) && error.httpStatus === 429,
			onError: (space, error, first, delayMs) => this.pollProblems.onError(space, error, first, delayMs),
			onRecovered: () => this.pollProblems.onRecovered(),
		});
		this.register({ dispose: () => this.scheduler.dispose() });
		if ((typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) && options.testHooks) {
			options.testHooks.replies = {
				setPollTiming: (timing) => this.scheduler.setTiming(timing),
				scheduler: this.scheduler,
			};
		}
		this.register(options.sender.onDidSend((outcome) => this.onSend(outcome)));
		this.register(
			options.history.onDidChange((change) => {
				if (this.loaded && this.projection.apply(change)) {
					this._onDidChange.fire();
				}
			}),
		);
	}

	/** Loads stored messages and the history's sends once. Never rejects. */
	ready(): Promise<void> {
		this.loading ??= this.load();
		return this.loading;
	}

	/** The messages by SID and by thread (the projection of the history; read only). */
	get model(): ConversationModel {
		return this.projection.model;
	}

	get pollProblem(): string | undefined {
		return this.pollProblems.problem;
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
			this.poller.startListening(key.profileId);
			this.markRead(key);
		}
		this.scheduler.setVisible(key.profileId, panelId, visible);
	}

	/** Marks a thread's replies read, here at once and in the journal (every window). */
	markRead(key: ThreadKey): void {
		const id = threadId(key);
		const unread = this.model.messagesOf(id).flatMap((known) => (known.read ? [] : [known.message.sid]));
		if (this.model.markRead(id) > 0) {
			this._onDidChange.fire();
			void this.options.history.received.markRead(unread, this.now());
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
	async importMessages(
		profile: Profile,
		query: ImportQuery,
		isCancelled: () => boolean,
		onProgress: (progress: ImportProgress) => void,
	): Promise<ImportResult> {
		await this.ready();
		const { clients, history, logger } = this.options;
		const deps = {
			clientFor: (p: Profile) => clients.clientFor(p),
			received: history.received,
			screen: (source: string, messages: Message[]) => this.refusals.screen(source, messages),
			info: (text: string) => logger.info(text),
		};
		return importMessages(deps, profile, query, isCancelled, onProgress);
	}

	/** The known message with this SID, and its Space (else the active one). */
	async locate(sid: string): Promise<{ profile: Profile; known: KnownMessage | undefined }> {
		await this.ready();
		return this.remote.locate(sid);
	}

	/** `DELETE` at SignalWire; the local copy is marked deleted (not removed). */
	async deleteAtSignalWire(sid: string): Promise<void> {
		await this.ready();
		await this.remote.deleteAtSignalWire(sid);
	}

	/** Redacts the body at SignalWire (`POST` with an empty Body); the local copy follows. */
	async redactAtSignalWire(sid: string): Promise<Message> {
		await this.ready();
		return this.remote.redactAtSignalWire(sid);
	}

	async listMedia(sid: string): Promise<MediaItem[]> {
		await this.ready();
		return this.remote.listMedia(sid);
	}

	async deleteMedia(sid: string, mediaSid: string): Promise<void> {
		await this.ready();
		await this.remote.deleteMedia(sid, mediaSid);
	}

	/**
	 * Shows a sent message now (a reply sent from a panel appears before the history records it; that record is the one
	 * kept).
	 */
	addSent(profileId: string, message: Message, mediaUrls: string[] | undefined, historyId: string | undefined): void {
		if (
			this.projection.addUnrecorded({
				profileId,
				message,
				origin: 'sent',
				read: true,
				...(mediaUrls?.length ? { mediaUrls } : {}),
				...(historyId ? { historyId } : {}),
			})
		) {
			this._onDidChange.fire();
		}
	}

	/**
	 * A message a signed inbound webhook brought (src/webhooks/webhookService.ts lets only those
	 * through): written to the repository once, by SID, so that its thread shows it at once.
	 * Resolves true when it was new.
	 */
	async receiveInbound(
		message: Message,
		accountSid: string | undefined,
		mediaUrls: readonly string[] = [],
	): Promise<boolean> {
		await this.ready();
		const profiles = await this.options.credentials.profiles();
		const active = await this.options.credentials.activeProfile();
		const account = accountSid?.toLowerCase();
		const ofAccount = (p: Profile | undefined) =>
			p !== undefined && (account === undefined || p.projectId.toLowerCase() === account);
		const profile = ofAccount(active) ? active : profiles.find(ofAccount);
		const [screened] = this.refusals.screen('Inbound webhook', [message]);
		if (!profile || !screened || !isInbound(screened)) {
			return false;
		}
		const key = threadKeyOf(profile.id, screened);
		const visible = key !== undefined && this.visibleThreads.has(threadId(key));
		const extras = {
			...(visible ? { readAt: this.now() } : {}),
			...(mediaUrls.length ? { mediaUrls: [...mediaUrls] } : {}),
		};
		const added = await this.options.history.received.add(profile, [screened], 'reply', () => extras);
		this.notify(added.flatMap((entry) => knownOfEntry(entry) ?? []));
		return added.length > 0;
	}

	/** Resolves when every message written so far is in the journal. */
	async flush(): Promise<void> {
		await this.options.history.flush();
	}

	// --- internals ----------------------------------------------------------------------------

	private async load(): Promise<void> {
		await this.options.history.ready();
		await moveLegacyConversations({
			storageDir: this.options.storageDir,
			credentials: this.options.credentials,
			history: this.options.history,
			logger: this.options.logger,
			maxEntries: () => this.settings().historyMaxEntries,
		});
		this.projection.rebuild();
		this.loaded = true;
		this._onDidChange.fire();
	}

	private fromHistory(sid: string): KnownMessage | undefined {
		const entry = this.options.history.entries({}).find((e) => e.message?.sid === sid);
		return entry && knownOfEntry(entry);
	}

	private onSend(outcome: SendOutcome): void {
		if (!outcome.message) {
			return;
		}
		void this.ready().then(() => {
			this.addSent(outcome.profile.id, outcome.message as Message, outcome.params.mediaUrls, outcome.id);
			this.poller.startListening(outcome.profile.id);
			this.scheduler.noteSend(outcome.profile.id);
		});
	}

	private notify(replies: readonly KnownMessage[]): void {
		if (this.settings().repliesNotify) {
			notifyReplies(
				replies,
				(key) => this.visibleThreads.has(threadId(key)),
				(key) => this.openConversation?.(key),
			);
		}
	}
}
