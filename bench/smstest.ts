/**
 * Conversation tests in the editor (src/testing/): what the Test Explorer does with `.smstest`
 * files, without VS Code around it. Discovery: 500 files written to a temporary folder, each read
 * and parsed (what ScenarioFiles.discover does after the file search), timed end to end. Re-parse:
 * a 1,000-line file parsed again after a one-character edit, as on every keystroke in an open editor.
 * The testing bundle's size is in the Bundle rows (dist/testing.js).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseScenarios } from '../src/scenarios/parse';
import { median, ms, quantile, type Row } from './stats';

export const DISCOVERY_GOAL_MS = 300;
export const REPARSE_GOAL_MS = 10;
const FILES = 500;
const LINES = 1000;

/** A scenario of about 12 lines with every kind of step. */
function scenario(index: number): string {
	return [
		`# scenario ${index}`,
		`scenario: conversation ${index}`,
		'from: +15550100100',
		'to: +15550100555',
		'timeout: 5s',
		`> HELP ${index}`,
		'< /^Echo: HELP \\d+$/i',
		'  within: 2s',
		'  save: CODE = /(\\d+)/',
		'> code ${CODE}',
		`< Echo: code ${index}`,
		'  segments: <=1',
		'status: delivered',
		'silence: 1s',
		'',
	].join('\n');
}

function fileOf(lines: number, seed: number): string {
	const parts: string[] = [];
	let count = 0;
	for (let i = 0; count < lines; i++) {
		const text = scenario(seed * 1000 + i);
		parts.push(text);
		count += text.split('\n').length - 1;
	}
	return parts.join('').split('\n').slice(0, lines).join('\n');
}

async function discover(dir: string): Promise<number> {
	const names = await fs.promises.readdir(dir);
	const results = await Promise.all(names.map(async (name) => parseScenarios(await fs.promises.readFile(path.join(dir, name), 'utf8'), { path: name })));
	return results.reduce((sum, result) => sum + result.file.scenarios.length, 0);
}

export async function benchSmstest(log: (line: string) => void): Promise<Row[]> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smstest-bench-'));
	try {
		for (let i = 0; i < FILES; i++) {
			fs.writeFileSync(path.join(dir, `scenario-${i}.smstest`), fileOf(45, i));
		}
		await discover(dir); // warm-up
		const discoveries: number[] = [];
		let scenarios = 0;
		for (let round = 0; round < 5; round++) {
			const started = performance.now();
			scenarios = await discover(dir);
			discoveries.push(performance.now() - started);
		}
		log(`discovery: ${FILES} files, ${scenarios} scenarios, median ${ms(median(discoveries))}`);

		const big = fileOf(LINES, 7);
		const lines = big.split('\n');
		const times: number[] = [];
		for (let keystroke = 0; keystroke < 200; keystroke++) {
			const at = (keystroke * 37) % lines.length;
			const edited = [...lines.slice(0, at), `${lines[at]}x`, ...lines.slice(at + 1)].join('\n');
			const started = performance.now();
			parseScenarios(edited);
			times.push(performance.now() - started);
		}
		const timed = times.slice(20);
		const typical = median(timed);
		return [
			{
				area: 'Conversation tests',
				what: `discovery: read + parse ${FILES} .smstest files (${scenarios / FILES} scenarios each)`,
				figure: `${ms(median(discoveries))} median`,
				goal: `< ${DISCOVERY_GOAL_MS} ms`,
				met: median(discoveries) < DISCOVERY_GOAL_MS,
				compared: `slowest of 5 ${ms(Math.max(...discoveries))}; ${scenarios} scenarios`,
				raw: { discoveries },
			},
			{
				area: 'Conversation tests',
				what: `re-parse of a ${LINES}-line file per keystroke`,
				figure: `${ms(typical)} median`,
				goal: `< ${REPARSE_GOAL_MS} ms`,
				met: typical < REPARSE_GOAL_MS,
				compared: `p95 ${ms(quantile(timed, 0.95))} (garbage collection on this shared machine), over 180 keystrokes after 20 warm-up`,
				raw: { times },
			},
		];
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
