/**
 * History: loading a 10,000-entry history and showing the root of its tree (the day groups, then
 * the newest day's entries), and recording one more send with 1,000 vs 10,000 present. Uses the
 * store of src/history/store.ts on a real journal file (HistoryStore.load, model.groups,
 * model.entriesOfDay, HistoryStore.add awaited until its line is on disk), and the check of every
 * entry that follows the load (HistoryStore.verify).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HistoryEntry } from '../src/history/entry';
import { JOURNAL_VERSION, serializeRecord } from '../src/history/journal';
import { HistoryStore } from '../src/history/store';
import { ROOT } from '../scripts/lib/codeServer';
import type { Message } from '../src/core/types';
import { median, ms, quantile, ratio, type Row } from './stats';

export const LOAD_GOAL_MS = 100;
export const RECORD_GOAL_MS = 5;
const DAY = 86_400_000;
const LOAD_REPEATS = 7;
const RECORDS = 300;

export function historyAvailable(): boolean {
	return fs.existsSync(path.join(ROOT, 'src', 'history', 'store.ts'));
}

/** A realistic entry: full params and the Message as created (about 900 bytes of JSON). */
function makeEntry(i: number, createdAt: number): HistoryEntry {
	const sid = `0a059168-ead0-41af-9d1f-${String(i).padStart(12, '0')}`;
	const projectId = '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001';
	const to = `+1555010${String(i % 10_000).padStart(4, '0')}`;
	const body = `Test message ${i}: your verification code is ${String((i * 7919) % 1_000_000).padStart(6, '0')}.`;
	const date = new Date(createdAt).toUTCString().replace('GMT', '+0000');
	const message: Message = {
		account_sid: projectId,
		api_version: '2010-04-01',
		body,
		num_segments: 1,
		num_media: i % 10 === 0 ? 1 : 0,
		date_created: date,
		date_sent: date,
		date_updated: date,
		direction: 'outbound-api',
		error_code: null,
		error_message: null,
		from: '+15550100100',
		price: 0.0079,
		price_unit: 'USD',
		sid,
		status: i % 17 === 0 ? 'undelivered' : 'delivered',
		to,
		messaging_service_sid: null,
		uri: `/api/laml/2010-04-01/Accounts/${projectId}/Messages/${sid}.json`,
		subresource_uris: { media: `/api/laml/2010-04-01/Accounts/${projectId}/Messages/${sid}/Media.json` },
	};
	return {
		id: `7d3f0c2a-1b4e-4c5d-8e6f-${String(i).padStart(12, '0')}`,
		profile: { id: 'profile-1', spaceUrl: 'https://example.signalwire.com', projectId },
		params: { to, from: '+15550100100', body, ...(i % 10 === 0 ? { mediaUrls: ['https://example.com/cat.jpg'] } : {}) },
		message,
		createdAt,
		updatedAt: createdAt + 5_000,
	};
}

/** A journal of `count` adds spread over the last 90 days, oldest first, as a compacted file is. */
function journalOf(count: number, now: number, offset = 0): string {
	const span = 90 * DAY;
	const lines = [serializeRecord({ op: 'meta', version: JOURNAL_VERSION })];
	for (let i = 0; i < count; i++) {
		lines.push(serializeRecord({ op: 'add', entry: makeEntry(offset + i, now - span + Math.floor((i * span) / count)) }));
	}
	return `${lines.join('\n')}\n`;
}

interface LoadFigures {
	totalMs: number;
	loadMs: number;
	rootMs: number;
	groups: number;
	firstDayMs: number;
	entries: number;
}

async function timeLoad(file: string, maxEntries: number, now: Date): Promise<LoadFigures> {
	const t0 = performance.now();
	const store = new HistoryStore({ file, maxEntries });
	const report = await store.load();
	const t1 = performance.now();
	const groups = store.model.groups(now);
	const t2 = performance.now();
	store.model.entriesOfDay(groups[0].day);
	const t3 = performance.now();
	return { totalMs: t3 - t0, loadMs: t1 - t0, rootMs: t2 - t1, groups: groups.length, firstDayMs: t3 - t2, entries: report.entries };
}

/** HistoryStore.verify after a load: every entry parsed and checked whole (after the first paint). */
async function timeVerify(file: string, maxEntries: number): Promise<number> {
	const store = new HistoryStore({ file, maxEntries });
	await store.load();
	const started = performance.now();
	const { corruptLines } = await store.verify();
	const elapsed = performance.now() - started;
	if (corruptLines !== 0) {
		throw new Error(`the store found ${corruptLines} damaged lines in a clean journal`);
	}
	return elapsed;
}

/** Per record: HistoryStore.add with `size` entries present (at the bound: the oldest is dropped), until on disk. */
async function timeRecording(size: number, dir: string, now: number): Promise<number[]> {
	const file = path.join(dir, `journal-${size}.jsonl`);
	fs.writeFileSync(file, journalOf(size, now));
	const store = new HistoryStore({ file, maxEntries: size });
	await store.load();
	if (store.model.size !== size) {
		throw new Error(`the store loaded ${store.model.size} entries, not ${size}`);
	}
	const times: number[] = [];
	for (let r = 0; r < RECORDS; r++) {
		const entry = makeEntry(size + r, now + r);
		const started = performance.now();
		await store.add(entry);
		times.push(performance.now() - started);
	}
	await store.flush();
	return times.slice(20);
}

export async function benchHistory(log: (line: string) => void): Promise<Row[]> {
	if (!historyAvailable()) {
		return [
			{ area: 'History', what: 'load + root of a 10,000-entry history', figure: 'pending', goal: `< ${LOAD_GOAL_MS} ms`, compared: 'pending (history not built yet)' },
			{ area: 'History', what: 'record one entry with 10,000 present', figure: 'pending', goal: `< ${RECORD_GOAL_MS} ms`, compared: 'pending (history not built yet)' },
		];
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-history-'));
	try {
		const now = Date.now();
		const file = path.join(dir, 'history.jsonl');
		fs.writeFileSync(file, journalOf(10_000, now));
		const bytes = fs.statSync(file).size;
		log(`history: loading a 10,000-entry journal (${(bytes / 1024 / 1024).toFixed(1)} MB) ${LOAD_REPEATS} times`);
		await timeLoad(file, 10_000, new Date(now)); // warm-up
		const loads: LoadFigures[] = [];
		for (let i = 0; i < LOAD_REPEATS; i++) {
			loads.push(await timeLoad(file, 10_000, new Date(now)));
		}
		if (loads[0].entries !== 10_000) {
			throw new Error(`the store loaded ${loads[0].entries} entries, not 10,000`);
		}
		const pick = (key: keyof LoadFigures): number => median(loads.map((l) => l[key]));
		const verifies: number[] = [];
		for (let i = 0; i < 3; i++) {
			verifies.push(await timeVerify(file, 10_000));
		}
		log(`history: recording ${RECORDS} entries with 1,000 and with 10,000 present`);
		const at1k = await timeRecording(1_000, dir, now);
		const at10k = await timeRecording(10_000, dir, now);
		const r1k = median(at1k);
		const r10k = median(at10k);
		return [
			{
				area: 'History',
				what: 'load + root of a 10,000-entry history (HistoryStore.load, day groups, newest day), median',
				figure: ms(pick('totalMs')),
				goal: `< ${LOAD_GOAL_MS} ms`,
				compared: `limit ${LOAD_GOAL_MS} ms; load ${ms(pick('loadMs'))} + ${loads[0].groups} day groups ${ms(pick('rootMs'))} + newest day's entries ${ms(pick('firstDayMs'))}; ${(bytes / 1024 / 1024).toFixed(1)} MB journal; then every entry checked whole (HistoryStore.verify, after the first paint) ${ms(median(verifies))}`,
				met: pick('totalMs') < LOAD_GOAL_MS,
				raw: { loads, bytes, verifies },
			},
			{
				area: 'History',
				what: 'record one entry with 10,000 present (HistoryStore.add until on disk), median / p99',
				figure: `${ms(r10k)} / ${ms(quantile(at10k, 0.99))}`,
				goal: `< ${RECORD_GOAL_MS} ms, flat in size`,
				compared: `with 1,000 present: ${ms(r1k)} / ${ms(quantile(at1k, 0.99))} → 10k/1k ${ratio(r10k, r1k)}`,
				met: r10k < RECORD_GOAL_MS && r10k < 1.5 * r1k + 0.05,
				raw: { median10k: r10k, median1k: r1k, p99_10k: quantile(at10k, 0.99), p99_1k: quantile(at1k, 0.99) },
			},
		];
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
