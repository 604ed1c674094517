/**
 * The history file: an append-only journal of JSON lines in the extension's global storage,
 * shared by every window. No `vscode` import (unit-tested with several instances on one file).
 *
 * - Recording appends one line (`\n{record}\n`, one `write` on an `O_APPEND` descriptor, so lines of
 *   concurrent writers never interleave; the leading newline ends a line left half-written by a
 *   crash). Cost: a few system calls, independent of the history's size.
 * - Each window applies its own records in memory at once and reads the others' by following the
 *   file from the last offset it read (lines carry the writer's id, so it skips its own).
 * - Compaction (a snapshot of the model, written to a temporary file, fsynced and renamed over the
 *   journal) runs under a lock (src/history/lock.ts: an owner token, refreshed while held, broken
 *   when not refreshed for `lockStaleMs`); temporary files left by a crashed compaction are removed.
 *   A writer that appended to the replaced file notices (its descriptor's inode is no longer the
 *   path's) and appends again; the compactor also copies whatever reached the old file after it
 *   read it. Records are idempotent, so a line written twice does no harm.
 * - A damaged file (garbage, a line cut short) is copied aside as a backup, the readable records
 *   are kept, and the file is rewritten clean.
 */
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { EntryPatch, HistoryEntry } from './entry';
import { parseJournal, serializeRecord, shouldCompact, type JournalParse, type JournalRecord } from './journal';
import {
	appendLine,
	backupPath,
	delay,
	isNotFound,
	readRange,
	readWhole,
	removeStaleTemporaries,
	renameSynced,
	temporaryPath,
	writeSynced,
} from './journalFile';
import { watchJournal } from './journalWatcher';
import { acquireLock } from './lock';
import { HistoryModel, modelFromJournal } from './model';

export const HISTORY_FILE_NAME = 'history.jsonl';

export interface HistoryStoreOptions {
	/** The journal (`…/globalStorage/<extension>/history.jsonl`). Its folder is created on load. */
	file: string;
	maxEntries: number;
	/** A lock not refreshed for this long is left over by a crash and is broken. Default 10000. */
	lockStaleMs?: number;
	/** Give up waiting for the lock after this long (compaction is then skipped). Default 3000. */
	lockTimeoutMs?: number;
}

/** What loading found. */
export interface LoadReport {
	entries: number;
	lines: number;
	corruptLines: number;
	truncated: boolean;
	/** Where the damaged file was copied, when it was damaged. */
	backupFile?: string;
	compacted: boolean;
	/** Loading and applying the file took this long (ms). */
	elapsedMs: number;
}

/** What changed in the model: one entry, or anything (reload, delete, clear, dropped entries). */
export type StoreChange = { id: string } | 'reset';

export class HistoryStore {
	readonly model: HistoryModel;
	readonly file: string;
	/** Marks this instance's lines (a window). */
	readonly writerId = randomUUID();
	private readonly lockDir: string;
	private readonly lockStaleMs: number;
	private readonly lockTimeoutMs: number;
	/** Inode of the file the offset belongs to (a compaction replaces the file). */
	private ino: number | undefined;
	/** Bytes of the file already applied (always just after a newline). */
	private offset = 0;
	/** Non-empty lines in the file, as far as this instance knows (for compaction). */
	private lines = 0;
	/** Own appends, in order (an update must never land before its add). */
	private writeChain: Promise<void> = Promise.resolve();
	/** Loads, syncs and compactions, one at a time. */
	private ioChain: Promise<unknown> = Promise.resolve();
	/** Own records made while a full reload runs: applied again after it. */
	private replay: JournalRecord[] | undefined;

	constructor(options: HistoryStoreOptions) {
		this.file = options.file;
		this.model = new HistoryModel(options.maxEntries);
		this.lockDir = `${options.file}.lock`;
		this.lockStaleMs = options.lockStaleMs ?? 10_000;
		this.lockTimeoutMs = options.lockTimeoutMs ?? 3_000;
	}

	/**
	 * Reads the whole file into the model (replacing what it held). A damaged file is backed up
	 * and rewritten; a journal with many dead lines is compacted. Never throws for damaged content
	 * (only for I/O errors such as permissions).
	 */
	load(): Promise<LoadReport> {
		return this.exclusive(async () => {
			const started = performance.now();
			await fsp.mkdir(path.dirname(this.file), { recursive: true });
			let parse = await this.fullReload();
			if (parse.truncated && parse.corruptLines === 1) {
				// Maybe another window's write in progress: look again before calling it damage.
				await delay(50);
				parse = await this.fullReload();
			}
			const { lines, corruptLines, truncated } = parse;
			const report: LoadReport = {
				entries: this.model.size,
				lines,
				corruptLines,
				truncated,
				compacted: false,
				elapsedMs: 0,
			};
			if (corruptLines > 0) {
				// Damage (garbage, a cut line, an entry that fails its checks): backed up, then rewritten.
				const { compacted, backupFile } = await this.compactLocked(true);
				Object.assign(report, { compacted }, backupFile ? { backupFile } : {});
			} else if (shouldCompact(parse.lines, this.model.size)) {
				report.compacted = (await this.compactLocked(false)).compacted;
			}
			report.entries = this.model.size;
			report.elapsedMs = performance.now() - started;
			return report;
		});
	}

	/** Records a new entry (in memory at once; the promise is the write). */
	add(entry: HistoryEntry): Promise<void> {
		const { added } = this.model.add(entry);
		return added ? this.write({ op: 'add', entry }) : Promise.resolve();
	}

	/** Updates an entry; resolves false (writing nothing) for an unknown id or a stale patch. */
	async update(id: string, patch: EntryPatch): Promise<boolean> {
		if (!this.model.update(id, patch)) {
			return false;
		}
		await this.write({ op: 'update', id, patch });
		return true;
	}

	async remove(ids: readonly string[]): Promise<number> {
		const removed = this.model.remove(ids);
		await this.write({ op: 'delete', ids: [...ids] });
		return removed.length;
	}

	/**
	 * Removes every entry present, in every window: the entries of other windows' lines read first,
	 * then the ids held are recorded (no clock: a send recorded after the clear stays, whatever its time).
	 */
	clear(): Promise<number> {
		return this.exclusive(async () => {
			await this.syncLocked().catch(() => undefined);
			const ids = this.model.clearAll();
			await this.write({ op: 'clear', ids });
			return ids.length;
		});
	}

	/**
	 * Parses and checks, whole, every entry the load read only the header of (run after the load,
	 * off the first paint). Damage is handled as at load: the file is backed up and rewritten.
	 */
	verify(): Promise<{ corruptLines: number; backupFile?: string }> {
		return this.exclusive(async () => {
			const corruptLines = this.model.verify();
			if (corruptLines === 0) {
				return { corruptLines };
			}
			const { backupFile } = await this.compactLocked(true);
			return { corruptLines, ...(backupFile ? { backupFile } : {}) };
		});
	}

	/** Changes the bound (the oldest entries go). */
	setMaxEntries(maxEntries: number): number {
		return this.model.setMaxEntries(maxEntries).length;
	}

	/** Resolves when every write made so far is on disk (or failed). */
	flush(): Promise<void> {
		return this.writeChain;
	}

	/**
	 * Applies what other windows appended since the last read, or reloads the file when it was
	 * replaced (compacted) or shortened. Returns what changed.
	 */
	sync(): Promise<StoreChange[]> {
		return this.exclusive(() => this.syncLocked());
	}

	/** Compacts now if the journal holds many dead lines. Resolves true if it did. */
	maybeCompact(): Promise<boolean> {
		return this.exclusive(async () =>
			shouldCompact(this.lines, this.model.size) ? (await this.compactLocked(false)).compacted : false,
		);
	}

	/** Rewrites the file as a snapshot of the model (under the lock). Resolves false if the lock was busy. */
	compact(): Promise<boolean> {
		return this.exclusive(async () => (await this.compactLocked(false)).compacted);
	}

	/**
	 * Calls `onChange` when other windows change the file (debounced), then compacts if worth it.
	 * See src/history/journalWatcher.ts.
	 */
	watch(
		onChange: (changes: StoreChange[]) => void,
		onError: (error: unknown) => void = () => undefined,
		debounceMs = 100,
	): { dispose(): void } {
		return watchJournal(this, onChange, onError, debounceMs);
	}

	// --- internals ----------------------------------------------------------------------------

	private exclusive<T>(task: () => Promise<T>): Promise<T> {
		const result = this.ioChain.then(task, task);
		this.ioChain = result.catch(() => undefined);
		return result;
	}

	private write(record: JournalRecord): Promise<void> {
		this.replay?.push(record);
		this.lines++;
		const line = Buffer.from(`\n${serializeRecord(record, this.writerId)}\n`, 'utf8');
		const written = this.writeChain.then(() => appendLine(this.file, line));
		this.writeChain = written.catch(() => undefined);
		return written;
	}

	/** Reads the whole file and rebuilds the model from it (plus own records still being written). */
	private async fullReload(): Promise<JournalParse> {
		const drained = this.writeChain;
		this.replay = [];
		try {
			await drained;
			const { buffer, ino } = await readWhole(this.file);
			const end = buffer.lastIndexOf(0x0a) + 1;
			this.model.reset();
			const parse = this.model.load(buffer.toString('utf8'));
			for (const record of this.replay) {
				this.model.apply(record);
			}
			this.ino = ino;
			this.offset = end;
			this.lines = parse.lines;
			return parse;
		} finally {
			this.replay = undefined;
		}
	}

	private async syncLocked(): Promise<StoreChange[]> {
		let handle: fsp.FileHandle;
		try {
			handle = await fsp.open(this.file, 'r');
		} catch (error) {
			if (isNotFound(error) && this.ino !== undefined) {
				// The file was deleted: nothing is left.
				await this.fullReload();
				return ['reset'];
			}
			if (isNotFound(error)) {
				return [];
			}
			throw error;
		}
		try {
			const stat = await handle.stat();
			this.adopt(stat.ino);
			if (stat.ino !== this.ino || stat.size < this.offset) {
				await handle.close().catch(() => undefined);
				await this.fullReload();
				return ['reset'];
			}
			if (stat.size === this.offset) {
				return [];
			}
			const chunk = await readRange(handle, this.offset, stat.size);
			const end = chunk.lastIndexOf(0x0a) + 1;
			if (end === 0) {
				return [];
			}
			this.offset += end;
			return this.applyForeign(chunk.subarray(0, end).toString('utf8'));
		} finally {
			await handle.close().catch(() => undefined);
		}
	}

	/** A file created after this instance last read (none was there): follow it from its start. */
	private adopt(ino: number): void {
		if (this.ino === undefined && this.offset === 0) {
			this.ino = ino;
		}
	}

	/** Applies other windows' records of a piece of journal (own lines are in the model already). */
	private applyForeign(text: string): StoreChange[] {
		const parse = parseJournal(text);
		const changes: StoreChange[] = [];
		let foreign = parse.corruptLines;
		let reset = false;
		for (const record of parse.records) {
			if (record.w === this.writerId) {
				continue;
			}
			foreign++;
			const change = this.model.apply(record);
			if (change === 'reset') {
				reset = true;
			} else if (change) {
				changes.push(change);
			}
		}
		this.lines += foreign;
		return reset ? ['reset'] : changes;
	}

	/**
	 * Writes the model as a new file under the lock. With `backup`, a damaged file is first copied
	 * aside. Skipped (compacted: false) when the lock is busy, or when the end of the file is a
	 * line still being written.
	 */
	private async compactLocked(backup: boolean): Promise<{ compacted: boolean; backupFile?: string }> {
		const lock = await acquireLock(this.lockDir, { staleMs: this.lockStaleMs, timeoutMs: this.lockTimeoutMs });
		if (!lock) {
			return { compacted: false };
		}
		await removeStaleTemporaries(this.file, this.lockStaleMs);
		let backupFile: string | undefined;
		let oldHandle: fsp.FileHandle | undefined;
		try {
			try {
				oldHandle = await fsp.open(this.file, 'r');
			} catch (error) {
				if (!isNotFound(error)) {
					throw error;
				}
			}
			let readTo = 0;
			if (oldHandle) {
				const stat = await oldHandle.stat();
				this.adopt(stat.ino);
				if (stat.ino !== this.ino) {
					// Another window compacted since this one read: catch up instead.
					await oldHandle.close();
					oldHandle = undefined;
					await this.fullReload();
					return { compacted: false };
				}
				const buffer = await readRange(oldHandle, 0, stat.size);
				const end = buffer.lastIndexOf(0x0a) + 1;
				if (end > this.offset) {
					// Others' lines not applied yet: the snapshot must include them.
					const unseen = buffer.subarray(this.offset, end).toString('utf8');
					this.offset = end;
					this.applyForeign(unseen);
				}
				if (backup) {
					if (modelFromJournal(buffer.toString('utf8'), this.model.maxEntries).parse.corruptLines > 0) {
						backupFile = backupPath(this.file);
						await fsp.writeFile(backupFile, buffer);
					}
					readTo = stat.size; // a cut-short last line is damage, not carried over
				} else if (end !== stat.size) {
					return { compacted: false }; // a line is being written: another time
				} else {
					readTo = stat.size;
				}
			}
			const text = this.model.toJournal();
			const temporary = temporaryPath(this.file, this.writerId);
			await writeSynced(temporary, text);
			if (!(await lock.isHeld())) {
				// Stalled past the stale time: another window broke the lock and may be compacting.
				await fsp.rm(temporary, { force: true });
				return { compacted: false };
			}
			await renameSynced(temporary, this.file);
			const stat = await fsp.stat(this.file);
			this.ino = stat.ino;
			this.offset = Buffer.byteLength(text);
			this.lines = text.split('\n').length - 1;
			if (oldHandle) {
				// Whatever other writers appended to the old file after it was read.
				const extra = await readRange(oldHandle, readTo, Number.POSITIVE_INFINITY);
				if (extra.length > 0) {
					const tail = extra[extra.length - 1] === 0x0a ? extra : Buffer.concat([extra, Buffer.from('\n')]);
					await fsp.appendFile(this.file, Buffer.concat([Buffer.from('\n'), tail]));
				}
			}
		} finally {
			await oldHandle?.close().catch(() => undefined);
			await lock.release();
		}
		// Read what was appended since (the copied lines, others' new lines).
		await this.syncLocked();
		return { compacted: true, ...(backupFile ? { backupFile } : {}) };
	}
}
