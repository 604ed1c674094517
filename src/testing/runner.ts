/**
 * The run handler of both run profiles: collects the scenarios a request names (a file, a
 * scenario, or a step, which runs its whole scenario: later steps depend on earlier ones), runs
 * them one after another with the engine (src/scenarios/), and reports each step. A file with
 * parse errors sends nothing: its scenarios are errored at the first error's line.
 */
import * as vscode from 'vscode';
import { hasErrors, runScenario, type Scenario, type Target } from '../scenarios';
import { editorVariables, type ScenarioFiles } from './scenarioFiles';
import { ReportedResults, ScenarioReporter } from './testRun';
import type { TestTree } from './testTree';
import { errorText } from '../errors/errorText';

/** One scenario to run, with its items. */
export interface PlannedScenario {
	uri: vscode.Uri;
	scenario: Scenario;
	scenarioItem: vscode.TestItem;
	stepItems: vscode.TestItem[];
	/** Its file's first parse error (it must not run), 0-based line and message. */
	parseError?: { line: number; message: string };
}

/** Where a run sends its messages; `undefined` from `prepare` cancels the run (the user said no). */
export interface RunTarget {
	readonly label: string;
	prepare(plan: readonly PlannedScenario[], token: vscode.CancellationToken): Promise<Target | undefined>;
	/** After the run, with what `prepare` gave (the local server stops). */
	finish?(target: Target): Promise<void>;
}

export class ScenarioRunner {
	constructor(
		private readonly controller: vscode.TestController,
		private readonly tree: TestTree,
		private readonly files: ScenarioFiles,
		readonly results: ReportedResults,
	) {}

	/** The scenarios a request names, in file and scenario order, from the files' latest parse. */
	async plan(request: vscode.TestRunRequest): Promise<PlannedScenario[]> {
		const excluded = new Set((request.exclude ?? []).map((item) => item.id));
		const wanted = new Map<string, Set<number> | 'all'>();
		const roots: vscode.TestItem[] = [];
		if (request.include) {
			roots.push(...request.include);
		} else {
			await this.files.discover();
			this.controller.items.forEach((item) => roots.push(item));
		}
		for (const item of roots) {
			const node = this.tree.node(item);
			if (!node || excluded.has(item.id)) {
				continue;
			}
			const key = node.uri.toString();
			if (node.kind === 'file') {
				wanted.set(key, 'all');
			} else if (wanted.get(key) !== 'all') {
				const set = (wanted.get(key) as Set<number> | undefined) ?? new Set<number>();
				set.add(node.scenarioIndex);
				wanted.set(key, set);
			}
		}
		const plan: PlannedScenario[] = [];
		for (const [key, which] of wanted) {
			const uri = vscode.Uri.parse(key);
			const parsed = await this.files.load(uri);
			if (!parsed) {
				continue;
			}
			const fileItem = this.tree.update(uri, parsed.result);
			const error = hasErrors(parsed.result)
				? parsed.result.diagnostics.find((d) => d.severity === 'error')
				: undefined;
			parsed.result.file.scenarios.forEach((scenario, index) => {
				if (which !== 'all' && !which.has(index)) {
					return;
				}
				const scenarioItem = [...iterate(fileItem.children)][index];
				if (!scenarioItem || excluded.has(scenarioItem.id)) {
					return;
				}
				const stepItems = [...iterate(scenarioItem.children)];
				plan.push({
					uri,
					scenario,
					scenarioItem,
					stepItems,
					parseError: error && { line: error.line, message: error.message },
				});
			});
		}
		return plan;
	}

	async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, target: RunTarget): Promise<void> {
		const plan = await this.plan(request);
		if (plan.length === 0) {
			return;
		}
		const run = this.controller.createTestRun(request, target.label, true);
		const abort = new AbortController();
		let engineTarget: Target | undefined;
		const cancelled = token.onCancellationRequested(() => abort.abort());
		try {
			const reporters = plan.map(
				(planned) =>
					new ScenarioReporter(run, this.results, planned.uri, planned.scenarioItem, planned.stepItems),
			);
			reporters.forEach((reporter) => reporter.enqueue());
			const runnable = plan.filter((planned) => !planned.parseError);
			try {
				engineTarget = runnable.length > 0 ? await target.prepare(runnable, token) : undefined;
			} catch (error) {
				const text = vscode.l10n.t('Could not start {0}: {1}', target.label, errorText(error));
				plan.forEach((planned, index) => reporters[index]!.errored(text, planned.scenario.range.startLine));
				return;
			}
			for (const [index, planned] of plan.entries()) {
				const reporter = reporters[index]!;
				if (planned.parseError) {
					reporter.errored(
						vscode.l10n.t('Line {0}: {1}', planned.parseError.line + 1, planned.parseError.message),
						planned.parseError.line,
					);
					continue;
				}
				if (!engineTarget || token.isCancellationRequested) {
					reporter.skipped();
					continue;
				}
				reporter.started();
				const result = await runScenario(planned.scenario, engineTarget, {
					vars: editorVariables(),
					signal: abort.signal,
					path: vscode.workspace.asRelativePath(planned.uri, false),
					onStep: (event) => reporter.onStep(event),
				});
				reporter.finished(result);
			}
		} finally {
			if (engineTarget) {
				await target.finish?.(engineTarget).catch(() => undefined);
			}
			cancelled.dispose();
			run.end();
			this.results.ended();
		}
	}
}

function* iterate(collection: vscode.TestItemCollection): Generator<vscode.TestItem> {
	const items: vscode.TestItem[] = [];
	collection.forEach((item) => items.push(item));
	yield* items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}
