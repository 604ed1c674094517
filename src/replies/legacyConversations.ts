/**
 * The one-time move of `conversations.json` (where replies and imported messages were kept before
 * the history journal held every message, src/replies/conversationProjection.ts) into the journal.
 * The old file is untrusted input (src/core/conversations.ts, parseKnownMessages). Under a lock
 * (src/history/lock.ts), so that two windows starting at once move it once:
 * - its messages are adopted by the journal, each SID once (marks kept: read, deleted, redacted);
 * - then it is renamed `conversations.json.migrated`;
 * - a damaged file (not JSON, or messages that fail their checks) is never dropped in silence: the
 *   readable messages are moved, the file is renamed to a backup (`conversations.corrupt-….json`)
 *   and the report says how many were skipped.
 * No `vscode` import: unit-tested in plain mocha.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { isInbound, parseKnownMessages, type KnownMessage } from '../core/conversations';
import type { Message } from '../core/types';
import type { EntryOrigin, HistoryProfile } from '../history/entry';
import { backupPath, isNotFound } from '../history/journalFile';
import { acquireLock } from '../history/lock';
import type { ReceivedExtras } from '../history/receivedEntries';

export const CONVERSATIONS_FILE_NAME = 'conversations.json';
export const MIGRATED_SUFFIX = '.migrated';

/** Where the messages go (src/history/receivedEntries.ts, ReceivedMessages.adopt). */
export interface LegacyTarget {
	adopt(
		profile: HistoryProfile,
		items: ReadonlyArray<{ message: Message; origin: EntryOrigin; extras: ReceivedExtras }>,
	): Promise<number>;
}

export interface LegacyReport {
	/** `none`: no old file; `busy`: another window holds the lock (tried again at the next start). */
	outcome: 'none' | 'busy' | 'migrated';
	/** Messages read from the file. */
	messages: number;
	/** Of those, new to the journal. */
	added: number;
	/** Unreadable: messages that failed their checks (or 1 for a file that is not JSON at all). */
	skipped: number;
	/** Where a damaged file was kept. */
	backupFile?: string;
	/** Where the file went after a clean move. */
	migratedFile?: string;
}

export interface LegacyOptions {
	/** The signed-in profiles (a message's Space); others are read from the profile id (`<spaceUrl>|<projectId>`). */
	profiles: readonly HistoryProfile[];
	lockStaleMs?: number;
	lockTimeoutMs?: number;
	now?: () => number;
}

/** Reads the old file: the well-formed messages, and how many entries were not. */
export function readLegacyText(text: string): { messages: KnownMessage[]; skipped: number } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { messages: [], skipped: 1 };
	}
	const items = typeof json === 'object' && json !== null ? (json as { messages?: unknown }).messages : undefined;
	if (!Array.isArray(items)) {
		return { messages: [], skipped: 1 };
	}
	const messages = parseKnownMessages(items);
	return { messages, skipped: items.length - messages.length };
}

/** The Space of a profile id, when no signed-in profile has it. */
export function profileOfId(id: string, profiles: readonly HistoryProfile[]): HistoryProfile | undefined {
	const known = profiles.find((profile) => profile.id === id);
	if (known) {
		return { id: known.id, spaceUrl: known.spaceUrl, projectId: known.projectId };
	}
	const bar = id.lastIndexOf('|');
	return bar > 0 && bar < id.length - 1
		? { id, spaceUrl: id.slice(0, bar), projectId: id.slice(bar + 1) }
		: undefined;
}

/** How the journal keeps a message of the old file: a reply (with when it was read), else imported. */
export function legacyItem(
	known: KnownMessage,
	now: number,
): { message: Message; origin: EntryOrigin; extras: ReceivedExtras } {
	const reply = known.origin === 'polled' && isInbound(known.message);
	const extras: ReceivedExtras = {
		...(reply && known.read ? { readAt: now } : {}),
		...(known.deletedAt !== undefined ? { deletedAt: known.deletedAt } : {}),
		...(known.redactedAt !== undefined ? { redactedAt: known.redactedAt } : {}),
		...(known.mediaUrls?.length ? { mediaUrls: known.mediaUrls } : {}),
	};
	return { message: known.message, origin: reply ? 'reply' : 'imported', extras };
}

/** Moves `conversations.json` of `storageDir` into the journal, once. Rejects only on I/O errors. */
export async function migrateLegacyConversations(
	storageDir: string,
	target: LegacyTarget,
	options: LegacyOptions,
): Promise<LegacyReport> {
	const file = path.join(storageDir, CONVERSATIONS_FILE_NAME);
	const none: LegacyReport = { outcome: 'none', messages: 0, added: 0, skipped: 0 };
	try {
		await fsp.access(file);
	} catch (error) {
		if (isNotFound(error)) {
			return none;
		}
		throw error;
	}
	const lock = await acquireLock(`${file}.lock`, {
		staleMs: options.lockStaleMs ?? 10_000,
		timeoutMs: options.lockTimeoutMs ?? 3_000,
	});
	if (!lock) {
		return { ...none, outcome: 'busy' };
	}
	try {
		let text: string;
		try {
			text = await fsp.readFile(file, 'utf8'); // again, under the lock: another window may have moved it
		} catch (error) {
			if (isNotFound(error)) {
				return none;
			}
			throw error;
		}
		const { messages, skipped } = readLegacyText(text);
		const now = options.now?.() ?? Date.now();
		const bySpace = new Map<string, { profile: HistoryProfile; items: ReturnType<typeof legacyItem>[] }>();
		let unplaced = 0;
		for (const known of messages) {
			const profile = profileOfId(known.profileId, options.profiles);
			if (!profile) {
				unplaced++;
				continue;
			}
			const group = bySpace.get(profile.id) ?? { profile, items: [] };
			group.items.push(legacyItem(known, now));
			bySpace.set(profile.id, group);
		}
		let added = 0;
		for (const { profile, items } of bySpace.values()) {
			added += await target.adopt(profile, items);
		}
		const report: LegacyReport = {
			outcome: 'migrated',
			messages: messages.length,
			added,
			skipped: skipped + unplaced,
		};
		if (report.skipped > 0) {
			report.backupFile = backupPath(file, new Date(now));
			await fsp.rename(file, report.backupFile);
		} else {
			report.migratedFile = `${file}${MIGRATED_SUFFIX}`;
			await fsp.rename(file, report.migratedFile);
		}
		return report;
	} finally {
		await lock.release();
	}
}
