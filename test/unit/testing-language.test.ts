/**
 * The `smstest` language's static parts: the manifest points at files that exist, the TextMate
 * grammar's patterns compile and colour each part of a step line, the snippets are what they say,
 * and a number's hover text names whose it is (src/testing/numberInfo.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseScenarios } from '../../src/scenarios/parse';
import { describeNumber, numberAt } from '../../src/testing/numberInfo';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	activationEvents: string[];
	contributes: {
		languages: Array<{ id: string; extensions: string[]; configuration: string; icon: { light: string; dark: string } }>;
		grammars: Array<{ language: string; path: string; scopeName: string }>;
		snippets: Array<{ language: string; path: string }>;
	};
};

interface Rule {
	match?: string;
	begin?: string;
	end?: string;
	name?: string;
	patterns?: Rule[];
	captures?: Record<string, { name?: string }>;
	beginCaptures?: Record<string, { name?: string }>;
}

const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'smstest.tmLanguage.json'), 'utf8')) as { scopeName: string; repository: Record<string, Rule> };

function rules(rule: Rule): Rule[] {
	return [rule, ...(rule.patterns ?? []).flatMap(rules)];
}

/** The scope names the grammar gives the groups of the first of its top-level rules matching `line`. */
function scopes(line: string): string[] {
	for (const rule of Object.values(grammar.repository).flatMap(rules)) {
		const source = rule.match ?? rule.begin;
		const match = source ? new RegExp(source).exec(line) : null;
		if (match && match.index === 0 && (rule.captures || rule.beginCaptures)) {
			const captures = rule.captures ?? rule.beginCaptures ?? {};
			return Object.entries(captures)
				.filter(([group]) => match[Number(group)] !== undefined)
				.map(([, capture]) => capture.name ?? '')
				.filter(Boolean);
		}
	}
	return [];
}

describe('smstest language', () => {
	it('is contributed with its icon, configuration, grammar and snippets, all shipped files', () => {
		const [language] = manifest.contributes.languages;
		assert.equal(language!.id, 'smstest');
		assert.deepEqual(language!.extensions, ['.smstest']);
		for (const file of [language!.configuration, language!.icon.light, language!.icon.dark, ...manifest.contributes.grammars.map((g) => g.path), ...manifest.contributes.snippets.map((s) => s.path)]) {
			assert.ok(fs.existsSync(path.join(ROOT, file)), file);
		}
		const configuration = JSON.parse(fs.readFileSync(path.join(ROOT, language!.configuration), 'utf8')) as { comments: { lineComment: string } };
		assert.equal(configuration.comments.lineComment, '#');
		assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.smstest'));
		assert.ok(manifest.activationEvents.includes('onLanguage:smstest'));
	});

	it('has a grammar whose patterns all compile', () => {
		for (const rule of Object.values(grammar.repository).flatMap(rules)) {
			for (const source of [rule.match, rule.begin, rule.end].filter((s): s is string => s !== undefined)) {
				assert.doesNotThrow(() => new RegExp(source), source);
			}
		}
	});

	it('colours each part of a line: directives, steps with handsets, regexes, attributes, variables and comments', () => {
		assert.deepEqual(scopes('scenario: HELP, then STOP'), ['keyword.control.scenario.smstest', 'punctuation.separator.key-value.smstest', 'entity.name.section.scenario.smstest']);
		assert.ok(scopes('from: +15550100100').includes('keyword.other.directive.smstest'));
		assert.deepEqual(scopes('alice> hi'), ['entity.name.tag.handset.smstest', 'keyword.operator.send.smstest']);
		assert.ok(scopes('< /Reply STOP (now)/i').includes('string.regexp.smstest'));
		assert.ok(scopes('< /Reply STOP (now)/i').includes('keyword.other.flag.regexp.smstest'));
		assert.ok(scopes('  save: CODE = /(\\d{6})/').includes('variable.other.smstest'));
		assert.ok(scopes('  within: 5s').includes('entity.other.attribute-name.smstest'));
		assert.ok(scopes('status: delivered').includes('constant.language.status.smstest'));
		assert.ok(scopes('# a comment').includes('punctuation.definition.comment.smstest'));
		const variable = grammar.repository.variable!;
		assert.equal(new RegExp(variable.match!).exec('> code ${CODE} now')?.[2], 'CODE');
	});

	it('has snippets that expand to scenarios the parser accepts', () => {
		const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'smstest.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
		assert.deepEqual(Object.keys(snippets), ['New scenario', 'Expected reply within a time', 'Capture into a variable']);
		// Each placeholder replaced by its default text, as Tab through the snippet leaves it.
		const expand = (body: string[]): string =>
			body
				.join('\n')
				.replace(/\$0/g, '')
				.replace(/\\\$/g, '@DOLLAR@')
				.replace(/\$\{\d+:((?:[^{}]|\{[^{}]*\})*)\}/g, '$1')
				.replace(/\$\{\d+:((?:[^{}]|\{[^{}]*\})*)\}/g, '$1')
				.replace(/\\\}/g, '}')
				.replace(/@DOLLAR@/g, '$');
		const scenario = expand(snippets['New scenario']!.body);
		const within = expand(snippets['Expected reply within a time']!.body);
		const capture = expand(snippets['Capture into a variable']!.body);
		const result = parseScenarios(`${scenario}\n> one\n${within}\n> two\n${capture}\n`);
		assert.deepEqual(result.diagnostics, []);
		const steps = result.file.scenarios[0]!.steps;
		assert.equal(steps.find((step) => step.kind === 'expect' && step.withinMs !== undefined)?.kind, 'expect');
		assert.ok(steps.some((step) => step.kind === 'expect' && step.saves.some((save) => save.name === 'CODE')));
		assert.ok(steps.some((step) => step.kind === 'send' && step.body.parts.some((part) => 'variable' in part && part.variable === 'CODE')));
	});
});

describe('whose number (hover)', () => {
	it('finds the number under the cursor', () => {
		assert.deepEqual(numberAt('to: +15550100555 # echo', 6), { phoneNumber: '+15550100555', start: 4, end: 16 });
		assert.equal(numberAt('to: +15550100555', 2), undefined);
	});

	it('names the Space\'s numbers, the local handsets and numbers, and says when it does not know', () => {
		const space = [{ phoneNumber: '+12025550123', friendlyName: 'Support line' }];
		assert.match(describeNumber('+12025550123', space, 'https://example.signalwire.com'), /Your Space's number \+12025550123 \(Support line\)/);
		assert.match(describeNumber('+15550100555', undefined), /Echo/);
		assert.match(describeNumber('+15550100556', undefined), /STOP.*21610/);
		assert.match(describeNumber('+15550100100', undefined), /local server's project/);
		assert.match(describeNumber('+15557654321', space), /unknown, neither a number of your Space nor of the local server/);
		assert.match(describeNumber('+15557654321', undefined), /sign in to see your Space's numbers/);
	});
});
