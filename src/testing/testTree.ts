/**
 * The Test Explorer's tree of conversation tests: file → scenario → step, each item with its
 * range (so the editor's gutter shows a run button and a result on every step line). Built from
 * the parser's result; ids stay the same across edits as long as the names and positions do, so
 * results and continuous runs survive typing.
 */
import * as vscode from 'vscode';
import type { ParseResult, Range, Scenario, Step } from '../scenarios/types';

/** What a test item stands for. */
export type TestNode =
	| { kind: 'file'; uri: vscode.Uri }
	| { kind: 'scenario'; uri: vscode.Uri; scenarioIndex: number }
	| { kind: 'step'; uri: vscode.Uri; scenarioIndex: number; stepIndex: number };

export function toRange(range: Range): vscode.Range {
	return new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn);
}

/** The id of a scenario's item: its file and name (a repeated name gets `#2`, `#3`…). */
export function scenarioId(uri: vscode.Uri, scenarios: readonly Scenario[], index: number): string {
	const name = scenarios[index]!.name;
	const repeat = scenarios.slice(0, index).filter((other) => other.name === name).length;
	return `${uri.toString()}::${name}${repeat > 0 ? `#${repeat + 1}` : ''}`;
}

export function stepId(scenario: string, step: number): string {
	return `${scenario}::step${step + 1}`;
}

/** A step's label: its line as written (a `set:` or `wait:` reads as well as a `>`). */
export function stepLabel(step: Step): string {
	return step.text;
}

export class TestTree {
	private readonly nodes = new WeakMap<vscode.TestItem, TestNode>();

	constructor(private readonly controller: vscode.TestController) {}

	node(item: vscode.TestItem): TestNode | undefined {
		return this.nodes.get(item);
	}

	fileItem(uri: vscode.Uri): vscode.TestItem | undefined {
		return this.controller.items.get(uri.toString());
	}

	/**
	 * Creates or replaces the items of one file from its parse. A file with no scenarios still shows (with its errors).
	 */
	update(uri: vscode.Uri, result: ParseResult): vscode.TestItem {
		const id = uri.toString();
		let file = this.controller.items.get(id);
		if (!file) {
			file = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
			this.nodes.set(file, { kind: 'file', uri });
			this.controller.items.add(file);
		}
		const firstError = result.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
		file.error = firstError
			? new vscode.MarkdownString().appendText(
					vscode.l10n.t('Line {0}: {1}', firstError.line + 1, firstError.message),
				)
			: undefined;
		const scenarios = result.file.scenarios;
		file.children.replace(
			scenarios.map((scenario, scenarioIndex) => {
				const sid = scenarioId(uri, scenarios, scenarioIndex);
				const item = this.controller.createTestItem(sid, scenario.name, uri);
				item.range = toRange(scenario.range);
				item.sortText = String(scenarioIndex).padStart(5, '0');
				this.nodes.set(item, { kind: 'scenario', uri, scenarioIndex });
				item.children.replace(
					scenario.steps.map((step, stepIndex) => {
						const child = this.controller.createTestItem(stepId(sid, stepIndex), stepLabel(step), uri);
						child.range = toRange(step.range);
						child.sortText = String(stepIndex).padStart(5, '0');
						this.nodes.set(child, { kind: 'step', uri, scenarioIndex, stepIndex });
						return child;
					}),
				);
				return item;
			}),
		);
		return file;
	}

	remove(uri: vscode.Uri): void {
		this.controller.items.delete(uri.toString());
	}
}
