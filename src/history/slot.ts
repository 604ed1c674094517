/**
 * What the history model (src/history/model.ts) keeps per entry, and how the journal lines held
 * for an entry not parsed yet become that entry. Loading reads each line's header only
 * (src/history/journal.ts); a slot's lines are parsed and checked whole when the entry is first
 * needed. Pure: no `vscode`, no Node-only APIs; unit-tested in plain mocha through the model.
 */
import { dayOf } from './dayIndex';
import { applyPatch, type HistoryEntry } from './entry';
import { hasEntryHeader, parseLine, type AddHeader, type JournalRecord, type UpdateHeader } from './journal';

/** What the model keeps per entry: the header, and the entry itself or (while loading) its lines. */
export interface Slot {
	id: string;
	createdAt: number;
	updatedAt: number;
	spaceUrl: string;
	following: boolean;
	day: number;
	entry?: HistoryEntry;
	/** The add line, then update lines, not parsed yet. */
	lines?: string[];
}

/** The slot of an entry at hand. */
export function slotOfEntry(entry: HistoryEntry): Slot {
	return {
		id: entry.id,
		createdAt: entry.createdAt,
		updatedAt: entry.updatedAt,
		spaceUrl: entry.profile.spaceUrl,
		following: entry.following === true,
		day: dayOf(entry.createdAt),
		entry,
	};
}

/** The slot of an add line read by its header only: the line is kept, to be parsed when needed. */
export function slotOfAddLine(header: AddHeader, line: string): Slot {
	const { id, createdAt, updatedAt, spaceUrl, following } = header;
	return { id, createdAt, updatedAt, spaceUrl, following, day: dayOf(createdAt), lines: [line] };
}

/** Keeps an update line (read by its header only) with a slot not parsed yet, its header applied. */
export function holdUpdate(slot: Slot, header: UpdateHeader, line: string): void {
	slot.lines!.push(line);
	slot.updatedAt = header.updatedAt;
	if (header.following !== undefined) {
		slot.following = header.following;
	}
}

/**
 * A slot's lines parsed and checked whole: the entry with its updates applied, or undefined when
 * the add line fails its checks or disagrees with the slot's header (the entry is then dropped,
 * with its updates). `damaged` counts the lines that failed; a damaged update alone is skipped.
 */
export function parseSlotLines(
	slot: Slot,
	lines: readonly string[],
): { entry: HistoryEntry | undefined; damaged: number } {
	const [addLine, ...updates] = lines;
	const add = addLine !== undefined ? parseLine(addLine) : undefined;
	if (
		!add ||
		add.op !== 'add' ||
		add.entry.id !== slot.id ||
		add.entry.createdAt !== slot.createdAt ||
		add.entry.profile.spaceUrl !== slot.spaceUrl
	) {
		return { entry: undefined, damaged: 1 + updates.length };
	}
	let entry: HistoryEntry = add.entry;
	let damaged = 0;
	for (const line of updates) {
		const update = parseLine(line);
		if (update?.op !== 'update' || update.id !== slot.id) {
			damaged++;
		} else if (update.patch.updatedAt >= entry.updatedAt) {
			entry = applyPatch(entry, update.patch);
		}
	}
	return { entry, damaged };
}

/** A line with no add or update header, parsed whole; undefined when not a record (or an entry line cut short). */
export function parseOtherLine(line: string): JournalRecord | undefined {
	return hasEntryHeader(line) && !line.endsWith('}}') ? undefined : parseLine(line);
}
