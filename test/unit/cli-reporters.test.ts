/**
 * The CLI's reporters (cli/src/): the JUnit XML has the shape CI systems read, and no reporter
 * lets a secret through (token, Signing Key, --secret values).
 */
import * as assert from 'node:assert/strict';
import { jsonReport } from '../../cli/src/json';
import { junitReport, xmlEscape } from '../../cli/src/junit';
import { LiveReporter } from '../../cli/src/live';
import type { RunRecord } from '../../cli/src/runner';
import { Scrubber } from '../../cli/src/scrub';
import { parseScenarios } from '../../src/scenarios/parse';
import type { ScenarioResult } from '../../src/scenarios/runTypes';

const SECRET = 'PT0123456789abcdef-secret';

function records(): RunRecord[] {
	const [a, b] = parseScenarios(
		`scenario: ok & fine\nfrom: +15550100100\nto: +15550100555\n> hi\n< Echo: hi\nscenario: <broken>\nfrom: +15550100100\nto: +15550100555\n> ${SECRET}\n< "quoted"\n> never\n`,
		{
			path: 'a.smstest',
		},
	).file.scenarios;
	const at = Date.UTC(2026, 0, 1, 12, 0, 1, 234);
	const passed: ScenarioResult = {
		scenario: a,
		status: 'passed',
		durationMs: 120,
		transcript: [{ at, kind: 'sent', from: '+15550100100', to: '+15550100555', text: 'hi' }],
		steps: a.steps.map((step) => ({ step, status: 'passed', durationMs: 60 })),
	};
	const arrived = {
		sid: 'SM1',
		at,
		from: '+15550100555',
		to: '+15550100100',
		body: `Echo: ${SECRET} \u0007`,
		numMedia: 0,
		numSegments: 1,
	};
	const failed: ScenarioResult = {
		scenario: b,
		status: 'failed',
		durationMs: 300,
		transcript: [{ at, kind: 'received', from: '+15550100555', to: '+15550100100', text: arrived.body }],
		steps: [
			{ step: b.steps[0], status: 'passed', durationMs: 10 },
			{
				step: b.steps[1],
				status: 'failed',
				durationMs: 200,
				failure: {
					message: 'The reply did not match.',
					expected: '"\\"quoted\\""',
					actual: JSON.stringify(arrived.body),
					arrivedDuringWait: [arrived],
					location: { path: 'a.smstest', line: 10 },
				},
			},
			{ step: b.steps[2], status: 'skipped', durationMs: 0 },
		],
	};
	return [
		{ file: 'a.smstest', scenario: a, result: passed },
		{ file: 'a.smstest', scenario: b, result: failed },
	];
}

/** A small XML reader: elements with attributes and text, well-formedness checked (nesting, quoting, entities). */
interface Element {
	name: string;
	attributes: Record<string, string>;
	children: Element[];
	text: string;
}
function readXml(xml: string): Element {
	const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
	// eslint-disable-next-line no-control-regex -- it looks for exactly those characters
	assert.doesNotMatch(body, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'no characters XML 1.0 forbids');
	const token =
		/<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy;
	const root: Element = { name: '#root', attributes: {}, children: [], text: '' };
	const stack = [root];
	let m: RegExpExecArray | null;
	let read = 0;
	while ((m = token.exec(body)) !== null) {
		read = token.lastIndex;
		const top = stack[stack.length - 1];
		if (m[5] !== undefined) {
			assert.doesNotMatch(m[5], /&(?!(amp|lt|gt|quot|apos);)/, 'entities are escaped');
			top.text += m[5];
		} else if (m[1] === '/') {
			assert.equal(top.name, m[2], 'tags nest');
			stack.pop();
		} else {
			const attributes = Object.fromEntries([...m[3].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
			const element: Element = { name: m[2], attributes, children: [], text: '' };
			top.children.push(element);
			if (m[4] !== '/') {
				stack.push(element);
			}
		}
	}
	assert.equal(read, body.length, 'the whole document is read');
	assert.equal(stack.length, 1, 'every element is closed');
	assert.equal(root.children.filter((c) => c.name !== '#text').length, 1);
	return root.children[0];
}

describe('CLI reporters', () => {
	it('JUnit: testsuites > testsuite (a scenario) > testcase (a step, with file and line) > failure|skipped, and system-out', () => {
		const xml = junitReport(records(), 420);
		const root = readXml(xml);
		assert.equal(root.name, 'testsuites');
		assert.deepEqual(
			[root.attributes.tests, root.attributes.failures, root.attributes.skipped, root.attributes.errors],
			['5', '1', '1', '0'],
		);
		const [ok, broken] = root.children;
		assert.deepEqual(
			[ok.name, ok.attributes.name, ok.attributes.tests],
			['testsuite', 'a.smstest › ok &amp; fine', '2'],
		);
		assert.equal(broken.attributes.name, 'a.smstest › &lt;broken&gt;');
		const cases = broken.children.filter((c) => c.name === 'testcase');
		assert.deepEqual(
			cases.map((c) => [c.attributes.file, c.attributes.line]),
			[
				['a.smstest', '9'],
				['a.smstest', '10'],
				['a.smstest', '11'],
			],
		);
		for (const c of [...cases, ...ok.children.filter((x) => x.name === 'testcase')]) {
			assert.ok(c.attributes.name && c.attributes.classname && /^\d+\.\d{3}$/.test(c.attributes.time));
		}
		assert.equal(cases[1].children[0].name, 'failure');
		assert.match(cases[1].children[0].attributes.message, /did not match/);
		assert.match(cases[1].children[0].text, /12:00:01\.234 {2}\+15550100555 → \+15550100100/);
		assert.match(cases[1].children[0].text, /at a\.smstest:10/);
		assert.equal(cases[2].children[0].name, 'skipped');
		assert.equal(broken.children.at(-1)!.name, 'system-out', 'system-out after the testcases');
		assert.match(broken.children.at(-1)!.text, /received \+15550100555 → \+15550100100/);
	});

	it('xmlEscape escapes markup and drops what XML cannot hold', () => {
		assert.equal(xmlEscape(`<a href="x">&'\u0000\u0007\t</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;\t&lt;/a&gt;');
	});

	it('no reporter lets a secret through once scrubbed: live, JUnit, JSON', () => {
		const scrubber = new Scrubber();
		scrubber.add(SECRET, 'abc');
		const lines: string[] = [];
		const live = new LiveReporter((line) => lines.push(scrubber.scrub(line)), { color: false, parallel: false });
		const recs = records();
		for (const r of recs) {
			live.scenarioStart(r);
			r.result!.steps.forEach((s, index) => {
				if (s.status === 'failed') {
					live.step(r, {
						type: 'failed',
						scenario: r.scenario,
						step: s.step,
						index,
						durationMs: s.durationMs,
						failure: s.failure!,
					});
				} else if (s.status === 'passed') {
					live.step(r, { type: 'passed', scenario: r.scenario, step: s.step, index, durationMs: s.durationMs });
				}
			});
		}
		live.summary(recs, 500);
		const unscrubbed = [junitReport(recs, 1), jsonReport(recs, 1)];
		assert.ok(
			unscrubbed.every((text) => text.includes(SECRET)),
			'the fixture holds the secret',
		);
		for (const text of [lines.join('\n'), ...unscrubbed.map((t) => scrubber.scrub(t))]) {
			assert.ok(!text.includes(SECRET));
			assert.ok(!text.includes(encodeURIComponent(SECRET)));
		}
		assert.equal(lines.at(-1), '1 passed, 1 failed');
		assert.match(lines.join('\n'), /✗ < "quoted" \(200 ms\)\n {6}The reply did not match\.\n {6}expected: /);
	});

	it('JSON: counts, and a step per line with its status and failure', () => {
		const report = JSON.parse(jsonReport(records(), 7)) as {
			passed: number;
			failed: number;
			scenarios: Array<{ status: string; steps: Array<{ line: number; status: string }> }>;
		};
		assert.deepEqual([report.passed, report.failed], [1, 1]);
		assert.deepEqual(
			report.scenarios[1].steps.map((s) => [s.line, s.status]),
			[
				[9, 'passed'],
				[10, 'failed'],
				[11, 'skipped'],
			],
		);
	});
});
