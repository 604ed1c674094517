/**
 * Editing help in `.smstest` files: completion of directives, step keywords, attributes, statuses
 * and numbers (after `from:`/`to:`/`handset:`), a hover saying whose a number is, and a CodeLens
 * with Run / Run against Space... above each `scenario:`.
 */
import * as vscode from 'vscode';
import { SMSTEST_LANGUAGE_ID, type TestingCommandId } from '../contributions';
import { ATTRIBUTE_NAMES } from '../scenarios/attributes';
import { STATUSES } from '../scenarios/syntax';
import { describeNumber, localNumbers, numberAt, type KnownNumber } from './numberInfo';
import { parseText, type ScenarioFiles } from './scenarioFiles';

/** The signed-in Space's messaging numbers, or undefined when signed out (or they cannot be listed). */
export type SpaceNumbers = () => Promise<
	{ space: string; numbers: Array<{ phoneNumber: string; friendlyName?: string }> } | undefined
>;

const SELECTOR: vscode.DocumentSelector = { language: SMSTEST_LANGUAGE_ID };

interface Keyword {
	word: string;
	detail: string;
}

function directives(): Keyword[] {
	return [
		{ word: 'scenario', detail: vscode.l10n.t('Starts a scenario: its name') },
		{ word: 'from', detail: vscode.l10n.t("The tester's number: you play this handset") },
		{ word: 'to', detail: vscode.l10n.t("The number under test (your app's number)") },
		{ word: 'app', detail: vscode.l10n.t("Local target: the URL the local server posts `to`'s inbound SMS to") },
		{ word: 'timeout', detail: vscode.l10n.t('The default wait of expectations, such as 10s') },
		{ word: 'handset', detail: vscode.l10n.t('A named tester: handset: alice +1…, then alice> / alice<') },
		{ word: 'status', detail: vscode.l10n.t('The last send reached this status') },
		{ word: 'error', detail: vscode.l10n.t('The last send was refused or failed with this code') },
		{ word: 'silence', detail: vscode.l10n.t('No message from `to` for this long') },
		{ word: 'wait', detail: vscode.l10n.t('A pause') },
		{ word: 'set', detail: vscode.l10n.t('set: NAME = value, used later as ${NAME}') },
	];
}

function attributeDetail(name: string): string {
	switch (name) {
		case 'within':
			return vscode.l10n.t('The reply must arrive within this time, such as 5s');
		case 'media':
			return vscode.l10n.t('Under >: media URLs (an MMS). Under <: the number of media, such as 1 or >=1');
		case 'segments':
			return vscode.l10n.t("The reply's segments, such as 1 or <=2");
		default:
			return vscode.l10n.t('save: NAME = /regex(group)/: the group becomes ${NAME}');
	}
}

export class ScenarioCompletions implements vscode.CompletionItemProvider {
	constructor(private readonly spaceNumbers: SpaceNumbers) {}

	async provideCompletionItems(
		document: vscode.TextDocument,
		position: vscode.Position,
	): Promise<vscode.CompletionItem[]> {
		const before = document.lineAt(position.line).text.slice(0, position.character);
		const value =
			/^\s*(from|to|status)\s*:\s*(\S*)$/.exec(before) ??
			/^\s*(handset)\s*:\s*[A-Za-z_][\w-]*\s+(\S*)$/.exec(before);
		if (value) {
			return value[1] === 'status' ? this.statuses() : this.numbers();
		}
		if (/^\s+[a-z]*$/.test(before)) {
			return ATTRIBUTE_NAMES.map((name) =>
				this.keyword(name, attributeDetail(name), vscode.CompletionItemKind.Property),
			);
		}
		if (/^[a-z]*$/.test(before)) {
			const items = directives().map(({ word, detail }) =>
				this.keyword(word, detail, vscode.CompletionItemKind.Keyword),
			);
			const send = new vscode.CompletionItem(
				{ label: '>', description: vscode.l10n.t('send') },
				vscode.CompletionItemKind.Operator,
			);
			send.insertText = '> ';
			const expect = new vscode.CompletionItem(
				{ label: '<', description: vscode.l10n.t('expected reply') },
				vscode.CompletionItemKind.Operator,
			);
			expect.insertText = '< ';
			return [...items, send, expect];
		}
		return [];
	}

	private keyword(word: string, detail: string, kind: vscode.CompletionItemKind): vscode.CompletionItem {
		const item = new vscode.CompletionItem({ label: `${word}:`, description: detail }, kind);
		item.insertText = `${word}: `;
		item.filterText = word;
		item.documentation = detail;
		return item;
	}

	private statuses(): vscode.CompletionItem[] {
		return STATUSES.map((status) => new vscode.CompletionItem(status, vscode.CompletionItemKind.EnumMember));
	}

	private async numbers(): Promise<vscode.CompletionItem[]> {
		const space = await this.spaceNumbers().catch(() => undefined);
		const known: KnownNumber[] = [
			...(space?.numbers ?? []).map((number) => ({
				phoneNumber: number.phoneNumber,
				kind: 'space' as const,
				description: vscode.l10n.t('{0} · your Space {1}', number.friendlyName ?? '', space?.space ?? ''),
			})),
			...localNumbers(),
		];
		return known.map((number, index) => {
			const item = new vscode.CompletionItem(
				{ label: number.phoneNumber, description: number.description },
				vscode.CompletionItemKind.Value,
			);
			item.sortText = `${number.kind === 'space' ? 0 : 1}${String(index).padStart(3, '0')}`;
			item.documentation = number.description;
			return item;
		});
	}
}

export class NumberHover implements vscode.HoverProvider {
	constructor(private readonly spaceNumbers: SpaceNumbers) {}

	async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
		const line = document.lineAt(position.line).text;
		if (line.trimStart().startsWith('#')) {
			return undefined;
		}
		const found = numberAt(line, position.character);
		if (!found) {
			return undefined;
		}
		const space = await this.spaceNumbers().catch(() => undefined);
		const text = describeNumber(found.phoneNumber, space?.numbers, space?.space);
		return new vscode.Hover(
			new vscode.MarkdownString().appendText(text),
			new vscode.Range(position.line, found.start, position.line, found.end),
		);
	}
}

/** Run / Run against Space... above each `scenario:` line (arguments: the file and the scenario's index). */
export class ScenarioCodeLenses implements vscode.CodeLensProvider {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changed.event;
	private readonly subscription: vscode.Disposable;

	constructor(private readonly files: ScenarioFiles) {
		this.subscription = files.onDidChange(() => this.changed.fire());
	}

	provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
		const parsed = this.files.get(document.uri);
		const text = document.getText();
		const result = parsed?.text === text ? parsed.result : parseText(text, document.uri);
		return result.file.scenarios.flatMap((scenario, index) => {
			const range = new vscode.Range(scenario.range.startLine, 0, scenario.range.startLine, 0);
			const args = [document.uri.toString(), index];
			const run: TestingCommandId = 'signalwire.tests.runScenario';
			const space: TestingCommandId = 'signalwire.tests.runScenarioAgainstSpace';
			return [
				new vscode.CodeLens(range, {
					title: vscode.l10n.t('$(play) Run'),
					command: run,
					arguments: args,
					tooltip: vscode.l10n.t('Run "{0}" against the local server', scenario.name),
				}),
				new vscode.CodeLens(range, {
					title: vscode.l10n.t('Run against Space...'),
					command: space,
					arguments: args,
					tooltip: vscode.l10n.t('Run "{0}" against the signed-in Space (asks first)', scenario.name),
				}),
			];
		});
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}

export function registerLanguageFeatures(files: ScenarioFiles, spaceNumbers: SpaceNumbers): vscode.Disposable[] {
	const lenses = new ScenarioCodeLenses(files);
	return [
		lenses,
		vscode.languages.registerCodeLensProvider(SELECTOR, lenses),
		vscode.languages.registerCompletionItemProvider(SELECTOR, new ScenarioCompletions(spaceNumbers), ':', ' ', '+'),
		vscode.languages.registerHoverProvider(SELECTOR, new NumberHover(spaceNumbers)),
	];
}
