/**
 * The lock that lets one window at a time compact the history file: a directory (`mkdir` is
 * atomic) holding an `owner` file with a random token. No `vscode` import.
 *
 * - The holder refreshes the directory's time while it holds the lock, so a slow compaction is
 *   not taken for a crashed one; a lock not refreshed for `staleMs` is broken by the next window.
 * - A holder asks {@link FileLock.isHeld} before its commit (the rename): if the lock was broken
 *   meanwhile (it stalled past `staleMs`), it gives up instead of committing beside the new holder.
 * - Release removes the directory only while its owner token is still this holder's: a holder
 *   whose lock was broken never removes the next holder's lock.
 */
import { randomInt, randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

const OWNER_FILE = 'owner';

export interface FileLock {
	/** This holder's token (in the lock directory's `owner` file). */
	readonly token: string;
	/** Whether the lock directory still names this holder. */
	isHeld(): Promise<boolean>;
	/** Stops refreshing and removes the lock if it is still this holder's. */
	release(): Promise<void>;
}

export interface LockOptions {
	/** A lock not refreshed for this long was left by a crash, and is broken. */
	staleMs: number;
	/** Give up waiting after this long (resolves undefined). */
	timeoutMs: number;
	/** How often the holder refreshes the lock. Default a third of `staleMs`. */
	refreshMs?: number;
}

/** Takes the lock directory, breaking a stale one. Resolves to the lock, or undefined after `timeoutMs`. */
export async function acquireLock(lockDir: string, options: LockOptions): Promise<FileLock | undefined> {
	const deadline = Date.now() + options.timeoutMs;
	for (;;) {
		const token = randomUUID();
		if (await tryCreate(lockDir, token)) {
			return holdLock(lockDir, token, options.refreshMs ?? Math.max(10, Math.floor(options.staleMs / 3)));
		}
		if (await breakIfStale(lockDir, options.staleMs)) {
			continue;
		}
		if (Date.now() >= deadline) {
			return undefined;
		}
		await delay(10 + randomInt(20));
	}
}

async function tryCreate(lockDir: string, token: string): Promise<boolean> {
	try {
		await fsp.mkdir(lockDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			return false;
		}
		throw error;
	}
	try {
		await fsp.writeFile(path.join(lockDir, OWNER_FILE), token);
	} catch (error) {
		await fsp.rm(lockDir, { recursive: true, force: true }).catch(() => undefined); // not left half-made
		throw error;
	}
	return true;
}

async function readOwner(lockDir: string): Promise<string | undefined> {
	try {
		return await fsp.readFile(path.join(lockDir, OWNER_FILE), 'utf8');
	} catch {
		return undefined;
	}
}

/**
 * Breaks the lock if it was not refreshed for `staleMs`. True if it is gone now (broken here or
 * released meanwhile): the caller tries to take it at once.
 */
async function breakIfStale(lockDir: string, staleMs: number): Promise<boolean> {
	let seenOwner: string | undefined;
	try {
		seenOwner = await readOwner(lockDir);
		const stat = await fsp.stat(lockDir);
		if (Date.now() - stat.mtimeMs <= staleMs) {
			return false;
		}
	} catch {
		return true; // released (or broken) meanwhile
	}
	// Rename first: of several windows breaking the same stale lock, only one succeeds.
	const broken = `${lockDir}.stale-${randomUUID()}`;
	try {
		await fsp.rename(lockDir, broken);
	} catch {
		return true;
	}
	if ((await readOwner(broken)) !== seenOwner) {
		// Between the look and the rename, the stale lock was broken and taken by another window:
		// this rename took that fresh lock. Give it back (its holder checks before committing).
		await fsp.rename(broken, lockDir).catch(() => undefined);
		await fsp.rm(broken, { recursive: true, force: true }).catch(() => undefined);
		return false;
	}
	await fsp.rm(broken, { recursive: true, force: true }).catch(() => undefined);
	return true;
}

function holdLock(lockDir: string, token: string, refreshMs: number): FileLock {
	const isHeld = async () => (await readOwner(lockDir)) === token;
	const refresh = setInterval(() => {
		void isHeld().then(async (held) => {
			if (held) {
				const now = new Date();
				await fsp.utimes(lockDir, now, now).catch(() => undefined);
			} else {
				clearInterval(refresh);
			}
		});
	}, refreshMs);
	refresh.unref?.();
	return {
		token,
		isHeld,
		release: async () => {
			clearInterval(refresh);
			if (!(await isHeld())) {
				return; // broken by another window, which may hold it now: not ours to remove
			}
			const released = `${lockDir}.released-${token}`;
			try {
				await fsp.rename(lockDir, released);
			} catch {
				return;
			}
			await fsp.rm(released, { recursive: true, force: true }).catch(() => undefined);
		},
	};
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
