/**
 * The history feature: records every send (a {@link SendListener}), keeps the journal in global
 * storage, follows delivery statuses, and feeds the tree view. Nothing happens at construction:
 * the file is read, watched and unfinished messages are followed again on the first `ready()`
 * (the view asking for its root, or the first send).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../config';
import type { ClientProvider } from '../credentials/clientProvider';
import { describeError } from '../send/errorPresentation';
import type { SendListener } from '../send/messageSender';
import type { SendOutcome } from '../send/outcome';
import { isSignalWireApiError, isSpaceUrlError } from '../signalwire/errors';
import type { Message } from '../core/types';
import { Disposable } from '../util/disposable';
import type { Logger } from '../util/logger';
import { HistoryTreeProvider } from './historyTreeProvider';
import { exportJson, isSettled, type HistoryEntry, type HistoryFilter } from './model';
import { StatusFollower, type FollowStopReason, type FollowTiming } from './statusFollower';
import { HISTORY_FILE_NAME, HistoryStore, type LoadReport, type StoreChange } from './store';

/** What changed: one entry (added or updated), or anything (reload, delete, clear, filter). */
export type HistoryChange = { kind: 'added'; id: string } | { kind: 'updated'; id: string } | { kind: 'reset' };

export interface HistoryServiceOptions {
	/** `context.globalStorageUri.fsPath`: the journal is `history.jsonl` in it. */
	storageDir: string;
	clients: Pick<ClientProvider, 'clientFor'>;
	logger: Logger;
	/** Back-off of status following (tests: e.g. `{ initialDelayMs: 50, maxDelayMs: 200 }`). */
	followTiming?: Partial<FollowTiming>;
	/** Watch the file for other windows' changes. Default true. */
	watch?: boolean;
	/** Shows warnings (a damaged file) as notifications. Default true. */
	notify?: boolean;
}

export class HistoryService extends Disposable implements SendListener {
	/** The journal file. */
	readonly file: string;
	readonly store: HistoryStore;
	readonly provider: HistoryTreeProvider;
	private readonly follower: StatusFollower;
	private readonly logger: Logger;
	private readonly clients: Pick<ClientProvider, 'clientFor'>;
	private readonly watchFile: boolean;
	private readonly notify: boolean;
	private loading: Promise<void> | undefined;
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
		this.watchFile = options.watch ?? true;
		this.notify = options.notify ?? true;
		// The bound is read again on load and when the setting changes.
		this.store = new HistoryStore({ file: this.file, maxEntries: 1000 });
		this.follower = new StatusFollower({
			get: (id) => this.store.model.get(id),
			fetch: (entry) => this.fetchMessage(entry),
			onMessage: (id, message, settled) => this.onFollowedMessage(id, message, settled),
			onStop: (id, reason, error) => this.onFollowStopped(id, reason, error),
			limitMs: () => readSettings().statusFollowLimitMs,
			isFatal: isFatalFetchError,
			onRetry: (id, error) => this.logger.debug(`History: fetching the status of ${id} failed, trying again later: ${describeError(error)}`),
			...(options.followTiming ? { timing: options.followTiming } : {}),
		});
		this.register({ dispose: () => this.follower.dispose() });
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
		this.provider = this.register(new HistoryTreeProvider(this));
	}

	/** Loads the history once (later calls wait for the same load). Never rejects. */
	ready(): Promise<void> {
		this.loading ??= this.load();
		return this.loading;
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
		this._onDidChange.fire({ kind: 'reset' });
	}

	/** Changes the status-following back-off from now on (tests). */
	setFollowTiming(timing: Partial<FollowTiming>): void {
		this.follower.setTiming(timing);
	}

	isFollowing(id: string): boolean {
		return this.follower.isFollowing(id);
	}

	get(id: string): HistoryEntry | undefined {
		return this.store.model.get(id);
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
		const entry: HistoryEntry = {
			id: outcome.id,
			profile: { id: outcome.profile.id, spaceUrl: outcome.profile.spaceUrl, projectId: outcome.profile.projectId },
			params: outcome.params,
			...(outcome.message ? { message: outcome.message } : {}),
			...(outcome.error ? { error: outcome.error } : {}),
			createdAt: outcome.startedAt,
			updatedAt: outcome.finishedAt,
		};
		if (!isSettled(entry) && readSettings().statusFollowLimitMs > 0) {
			entry.following = true;
		}
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
		const entry = this.store.model.get(id);
		if (!entry?.message) {
			return entry;
		}
		const message = await this.fetchMessage(entry);
		const settled = isSettled({ ...entry, message });
		await this.store.update(id, { message, following: !settled, updatedAt: Math.max(Date.now(), entry.updatedAt) });
		this.logStatus(entry, message);
		this._onDidChange.fire({ kind: 'updated', id });
		if (!settled) {
			this.startFollowing(id);
		}
		return this.store.model.get(id);
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
		const removed = await this.store.clear(Date.now());
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

	override dispose(): void {
		// Entries still followed keep `following: true` on disk: the next start resumes them.
		super.dispose();
	}

	// --- internals ----------------------------------------------------------------------------

	private async load(): Promise<void> {
		const settings = readSettings();
		this.store.setMaxEntries(settings.historyMaxEntries);
		try {
			const report = await this.store.load();
			this._lastLoad = report;
			this.logger.info(`History: ${report.entries} messages loaded from ${this.file} in ${report.elapsedMs.toFixed(1)} ms.`);
			if (report.corruptLines > 0) {
				this.reportDamage(report);
			}
		} catch (error) {
			this.logger.error(`History: could not read ${this.file}: ${describeError(error)}`);
			if (this.notify) {
				void vscode.window.showWarningMessage(vscode.l10n.t('The SignalWire message history could not be read: {0}', describeError(error)));
			}
		}
		if (this.isDisposed) {
			return;
		}
		if (this.watchFile) {
			this.watcher = this.store.watch(
				(changes) => this.onExternalChanges(changes),
				(error) => this.logger.warn(`History: could not read other windows' changes: ${describeError(error)}`),
			);
		}
		for (const id of this.store.model.followingIds()) {
			this.startFollowing(id);
		}
	}

	private reportDamage(report: LoadReport): void {
		const where = report.backupFile ? path.basename(report.backupFile) : undefined;
		this.logger.warn(
			`History: ${report.corruptLines} unreadable line(s) in ${this.file} were skipped` +
				(report.backupFile ? `; the damaged file was kept as ${report.backupFile}.` : '.'),
		);
		if (!this.notify) {
			return;
		}
		const message = where
			? vscode.l10n.t('The SignalWire message history was damaged: {0} unreadable line(s) were skipped and the rest was kept. The damaged file was saved as {1}.', report.corruptLines, where)
			: vscode.l10n.t('The SignalWire message history was damaged: {0} unreadable line(s) were skipped and the rest was kept.', report.corruptLines);
		const showOutput = vscode.l10n.t('Show Output');
		void vscode.window.showWarningMessage(message, showOutput).then((choice) => {
			if (choice === showOutput) {
				this.logger.show();
			}
		});
	}

	private onExternalChanges(changes: StoreChange[]): void {
		for (const change of changes) {
			if (change === 'reset') {
				this._onDidChange.fire({ kind: 'reset' });
				return;
			}
		}
		for (const change of changes) {
			if (change !== 'reset') {
				this._onDidChange.fire({ kind: 'added', id: change.id });
			}
		}
	}

	/** Follows an entry; if it cannot be followed (settled, too old, limit 0), records that. */
	private startFollowing(id: string): void {
		if (this.follower.follow(id)) {
			return;
		}
		const entry = this.store.model.get(id);
		if (entry?.following) {
			void this.store.update(id, { following: false, updatedAt: Math.max(Date.now(), entry.updatedAt) }).then(
				() => this._onDidChange.fire({ kind: 'updated', id }),
				(error: unknown) => this.logger.warn(`History: could not save ${id}: ${describeError(error)}`),
			);
		}
	}

	private async fetchMessage(entry: HistoryEntry): Promise<Message> {
		const sid = entry.message?.sid;
		if (!sid) {
			throw new Error('This send has no message SID: the request failed before SignalWire created a message.');
		}
		const client = await this.clients.clientFor(entry.profile);
		return client.getMessage(sid);
	}

	async onFollowedMessage(id: string, message: Message, settled: boolean): Promise<void> {
		const entry = this.store.model.get(id);
		if (!entry) {
			return;
		}
		const previous = entry.message;
		const changed =
			!previous ||
			previous.status !== message.status ||
			previous.error_code !== message.error_code ||
			previous.price !== message.price ||
			previous.num_segments !== message.num_segments ||
			previous.date_sent !== message.date_sent;
		if (!changed && !settled) {
			return; // nothing new: no journal line
		}
		try {
			await this.store.update(id, { message, following: !settled, updatedAt: Math.max(Date.now(), entry.updatedAt) });
		} catch (error) {
			this.logger.warn(`History: could not save the status of ${message.sid}: ${describeError(error)}`);
		}
		this.logStatus(entry, message);
		this._onDidChange.fire({ kind: 'updated', id });
	}

	private async onFollowStopped(id: string, reason: FollowStopReason, error?: unknown): Promise<void> {
		const entry = this.store.model.get(id);
		if (reason === 'error') {
			this.logger.warn(`History: stopped following ${entry?.message?.sid ?? id}: ${describeError(error)}`);
		} else if (reason === 'time-limit') {
			this.logger.info(`History: stopped following ${entry?.message?.sid ?? id} after the time limit (status ${entry?.message?.status ?? '?'}).`);
		}
		if (entry?.following) {
			try {
				await this.store.update(id, { following: false, updatedAt: Math.max(Date.now(), entry.updatedAt) });
			} catch (saveError) {
				this.logger.warn(`History: could not save ${id}: ${describeError(saveError)}`);
			}
			this._onDidChange.fire({ kind: 'updated', id });
		}
	}

	private logStatus(entry: HistoryEntry, message: Message): void {
		if (entry.message?.status !== message.status) {
			const code = message.error_code ? ` (error ${message.error_code})` : '';
			this.logger.info(`Status of ${message.sid} to ${message.to}: ${message.status}${code}`);
		}
	}
}

/** Fetching again will not help: signed out, a 4xx other than 429 (401, 404…), a bad Space URL. */
export function isFatalFetchError(error: unknown): boolean {
	if (isSignalWireApiError(error)) {
		return error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus !== 429;
	}
	if (isSpaceUrlError(error)) {
		return true;
	}
	return (error as { kind?: unknown } | undefined)?.kind === 'not-signed-in';
}
