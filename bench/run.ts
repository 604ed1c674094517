/**
 * `npm run bench`: figures, not a timed test. Prints one table (what is measured, the figure, the
 * goal, what it is compared with) and writes it to bench/results/ as JSON and Markdown.
 * Exits 0 whatever the figures; non-zero only when the benchmark itself crashes.
 *
 * BENCH_ONLY=bundle,segments,history,replies,client,webhooks,scenarios,smstest,host runs a subset.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../scripts/lib/codeServer';
import { benchBundle, type Contributor } from './bundle';
import { benchClient } from './client';
import { benchHistory } from './history';
import { benchReplies } from './replies';
import { benchScenarios } from './scenarios';
import { benchSegments } from './segments';
import { benchSmstest } from './smstest';
import { errorText, kb, type Row } from './stats';
import { benchHost } from './vscodeHost';
import { benchWebhooks } from './webhooks';

const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

function log(line: string): void {
	process.stderr.write(`[bench] ${line}\n`);
}

function mark(row: Row): string {
	return row.met === undefined ? '' : row.met ? 'yes' : 'MISSED';
}

const HEADER = ['Area', 'What is measured', 'Figure', 'Goal', 'Met', 'Compared with (same run)'];

function cells(row: Row): string[] {
	return [row.area, row.what, row.figure, row.goal, mark(row), row.compared];
}

export function textTable(rows: readonly Row[]): string {
	const all = [HEADER, ...rows.map(cells)];
	// The last column is left unpadded (it is the longest).
	const widths = HEADER.map((_, c) => (c === HEADER.length - 1 ? 0 : Math.max(...all.map((r) => r[c].length))));
	const line = (r: string[]): string => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join(' | ');
	const rule = widths.map((w, c) => '-'.repeat(c === widths.length - 1 ? 24 : w)).join('-+-');
	return [line(HEADER), rule, ...all.slice(1).map(line)].join('\n');
}

export function markdownTable(rows: readonly Row[]): string {
	const escape = (s: string): string => s.replace(/\|/g, '\\|');
	return [
		`| ${HEADER.join(' | ')} |`,
		`|${HEADER.map(() => '---').join('|')}|`,
		...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`),
	].join('\n');
}

function contributorsText(contributors: Record<string, Contributor[]>, files: Record<string, Contributor[]>): string {
	const parts: string[] = [];
	for (const [bundle, list] of Object.entries(contributors)) {
		parts.push(`Top contributors to ${bundle} (minified bytes in the output, esbuild metafile):`);
		const biggestFiles = files[bundle] ?? [];
		const rows = Math.max(list.length, biggestFiles.length);
		parts.push(`  ${'per package / source folder'.padEnd(40)} ${'bytes'.padStart(9)}    ${'biggest files'.padEnd(52)} ${'bytes'.padStart(9)}`);
		for (let i = 0; i < rows; i++) {
			const c = list[i];
			const f = biggestFiles[i];
			const left = c ? `${c.name.padEnd(40)} ${kb(c.bytes).padStart(9)}` : ' '.repeat(50);
			const right = f ? `${f.name.replace(/^node_modules\//, '').padEnd(52)} ${kb(f.bytes).padStart(9)}` : '';
			parts.push(`  ${left}    ${right}`);
		}
	}
	return parts.join('\n');
}

async function section<T>(name: string, only: Set<string> | undefined, run: () => Promise<T> | T, onError: (error: unknown) => Row[]): Promise<T | Row[] | undefined> {
	if (only && !only.has(name)) {
		return undefined;
	}
	const started = Date.now();
	try {
		return await run();
	} catch (error) {
		log(`${name}: failed: ${errorText(error)}`);
		return onError(error);
	} finally {
		log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
}

async function main(): Promise<void> {
	const onlyEnv = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
	const only = onlyEnv && onlyEnv.length > 0 ? new Set(onlyEnv) : undefined;
	const started = Date.now();
	const rows: Row[] = [];
	let contributors: Record<string, Contributor[]> = {};
	let files: Record<string, Contributor[]> = {};
	const failed = (area: string, what: string) => (error: unknown): Row[] => [{ area, what, figure: 'error', goal: '', compared: errorText(error), met: false }];

	const bundle = await section('bundle', only, () => benchBundle(log), failed('Bundle', 'production build'));
	if (bundle && !Array.isArray(bundle)) {
		rows.push(...bundle.rows);
		contributors = bundle.contributors;
		files = bundle.files;
	} else if (bundle) {
		rows.push(...bundle);
	}
	const segments = await section('segments', only, () => benchSegments(log), failed('Segment meter', 'measureBody per keystroke'));
	rows.push(...(segments ?? []));
	const history = await section('history', only, () => benchHistory(log), failed('History', 'load and record'));
	rows.push(...(history ?? []));
	const replies = await section('replies', only, () => benchReplies(log), failed('Replies', 'poll scheduler and threads'));
	rows.push(...(replies ?? []));
	const client = await section('client', only, () => benchClient(log), failed('Client overhead', 'send path vs bare fetch and SDK'));
	if (client && !Array.isArray(client)) {
		rows.push(...client.rows);
	} else if (client) {
		rows.push(...client);
	}
	const webhooks = await section('webhooks', only, () => benchWebhooks(log), failed('Webhooks', 'callback burst and view rows'));
	rows.push(...(webhooks ?? []));
	const scenarios = await section('scenarios', only, () => benchScenarios(log), failed('Conversation tests', 'engine, CLI and Space polling'));
	rows.push(...(scenarios ?? []));
	const smstest = await section('smstest', only, () => benchSmstest(log), failed('Conversation tests', 'discovery and re-parse'));
	rows.push(...(smstest ?? []));
	const host = await section('host', only, () => benchHost(log), failed('Activation', 'real extension host'));
	rows.push(...(host ?? []));

	const seconds = (Date.now() - started) / 1000;
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
	const stamp = new Date().toISOString();
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const json = JSON.stringify({ date: stamp, machine, seconds, rows, contributors, files }, null, '\t');
	const markdown = [
		`# Benchmark ${stamp}`,
		'',
		`${machine}; ${seconds.toFixed(0)} s.`,
		'',
		markdownTable(rows),
		'',
		'```',
		contributorsText(contributors, files),
		'```',
		'',
	].join('\n');
	const base = stamp.replace(/[:.]/g, '-');
	for (const [name, text] of [
		[`${base}.json`, json],
		[`${base}.md`, markdown],
		['latest.json', json],
		['latest.md', markdown],
	]) {
		fs.writeFileSync(path.join(RESULTS_DIR, name), text);
	}

	const missed = rows.filter((r) => r.met === false);
	const out = [
		'',
		contributorsText(contributors, files),
		'',
		`Benchmark results (${machine}; ${seconds.toFixed(0)} s)`,
		'',
		textTable(rows),
		'',
		`Goals met: ${rows.filter((r) => r.met === true).length}, missed: ${missed.length}${missed.length > 0 ? ` (${missed.map((r) => `${r.area}: ${r.what}`).join('; ')})` : ''}`,
		`Written to ${path.relative(ROOT, path.join(RESULTS_DIR, `${base}.md`))} and .json (also latest.md/latest.json).`,
		'',
	];
	process.stdout.write(out.join('\n'));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
