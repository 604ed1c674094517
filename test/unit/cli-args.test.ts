/** The CLI's arguments, file patterns and scheduling (cli/src/args.ts, files.ts, runner.ts). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../cli/src/args';
import { expandPatterns } from '../../cli/src/files';
import { locksOf, runAll, select } from '../../cli/src/runner';
import { parseScenarios } from '../../src/scenarios/parse';
import type { ScenarioSetup, Target, TargetSession } from '../../src/scenarios/runTypes';

describe('CLI: arguments', () => {
	it('reads every option of `test`', () => {
		const options = parseArgs(
			[
				'test',
				'a.smstest',
				'b/**/*.smstest',
				'--target',
				'space',
				'--var',
				'A=1=2',
				'--var=B=x',
				'--secret',
				'A',
				'--timeout',
				'2.5s',
				'--parallel',
				'4',
				'--shard',
				'2/4',
				'--grep',
				'help',
				'--bail',
				'--reporter',
				'junit',
				'--output',
				'r.xml',
				'--max-sends',
				'10',
			],
			{},
		);
		assert.ok(options.command === 'test');
		assert.deepEqual(
			[
				options.patterns,
				options.target,
				options.vars,
				options.secrets,
				options.timeoutMs,
				options.parallel,
				options.shard,
				options.grep?.source,
				options.bail,
				options.reporter,
				options.output,
				options.maxSends,
			],
			[
				['a.smstest', 'b/**/*.smstest'],
				'space',
				{ A: '1=2', B: 'x' },
				['A'],
				2500,
				4,
				{ index: 2, count: 4 },
				'help',
				true,
				'junit',
				'r.xml',
				10,
			],
		);
	});

	it('names what is wrong', () => {
		const cases: Array<[string[], RegExp]> = [
			[['test'], /needs at least one/],
			[['test', 'a', '--shard', '5/4'], /--shard expects i\/n/],
			[['test', 'a', '--var', 'no-equals'], /--var expects NAME=value/],
			[['test', 'a', '--exec', 'node app.js'], /--exec needs --app-url/],
			[['test', 'a', '--reporter', 'tap'], /--reporter expects live, junit or json/],
			[['test', 'a', '--timeout', 'soon'], /--timeout expects a duration/],
			[['test', 'a', '--frobnicate'], /unknown option --frobnicate/],
			[['frob'], /unknown command "frob"/],
		];
		for (const [argv, message] of cases) {
			assert.throws(
				() => parseArgs(argv, {}),
				(error: Error) => error instanceof UsageError && message.test(error.message),
				argv.join(' '),
			);
		}
	});
});

describe('CLI: file patterns', () => {
	it('expands paths, directories and globs (*, **, ?, {a,b}), sorted and once each', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-files-'));
		try {
			for (const f of ['a.smstest', 'sub/b.smstest', 'sub/deep/c.smstest', 'sub/notes.txt', 'node_modules/x.smstest']) {
				fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
				fs.writeFileSync(path.join(dir, f), '');
			}
			assert.deepEqual(expandPatterns(['**/*.smstest'], dir), {
				files: ['a.smstest', path.join('sub', 'b.smstest'), path.join('sub', 'deep', 'c.smstest')],
				unmatched: [],
			});
			assert.deepEqual(expandPatterns(['sub', 'a.smstest', 'sub/b.smstest'], dir).files, [
				'a.smstest',
				path.join('sub', 'b.smstest'),
				path.join('sub', 'deep', 'c.smstest'),
			]);
			assert.deepEqual(expandPatterns(['sub/?.smstest', '{a,z}.smstest'], dir).files, [
				'a.smstest',
				path.join('sub', 'b.smstest'),
			]);
			assert.deepEqual(expandPatterns(['nope/*.smstest'], dir).unmatched, ['nope/*.smstest']);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('CLI: scheduling', () => {
	const file = parseScenarios(
		['a', 'b', 'c', 'd']
			.map((n, i) => `scenario: ${n}\nfrom: +1555010010${i < 2 ? 0 : 1}\nto: +15550100555\n> ${n}\n`)
			.join('') +
			'scenario: e\nfrom: +15557654321\nto: +15550100100\napp: http://127.0.0.1:1/a\n> e\nscenario: f\nfrom: +15557654322\nto: +15550100100\napp: http://127.0.0.1:1/b\n> f\n',
	).file;
	const all = file.scenarios.map((scenario) => ({ file: 'x.smstest', scenario }));

	it('--shard deals the scenarios round robin; --grep filters first', () => {
		assert.deepEqual(
			select(all, undefined, { index: 1, count: 2 }).map((s) => s.scenario.name),
			['a', 'c', 'e'],
		);
		assert.deepEqual(
			select(all, /x\.smstest > [bd]/, { index: 2, count: 2 }).map((s) => s.scenario.name),
			['d'],
		);
	});

	it("locks are the tester/number pairs and the number's app", () => {
		assert.deepEqual(locksOf(file.scenarios[4], {}, undefined), {
			pairs: ['+15557654321|+15550100100'],
			app: ['+15550100100', 'http://127.0.0.1:1/a'],
		});
		assert.deepEqual(locksOf(file.scenarios[0], {}, 'http://127.0.0.1:2/'), {
			pairs: ['+15550100100|+15550100555'],
			app: ['+15550100555', 'http://127.0.0.1:2/'],
		});
	});

	it('--parallel runs scenarios at once only on distinct pairs and one app per number', async () => {
		const running = new Map<string, number>();
		const seen: string[][] = [];
		const target: Target = {
			name: 'probe',
			async open(setup: ScenarioSetup): Promise<TargetSession> {
				const key = `${setup.from}|${setup.app ?? ''}`;
				running.set(key, (running.get(key) ?? 0) + 1);
				seen.push([...running].flatMap(([k, n]) => Array<string>(n).fill(k)).sort());
				await new Promise((resolve) => setTimeout(resolve, 30));
				return {
					send: async () => ({ ok: true, sid: `S${Math.random()}`, at: Date.now() }),
					watchInbox: () => () => undefined,
					watchStatus: () => () => undefined,
					close: async () => void running.set(key, running.get(key)! - 1),
				};
			},
		};
		const records = await runAll(all, target, { parallel: 4, bail: false, vars: {} });
		assert.ok(records.every((r) => r.result?.status === 'passed'));
		for (const set of seen) {
			assert.equal(new Set(set).size, set.length, `a scenario pair ran twice at once: ${set.join(' ')}`);
			assert.ok(
				!(set.some((k) => k.endsWith('/a')) && set.some((k) => k.endsWith('/b'))),
				`two apps on one number: ${set.join(' ')}`,
			);
		}
		assert.equal(Math.max(...seen.map((s) => s.length)), 3, 'one of a/b, one of c/d, one of e/f');
	});

	it('--bail stops at the first failed scenario: the running ones end, the waiting ones never start', async () => {
		const opened: string[] = [];
		const target: Target = {
			name: 'probe',
			async open(setup: ScenarioSetup): Promise<TargetSession> {
				opened.push(setup.from);
				return {
					send: async (request) =>
						request.body === 'a' ? { ok: false, code: '21610', message: 'no' } : { ok: true, sid: 'S', at: Date.now() },
					watchInbox: () => () => undefined,
					watchStatus: () => () => undefined,
					close: async () => undefined,
				};
			},
		};
		const records = await runAll(all.slice(0, 4), target, { parallel: 1, bail: true, vars: {} });
		assert.deepEqual(
			records.map((r) => r.result?.status ?? 'not run'),
			['failed', 'not run', 'not run', 'not run'],
		);
		assert.equal(opened.length, 1);
	});
});
