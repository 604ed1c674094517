/**
 * The history file: an append-only journal of JSON lines in the extension's global storage,
 * shared by every window. No `vscode` import (unit-tested with several instances on one file).
 *
 * - Recording appends one line (`\n{record}\n`, one `write` on an `O_APPEND` descriptor, so lines of
 *   concurrent writers never interleave; the leading newline ends a line left half-written by a
 *   crash). Cost: a few system calls, independent of the history's size.
 * - Each window applies its own records in memory at once and reads the others' by following the
 *   file from the last offset it read (lines carry the writer's id, so it skips its own).
 * - Compaction (src/history/compaction.ts: a snapshot of the model, written to a temporary file,
 *   fsynced and renamed over the journal) runs under a lock (src/history/lock.ts: an owner token,
 *   refreshed while held, broken when not refreshed for `lockStaleMs`); temporary files left by a
 *   crashed compaction are removed.
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
import { compactJournal, type CompactionResult, type CompactionTarget, type JournalCursor } from './compaction';
import { appendLine, delay, isNotFound, readRange, readWhole } from './journalFile';
import { watchJournal } from './journalWatcher';
import { HistoryModel } from './model';

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
	/** Where this instance stands in the file (src/history/compaction.ts moves it too). */
	private readonly cursor: JournalCursor = { ino: undefined, offset: 0, lines: 0 };
	/** What the compaction (src/history/compaction.ts) works on. */
	private readonly compaction: CompactionTarget;
	/** Own appends, in order (an update must never land before its add). */
	private writeChain: Promise<void> = Promise.resolve();
	/** Loads, syncs and compactions, one at a time. */
	private ioChain: Promise<unknown> = Promise.resolve();
	/** Own records made while a full reload runs: applied again after it. */
	private replay: JournalRecord[] | undefined;

	constructor(options: HistoryStoreOptions) {
		this.file = options.file;
		this.model = new HistoryModel(options.maxEntries);
		this.compaction = {
			file: this.file,
			writerId: this.writerId,
			model: this.model,
			cursor: this.cursor,
			lock: {
				dir: `${options.file}.lock`,
				staleMs: options.lockStaleMs ?? 10_000,
				timeoutMs: options.lockTimeoutMs ?? 3_000,
			},
			adopt: (ino) => this.adopt(ino),
			applyForeign: (text) => this.applyForeign(text),
			fullReload: () => this.fullReload(),
			sync: () => this.syncLocked(),
		};
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
			shouldCompact(this.cursor.lines, this.model.size) ? (await this.compactLocked(false)).compacted : false,
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
		this.cursor.lines++;
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
			Object.assign(this.cursor, { ino, offset: end, lines: parse.lines });
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
			if (isNotFound(error) && this.cursor.ino !== undefined) {
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
			if (stat.ino !== this.cursor.ino || stat.size < this.cursor.offset) {
				await handle.close().catch(() => undefined);
				await this.fullReload();
				return ['reset'];
			}
			if (stat.size === this.cursor.offset) {
				return [];
			}
			const chunk = await readRange(handle, this.cursor.offset, stat.size);
			const end = chunk.lastIndexOf(0x0a) + 1;
			if (end === 0) {
				return [];
			}
			this.cursor.offset += end;
			return this.applyForeign(chunk.subarray(0, end).toString('utf8'));
		} finally {
			await handle.close().catch(() => undefined);
		}
	}

	/** A file created after this instance last read (none was there): follow it from its start. */
	private adopt(ino: number): void {
		if (this.cursor.ino === undefined && this.cursor.offset === 0) {
			this.cursor.ino = ino;
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
		this.cursor.lines += foreign;
		return reset ? ['reset'] : changes;
	}

	/** See src/history/compaction.ts. */
	private compactLocked(backup: boolean): Promise<CompactionResult> {
		return compactJournal(this.compaction, backup);
	}
}
