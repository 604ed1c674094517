/**
 * Compaction of the history journal (src/history/store.ts): the model written as a new file (a
 * temporary file, fsynced and renamed over the journal) under the lock (src/history/lock.ts), a
 * damaged file first copied aside, and whatever other windows appended to the old file meanwhile
 * carried over. No `vscode` import.
 */
import * as fsp from 'node:fs/promises';
import {
	backupPath,
	isNotFound,
	readRange,
	removeStaleTemporaries,
	renameSynced,
	temporaryPath,
	writeSynced,
} from './journalFile';
import { acquireLock } from './lock';
import { modelFromJournal, type HistoryModel } from './model';

/** Where one store stands in the journal; the store and its compaction both move it. */
export interface JournalCursor {
	/** Inode of the file the offset belongs to (a compaction replaces the file). */
	ino: number | undefined;
	/** Bytes of the file already applied (always just after a newline). */
	offset: number;
	/** Non-empty lines in the file, as far as this instance knows (for compaction). */
	lines: number;
}

/** The store being compacted (run inside its one-at-a-time I/O chain). */
export interface CompactionTarget {
	readonly file: string;
	readonly writerId: string;
	readonly model: HistoryModel;
	readonly cursor: JournalCursor;
	readonly lock: { dir: string; staleMs: number; timeoutMs: number };
	/** A file created after the store last read (none was there): follow it from its start. */
	adopt(ino: number): void;
	/** Applies other windows' records of a piece of journal. */
	applyForeign(text: string): void;
	/** Reads the whole file again (another window replaced it). */
	fullReload(): Promise<unknown>;
	/** Reads what was appended since the last read. */
	sync(): Promise<unknown>;
}

export interface CompactionResult {
	compacted: boolean;
	/** Where the damaged file was copied (with `backup`, when it was damaged). */
	backupFile?: string;
}

/**
 * Writes the model as a new file under the lock. With `backup`, a damaged file is first copied
 * aside. Skipped (compacted: false) when the lock is busy, or when the end of the file is a
 * line still being written.
 */
export async function compactJournal(target: CompactionTarget, backup: boolean): Promise<CompactionResult> {
	const { file, cursor, model } = target;
	const lock = await acquireLock(target.lock.dir, { staleMs: target.lock.staleMs, timeoutMs: target.lock.timeoutMs });
	if (!lock) {
		return { compacted: false };
	}
	await removeStaleTemporaries(file, target.lock.staleMs);
	let backupFile: string | undefined;
	let oldHandle: fsp.FileHandle | undefined;
	try {
		try {
			oldHandle = await fsp.open(file, 'r');
		} catch (error) {
			if (!isNotFound(error)) {
				throw error;
			}
		}
		let readTo = 0;
		if (oldHandle) {
			const stat = await oldHandle.stat();
			target.adopt(stat.ino);
			if (stat.ino !== cursor.ino) {
				// Another window compacted since this one read: catch up instead.
				await oldHandle.close();
				oldHandle = undefined;
				await target.fullReload();
				return { compacted: false };
			}
			const buffer = await readRange(oldHandle, 0, stat.size);
			const end = buffer.lastIndexOf(0x0a) + 1;
			if (end > cursor.offset) {
				// Others' lines not applied yet: the snapshot must include them.
				const unseen = buffer.subarray(cursor.offset, end).toString('utf8');
				cursor.offset = end;
				target.applyForeign(unseen);
			}
			if (backup) {
				if (modelFromJournal(buffer.toString('utf8'), model.maxEntries).parse.corruptLines > 0) {
					backupFile = backupPath(file);
					await fsp.writeFile(backupFile, buffer);
				}
				readTo = stat.size; // a cut-short last line is damage, not carried over
			} else if (end !== stat.size) {
				return { compacted: false }; // a line is being written: another time
			} else {
				readTo = stat.size;
			}
		}
		const text = model.toJournal();
		const temporary = temporaryPath(file, target.writerId);
		await writeSynced(temporary, text);
		if (!(await lock.isHeld())) {
			// Stalled past the stale time: another window broke the lock and may be compacting.
			await fsp.rm(temporary, { force: true });
			return { compacted: false };
		}
		await renameSynced(temporary, file);
		const stat = await fsp.stat(file);
		cursor.ino = stat.ino;
		cursor.offset = Buffer.byteLength(text);
		cursor.lines = text.split('\n').length - 1;
		if (oldHandle) {
			// Whatever other writers appended to the old file after it was read.
			const extra = await readRange(oldHandle, readTo, Number.POSITIVE_INFINITY);
			if (extra.length > 0) {
				const tail = extra[extra.length - 1] === 0x0a ? extra : Buffer.concat([extra, Buffer.from('\n')]);
				await fsp.appendFile(file, Buffer.concat([Buffer.from('\n'), tail]));
			}
		}
	} finally {
		await oldHandle?.close().catch(() => undefined);
		await lock.release();
	}
	// Read what was appended since (the copied lines, others' new lines).
	await target.sync();
	return { compacted: true, ...(backupFile ? { backupFile } : {}) };
}
