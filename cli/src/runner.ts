/**
 * Which scenarios run (`--grep`, `--shard i/n`) and how (`--parallel N` on distinct tester/number
 * pairs, `--bail`): SMS has no thread id, so two scenarios that share a tester and a number under
 * test (or point one number at two different apps) never run at the same time.
 */
import { runScenario } from '../../src/scenarios/engine';
import type { RunOptions, ScenarioResult, StepEvent, Target } from '../../src/scenarios/runTypes';
import { renderText } from '../../src/scenarios/template';
import type { Scenario, Template } from '../../src/scenarios/types';

export interface RunRecord {
	file: string;
	scenario: Scenario;
	/** Undefined: not run (`--bail` stopped the run first). */
	result?: ScenarioResult;
}

export interface Selection {
	file: string;
	scenario: Scenario;
}

/** `--grep` on "file > name", then the i-th of n shares (round robin over the sorted list, so shares stay even). */
export function select(
	all: Selection[],
	grep: RegExp | undefined,
	shard: { index: number; count: number } | undefined,
): Selection[] {
	const matching = grep ? all.filter((s) => grep.test(`${s.file} > ${s.scenario.name}`)) : all;
	return shard ? matching.filter((_, i) => i % shard.count === shard.index - 1) : matching;
}

function text(template: Template | undefined, vars: Record<string, string | undefined>): string {
	if (!template) {
		return '';
	}
	try {
		return renderText(template, (name) => vars[name]);
	} catch {
		return template.parts.map((p) => ('text' in p ? p.text : `\${${p.variable}}`)).join('');
	}
}

/** What a scenario holds while it runs: its tester→number pairs, and the number's app. */
export function locksOf(
	scenario: Scenario,
	vars: Record<string, string | undefined>,
	appUrl: string | undefined,
): { pairs: string[]; app?: [string, string] } {
	const to = text(scenario.to, vars);
	const testers = [text(scenario.from, vars), ...scenario.handsets.map((h) => text(h.number, vars))];
	const app = scenario.app ? text(scenario.app, vars) : appUrl;
	return { pairs: testers.map((t) => `${t}|${to}`), ...(app ? { app: [to, app] as [string, string] } : {}) };
}

export interface PoolOptions {
	parallel: number;
	bail: boolean;
	vars: Record<string, string | undefined>;
	appUrl?: string;
	timeoutMs?: number;
	onScenarioStart?: (selection: Selection) => void;
	onStep?: (selection: Selection, event: StepEvent) => void;
	onScenarioEnd?: (selection: Selection, result: ScenarioResult) => void;
}

export async function runAll(selections: Selection[], target: Target, options: PoolOptions): Promise<RunRecord[]> {
	const records: RunRecord[] = selections.map((s) => ({ ...s }));
	const waiting = records.map((_, i) => i);
	const heldPairs = new Set<string>();
	const heldApps = new Map<string, { app: string; count: number }>();
	const bail = new AbortController();
	const running = new Set<Promise<void>>();
	const vars = Object.fromEntries(
		Object.entries(options.vars).filter((e): e is [string, string] => e[1] !== undefined),
	);

	const free = (locks: ReturnType<typeof locksOf>): boolean =>
		locks.pairs.every((p) => !heldPairs.has(p)) &&
		(!locks.app || (heldApps.get(locks.app[0])?.app ?? locks.app[1]) === locks.app[1]);

	const start = (index: number): void => {
		const record = records[index];
		const locks = locksOf(record.scenario, options.vars, options.appUrl);
		locks.pairs.forEach((p) => heldPairs.add(p));
		if (locks.app) {
			const held = heldApps.get(locks.app[0]);
			heldApps.set(locks.app[0], { app: locks.app[1], count: (held?.count ?? 0) + 1 });
		}
		options.onScenarioStart?.(record);
		const runOptions: RunOptions = {
			vars,
			signal: bail.signal,
			path: record.file,
			...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
			...(options.appUrl ? { appUrl: options.appUrl } : {}),
			onStep: (event) => options.onStep?.(record, event),
		};
		const task = runScenario(record.scenario, target, runOptions).then((result) => {
			record.result = result;
			locks.pairs.forEach((p) => heldPairs.delete(p));
			if (locks.app) {
				const held = heldApps.get(locks.app[0])!;
				if (--held.count === 0) {
					heldApps.delete(locks.app[0]);
				}
			}
			options.onScenarioEnd?.(record, result);
			if (options.bail && result.status !== 'passed') {
				bail.abort();
			}
		});
		running.add(task);
		void task.finally(() => running.delete(task));
	};

	while (waiting.length > 0 && !bail.signal.aborted) {
		for (let i = 0; i < waiting.length && running.size < options.parallel; i++) {
			if (free(locksOf(records[waiting[i]].scenario, options.vars, options.appUrl))) {
				start(waiting.splice(i, 1)[0]);
				i--;
			}
		}
		if (waiting.length === 0 || running.size === 0) {
			break;
		}
		await Promise.race(running);
	}
	await Promise.all(running);
	return records;
}
