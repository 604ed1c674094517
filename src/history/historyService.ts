/**
 * The history feature: records every send (a {@link SendListener}), keeps the journal in global
 * storage, follows delivery statuses (with the signed-in profile only), and answers the Messages
 * view (src/history/historyTreeProvider.ts). Nothing happens at construction: the file is read,
 * watched and followed again on the first `ready()` (the view asking for its root, or a send).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../config';
import type { ClientProvider } from '../credentials/clientProvider';
import type { CredentialStore } from '../credentials/credentialStore';
import type { Profile } from '../credentials/profile';
import { describeError } from '../errors/presentation';
import type { SendListener } from '../send/messageSender';
import type { SendOutcome } from '../send/outcome';
import type { Message } from '../core/types';
import { Disposable } from '../util/disposable';
import type { Logger } from '../util/logger';
import type { TestHooks } from '../testHooks';
import type { HistoryFilter, HistoryGroup } from './dayIndex';
import { entryOfOutcome, sentWith, type HistoryEntry } from './entry';
import { reportHistoryDamage, verifyEntries } from './damageReport';
import { messageSidOf, profileForEntry } from './entryRequests';
import { exportJson } from './export';
import { FollowedStatuses } from './followedStatuses';
import { historyChangeOf, type HistoryChange } from './historyChange';
import { ReceivedMessages } from './receivedEntries';
import type { FollowTiming } from './statusFollower';
import { HISTORY_FILE_NAME, HistoryStore, type LoadReport, type StoreChange } from './store';

export type { HistoryChange } from './historyChange';

export interface HistoryServiceOptions {
	/** `context.globalStorageUri.fsPath`: the journal is `history.jsonl` in it. */
	storageDir: string;
	clients: Pick<ClientProvider, 'clientFor'>;
	/** Where a request for an entry goes: the signed-in profile of the entry's id, never the entry itself. */
	credentials: Pick<CredentialStore, 'profiles' | 'onDidChange'>;
	logger: Logger;
	/** Back-off of status following (tests: e.g. `{ initialDelayMs: 50, maxDelayMs: 200 }`). */
	followTiming?: Partial<FollowTiming>;
	testHooks?: Pick<TestHooks, 'history'>; // test builds in test mode only (src/features.ts)
	/** Watch the file for other windows' changes. Default true. */
	watch?: boolean;
	/** Shows warnings (a damaged file) as notifications. Default true. */
	notify?: boolean;
}

/** Entries still followed at dispose keep `following: true` on disk: the next start resumes them. */
export class HistoryService extends Disposable implements SendListener {
	/** The journal file. */
	readonly file: string;
	/** The journal. Other modules use the methods below. */
	private readonly store: HistoryStore;
	/** Status following, recorded in the journal (src/history/followedStatuses.ts). */
	private readonly follower: FollowedStatuses;
	/** Messages read from the Space (imports, replies found by polling) and marks of what SignalWire did. */
	readonly received: ReceivedMessages;
	private readonly logger: Logger;
	private readonly clients: Pick<ClientProvider, 'clientFor'>;
	private readonly credentials: Pick<CredentialStore, 'profiles' | 'onDidChange'>;
	/** The signed-in profiles as last read (for {@link isUntrusted}, which the tree asks synchronously). */
	private profiles: readonly Profile[] = [];
	private readonly watchFile: boolean;
	private readonly notify: boolean;
	private loading: Promise<void> | undefined;
	private verifying: Promise<void> = Promise.resolve();
	private watcher: { dispose(): void } | undefined;
	private _lastLoad: LoadReport | undefined;
	private _filter: HistoryFilter = {};
	private readonly _onDidChange = this.register(new vscode.EventEmitter<HistoryChange>());
	/** Fires after entries change (this window's sends and statuses, other windows' changes). */
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidChangeFilter = this.register(new vscode.EventEmitter<HistoryFilter>());
	readonly onDidChangeFilter = this._onDidChangeFilter.event;

	constructor(options: HistoryServiceOptions) {
		super();
		this.file = path.join(options.storageDir, HISTORY_FILE_NAME);
		this.logger = options.logger;
		this.clients = options.clients;
		this.credentials = options.credentials;
		this.watchFile = options.watch ?? true;
		this.notify = options.notify ?? true;
		// The bound is read again on load and when the setting changes.
		this.store = new HistoryStore({ file: this.file, maxEntries: 1000 });
		this.follower = new FollowedStatuses({
			store: this.store,
			logger: this.logger,
			fetch: (entry) => this.fetchMessage(entry),
			changed: (id) => this._onDidChange.fire({ kind: 'updated', id }),
			limitMs: () => readSettings().statusFollowLimitMs,
			...(options.followTiming ? { timing: options.followTiming } : {}),
		});
		this.register({ dispose: () => this.follower.dispose() });
		this.received = new ReceivedMessages({
			store: this.store,
			ready: () => this.ready(),
			stopFollowing: (id) => this.follower.stop(id),
			changed: (change) => this._onDidChange.fire(change),
			logger: this.logger,
		});
		this.register({ dispose: () => this.watcher?.dispose() });
		this.register(
			vscode.workspace.onDidChangeConfiguration((event) => {
				if (this.loading && event.affectsConfiguration('signalwire.history.maxEntries')) {
					if (this.store.setMaxEntries(readSettings().historyMaxEntries) > 0) {
						this._onDidChange.fire({ kind: 'reset' });
					}
				}
			}),
		);
		if ((typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) && options.testHooks) {
			options.testHooks.history = {
				setFollowTiming: (timing) => this.follower.setTiming(timing),
				store: this.store,
			};
		}
		// The tree marks untrusted entries: redraw when Spaces are signed in or out.
		this.register(
			options.credentials.onDidChange(
				() =>
					void this.loading
						?.then(() => this.readProfiles())
						.then(() => this._onDidChange.fire({ kind: 'reset', viewOnly: true })),
			),
		);
	}

	/** Loads the history once (later calls wait for the same load). Never rejects. */
	ready(): Promise<void> {
		this.loading ??= this.load();
		return this.loading;
	}

	/** Resolves when every entry has been checked whole after the load (damage reported). */
	async verified(): Promise<void> {
		await this.ready();
		await this.verifying;
	}

	/** Whether the file has been loaded (or the load has started). */
	get started(): boolean {
		return this.loading !== undefined;
	}

	/** What the last load found (entries, damage, backup, time). */
	get lastLoad(): LoadReport | undefined {
		return this._lastLoad;
	}

	get filter(): HistoryFilter {
		return this._filter;
	}

	setFilter(filter: HistoryFilter): void {
		this._filter = filter.spaceUrl !== undefined ? { spaceUrl: filter.spaceUrl } : {};
		this._onDidChangeFilter.fire(this._filter);
		this._onDidChange.fire({ kind: 'reset', viewOnly: true });
	}

	isFollowing(id: string): boolean {
		return this.follower.isFollowing(id);
	}

	get(id: string): HistoryEntry | undefined {
		return this.store.model.get(id);
	}

	has(id: string): boolean {
		return this.store.model.has(id);
	}

	/** Entries held (all Spaces). */
	get size(): number {
		return this.store.model.size;
	}

	/** Whether some entry's status is being followed (or was, when the window closed). */
	get hasUnfinished(): boolean {
		return this.store.model.followingIds().length > 0;
	}

	/** The Spaces entries were sent with, by number of entries (most first). */
	spaces(): Array<{ spaceUrl: string; count: number }> {
		return this.store.model.spaces();
	}

	/** The day groups of the current filter, newest first. */
	groups(now: Date): HistoryGroup[] {
		return this.store.model.groups(now, this._filter);
	}

	/** The ids of one day group of the current filter, newest first. */
	idsOfDay(day: number): string[] {
		return this.store.model.idsOfDay(day, this._filter);
	}

	dayOfEntry(id: string): number | undefined {
		return this.store.model.dayOfEntry(id);
	}

	/** Signed in with another Space or project than the entry names: shown, never followed, refreshed or resent. */
	isUntrusted(entry: HistoryEntry): boolean {
		return this.profiles.some((p) => p.id === entry.profile.id && !sentWith(entry, p));
	}

	/** The signed-in profile a request for this entry goes with (src/history/entryRequests.ts). */
	async profileFor(entry: HistoryEntry): Promise<Profile> {
		return profileForEntry(await this.credentials.profiles(), entry);
	}

	/** Resolves when every history line written so far is on disk (or failed). */
	flush(): Promise<void> {
		return this.store.flush();
	}

	/** Newest first (the current filter applies when `filter` is not given). */
	entries(filter: HistoryFilter = this._filter, limit?: number): HistoryEntry[] {
		return this.store.model.newestFirst(filter, limit);
	}

	/** Records a send (successful or not) and starts following its status. */
	async onSendFinished(outcome: SendOutcome): Promise<void> {
		await this.ready();
		if (this.isDisposed) {
			return;
		}
		const entry = entryOfOutcome(outcome, readSettings().statusFollowLimitMs > 0);
		const written = this.store.add(entry);
		this._onDidChange.fire({ kind: 'added', id: entry.id });
		if (entry.following) {
			this.follower.follow(entry.id);
		}
		try {
			await written;
		} catch (error) {
			this.logger.warn(`History: could not save the message to ${this.file}: ${describeError(error)}`);
		}
	}

	/** Fetches the message now, records it, and follows it again if it is not final. */
	async refreshStatus(id: string): Promise<HistoryEntry | undefined> {
		await this.ready();
		return this.follower.refresh(id);
	}

	/** Deletes entries in every window. */
	async delete(ids: readonly string[]): Promise<number> {
		await this.ready();
		for (const id of ids) {
			this.follower.stop(id);
		}
		const removed = await this.store.remove(ids);
		this._onDidChange.fire({ kind: 'reset' });
		return removed;
	}

	/** Removes every entry (in every window). */
	async clear(): Promise<number> {
		await this.ready();
		for (const id of this.follower.following) {
			this.follower.stop(id);
		}
		const removed = await this.store.clear();
		this._onDidChange.fire({ kind: 'reset' });
		return removed;
	}

	/** Reads other windows' changes now and redraws. */
	async reload(): Promise<void> {
		if (!this.loading) {
			await this.ready();
			return;
		}
		await this.ready();
		try {
			await this.store.sync();
		} catch (error) {
			this.logger.warn(`History: could not read ${this.file}: ${describeError(error)}`);
		}
		this._onDidChange.fire({ kind: 'reset' });
	}

	/** The history as JSON (every entry, newest first). */
	async exportJson(filter: HistoryFilter = {}): Promise<string> {
		await this.ready();
		return exportJson(this.store.model, new Date(), filter);
	}

	// --- internals ----------------------------------------------------------------------------

	private async readProfiles(): Promise<void> {
		try {
			this.profiles = await this.credentials.profiles();
		} catch (error) {
			this.logger.warn(`History: could not read the signed-in Spaces: ${describeError(error)}`);
		}
	}

	private async load(): Promise<void> {
		await this.readProfiles();
		const settings = readSettings();
		this.store.setMaxEntries(settings.historyMaxEntries);
		try {
			const report = await this.store.load();
			this._lastLoad = report;
			this.logger.info(
				`History: ${report.entries} messages loaded from ${this.file} in ${report.elapsedMs.toFixed(1)} ms.`,
			);
			if (report.corruptLines > 0) {
				reportHistoryDamage(report, this.file, this.logger, this.notify);
			}
		} catch (error) {
			this.logger.error(`History: could not read ${this.file}: ${describeError(error)}`);
			if (this.notify) {
				void vscode.window.showWarningMessage(
					vscode.l10n.t('The SignalWire message history could not be read: {0}', describeError(error)),
				);
			}
		}
		if (this.isDisposed) {
			return;
		}
		this.verifying = verifyEntries(this.store, this.file, this.logger, this.notify).then((found) => {
			if (found) {
				this._lastLoad = this._lastLoad && {
					...this._lastLoad,
					...found,
					corruptLines: this._lastLoad.corruptLines + found.corruptLines,
				};
				this._onDidChange.fire({ kind: 'reset' });
			}
		});
		if (this.watchFile) {
			this.watcher = this.store.watch(
				(changes) => this.onExternalChanges(changes),
				(error) => this.logger.warn(`History: could not read other windows' changes: ${describeError(error)}`),
			);
		}
		for (const id of this.store.model.followingIds()) {
			this.follower.start(id);
		}
	}

	private onExternalChanges(changes: StoreChange[]): void {
		const change = historyChangeOf(changes);
		if (change) {
			this._onDidChange.fire(change);
		}
	}

	/** Where the request goes and with which token: the signed-in profile, never the entry. */
	private async fetchMessage(entry: HistoryEntry): Promise<Message> {
		const sid = messageSidOf(entry);
		return (await this.clients.clientFor(await this.profileFor(entry))).getMessage(sid);
	}

	/**
	 * A message of a followed entry, fetched or told by a status callback (src/webhooks/historyCallbacks.ts):
	 * recorded if its status changed or it settled.
	 */
	onFollowedMessage(id: string, message: Message, settled: boolean): Promise<void> {
		return this.follower.onMessage(id, message, settled);
	}
}
