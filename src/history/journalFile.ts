/**
 * File operations of the history journal: reading a range of bytes, replacing the file durably
 * (write a temporary file, fsync it, rename it over, fsync the folder where the platform allows),
 * removing temporary files a crashed window left, and naming backups. No `vscode` import.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

export function isNotFound(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function readWhole(file: string): Promise<{ buffer: Buffer; ino: number | undefined }> {
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
export async function readRange(handle: fsp.FileHandle, start: number, end: number): Promise<Buffer> {
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

/** One `write` on an O_APPEND descriptor; again if the file was replaced meanwhile. */
export async function appendLine(file: string, data: Buffer): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		const handle = await fsp.open(file, 'a');
		let replaced = false;
		try {
			const { bytesWritten } = await handle.write(data, 0, data.length, null);
			if (bytesWritten !== data.length) {
				throw new Error(`Only ${bytesWritten} of ${data.length} bytes were written to ${file}.`);
			}
			const [mine, current] = await Promise.all([handle.stat(), fsp.stat(file).catch(() => undefined)]);
			replaced = current === undefined || current.ino !== mine.ino;
		} finally {
			await handle.close();
		}
		if (!replaced || attempt >= 3) {
			return;
		}
	}
}

/** The temporary file a writer replaces `file` from: `…/history.jsonl.<writer>.tmp`. */
export function temporaryPath(file: string, writerId: string): string {
	return `${file}.${writerId}.tmp`;
}

/** Writes `text` to `temporary` and fsyncs it (its bytes are on disk before any rename). */
export async function writeSynced(temporary: string, text: string): Promise<void> {
	const handle = await fsp.open(temporary, 'w');
	try {
		await handle.writeFile(text);
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
 * Renames `temporary` over `file`, then fsyncs the folder so the rename itself survives a power
 * cut. Folders cannot be opened for fsync on Windows: there the rename is left to the file system.
 */
export async function renameSynced(temporary: string, file: string): Promise<void> {
	await fsp.rename(temporary, file);
	if (process.platform === 'win32') {
		return;
	}
	try {
		const folder = await fsp.open(path.dirname(file), 'r');
		try {
			await folder.sync();
		} finally {
			await folder.close();
		}
	} catch {
		// Some file systems refuse to fsync a folder; the rename stands.
	}
}

/**
 * Removes temporary files of `file` (`<file>.<writer>.tmp`) not touched for `olderThanMs`: what a
 * window that crashed while compacting left. Returns how many it removed.
 */
export async function removeStaleTemporaries(file: string, olderThanMs: number, now = Date.now()): Promise<number> {
	const folder = path.dirname(file);
	const prefix = `${path.basename(file)}.`;
	let names: string[];
	try {
		names = await fsp.readdir(folder);
	} catch {
		return 0;
	}
	let removed = 0;
	for (const name of names) {
		if (!name.startsWith(prefix) || !name.endsWith('.tmp')) {
			continue;
		}
		const temporary = path.join(folder, name);
		try {
			const stat = await fsp.stat(temporary);
			if (stat.isFile() && now - stat.mtimeMs > olderThanMs) {
				await fsp.rm(temporary, { force: true });
				removed++;
			}
		} catch {
			// Renamed or removed meanwhile.
		}
	}
	return removed;
}

/** `…/history.jsonl` → `…/history.corrupt-2025-01-06T12-00-00-000Z.jsonl`. */
export function backupPath(file: string, now = new Date()): string {
	const ext = path.extname(file);
	const stem = file.slice(0, file.length - ext.length);
	return `${stem}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}${ext}`;
}
