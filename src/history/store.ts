/**
 * The history file: an append-only journal of JSON lines in the extension's global storage,
 * shared by every window. No `vscode` import (unit-tested with several instances on one file).
 *
 * - Recording appends one line (`\n{record}\n`, one `write` on an `O_APPEND` descriptor, so lines of
 *   concurrent writers never interleave; the leading newline ends a line left half-written by a
 *   crash). Cost: a few system calls, independent of the history's size.
 * - Each window applies its own records in memory at once and reads the others' by following the
 *   file from the last offset it read (lines carry the writer's id, so it skips its own).
 * - Compaction (a snapshot of the model, written to a temporary file and renamed over the journal)
 *   runs under a lock directory (`mkdir` is atomic; a lock older than `lockStaleMs` is broken).
 *   A writer that appended to the replaced file notices (its descriptor's inode is no longer the
 *   path's) and appends again; the compactor also copies whatever reached the old file after it
 *   read it. Records are idempotent, so a line written twice does no harm.
 * - A damaged file (garbage, a line cut short) is copied aside as a backup, the readable records
 *   are kept, and the file is rewritten clean.
 */
import { randomInt, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { HistoryModel, parseJournal, serializeRecord, shouldCompact, type EntryPatch, type HistoryEntry, type JournalParse, type JournalRecord } from './model';

export const HISTORY_FILE_NAME = 'history.jsonl';

export interface HistoryStoreOptions {
	/** The journal (`…/globalStorage/<extension>/history.jsonl`). Its folder is created on load. */
	file: string;
	maxEntries: number;
	/** A lock directory older than this is left over by a crash and is broken. Default 10000. */
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
			const report: LoadReport = {
				entries: this.model.size,
				lines: parse.lines,
				corruptLines: parse.corruptLines,
				truncated: parse.truncated,
				compacted: false,
				elapsedMs: 0,
			};
			if (parse.corruptLines > 0) {
				const result = await this.compactLocked(true);
				report.compacted = result.compacted;
				if (result.backupFile) {
					report.backupFile = result.backupFile;
				}
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

	/** Removes every entry created at or before `at` (default: now), in every window. */
	async clear(at = Date.now()): Promise<number> {
		const removed = this.model.clear(at);
		await this.write({ op: 'clear', at });
		return removed;
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
		return this.exclusive(async () => (shouldCompact(this.lines, this.model.size) ? (await this.compactLocked(false)).compacted : false));
	}

	/** Rewrites the file as a snapshot of the model (under the lock). Resolves false if the lock was busy. */
	compact(): Promise<boolean> {
		return this.exclusive(async () => (await this.compactLocked(false)).compacted);
	}

	/**
	 * Calls `onChange` when other windows change the file (debounced). `fs.watch` on the folder
	 * (a compaction renames a new file in); polling every 2 s where watching is not available.
	 */
	watch(onChange: (changes: StoreChange[]) => void, onError: (error: unknown) => void = () => undefined, debounceMs = 100): { dispose(): void } {
		const base = path.basename(this.file);
		let timer: ReturnType<typeof setTimeout> | undefined;
		let interval: ReturnType<typeof setInterval> | undefined;
		let watcher: fs.FSWatcher | undefined;
		let disposed = false;
		const run = async () => {
			try {
				const changes = await this.sync();
				if (!disposed && changes.length > 0) {
					onChange(changes);
				}
				if (!disposed) {
					await this.maybeCompact();
				}
			} catch (error) {
				onError(error);
			}
		};
		const trigger = () => {
			if (disposed) {
				return;
			}
			clearTimeout(timer);
			timer = setTimeout(() => void run(), debounceMs);
		};
		const poll = () => {
			watcher?.close();
			watcher = undefined;
			if (!interval && !disposed) {
				interval = setInterval(trigger, 2_000);
				interval.unref?.();
			}
		};
		try {
			watcher = fs.watch(path.dirname(this.file), { persistent: false }, (_event, name) => {
				if (!name || name.toString() === base) {
					trigger();
				}
			});
			watcher.on('error', poll);
		} catch {
			poll();
		}
		return {
			dispose: () => {
				disposed = true;
				clearTimeout(timer);
				clearInterval(interval);
				watcher?.close();
			},
		};
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
		const written = this.writeChain.then(() => this.appendLine(line));
		this.writeChain = written.catch(() => undefined);
		return written;
	}

	/** One `write` on an O_APPEND descriptor; again if the file was replaced meanwhile. */
	private async appendLine(data: Buffer): Promise<void> {
		for (let attempt = 0; ; attempt++) {
			const handle = await fsp.open(this.file, 'a');
			let replaced = false;
			try {
				const { bytesWritten } = await handle.write(data, 0, data.length, null);
				if (bytesWritten !== data.length) {
					throw new Error(`Only ${bytesWritten} of ${data.length} bytes were written to ${this.file}.`);
				}
				const [mine, current] = await Promise.all([handle.stat(), fsp.stat(this.file).catch(() => undefined)]);
				replaced = current === undefined || current.ino !== mine.ino;
			} finally {
				await handle.close();
			}
			if (!replaced || attempt >= 3) {
				return;
			}
		}
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
		const release = await acquireLock(this.lockDir, this.lockStaleMs, this.lockTimeoutMs);
		if (!release) {
			return { compacted: false };
		}
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
					const damage = new HistoryModel(this.model.maxEntries).load(buffer.toString('utf8'));
					if (damage.corruptLines > 0) {
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
			const temporary = `${this.file}.${this.writerId}.tmp`;
			await fsp.writeFile(temporary, text);
			await fsp.rename(temporary, this.file);
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
			await release();
		}
		// Read what was appended since (the copied lines, others' new lines).
		await this.syncLocked();
		return { compacted: true, ...(backupFile ? { backupFile } : {}) };
	}
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function isNotFound(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

async function readWhole(file: string): Promise<{ buffer: Buffer; ino: number | undefined }> {
	let handle: fsp.FileHandle;
	try {
		handle = await fsp.open(file, 'r');
	} catch (error) {
		if (isNotFound(error)) {
			return { buffer: Buffer.alloc(0), ino: undefined };
		}
		throw error;
	}
	try {
		const stat = await handle.stat();
		return { buffer: await readRange(handle, 0, stat.size), ino: stat.ino };
	} finally {
		await handle.close();
	}
}

/** Bytes [start, end) of a file; with end = Infinity, up to its current end. */
async function readRange(handle: fsp.FileHandle, start: number, end: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let position = start;
	const chunkSize = Number.isFinite(end) ? Math.max(0, end - start) : 64 * 1024;
	if (chunkSize === 0) {
		return Buffer.alloc(0);
	}
	for (;;) {
		const want = Number.isFinite(end) ? Math.min(chunkSize, end - position) : chunkSize;
		if (want <= 0) {
			break;
		}
		const buffer = Buffer.allocUnsafe(want);
		const { bytesRead } = await handle.read(buffer, 0, want, position);
		if (bytesRead === 0) {
			break;
		}
		chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
		position += bytesRead;
	}
	return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** `…/history.jsonl` → `…/history.corrupt-2025-01-06T12-00-00-000Z.jsonl`. */
export function backupPath(file: string, now = new Date()): string {
	const ext = path.extname(file);
	const stem = file.slice(0, file.length - ext.length);
	return `${stem}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}${ext}`;
}

/**
 * Takes the lock directory (`mkdir` fails if it exists). Breaks a lock older than `staleMs` (a
 * crashed window's). Resolves to the release function, or undefined after `timeoutMs`.
 */
export async function acquireLock(lockDir: string, staleMs: number, timeoutMs: number): Promise<(() => Promise<void>) | undefined> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await fsp.mkdir(lockDir);
			return async () => {
				await fsp.rm(lockDir, { recursive: true, force: true }).catch(() => undefined);
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}
		}
		try {
			const stat = await fsp.stat(lockDir);
			if (Date.now() - stat.mtimeMs > staleMs) {
				// Rename first: of several windows breaking the same stale lock, only one succeeds.
				const broken = `${lockDir}.stale-${randomUUID()}`;
				await fsp.rename(lockDir, broken);
				await fsp.rm(broken, { recursive: true, force: true });
				continue;
			}
		} catch {
			continue; // released (or broken) meanwhile: try again at once
		}
		if (Date.now() >= deadline) {
			return undefined;
		}
		await delay(10 + randomInt(20));
	}
}
