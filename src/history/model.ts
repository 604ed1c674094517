/**
 * The history in memory: bounded, O(1) add/update/remove, entries bucketed by local day for the
 * tree, and the journal that recreates it. Pure: no `vscode`, no Node-only APIs; unit-tested in
 * plain mocha.
 *
 * Loading reads each line's header only (src/history/journal.ts, src/history/slot.ts), so the day
 * groups of a large history are known after one pass and deleted, cleared and dropped entries are
 * never parsed. {@link HistoryModel.verify} then parses and checks every entry that stays, whole
 * (the store runs it right after the load, off the first paint); an entry needed before that is
 * parsed and checked when asked for. A line that fails is damage: counted, and the entry dropped.
 */
import { DayIndex, byNewest, matchesFilter, type HistoryFilter, type HistoryGroup } from './dayIndex';
import { applyPatch, type EntryPatch, type HistoryEntry } from './entry';
import {
	parseLine,
	readAddHeader,
	readUpdateHeader,
	scanJournal,
	serializeJournal,
	serializeRecord,
	type JournalParse,
	type JournalRecord,
} from './journal';
import { holdUpdate, parseOtherLine, parseSlotLines, slotOfAddLine, slotOfEntry, type Slot } from './slot';

const MAX_TOMBSTONES = 5_000;

/**
 * The entries, in memory. Insertion order is kept (a `Map`), so adding, updating, removing and
 * dropping the oldest are O(1); entries are bucketed by day as they arrive, so the root of the
 * tree (the day groups) costs O(days), and a day's children are sorted only when asked.
 */
export class HistoryModel {
	private readonly slots = new Map<string, Slot>();
	private readonly days = new DayIndex<Slot>();
	/** Ids deleted or cleared by the user: a late `add` of one (from another window's journal) is ignored. */
	private readonly tombstones = new Set<string>();
	private _version = 0;
	private _maxEntries: number;
	/** Damaged lines found since the last {@link verify}. */
	private damagedLines = 0;

	constructor(maxEntries = 1000) {
		this._maxEntries = Math.max(1, Math.floor(maxEntries));
	}

	get size(): number {
		return this.slots.size;
	}

	get maxEntries(): number {
		return this._maxEntries;
	}

	has(id: string): boolean {
		return this.slots.has(id);
	}

	/** The entry (parsed and checked now if it was not yet); undefined if unknown or damaged. */
	get(id: string): HistoryEntry | undefined {
		const slot = this.slots.get(id);
		return slot && this.materialize(slot);
	}

	/** Ids, oldest first (insertion order). */
	ids(): string[] {
		return [...this.slots.keys()];
	}

	/** Ids of the entries whose status was being followed. */
	followingIds(): string[] {
		return [...this.slots.values()].filter((slot) => slot.following).map((slot) => slot.id);
	}

	/** The Spaces entries were sent with, by number of entries (most first). */
	spaces(): Array<{ spaceUrl: string; count: number }> {
		const counts = new Map<string, number>();
		for (const slot of this.slots.values()) {
			counts.set(slot.spaceUrl, (counts.get(slot.spaceUrl) ?? 0) + 1);
		}
		return [...counts]
			.map(([spaceUrl, count]) => ({ spaceUrl, count }))
			.sort((a, b) => b.count - a.count || a.spaceUrl.localeCompare(b.spaceUrl));
	}

	/** Entries newest first (by `createdAt`), at most `limit`. */
	newestFirst(filter: HistoryFilter = {}, limit = Number.POSITIVE_INFINITY): HistoryEntry[] {
		const slots = [...this.slots.values()]
			.filter((slot) => matchesFilter(slot, filter))
			.reverse()
			.sort(byNewest);
		const entries: HistoryEntry[] = [];
		for (let i = 0; i < slots.length && entries.length < limit; i++) {
			const entry = this.materialize(slots[i]!);
			if (entry) {
				entries.push(entry);
			}
		}
		return entries;
	}

	/**
	 * Adds an entry and drops the oldest beyond the bound. An entry whose id is held already
	 * replaces it only if newer (journals may repeat an add). Returns the entries dropped.
	 */
	add(entry: HistoryEntry): { added: boolean; dropped: string[] } {
		return this.addSlot(slotOfEntry(entry));
	}

	/** Applies a patch; ignored (undefined) for an unknown id or an older patch. */
	update(id: string, patch: EntryPatch): HistoryEntry | undefined {
		const slot = this.slots.get(id);
		const existing = slot && this.materialize(slot);
		if (!slot || !existing || patch.updatedAt < existing.updatedAt) {
			return undefined;
		}
		const next = applyPatch(existing, patch);
		slot.entry = next;
		slot.updatedAt = next.updatedAt;
		slot.following = next.following === true;
		this._version++;
		return next;
	}

	/** Removes entries (and remembers their ids, so that a late add does not bring them back). */
	remove(ids: readonly string[]): string[] {
		const removed: string[] = [];
		for (const id of ids) {
			this.tombstones.add(id);
			const slot = this.slots.get(id);
			if (slot) {
				this.unlink(slot);
				removed.push(id);
			}
		}
		this.trimTombstones();
		if (removed.length > 0) {
			this._version++;
		}
		return removed;
	}

	/** Removes every entry present now (no clock involved). Returns their ids, for the `clear` record. */
	clearAll(): string[] {
		const ids = this.ids();
		this.remove(ids);
		this._version++;
		return ids;
	}

	/** Forgets everything (entries and tombstones), e.g. before a full reload. */
	reset(): void {
		this.slots.clear();
		this.days.clear();
		this.tombstones.clear();
		this._version++;
	}

	/** Changes the bound; returns the ids dropped. */
	setMaxEntries(maxEntries: number): string[] {
		this._maxEntries = Math.max(1, Math.floor(maxEntries));
		const dropped = this.trim();
		if (dropped.length > 0) {
			this._version++;
		}
		return dropped;
	}

	/**
	 * Applies one journal record. Returns what it changed: an entry id for an add or update,
	 * `reset` for a delete, a clear or an add that dropped old entries, undefined for nothing.
	 */
	apply(record: JournalRecord): { id: string } | 'reset' | undefined {
		switch (record.op) {
			case 'add': {
				const before = this._version;
				const { dropped } = this.add(record.entry);
				if (this._version === before) {
					return undefined;
				}
				return dropped.length > 0 ? 'reset' : { id: record.entry.id };
			}
			case 'update':
				return this.update(record.id, record.patch) ? { id: record.id } : undefined;
			case 'delete':
				return this.remove(record.ids).length > 0 ? 'reset' : undefined;
			case 'clear':
				return this.remove('ids' in record ? record.ids : this.createdUpTo(record.at)).length > 0
					? 'reset'
					: undefined;
			default:
				return undefined;
		}
	}

	/** The day groups, newest first, labelled relative to `now` (Today, Yesterday, `Mon, 24 Nov 2026`). */
	groups(now: Date, filter: HistoryFilter = {}): HistoryGroup[] {
		return this.days.groups(now, filter);
	}

	/** The ids of one day group, newest first (sorted once per change of that day). */
	idsOfDay(day: number, filter: HistoryFilter = {}): string[] {
		return this.days.idsOfDay(day, filter);
	}

	/** The entries of one day group, newest first (each parsed now if it was not yet). */
	entriesOfDay(day: number, filter: HistoryFilter = {}): HistoryEntry[] {
		return this.idsOfDay(day, filter).flatMap((id) => this.get(id) ?? []);
	}

	/**
	 * A `clear` of a journal written before it held ids: the entries present now created at or
	 * before `at`. Nothing read later is filtered (a clock set back must not hide new sends).
	 */
	private createdUpTo(at: number): string[] {
		return [...this.slots.values()].filter((slot) => slot.createdAt <= at).map((slot) => slot.id);
	}

	/** The day group an entry is in (for `getParent`). */
	dayOfEntry(id: string): number | undefined {
		return this.slots.get(id)?.day;
	}

	/** The journal that recreates this model: meta, tombstones, then every entry oldest first. */
	toJournal(): string {
		const entries = [...this.slots.values()].flatMap((slot) => this.materialize(slot) ?? []);
		return serializeJournal([...this.tombstones], entries);
	}

	/**
	 * Reads a whole journal into the model (which should be empty), headers only: `corruptLines`
	 * counts the lines that are not records (garbage, cut short). {@link verify} checks the rest.
	 */
	load(text: string): JournalParse {
		return scanJournal(text, (line) => this.loadLine(line));
	}

	/**
	 * Parses and checks every entry not parsed yet, whole, with its updates. Returns the damaged
	 * lines found since the last call (here, or when an entry was first asked for): an add line that
	 * fails drops its entry; a damaged update alone is skipped.
	 */
	verify(): number {
		for (const slot of [...this.slots.values()]) {
			this.materialize(slot);
		}
		const damaged = this.damagedLines;
		this.damagedLines = 0;
		return damaged;
	}

	/** One line of a journal being loaded; false when it is not a valid record. */
	private loadLine(line: string): boolean {
		const add = readAddHeader(line);
		if (add) {
			this.addSlot(slotOfAddLine(add, line));
			return true;
		}
		const update = readUpdateHeader(line);
		if (update) {
			const slot = this.slots.get(update.id);
			if (!slot || update.updatedAt < slot.updatedAt) {
				return true; // valid, but for a dropped entry or stale
			}
			if (slot.entry) {
				const record = parseLine(line);
				if (!record) {
					return false;
				}
				this.apply(record);
				return true;
			}
			holdUpdate(slot, update, line);
			this._version++;
			return true;
		}
		const record = parseOtherLine(line);
		if (!record) {
			return false;
		}
		const pending = record.op === 'update' ? this.slots.get(record.id) : undefined;
		if (pending?.lines && record.op === 'update') {
			pending.lines.push(serializeRecord(record)); // an update without a header, for an entry not parsed yet
		} else {
			this.apply(record);
		}
		return true;
	}

	/**
	 * The slot's entry, its lines parsed and checked whole the first time (src/history/slot.ts): an
	 * add line that fails drops the entry; every damaged line is counted for {@link verify}.
	 */
	private materialize(slot: Slot): HistoryEntry | undefined {
		if (slot.entry || !slot.lines) {
			return slot.entry;
		}
		const { entry, damaged } = parseSlotLines(slot, slot.lines);
		slot.lines = undefined;
		this.damagedLines += damaged;
		if (!entry) {
			this.unlink(slot);
			this._version++;
			return undefined;
		}
		slot.entry = entry;
		slot.updatedAt = entry.updatedAt;
		slot.following = entry.following === true;
		return entry;
	}

	private addSlot(slot: Slot): { added: boolean; dropped: string[] } {
		if (this.tombstones.has(slot.id)) {
			return { added: false, dropped: [] };
		}
		const existing = this.slots.get(slot.id);
		if (existing) {
			if (slot.updatedAt > existing.updatedAt) {
				existing.entry = slot.entry;
				existing.lines = slot.lines;
				existing.updatedAt = slot.updatedAt;
				existing.following = slot.following;
				this._version++;
			}
			return { added: false, dropped: [] };
		}
		this.slots.set(slot.id, slot);
		this.days.add(slot);
		this._version++;
		return { added: true, dropped: this.trim() };
	}

	private unlink(slot: Slot): void {
		this.slots.delete(slot.id);
		this.days.delete(slot);
	}

	private trim(): string[] {
		const dropped: string[] = [];
		while (this.slots.size > this._maxEntries) {
			const oldest = this.slots.values().next().value as Slot;
			this.unlink(oldest);
			dropped.push(oldest.id);
		}
		return dropped;
	}

	private trimTombstones(): void {
		for (const id of this.tombstones) {
			if (this.tombstones.size <= MAX_TOMBSTONES) {
				break;
			}
			this.tombstones.delete(id);
		}
	}
}

/** The model a journal describes, every entry checked (what a fresh window holds once verified). */
export function modelFromJournal(text: string, maxEntries: number): { model: HistoryModel; parse: JournalParse } {
	const model = new HistoryModel(maxEntries);
	const parse = model.load(text);
	parse.corruptLines += model.verify();
	return { model, parse };
}
