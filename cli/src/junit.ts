/**
 * `--reporter junit`: one <testsuite> per scenario, one <testcase> per step with its file and
 * line, the failure's details in <failure>, the scenario's transcript in <system-out>. The shape
 * of the JUnit XML that CI systems read (testsuites > testsuite > testcase > failure|skipped).
 */
import type { RunRecord } from './runner';
import { failureLines, transcriptText } from './format';

/** XML 1.0 text: escapes markup and drops characters XML cannot hold. */
export function xmlEscape(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** `name="value" …`, escaped, in the given order. */
function attributes(values: Record<string, string>): string {
	return Object.entries(values)
		.map(([name, value]) => `${name}="${xmlEscape(value)}"`)
		.join(' ');
}

export function junitReport(records: RunRecord[], totalMs: number): string {
	const suites: string[] = [];
	let tests = 0;
	let failures = 0;
	let skipped = 0;
	for (const record of records) {
		const { scenario, result, file } = record;
		const cases: string[] = [];
		let suiteFailures = 0;
		let suiteSkipped = 0;
		scenario.steps.forEach((step, i) => {
			const stepResult = result?.steps[i];
			const status = stepResult?.status ?? 'skipped';
			const attrs = attributes({
				name: `line ${step.line}: ${step.text}`,
				classname: `${file}.${scenario.name}`,
				file,
				line: String(step.line),
				time: seconds(stepResult?.durationMs ?? 0),
			});
			if (status === 'failed' && stepResult?.failure) {
				suiteFailures++;
				const f = stepResult.failure;
				cases.push(
					[
						`    <testcase ${attrs}>`,
						`      <failure ${attributes({ message: f.message, type: 'AssertionError' })}>${xmlEscape(failureLines(f).join('\n'))}</failure>`,
						'    </testcase>',
					].join('\n'),
				);
			} else if (status === 'skipped') {
				suiteSkipped++;
				cases.push(`    <testcase ${attrs}>\n      <skipped/>\n    </testcase>`);
			} else {
				cases.push(`    <testcase ${attrs}/>`);
			}
		});
		tests += scenario.steps.length;
		failures += suiteFailures;
		skipped += suiteSkipped;
		const out = result
			? `\n    <system-out>${xmlEscape(transcriptText(result) + (result.error ? `\n${result.error}` : ''))}</system-out>`
			: '';
		suites.push(
			`  <testsuite ${attributes({
				name: `${file} › ${scenario.name}`,
				tests: String(scenario.steps.length),
				failures: String(suiteFailures),
				errors: '0',
				skipped: String(suiteSkipped),
				time: seconds(result?.durationMs ?? 0),
				file,
			})}>\n${cases.join('\n')}${out}\n  </testsuite>`,
		);
	}
	const root = attributes({
		name: 'sms-sandbox',
		tests: String(tests),
		failures: String(failures),
		errors: '0',
		skipped: String(skipped),
		time: seconds(totalMs),
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${root}>\n${suites.join('\n')}\n</testsuites>\n`;
}
