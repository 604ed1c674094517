/**
 * The journal format of the history file: one JSON record per line, each starting with a small
 * header (`w` writer, `id`, `c` created, `u` updated, `s` Space, `f` following) that can be read
 * without parsing the line, so the day groups of a large history are known after one pass over
 * the text. Writing, reading and checking records. Pure: no `vscode`, no Node-only APIs.
 */
import { isEntryPatch, isHistoryEntry, type EntryPatch, type HistoryEntry } from './entry';

/**
 * One line of the journal. `w` names the store instance (window) that wrote it, so that a window
 * reading the others' appends can skip its own.
 * - `add`: an entry (ignored if it was deleted or cleared, or is not newer than the one held)
 * - `update`: a patch for an existing entry (ignored for an unknown id: it was deleted or dropped)
 * - `delete`: entries removed by the user
 * - `clear`: the entries present when the user cleared the history (`ids`); entries added later
 *   stay, whatever their time. Journals written before 0.3 hold `at` (a wall-clock time) instead:
 *   it removes the entries read before it that were created at or before `at`, and nothing after.
 * - `meta`: the format version (first line of a compacted file)
 */
export type JournalRecord =
	| { op: 'add'; entry: HistoryEntry; w?: string }
	| { op: 'update'; id: string; patch: EntryPatch; w?: string }
	| { op: 'delete'; ids: string[]; w?: string }
	| { op: 'clear'; ids: string[]; w?: string }
	| { op: 'clear'; at: number; w?: string }
	| { op: 'meta'; version: number; w?: string };

export const JOURNAL_VERSION = 1;

const JSON_STRING = '("(?:[^"\\\\]|\\\\.)*")';
const JSON_NUMBER = '(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)';
const WRITER = '(?:,"w":"[^"\\\\]*")?';
/** `{"op":"add","w":…,"id":…,"c":…,"u":…,"s":…,"f":1,"entry":{` */
const ADD_HEADER = new RegExp(
	`^\\{"op":"add"${WRITER},"id":${JSON_STRING},"c":${JSON_NUMBER},"u":${JSON_NUMBER}` +
		`,"s":${JSON_STRING}(?:,"f":([01]))?,"entry":\\{`,
);
/** `{"op":"update","w":…,"id":…,"u":…,"f":0,"patch":{` */
const UPDATE_HEADER = new RegExp(
	`^\\{"op":"update"${WRITER},"id":${JSON_STRING},"u":${JSON_NUMBER}(?:,"f":([01]))?,"patch":\\{`,
);

/** What the header of an `add` line says (the entry itself is not parsed). */
export interface AddHeader {
	id: string;
	createdAt: number;
	updatedAt: number;
	spaceUrl: string;
	following: boolean;
}

/** What the header of an `update` line says (`following` only when the patch sets it). */
export interface UpdateHeader {
	id: string;
	updatedAt: number;
	following?: boolean;
}

function jsonString(quoted: string): string {
	return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

/** The header of an `add` line, or undefined when the line is not one (or is cut short). */
export function readAddHeader(line: string): AddHeader | undefined {
	const header = line.startsWith('{"op":"add"') ? ADD_HEADER.exec(line) : null;
	if (!header || !line.endsWith('}}')) {
		return undefined;
	}
	return {
		id: jsonString(header[1]!),
		createdAt: Number(header[2]),
		updatedAt: Number(header[3]),
		spaceUrl: jsonString(header[4]!),
		following: header[5] === '1',
	};
}

/** The header of an `update` line, or undefined when the line is not one (or is cut short). */
export function readUpdateHeader(line: string): UpdateHeader | undefined {
	const header = line.startsWith('{"op":"update"') ? UPDATE_HEADER.exec(line) : null;
	if (!header || !line.endsWith('}}')) {
		return undefined;
	}
	return {
		id: jsonString(header[1]!),
		updatedAt: Number(header[2]),
		...(header[3] !== undefined ? { following: header[3] === '1' } : {}),
	};
}

/** Whether a line starts like an `add` or `update` record (then only its header decides if it is one). */
export function hasEntryHeader(line: string): boolean {
	return line.startsWith('{"op":"add"') || line.startsWith('{"op":"update"');
}

/** One line: the record's fields after the header that {@link readAddHeader} and {@link readUpdateHeader} read. */
export function serializeRecord(record: JournalRecord, writer?: string): string {
	const w = writer ?? record.w;
	const head = w !== undefined ? `{"op":"${record.op}","w":${JSON.stringify(w)}` : `{"op":"${record.op}"`;
	switch (record.op) {
		case 'add': {
			const e = record.entry;
			const f = e.following !== undefined ? `,"f":${e.following ? 1 : 0}` : '';
			const times = `"c":${e.createdAt},"u":${e.updatedAt}`;
			const space = `"s":${JSON.stringify(e.profile.spaceUrl)}`;
			return `${head},"id":${JSON.stringify(e.id)},${times},${space}${f},"entry":${JSON.stringify(e)}}`;
		}
		case 'update': {
			const p = record.patch;
			const f = p.following !== undefined ? `,"f":${p.following ? 1 : 0}` : '';
			return `${head},"id":${JSON.stringify(record.id)},"u":${p.updatedAt}${f},"patch":${JSON.stringify(p)}}`;
		}
		case 'delete':
			return `${head},"ids":${JSON.stringify(record.ids)}}`;
		case 'clear':
			return 'ids' in record ? `${head},"ids":${JSON.stringify(record.ids)}}` : `${head},"at":${record.at}}`;
		case 'meta':
			return `${head},"version":${record.version}}`;
	}
}

/** A whole journal: meta, a delete of the tombstones (if any), then an add per entry, in order. */
export function serializeJournal(tombstones: readonly string[], entries: readonly HistoryEntry[]): string {
	const lines: string[] = [serializeRecord({ op: 'meta', version: JOURNAL_VERSION })];
	if (tombstones.length > 0) {
		lines.push(serializeRecord({ op: 'delete', ids: [...tombstones] }));
	}
	for (const entry of entries) {
		lines.push(serializeRecord({ op: 'add', entry }));
	}
	return `${lines.join('\n')}\n`;
}

export interface JournalParse {
	/** The records (only from {@link parseJournal}; a model's load applies them as it reads). */
	records: JournalRecord[];
	/** Non-empty lines read (complete or not). */
	lines: number;
	/** Lines that are not a valid record (garbage, a record cut short, or an entry that fails its checks). */
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
	const records: JournalRecord[] = [];
	const result = scanJournal(text, (line) => {
		const record = parseLine(line);
		if (record) {
			records.push(record);
		}
		return record !== undefined;
	});
	return { ...result, records };
}

/**
 * Calls `read` for every non-blank line (true: a valid record) and counts: lines, damaged lines,
 * and whether the last one is damaged and unterminated (a write cut short).
 */
export function scanJournal(text: string, read: (line: string) => boolean): JournalParse {
	const lines = text.split('\n');
	const result: JournalParse = { records: [], lines: 0, corruptLines: 0, truncated: false };
	const last = lines.length - 1;
	for (let i = 0; i <= last; i++) {
		const line = lines[i]!;
		if (line.trim() === '') {
			continue;
		}
		result.lines++;
		if (!read(line)) {
			result.corruptLines++;
			result.truncated = i === last; // the text does not end with a newline
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

function isIdList(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((id) => typeof id === 'string');
}

export function isJournalRecord(value: unknown): value is JournalRecord {
	if (!isObject(value) || (value.w !== undefined && typeof value.w !== 'string')) {
		return false;
	}
	switch (value.op) {
		case 'add':
			return isHistoryEntry(value.entry);
		case 'update':
			return typeof value.id === 'string' && isEntryPatch(value.patch);
		case 'delete':
			return isIdList(value.ids);
		case 'clear':
			return value.ids !== undefined ? isIdList(value.ids) : isFiniteNumber(value.at);
		case 'meta':
			return isFiniteNumber(value.version);
		default:
			return false;
	}
}

/** A journal is worth compacting when most of its lines are dead (updates, deletes, dropped entries). */
export function shouldCompact(lines: number, entries: number): boolean {
	return lines > 2 * entries + 200;
}
