/**
 * The `sms-sandbox` command line end to end, through the built file, against the local server:
 * the examples pass, a wrong expectation fails at its line with the actual reply, --exec runs the
 * example app, reporters and secrets, --shard/--grep, exit codes, and --target space against a
 * second local server started as if it were a Space (the polling path) with its guard rails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { spawn } from 'node:child_process';
import { buildCli, CLI, runCli } from './cliHarness';

describe('sms-sandbox (CLI, end to end)', function () {
	this.timeout(30_000);
	let tmp: string;
	before(() => {
		buildCli();
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-sandbox-cli-'));
	});
	after(() => fs.rmSync(tmp, { recursive: true, force: true }));

	const write = (name: string, text: string): string => {
		const file = path.join(tmp, name);
		fs.writeFileSync(file, text);
		return file;
	};

	it('runs the handset examples: a line per step, then "2 passed, 0 failed", exit 0', async () => {
		const run = await runCli(['test', 'examples/handsets.smstest']);
		assert.equal(run.code, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^ {2}✓ < Echo: Hello there \(\d+ ms\)$/m);
		assert.match(run.stdout, /^ {2}✓ error: 21610 \(\d+ ms\)$/m);
		assert.match(run.stdout, /\n2 passed, 0 failed\n$/);
	});

	it('a scenario that expects the wrong reply fails at its line, with the reply that arrived and its time', async () => {
		const file = write(
			'wrong.smstest',
			'scenario: wrong reply\nfrom: +15550100100\nto: +15550100555\n> hi\n< Echo: bye\n> not sent\n',
		);
		const run = await runCli(['test', file]);
		assert.equal(run.code, 1, run.stdout + run.stderr);
		assert.match(run.stdout, /✗ < Echo: bye/);
		assert.match(run.stdout, /expected: "Echo: bye"/);
		assert.match(run.stdout, /actual: {3}"Echo: hi"/);
		assert.match(run.stdout, /\d\d:\d\d:\d\d\.\d{3} {2}\+15550100555 → \+15550100100 {2}"Echo: hi"/);
		assert.match(run.stdout, new RegExp(`at ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5`));
		assert.doesNotMatch(run.stdout, /not sent \(/, 'the steps after the failure are not run');
		assert.match(run.stdout, /\n0 passed, 1 failed\n$/);
	});

	it('a timeout says how long it waited; nothing arrived', async () => {
		const file = write(
			'timeout.smstest',
			'scenario: nobody answers\nfrom: +15550100100\nto: +15551234567\n> hi\n< anything\n  within: 300ms\n',
		);
		const run = await runCli(['test', file]);
		assert.equal(run.code, 1);
		assert.match(run.stdout, /No message from \+15551234567 to \+15550100100 within 0\.3 s\./);
		assert.match(run.stdout, /nothing arrived during the wait \(3\d\d ms\)/);
	});

	it('--exec starts the example app, runs its scenarios, and stops it', async () => {
		const port = await freePort();
		const run = await runCli([
			'test',
			'examples/app',
			'--exec',
			'node examples/app/app.js',
			'--app-url',
			`http://127.0.0.1:${port}/sms`,
		]);
		assert.equal(run.code, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /\n4 passed, 0 failed\n$/);
		assert.match(run.stderr, /example SMS app on http:\/\/127\.0\.0\.1:\d+\/sms/);
		await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'the app was stopped');
	});

	it('--https: an app that answers through the REST API with the unmodified official SDK reaches the local server', async () => {
		const file = write(
			'sdk.smstest',
			'scenario: the official SDK over https\nfrom: +15557654321\nto: +15550100100\n> hello\n< REST: hello\n',
		);
		const port = await freePort();
		const args = [
			'test',
			file,
			'--exec',
			'node test/cli/fixtures/sdk-app.js',
			'--app-url',
			`http://127.0.0.1:${port}/sms`,
		];
		const run = await runCli([...args, '--https']);
		assert.equal(run.code, 0, run.stdout + run.stderr);
		assert.match(run.stderr, /the server's CA: .*sms-sandbox-ca\.pem/);
		const plain = await runCli([
			...args.slice(0, 4),
			'--app-url',
			`http://127.0.0.1:${await freePort()}/sms`,
			'--timeout',
			'1s',
		]);
		assert.equal(plain.code, 1, 'over plain http the SDK (which always speaks https) cannot reach it');
		assert.match(plain.stderr, /send failed/);
	});

	it('a parse error names file:line:column, sends nothing and exits 2', async () => {
		const file = write(
			'broken.smstest',
			'scenario: broken\nfrom: +15550100100\nto: +15550100555\n> hi ${WHO}\n< x\n  within: soon\n',
		);
		const run = await runCli(['test', file]);
		assert.equal(run.code, 2);
		assert.match(run.stderr, new RegExp(`broken\\.smstest:4:6: error: Unknown variable \\$\\{WHO\\}`));
		assert.match(run.stderr, /broken\.smstest:6:11: error: Expected a duration/);
		assert.match(run.stderr, /nothing was sent/);
		assert.equal(
			(await runCli(['test', file, '--var', 'WHO=you'])).stderr.includes('Unknown variable'),
			false,
			'--var defines it',
		);
	});

	it('serve: the local server alone, its details as the first line, until SIGTERM', async () => {
		const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--reply-delay-ms', '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
					out += chunk;
					if (out.includes('\n')) {
						resolve(out.split('\n')[0]);
					}
				});
				child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
			});
			const info = JSON.parse(line) as { url: string };
			const settings = (await (await fetch(`${info.url}/__sandbox/settings`)).json()) as { replyDelayMs: number };
			assert.equal(settings.replyDelayMs, 7);
		} finally {
			child.kill('SIGTERM');
		}
		assert.equal(await exited, 0);
	});

	it('usage errors exit 2', async () => {
		assert.equal((await runCli(['test'])).code, 2);
		assert.equal((await runCli(['test', 'x.smstest', '--parallel', 'many'])).code, 2);
		const none = await runCli(['test', 'no/such/*.smstest']);
		assert.equal(none.code, 2);
		assert.match(none.stderr, /nothing matches "no\/such\/\*\.smstest"/);
	});

	it('--reporter junit writes one testcase per step with file and line, the transcript, and no secret', async () => {
		const file = write(
			'secret.smstest',
			'scenario: secret\nfrom: +15550100100\nto: +15550100555\n> token ${PASSWORD}\n< Echo: token ${PASSWORD}\n< never\n  within: 200ms\n',
		);
		const out = path.join(tmp, 'junit.xml');
		const run = await runCli([
			'test',
			file,
			'--reporter',
			'junit',
			'--output',
			out,
			'--var',
			'PASSWORD=hunter2-very-secret',
			'--secret',
			'PASSWORD',
		]);
		assert.equal(run.code, 1);
		const xml = fs.readFileSync(out, 'utf8');
		assert.equal((xml.match(/<testcase /g) ?? []).length, 3);
		assert.match(
			xml,
			/<testcase name="line 5: &lt; Echo: token \$\{PASSWORD\}" classname="[^"]+" file="[^"]+secret\.smstest" line="5" time="[\d.]+"\/>/,
		);
		assert.match(xml, /<failure message="No message from/);
		assert.match(xml, /<system-out>[^<]*sent {5}\+15550100100 → \+15550100555 {2}&quot;token \*\*\*&quot;/);
		for (const text of [xml, run.stdout, run.stderr]) {
			assert.doesNotMatch(text, /hunter2/);
		}
		const json = await runCli([
			'test',
			file,
			'--reporter',
			'json',
			'--var',
			'PASSWORD=hunter2-very-secret',
			'--secret',
			'PASSWORD',
		]);
		const report = JSON.parse(json.stdout) as { failed: number; scenarios: Array<{ steps: unknown[] }> };
		assert.equal(report.failed, 1);
		assert.equal(report.scenarios[0].steps.length, 3);
		assert.doesNotMatch(json.stdout + json.stderr, /hunter2/);
	});

	it('--shard splits the scenarios between runs, --grep picks by name', async () => {
		const file = write(
			'many.smstest',
			['a', 'b', 'c']
				.map((n) => `scenario: ${n}\nfrom: +15550100100\nto: +15550100555\n> ${n}\n< Echo: ${n}\n`)
				.join('\n'),
		);
		const names = (stdout: string): string[] => [...stdout.matchAll(/› (\w)$/gm)].map((m) => m[1]);
		const [one, two] = await Promise.all([
			runCli(['test', file, '--shard', '1/2']),
			runCli(['test', file, '--shard', '2/2']),
		]);
		assert.deepEqual([names(one.stdout), names(two.stdout)], [['a', 'c'], ['b']]);
		const grep = await runCli(['test', file, '--grep', '> b$']);
		assert.deepEqual(names(grep.stdout), ['b']);
	});

	describe('--target space, against a second local server started as if it were a Space', () => {
		let space: Sandbox;
		before(async () => {
			space = await startSandbox({ statusStepMs: 50, replyDelayMs: 50 });
		});
		beforeEach(() => space.reset());
		after(() => space.close());
		const env = (): Record<string, string> => ({
			SIGNALWIRE_SPACE: space.url,
			SIGNALWIRE_PROJECT_ID: space.projectId,
			SIGNALWIRE_API_TOKEN: space.token,
		});

		it('runs the handset examples by polling, one list request per tester per tick, and never prints the token', async () => {
			const run = await runCli(
				['test', 'examples/handsets.smstest', '--target', 'space', '--poll-ms', '200', '--send-gap-ms', '100'],
				{ env: env() },
			);
			assert.equal(run.code, 0, run.stdout + run.stderr);
			assert.match(run.stderr, /sends at most 4 messages \(4 segments\)/);
			assert.doesNotMatch(run.stderr, /sends STOP and never START/, 'the tester sends no STOP here (the handset does)');
			const lists = space.requests.filter((r) => r.method === 'GET' && /\/Messages(\.json)?$/.test(r.path));
			assert.ok(lists.length > 0);
			assert.ok(
				lists.every(
					(r) => r.query['DateSent>']?.[0] === new Date().toISOString().slice(0, 10) && r.query.To?.length === 1,
				),
			);
			assert.doesNotMatch(run.stdout + run.stderr, new RegExp(space.token));
		});

		it('guard rails: refuses past --max-sends before sending, warns on STOP without START, refuses a tester not in the Space', async () => {
			const refused = await runCli(['test', 'examples/handsets.smstest', '--target', 'space', '--max-sends', '3'], {
				env: env(),
			});
			assert.equal(refused.code, 2);
			assert.match(refused.stderr, /at most 4 messages .* refused: 4 messages is more than --max-sends 3/s);
			assert.deepEqual(
				space.requests.filter((r) => r.method === 'POST'),
				[],
			);
			const stop = write(
				'stop.smstest',
				'scenario: opt out\nfrom: +15550100100\nto: +15550100555\n> STOP\n< Echo: STOP\n',
			);
			const warned = await runCli(['test', stop, '--target', 'space', '--poll-ms', '200'], { env: env() });
			assert.match(warned.stderr, /warning: .*"opt out" sends STOP and never START/);
			const foreign = write('foreign.smstest', 'scenario: not mine\nfrom: +15557654321\nto: +15550100555\n> hi\n');
			const notOurs = await runCli(['test', foreign, '--target', 'space', '--app-url', 'http://127.0.0.1:9/sms'], {
				env: env(),
			});
			assert.equal(notOurs.code, 2);
			assert.match(notOurs.stderr, /the tester \+15557654321 is not a number of the Space/);
			assert.match(notOurs.stderr, /warning: app: and --app-url apply to the local target only/);
			const missing = await runCli(['test', foreign, '--target', 'space'], {
				env: { SIGNALWIRE_SPACE: undefined, SIGNALWIRE_PROJECT_ID: undefined, SIGNALWIRE_API_TOKEN: undefined },
			});
			assert.match(missing.stderr, /needs SIGNALWIRE_SPACE, SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN/);
		});
	});
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
