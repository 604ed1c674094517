import * as assert from 'node:assert/strict';
import { hasErrors, parseScenarios } from '../../src/scenarios/parse';
import type { Diagnostic, ExpectStep, SendStep, Template } from '../../src/scenarios/types';

const ISSUE_EXAMPLE = `# Opt-out flow of the support line
scenario: HELP, then STOP
from: +15550100123
to: +15550100100
app: http://127.0.0.1:3000/sms
timeout: 10s

> HELP
< /Reply STOP to (unsubscribe|opt out)/i
  within: 5s
> Your code is \${CODE}
< Thanks!
  segments: 1
> STOP
< /unsubscribed/i
> are you there?
silence: 5s

scenario: the STOP handset opts out
from: +15550100100
to: +15550100556
> Hi, want our newsletter?
status: delivered
< STOP
> Are you still there?
error: 21610
`;

function text(template: Template): string {
	return template.parts.map((p) => ('text' in p ? p.text : `\${${p.variable}}`)).join('');
}

function errors(source: string): Diagnostic[] {
	return parseScenarios(source).diagnostics.filter((d) => d.severity === 'error');
}

function only(source: string): Diagnostic {
	const found = errors(source);
	assert.equal(found.length, 1, JSON.stringify(found));
	return found[0];
}

describe('scenarios: parse', () => {
	it('reads the example of the format: two scenarios, every step with its kind and line', () => {
		const result = parseScenarios(ISSUE_EXAMPLE, { isKnownVariable: (name) => name === 'CODE' });
		assert.deepEqual(result.diagnostics, []);
		const [first, second] = result.file.scenarios;
		assert.equal(first.name, 'HELP, then STOP');
		assert.equal(text(first.from!), '+15550100123');
		assert.equal(text(first.to!), '+15550100100');
		assert.equal(text(first.app!), 'http://127.0.0.1:3000/sms');
		assert.equal(first.timeoutMs, 10_000);
		assert.deepEqual(
			first.steps.map((s) => [s.kind, s.line]),
			[
				['send', 8],
				['expect', 9],
				['send', 11],
				['expect', 12],
				['send', 14],
				['expect', 15],
				['send', 16],
				['silence', 17],
			],
		);
		const regex = first.steps[1] as ExpectStep;
		assert.deepEqual(regex.match.kind === 'regex' && [text(regex.match.source), regex.match.flags], [
			'Reply STOP to (unsubscribe|opt out)',
			'i',
		]);
		assert.equal(regex.withinMs, 5000);
		assert.deepEqual(regex.range, { startLine: 8, startColumn: 0, endLine: 9, endColumn: 12 });
		const code = first.steps[2] as SendStep;
		assert.deepEqual(code.body.parts[1], {
			variable: 'CODE',
			range: { startLine: 10, startColumn: 15, endLine: 10, endColumn: 22 },
		});
		assert.deepEqual((first.steps[3] as ExpectStep).segments, { op: '=', count: 1 });
		assert.deepEqual(first.steps[7].kind === 'silence' && first.steps[7].durationMs, 5000);
		assert.deepEqual(first.range, { startLine: 1, startColumn: 0, endLine: 16, endColumn: 11 });
		assert.deepEqual(
			second.steps.map((s) => s.kind),
			['send', 'status', 'expect', 'send', 'error'],
		);
		assert.equal(second.steps[1].kind === 'status' && second.steps[1].status, 'delivered');
		assert.equal(second.steps[4].kind === 'error' && second.steps[4].code, '21610');
	});

	it('reads escapes in sent text: \\n a newline, \\$ a dollar, \\\\ a backslash', () => {
		const file = parseScenarios('scenario: s\nfrom: +15550100100\nto: +15550100555\n> a\\nb \\${X} \\\\ c\n').file;
		assert.deepEqual((file.scenarios[0].steps[0] as SendStep).body.parts, [{ text: 'a\nb ${X} \\ c' }]);
	});

	it('reads media on a send (up to 8), and media/segments/save on an expectation', () => {
		const source = [
			'scenario: mms',
			'from: +15550100100',
			'to: +15550100555',
			'> look',
			'  media: https://example.com/a.png https://example.com/b.jpg',
			'< /Echo: (look)/',
			'  media: >=2',
			'  segments: <=3',
			'  save: WORD = /Echo: (\\w+)/',
			'> ${WORD}',
		].join('\n');
		const result = parseScenarios(source);
		assert.deepEqual(result.diagnostics, []);
		const [send, expect] = result.file.scenarios[0].steps as [SendStep, ExpectStep];
		assert.deepEqual(send.media.map(text), ['https://example.com/a.png', 'https://example.com/b.jpg']);
		assert.deepEqual(expect.media, { op: '>=', count: 2 });
		assert.deepEqual(expect.segments, { op: '<=', count: 3 });
		assert.equal(expect.saves[0].name, 'WORD');
		assert.equal(expect.saves[0].pattern.source, 'Echo: (\\w+)');
		assert.deepEqual(result.file.variables, [
			{ name: 'WORD', range: { startLine: 9, startColumn: 2, endLine: 9, endColumn: 9 }, defined: true },
		]);
		assert.equal(expect.range.endLine, 8);
	});

	it('refuses a ninth media URL', () => {
		const urls = Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`).join(' ');
		assert.match(
			only(`scenario: s\nfrom: +15550100100\nto: +15550100555\n> x\n  media: ${urls}\n`).message,
			/at most 8/,
		);
	});

	it('a send may be media alone', () => {
		assert.deepEqual(
			errors('scenario: s\nfrom: +15550100100\nto: +15550100555\n>\n  media: https://e.com/a.png\n'),
			[],
		);
	});

	it('reads set:, wait:, and variables in numbers and app', () => {
		const source =
			'scenario: s\nfrom: ${TESTER}\nto: +15550100100\napp: ${APP}\nset: GREETING = hi ${NAME}\nwait: 1.5s\n> ${GREETING}\n';
		const result = parseScenarios(source, { isKnownVariable: (n) => ['TESTER', 'APP', 'NAME'].includes(n) });
		assert.deepEqual(result.diagnostics, []);
		const [set, wait] = result.file.scenarios[0].steps;
		assert.equal(set.kind === 'set' && `${set.name}=${text(set.value)}`, 'GREETING=hi ${NAME}');
		assert.equal(wait.kind === 'wait' && wait.durationMs, 1500);
	});

	it('reports an unknown variable as a warning by default and as an error when asked, at its columns', () => {
		const source = 'scenario: s\nfrom: +15550100100\nto: +15550100555\n> code ${CODE}\n';
		const warned = parseScenarios(source).diagnostics;
		assert.equal(warned.length, 1);
		assert.deepEqual(
			{ ...warned[0], message: '' },
			{ line: 3, column: 7, endColumn: 14, message: '', severity: 'warning', code: 'unknown-variable' },
		);
		assert.match(warned[0].message, /Unknown variable \$\{CODE\}: .* --var CODE=value/);
		assert.equal(parseScenarios(source, { unknownVariables: 'error' }).diagnostics[0].severity, 'error');
		assert.equal(hasErrors(parseScenarios(source, { unknownVariables: 'error' })), true);
	});

	it('a variable is unknown before its set: and known after; scenarios do not share them', () => {
		const source =
			'scenario: a\nfrom: +15550100100\nto: +15550100555\n> ${X}\nset: X = 1\n> ${X}\nscenario: b\nfrom: +15550100100\nto: +15550100555\n> ${X}\n';
		assert.deepEqual(
			parseScenarios(source).file.variables.map((v) => [v.range.startLine, v.defined]),
			[
				[3, false],
				[5, true],
				[9, false],
			],
		);
	});

	it('named handsets: handset: name number, then name> and name<', () => {
		const source =
			'scenario: two\nfrom: +15550100123\nto: +15550100100\nhandset: alice +15550100124\nalice> hi\nalice< /hello/\n> me too\n';
		const result = parseScenarios(source);
		assert.deepEqual(result.diagnostics, []);
		const steps = result.file.scenarios[0].steps as Array<SendStep | ExpectStep>;
		assert.deepEqual(
			steps.map((s) => s.handset),
			['alice', 'alice', undefined],
		);
		assert.equal(text(result.file.scenarios[0].handsets[0].number), '+15550100124');
		const unknown = only('scenario: x\nfrom: +15550100123\nto: +15550100100\nbob> hi\n');
		assert.deepEqual([unknown.line, unknown.column, unknown.endColumn], [3, 0, 3]);
		assert.match(unknown.message, /Unknown handset "bob"/);
	});

	it('file-level directives are defaults for every scenario', () => {
		const result = parseScenarios(
			'from: +15550100100\nto: +15550100555\ntimeout: 2s\nscenario: a\n> x\nscenario: b\nto: +15550100556\n> y\n',
		);
		assert.deepEqual(result.diagnostics, []);
		assert.deepEqual(
			result.file.scenarios.map((s) => [text(s.from!), text(s.to!), s.timeoutMs]),
			[
				['+15550100100', '+15550100555', 2000],
				['+15550100100', '+15550100556', 2000],
			],
		);
	});

	describe('errors name the line, the column and what was expected', () => {
		const head = 'scenario: s\nfrom: +15550100100\nto: +15550100555\n';
		const cases: Array<[string, string, number, number, RegExp]> = [
			['a bad duration', `${head}< x\n  within: soon\n`, 4, 10, /Expected a duration such as 5s/],
			['an unclosed regex', `${head}< /abc\n`, 3, 2, /closing "\/"/],
			['an invalid regex', `${head}< /(abc/\n`, 3, 2, /valid JavaScript regex/],
			['a bad status', `${head}> x\nstatus: arrived\n`, 4, 8, /one of accepted, scheduled, queued/],
			['a bad error code', `${head}> x\nerror: oops\n`, 4, 7, /error code/],
			['an unknown line', `${head}hello there\n`, 3, 0, /Expected "> text"/],
			['an attribute not indented', `${head}< x\nwithin: 5s\n`, 4, 0, /indent it under the step/],
			['an attribute the step does not take', `${head}> x\n  within: 5s\n`, 4, 10, /expected one of media:/],
			['a bad count', `${head}< x\n  segments: few\n`, 4, 12, /number of segments/],
			['a bad phone number', 'scenario: s\nfrom: 555-0100\nto: +15550100555\n> x\n', 1, 6, /E\.164/],
			['a directive after a step', `${head}> x\nfrom: +15550100101\n`, 4, 0, /before the scenario's first step/],
			['a step before any scenario', '> hi\n', 0, 0, /scenario: <name>/],
			['a missing from', 'scenario: s\nto: +15550100555\n> x\n', 0, 0, /needs "from:/],
			['a bad variable', `${head}> \${1X}\n`, 3, 2, /variable name/],
			['a bad save', `${head}< x\n  save: CODE /x/\n`, 4, 8, /save: NAME = \/regex\(group\)\//],
			['an empty expectation', `${head}<\n`, 3, 0, /Expected the reply after "<"/],
			['a bad media URL', `${head}> x\n  media: ftp://x/y.png\n`, 4, 9, /http:\/\/ or https:\/\//],
			['an empty send', `${head}>\n< x\n`, 3, 0, /Expected the text to send after ">", or a "media:" line/],
		];
		for (const [what, source, line, column, message] of cases) {
			it(what, () => {
				const d = only(source);
				assert.deepEqual([d.line, d.column], [line, column], d.message);
				assert.ok(d.endColumn > d.column);
				assert.match(d.message, message);
			});
		}
	});

	it('never throws, whatever the input', () => {
		const samples = [
			'',
			'\n\n',
			'<<<',
			'>',
			'scenario:',
			'  save: = //',
			'${',
			'scenario: a\n  media: 1\n',
			'\uFEFFscenario: x\r\nfrom: +1\r\n',
		];
		for (let i = 0; i < 300; i++) {
			samples.push(Array.from({ length: 20 }, () => String.fromCharCode(32 + Math.floor(Math.random() * 95))).join(''));
		}
		for (const sample of samples) {
			assert.doesNotThrow(() => parseScenarios(sample), sample);
		}
	});

	it('a scenario without steps is a warning; a duplicate name is a warning', () => {
		const result = parseScenarios('scenario: a\nscenario: a\nfrom: +15550100100\nto: +15550100555\n> x\n');
		assert.deepEqual(
			result.diagnostics.map((d) => [d.line, d.severity]),
			[
				[0, 'warning'],
				[1, 'warning'],
			],
		);
		assert.equal(hasErrors(result), false);
	});
});
