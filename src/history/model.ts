/**
 * The history of sends: the entry type, the in-memory model (bounded, O(1) add/update/remove),
 * grouping by day, and the journal format that persists it (one JSON record per line).
 * Pure: no `vscode`, no Node-only APIs; unit-tested in plain mocha.
 *
 * Loading is lazy: each journal line starts with a small header (`id`, `c` created, `u` updated,
 * `s` Space, `f` following) that is read without parsing the line, so the day groups (the root
 * of the tree) of a large history are known after one pass over the text; an entry's JSON is
 * parsed only when the entry itself is needed.
 */
import { formatRelativeDay } from '../core/format';
import type { SendFailure } from '../send/outcome';
import { FINAL_STATUSES, type CreateMessageParams, type Message } from '../core/types';

/** The Space and project a send went to (never the token). */
export interface HistoryProfile {
	id: string;
	spaceUrl: string;
	projectId: string;
}

/** One send, successful or not, and what was learnt about it since. */
export interface HistoryEntry {
	/** Local id of the send attempt (a UUID). */
	id: string;
	profile: HistoryProfile;
	/** The request fields, exactly as sent. */
	params: CreateMessageParams;
	/** The Message as created, then as last fetched. */
	message?: Message;
	/** Why the request failed (no Message was created). */
	error?: SendFailure;
	/** When the send started (ms since the epoch). */
	createdAt: number;
	/** When this entry last changed (the send finished, or the status was fetched). */
	updatedAt: number;
	/** True while its delivery status is followed; left true by a shutdown so the next start resumes. */
	following?: boolean;
}

/** What an update may change. `updatedAt` orders concurrent updates: an older one is ignored. */
export interface EntryPatch {
	message?: Message;
	error?: SendFailure;
	following?: boolean;
	updatedAt: number;
}

/**
 * One line of the journal. `w` names the store instance (window) that wrote it, so that a window
 * reading the others' appends can skip its own.
 * - `add`: an entry (ignored if it was deleted, is older than the last clear, or is not newer than the one held)
 * - `update`: a patch for an existing entry (ignored for an unknown id: it was deleted or dropped)
 * - `delete`: entries removed by the user
 * - `clear`: every entry created at or before `at` is removed
 * - `meta`: the format version (first line of a compacted file)
 */
export type JournalRecord =
	| { op: 'add'; entry: HistoryEntry; w?: string }
	| { op: 'update'; id: string; patch: EntryPatch; w?: string }
	| { op: 'delete'; ids: string[]; w?: string }
	| { op: 'clear'; at: number; w?: string }
	| { op: 'meta'; version: number; w?: string };

export const JOURNAL_VERSION = 1;

/** How an entry is shown: its status, or `error` when the request itself failed. */
export type EntryState = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'error' | 'unknown';

const STATE_OF_STATUS: Readonly<Record<string, EntryState>> = {
	accepted: 'queued',
	scheduled: 'queued',
	queued: 'queued',
	initiated: 'sending',
	sending: 'sending',
	sent: 'sent',
	delivered: 'delivered',
	received: 'delivered',
	receiving: 'sending',
	undelivered: 'undelivered',
	failed: 'failed',
	canceled: 'failed',
};

export function entryState(entry: HistoryEntry): EntryState {
	if (entry.message) {
		return STATE_OF_STATUS[entry.message.status] ?? 'unknown';
	}
	return entry.error ? 'error' : 'unknown';
}

/** An MMS: it has media, or was sent with SendAsMms. MMS never gets a delivery receipt. */
export function isMms(entry: HistoryEntry): boolean {
	return (entry.message?.num_media ?? 0) > 0 || entry.params.sendAsMms === true || (entry.params.mediaUrls?.length ?? 0) > 0;
}

/**
 * Nothing more will change: a final status (delivered, undelivered, failed…), an MMS that reached
 * `sent` (doc §6.1: MMS stops there), or a request that failed (there is no message to follow).
 */
export function isSettled(entry: HistoryEntry): boolean {
	if (!entry.message) {
		return true;
	}
	const status = entry.message.status;
	return FINAL_STATUSES.has(status) || (status === 'sent' && isMms(entry));
}

/** A day group of the tree: `day` is the local midnight (ms) of its entries' `createdAt`. */
export interface HistoryGroup {
	day: number;
	label: string;
	count: number;
}

/** Which entries to show: those of one Space (its normalised URL), or all. */
export interface HistoryFilter {
	spaceUrl?: string;
}

let lastDay = { start: 0, end: 0 };

/** Local midnight of a timestamp, in ms (the last day is remembered: entries come in runs of a day). */
export function dayOf(timestamp: number): number {
	if (timestamp >= lastDay.start && timestamp < lastDay.end) {
		return lastDay.start;
	}
	const date = new Date(timestamp);
	const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
	lastDay = { start, end: new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() };
	return start;
}

const MAX_TOMBSTONES = 5_000;

/** What the model keeps per entry: the header, and the entry itself or its unparsed lines. */
interface Slot {
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

/**
 * The entries, in memory. Insertion order is kept (a `Map`), so adding, updating, removing and
 * dropping the oldest are O(1); entries are bucketed by day as they arrive, so the root of the
 * tree (the day groups) costs O(days), and a day's children are sorted only when asked.
 */
export class HistoryModel {
	private readonly slots = new Map<string, Slot>();
	private readonly days = new Map<number, Map<string, Slot>>();
	private readonly sortedDays = new Map<number, string[]>();
	/** Ids deleted by the user: a late `add` of one (from another window's journal) is ignored. */
	private readonly tombstones = new Set<string>();
	private _clearedAt = 0;
	private _version = 0;
	private _maxEntries: number;
	private _damaged = 0;

	constructor(maxEntries = 1000) {
		this._maxEntries = Math.max(1, Math.floor(maxEntries));
	}

	/** Grows by one on every change; caches compare it. */
	get version(): number {
		return this._version;
	}

	get size(): number {
		return this.slots.size;
	}

	get maxEntries(): number {
		return this._maxEntries;
	}

	/** Entries created at or before this were cleared. */
	get clearedAt(): number {
		return this._clearedAt;
	}

	/** Entries dropped because their line turned out unreadable when they were first needed. */
	get damagedEntries(): number {
		return this._damaged;
	}

	has(id: string): boolean {
		return this.slots.has(id);
	}

	/** The entry (parsed now if it was not yet); undefined if unknown or unreadable. */
	get(id: string): HistoryEntry | undefined {
		const slot = this.slots.get(id);
		return slot ? this.materialize(slot) : undefined;
	}

	/** Ids, oldest first (insertion order). */
	ids(): string[] {
		return [...this.slots.keys()];
	}

	/** Ids of the entries whose status was being followed (no parsing). */
	followingIds(): string[] {
		const ids: string[] = [];
		for (const slot of this.slots.values()) {
			if (slot.following) {
				ids.push(slot.id);
			}
		}
		return ids;
	}

	/** The Spaces entries were sent with, by number of entries (most first). */
	spaces(): Array<{ spaceUrl: string; count: number }> {
		const counts = new Map<string, number>();
		for (const slot of this.slots.values()) {
			counts.set(slot.spaceUrl, (counts.get(slot.spaceUrl) ?? 0) + 1);
		}
		return [...counts].map(([spaceUrl, count]) => ({ spaceUrl, count })).sort((a, b) => b.count - a.count || a.spaceUrl.localeCompare(b.spaceUrl));
	}

	/** Entries newest first (by `createdAt`), at most `limit`. Parses what it returns. */
	newestFirst(filter: HistoryFilter = {}, limit = Number.POSITIVE_INFINITY): HistoryEntry[] {
		const slots = [...this.slots.values()].filter((slot) => matches(slot, filter));
		slots.reverse().sort(byNewest);
		const entries: HistoryEntry[] = [];
		for (const slot of slots) {
			if (entries.length >= limit) {
				break;
			}
			const entry = this.materialize(slot);
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
		return this.addSlot({
			id: entry.id,
			createdAt: entry.createdAt,
			updatedAt: entry.updatedAt,
			spaceUrl: entry.profile.spaceUrl,
			following: entry.following === true,
			day: dayOf(entry.createdAt),
			entry,
		});
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

	/** Removes every entry created at or before `at`. */
	clear(at: number): number {
		if (at > this._clearedAt) {
			this._clearedAt = at;
		}
		let removed = 0;
		for (const slot of [...this.slots.values()]) {
			if (slot.createdAt <= at) {
				this.unlink(slot);
				removed++;
			}
		}
		this._version++;
		return removed;
	}

	/** Forgets everything (entries, clears, tombstones), e.g. before a full reload. */
	reset(): void {
		this.slots.clear();
		this.days.clear();
		this.sortedDays.clear();
		this.tombstones.clear();
		this._clearedAt = 0;
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
				return this.clear(record.at) > 0 ? 'reset' : undefined;
			default:
				return undefined;
		}
	}

	/** The day groups, newest first, labelled relative to `now` (Today, Yesterday, `Mon, 24 Nov 2026`). */
	groups(now: Date, filter: HistoryFilter = {}): HistoryGroup[] {
		const groups: HistoryGroup[] = [];
		for (const [day, bucket] of this.days) {
			let count = bucket.size;
			if (filter.spaceUrl !== undefined) {
				count = 0;
				for (const slot of bucket.values()) {
					if (slot.spaceUrl === filter.spaceUrl) {
						count++;
					}
				}
			}
			if (count > 0) {
				groups.push({ day, label: formatRelativeDay(new Date(day), now), count });
			}
		}
		return groups.sort((a, b) => b.day - a.day);
	}

	/** The ids of one day group, newest first (sorted once per change of that day; no parsing). */
	idsOfDay(day: number, filter: HistoryFilter = {}): string[] {
		let sorted = this.sortedDays.get(day);
		if (!sorted) {
			const bucket = this.days.get(day);
			sorted = bucket ? [...bucket.values()].reverse().sort(byNewest).map((slot) => slot.id) : [];
			this.sortedDays.set(day, sorted);
		}
		if (filter.spaceUrl === undefined) {
			return sorted;
		}
		return sorted.filter((id) => this.slots.get(id)?.spaceUrl === filter.spaceUrl);
	}

	/** The entries of one day group, newest first (each parsed now if it was not yet). */
	entriesOfDay(day: number, filter: HistoryFilter = {}): HistoryEntry[] {
		const entries: HistoryEntry[] = [];
		for (const id of this.idsOfDay(day, filter)) {
			const entry = this.get(id);
			if (entry) {
				entries.push(entry);
			}
		}
		return entries;
	}

	/** The day group an entry is in (for `getParent`). */
	dayOfEntry(id: string): number | undefined {
		return this.slots.get(id)?.day;
	}

	/** The journal that recreates this model: meta, clear, tombstones, then every entry oldest first. */
	toJournal(): string {
		const lines: string[] = [serializeRecord({ op: 'meta', version: JOURNAL_VERSION })];
		if (this._clearedAt > 0) {
			lines.push(serializeRecord({ op: 'clear', at: this._clearedAt }));
		}
		if (this.tombstones.size > 0) {
			lines.push(serializeRecord({ op: 'delete', ids: [...this.tombstones] }));
		}
		for (const slot of [...this.slots.values()]) {
			if (!slot.entry && slot.lines?.length === 1) {
				lines.push(slot.lines[0]!); // never parsed and never updated: as it was
				continue;
			}
			const entry = this.materialize(slot);
			if (entry) {
				lines.push(serializeRecord({ op: 'add', entry }));
			}
		}
		return `${lines.join('\n')}\n`;
	}

	/**
	 * Reads a whole journal into the model (which should be empty): headers only, the JSON of
	 * each entry is parsed when first needed. Returns what it found.
	 */
	load(text: string): JournalParse {
		const result: JournalParse = { records: [], lines: 0, corruptLines: 0, truncated: false };
		const lines = text.split('\n');
		const last = lines.length - 1;
		for (let i = 0; i <= last; i++) {
			const line = lines[i]!;
			if (line === '' || line.trim() === '') {
				continue;
			}
			result.lines++;
			if (!this.loadLine(line)) {
				result.corruptLines++;
				if (i === last) {
					result.truncated = true; // the text does not end with a newline
				}
			}
		}
		return result;
	}

	/** One line of a journal being loaded; false when it is not a valid record. */
	private loadLine(line: string): boolean {
		const header = line.startsWith('{"op":"add"') ? ADD_HEADER.exec(line) : null;
		if (header) {
			if (!line.endsWith('}}')) {
				return false;
			}
			const createdAt = Number(header[2]);
			this.addSlot({
				id: jsonString(header[1]!),
				createdAt,
				updatedAt: Number(header[3]),
				spaceUrl: jsonString(header[4]!),
				following: header[5] === '1',
				day: dayOf(createdAt),
				lines: [line],
			});
			return true;
		}
		const update = line.startsWith('{"op":"update"') ? UPDATE_HEADER.exec(line) : null;
		if (update) {
			if (!line.endsWith('}}')) {
				return false;
			}
			const slot = this.slots.get(jsonString(update[1]!));
			const updatedAt = Number(update[2]);
			if (!slot || updatedAt < slot.updatedAt) {
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
			slot.lines!.push(line);
			slot.updatedAt = updatedAt;
			if (update[3] !== undefined) {
				slot.following = update[3] === '1';
			}
			this._version++;
			return true;
		}
		const record = parseLine(line);
		if (!record) {
			return false;
		}
		this.apply(record);
		return true;
	}

	private addSlot(slot: Slot): { added: boolean; dropped: string[] } {
		if (this.tombstones.has(slot.id) || slot.createdAt <= this._clearedAt) {
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
		let bucket = this.days.get(slot.day);
		if (!bucket) {
			bucket = new Map();
			this.days.set(slot.day, bucket);
		}
		bucket.set(slot.id, slot);
		this.sortedDays.delete(slot.day);
		this._version++;
		return { added: true, dropped: this.trim() };
	}

	/** Parses a slot's lines once; drops the slot when its add line is unreadable. */
	private materialize(slot: Slot): HistoryEntry | undefined {
		if (slot.entry) {
			return slot.entry;
		}
		const [addLine, ...updates] = slot.lines ?? [];
		const add = addLine !== undefined ? parseLine(addLine) : undefined;
		if (!add || add.op !== 'add' || add.entry.id !== slot.id) {
			this._damaged++;
			this.unlink(slot);
			this._version++;
			return undefined;
		}
		let entry: HistoryEntry = { ...add.entry, createdAt: slot.createdAt };
		for (const line of updates) {
			const update = parseLine(line);
			if (update?.op === 'update' && update.id === slot.id && update.patch.updatedAt >= entry.updatedAt) {
				entry = applyPatch(entry, update.patch);
			}
		}
		slot.entry = entry;
		slot.lines = undefined;
		slot.updatedAt = entry.updatedAt;
		slot.following = entry.following === true;
		return entry;
	}

	private unlink(slot: Slot): void {
		this.slots.delete(slot.id);
		const bucket = this.days.get(slot.day);
		if (bucket) {
			bucket.delete(slot.id);
			if (bucket.size === 0) {
				this.days.delete(slot.day);
			}
		}
		this.sortedDays.delete(slot.day);
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

function matches(slot: Slot, filter: HistoryFilter): boolean {
	return filter.spaceUrl === undefined || slot.spaceUrl === filter.spaceUrl;
}

function byNewest(a: { createdAt: number }, b: { createdAt: number }): number {
	return b.createdAt - a.createdAt;
}

function applyPatch(entry: HistoryEntry, patch: EntryPatch): HistoryEntry {
	const next: HistoryEntry = { ...entry, updatedAt: patch.updatedAt };
	if (patch.message !== undefined) {
		next.message = patch.message;
	}
	if (patch.error !== undefined) {
		next.error = patch.error;
	}
	if (patch.following !== undefined) {
		next.following = patch.following;
	}
	return next;
}

// --- Journal format ---------------------------------------------------------------------------

const JSON_STRING = '("(?:[^"\\\\]|\\\\.)*")';
const JSON_NUMBER = '(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)';
const WRITER = '(?:,"w":"[^"\\\\]*")?';
/** `{"op":"add","w":…,"id":…,"c":…,"u":…,"s":…,"f":1,"entry":{` */
const ADD_HEADER = new RegExp(`^\\{"op":"add"${WRITER},"id":${JSON_STRING},"c":${JSON_NUMBER},"u":${JSON_NUMBER},"s":${JSON_STRING}(?:,"f":([01]))?,"entry":\\{`);
/** `{"op":"update","w":…,"id":…,"u":…,"f":0,"patch":{` */
const UPDATE_HEADER = new RegExp(`^\\{"op":"update"${WRITER},"id":${JSON_STRING},"u":${JSON_NUMBER}(?:,"f":([01]))?,"patch":\\{`);

function jsonString(quoted: string): string {
	return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

/**
 * One line: the record's fields after a header that {@link HistoryModel.load} reads without
 * parsing (`w` writer, `id`, `c` created, `u` updated, `s` Space, `f` following).
 */
export function serializeRecord(record: JournalRecord, writer?: string): string {
	const w = writer ?? record.w;
	const head = w !== undefined ? `{"op":"${record.op}","w":${JSON.stringify(w)}` : `{"op":"${record.op}"`;
	switch (record.op) {
		case 'add': {
			const e = record.entry;
			const f = e.following !== undefined ? `,"f":${e.following ? 1 : 0}` : '';
			return `${head},"id":${JSON.stringify(e.id)},"c":${e.createdAt},"u":${e.updatedAt},"s":${JSON.stringify(e.profile.spaceUrl)}${f},"entry":${JSON.stringify(e)}}`;
		}
		case 'update': {
			const p = record.patch;
			const f = p.following !== undefined ? `,"f":${p.following ? 1 : 0}` : '';
			return `${head},"id":${JSON.stringify(record.id)},"u":${p.updatedAt}${f},"patch":${JSON.stringify(p)}}`;
		}
		case 'delete':
			return `${head},"ids":${JSON.stringify(record.ids)}}`;
		case 'clear':
			return `${head},"at":${record.at}}`;
		case 'meta':
			return `${head},"version":${record.version}}`;
	}
}

export interface JournalParse {
	/** The records (only from {@link parseJournal}; {@link HistoryModel.load} applies them as it reads). */
	records: JournalRecord[];
	/** Non-empty lines read (complete or not). */
	lines: number;
	/** Lines that are not a valid record (garbage, or a record cut short). */
	corruptLines: number;
	/** The text ends in the middle of a line that is not a valid record (a write cut short). */
	truncated: boolean;
}

/**
 * Reads journal text fully (every line parsed; for small pieces such as other windows' appends).
 * Tolerant: a line that is not JSON, or not a record of a known shape, is counted and skipped;
 * blank lines are ignored.
 */
export function parseJournal(text: string): JournalParse {
	const lines = text.split('\n');
	const result: JournalParse = { records: [], lines: 0, corruptLines: 0, truncated: false };
	const last = lines.length - 1;
	for (let i = 0; i <= last; i++) {
		const line = lines[i]!;
		if (line.trim() === '') {
			continue;
		}
		result.lines++;
		const record = parseLine(line);
		if (record) {
			result.records.push(record);
		} else {
			result.corruptLines++;
			if (i === last) {
				result.truncated = true;
			}
		}
	}
	return result;
}

/** One line, or undefined when it is not a valid record. */
export function parseLine(line: string): JournalRecord | undefined {
	try {
		const value: unknown = JSON.parse(line);
		return isJournalRecord(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function isMessageLike(value: unknown): value is Message {
	return isObject(value) && typeof value.sid === 'string' && typeof value.status === 'string';
}

function isFailureLike(value: unknown): value is SendFailure {
	return isObject(value) && typeof value.kind === 'string' && typeof value.message === 'string';
}

export function isHistoryEntry(value: unknown): value is HistoryEntry {
	if (!isObject(value)) {
		return false;
	}
	const { id, profile, params, message, error, createdAt, updatedAt, following } = value;
	return (
		typeof id === 'string' &&
		id !== '' &&
		isObject(profile) &&
		typeof profile.id === 'string' &&
		typeof profile.spaceUrl === 'string' &&
		typeof profile.projectId === 'string' &&
		isObject(params) &&
		typeof params.to === 'string' &&
		(message === undefined || isMessageLike(message)) &&
		(error === undefined || isFailureLike(error)) &&
		isFiniteNumber(createdAt) &&
		isFiniteNumber(updatedAt) &&
		(following === undefined || typeof following === 'boolean')
	);
}

function isPatch(value: unknown): value is EntryPatch {
	return (
		isObject(value) &&
		isFiniteNumber(value.updatedAt) &&
		(value.message === undefined || isMessageLike(value.message)) &&
		(value.error === undefined || isFailureLike(value.error)) &&
		(value.following === undefined || typeof value.following === 'boolean')
	);
}

export function isJournalRecord(value: unknown): value is JournalRecord {
	if (!isObject(value) || (value.w !== undefined && typeof value.w !== 'string')) {
		return false;
	}
	switch (value.op) {
		case 'add':
			return isHistoryEntry(value.entry);
		case 'update':
			return typeof value.id === 'string' && isPatch(value.patch);
		case 'delete':
			return Array.isArray(value.ids) && value.ids.every((id) => typeof id === 'string');
		case 'clear':
			return isFiniteNumber(value.at);
		case 'meta':
			return isFiniteNumber(value.version);
		default:
			return false;
	}
}

/** The model a journal describes (what a fresh window would load). */
export function modelFromJournal(text: string, maxEntries: number): { model: HistoryModel; parse: JournalParse } {
	const model = new HistoryModel(maxEntries);
	const parse = model.load(text);
	return { model, parse };
}

/** A journal is worth compacting when most of its lines are dead (updates, deletes, dropped entries). */
export function shouldCompact(lines: number, entries: number): boolean {
	return lines > 2 * entries + 200;
}

/** The JSON written by "Export History...": every entry, newest first. */
export function exportJson(model: HistoryModel, now: Date, filter: HistoryFilter = {}): string {
	return JSON.stringify(
		{
			format: 'signalwire-messaging-sandbox/history',
			version: JOURNAL_VERSION,
			exportedAt: now.toISOString(),
			entries: model.newestFirst(filter),
		},
		null,
		2,
	);
}
