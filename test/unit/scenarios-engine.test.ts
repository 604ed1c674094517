import * as assert from 'node:assert/strict';
import { runScenario } from '../../src/scenarios/engine';
import { parseScenarios } from '../../src/scenarios/parse';
import type { RunOptions, ScenarioResult, StepEvent } from '../../src/scenarios/runTypes';
import type { Scenario } from '../../src/scenarios/types';
import { FakeTarget, type FakeAnswer } from './scenarioFakeTarget';
import type { SendRequest } from '../../src/scenarios/runTypes';

const HEAD = 'scenario: s\nfrom: +15550100123\nto: +15550100100\ntimeout: 300ms\n';

function scenario(body: string): Scenario {
	const result = parseScenarios(HEAD + body, { path: 'x.smstest' });
	assert.deepEqual(
		result.diagnostics.filter((d) => d.severity === 'error'),
		[],
	);
	return result.file.scenarios[0];
}

const targets: FakeTarget[] = [];
afterEach(() => targets.splice(0).forEach((t) => t.dispose()));

async function run(
	body: string,
	script: (r: SendRequest) => FakeAnswer,
	options: RunOptions = {},
): Promise<{ result: ScenarioResult; target: FakeTarget; events: StepEvent[] }> {
	const target = new FakeTarget(script);
	targets.push(target);
	const events: StepEvent[] = [];
	const result = await runScenario(scenario(body), target, {
		path: 'x.smstest',
		onStep: (e) => events.push(e),
		...options,
	});
	return { result, target, events };
}

const reply = (
	body: string,
	afterMs = 20,
	extra: Partial<{ numMedia: number; numSegments: number }> = {},
): FakeAnswer => ({ replies: [{ afterMs, body, ...extra }] });

describe('scenarios: engine (scripted fake target)', () => {
	it('a conversation passes: exact and regex replies, each step told started then passed, in order', async () => {
		const { result, target, events } = await run('> HELP\n< /reply stop/i\n> hi\n< Echo: hi\n', (r) =>
			reply(r.body === 'HELP' ? 'Reply STOP to quit' : `Echo: ${r.body}`),
		);
		assert.equal(result.status, 'passed', JSON.stringify(result.steps.map((s) => s.failure)));
		assert.deepEqual(
			target.sends.map((s) => [s.from, s.to, s.body]),
			[
				['+15550100123', '+15550100100', 'HELP'],
				['+15550100123', '+15550100100', 'hi'],
			],
		);
		assert.deepEqual(
			events.map((e) => `${e.type}${e.index}`),
			['started0', 'passed0', 'started1', 'passed1', 'started2', 'passed2', 'started3', 'passed3'],
		);
		assert.deepEqual(
			result.transcript.map((t) => t.kind),
			['sent', 'status', 'received', 'sent', 'status', 'received'],
		);
		assert.equal(target.closed, 1);
	});

	it('exact means exact: a different reply fails at once with what arrived, the rest is skipped', async () => {
		const { result, events } = await run('> hi\n< Thanks!\n> more\n', () => reply('Thanks'));
		assert.equal(result.status, 'failed');
		const failed = events.find((e) => e.type === 'failed');
		assert.ok(failed && failed.type === 'failed');
		assert.equal(failed.index, 1);
		assert.deepEqual(failed.failure.location, { path: 'x.smstest', line: 6 });
		assert.equal(failed.failure.expected, '"Thanks!"');
		assert.match(failed.failure.actual!, /^"Thanks"/);
		assert.deepEqual(
			failed.failure.arrivedDuringWait.map((m) => m.body),
			['Thanks'],
		);
		assert.ok(failed.durationMs < 250, `failed at once, not at the timeout (${failed.durationMs} ms)`);
		assert.deepEqual(
			events.slice(-1).map((e) => [e.type, e.index]),
			[['skipped', 2]],
		);
	});

	it('a timeout says how long it waited and what arrived meanwhile (from other numbers)', async () => {
		const { result, target } = await run('> hi\n< anything\n  within: 150ms\n', () => ({}), {});
		void target;
		const failure = result.steps[1].failure!;
		assert.match(failure.message, /No message from \+15550100100 to \+15550100123 within 0\.2 s/);
		assert.ok(failure.waitedMs! >= 140, String(failure.waitedMs));
		const other = await run('> hi\n< anything\n', () => ({
			replies: [{ afterMs: 10, body: 'spam', from: '+15550109999' }],
		}));
		assert.deepEqual(
			other.result.steps[1].failure!.arrivedDuringWait.map((m) => [m.from, m.body]),
			[['+15550109999', 'spam']],
		);
		assert.ok(other.result.steps[1].failure!.waitedMs! >= 290, 'the scenario timeout (300ms) applies without within:');
	});

	it('--timeout is the default when the scenario sets none', async () => {
		const target = new FakeTarget();
		targets.push(target);
		const parsed = parseScenarios('scenario: s\nfrom: +15550100123\nto: +15550100100\n> hi\n< x\n').file.scenarios[0];
		const result = await runScenario(parsed, target, { timeoutMs: 120 });
		assert.ok(result.steps[1].failure!.waitedMs! < 1000);
		assert.match(result.steps[1].failure!.message, /within 0\.1 s/);
	});

	it('silence: passes when nothing comes, fails when a reply arrives (with it shown)', async () => {
		const quiet = await run('> STOP\nsilence: 100ms\n', () => ({}));
		assert.equal(quiet.result.status, 'passed');
		assert.ok(quiet.result.steps[1].durationMs >= 95);
		const loud = await run('> are you there?\nsilence: 2s\n', () => reply('yes!', 30));
		assert.equal(loud.result.status, 'failed');
		assert.deepEqual(
			loud.result.steps[1].failure!.arrivedDuringWait.map((m) => m.body),
			['yes!'],
		);
		assert.ok(loud.result.steps[1].durationMs < 1000, 'fails as soon as the reply arrives');
	});

	it('save: captures a group for later steps (a one-time code)', async () => {
		const { result, target } = await run(
			'> code please\n< /code (\\d{6})/\n  save: CODE = /(\\d{6})/\n> ${CODE}\n< /^ok ${CODE}$/\n',
			(r) => (r.body === 'code please' ? reply('Your code 123456') : reply(`ok ${r.body}`)),
		);
		assert.equal(result.status, 'passed', JSON.stringify(result.steps.map((s) => s.failure)));
		assert.equal(target.sends[1].body, '123456');
	});

	it('a variable in a regex matches its value literally', async () => {
		const { result } = await run('set: PRICE = $1.00\n> p\n< /^costs ${PRICE}$/\n', () => reply('costs $1x00'));
		assert.equal(result.status, 'failed', 'the "." of the value is not a wildcard');
	});

	it('segments and media counts', async () => {
		const ok = await run('> x\n< /./\n  segments: <=2\n  media: >=1\n', () =>
			reply('y', 10, { numSegments: 2, numMedia: 1 }),
		);
		assert.equal(ok.result.status, 'passed');
		const tooLong = await run('> x\n< /./\n  segments: <=2\n', () => reply('y', 10, { numSegments: 3 }));
		assert.match(tooLong.result.steps[1].failure!.message, /3 segments, expected <=2/);
		const noMedia = await run('> x\n< /./\n  media: 1\n', () => reply('y'));
		assert.match(noMedia.result.steps[1].failure!.message, /0 media, expected 1/);
	});

	it('a send with media passes its URLs on (substituted)', async () => {
		const { target } = await run(
			'set: HOST = https://e.com\n> look\n  media: ${HOST}/a.png https://e.com/b.png\n',
			() => ({}),
		);
		assert.deepEqual(target.sends[0].mediaUrls, ['https://e.com/a.png', 'https://e.com/b.png']);
	});

	it('status: waits for the status; fails at once on another final one', async () => {
		const delivered = await run('> x\nstatus: delivered\n', () => ({
			statuses: [
				{ afterMs: 10, status: 'sent' },
				{ afterMs: 30, status: 'delivered' },
			],
		}));
		assert.equal(delivered.result.status, 'passed');
		const sentCounts = await run('> x\nstatus: sent\n', () => ({ statuses: [{ afterMs: 10, status: 'delivered' }] }));
		assert.equal(sentCounts.result.status, 'passed', 'delivered means it was sent');
		const failed = await run('> x\nstatus: delivered\n', () => ({
			statuses: [{ afterMs: 10, status: 'failed', errorCode: '30003' }],
		}));
		assert.equal(failed.result.steps[1].failure!.actual, 'failed (30003)');
		assert.ok(failed.result.steps[1].durationMs < 250);
		const stuck = await run('> x\nstatus: delivered\n', () => ({}));
		assert.match(stuck.result.steps[1].failure!.message, /did not reach delivered within 0\.3 s; it is queued/);
	});

	it('error: a refusal with the code passes (and the refused send too); another code fails', async () => {
		const refused = await run('> x\nerror: 21610\n', () => ({ refuse: { code: '21610', message: 'opted out' } }));
		assert.equal(refused.result.status, 'passed');
		const other = await run('> x\nerror: 21610\n', () => ({ refuse: { code: '21211', message: 'bad To' } }));
		assert.match(other.result.steps[1].failure!.message, /refused with 21211, not 21610/);
		const unexpected = await run('> x\n< y\n', () => ({ refuse: { code: '21610', message: 'opted out' } }));
		assert.equal(unexpected.result.steps[0].status, 'failed');
		assert.match(unexpected.result.steps[0].failure!.message, /refused with 21610: opted out/);
		const failedLater = await run('> x\nerror: 30003\n', () => ({
			statuses: [{ afterMs: 10, status: 'failed', errorCode: '30003' }],
		}));
		assert.equal(failedLater.result.status, 'passed');
		const delivered = await run('> x\nerror: 30003\n', () => ({ statuses: [{ afterMs: 10, status: 'delivered' }] }));
		assert.match(delivered.result.steps[1].failure!.message, /ended as delivered/);
	});

	it('variables: --var values are used; an unknown one sends nothing', async () => {
		const given = await run('> hi ${NAME}\n', () => ({}), { vars: { NAME: 'Ann' } });
		assert.equal(given.target.sends[0].body, 'hi Ann');
		const unknown = await run('> first\n> hi ${NOPE}\n', () => ({}));
		assert.deepEqual(unknown.target.sends, []);
		assert.equal(unknown.result.status, 'failed');
		assert.equal(unknown.result.steps[1].status, 'failed');
		assert.match(unknown.result.steps[1].failure!.message, /Unknown variable \$\{NOPE\} \(line 6\): nothing was sent/);
		assert.equal(unknown.target.setups.length, 0, 'the target was not even opened');
	});

	it('named handsets send and receive on their own numbers', async () => {
		const body = 'handset: alice +15550100124\nalice> hi\nalice< /hello alice/\n> and me\n< hello you\n';
		const { result, target } = await run(body, (r) => reply(r.from === '+15550100124' ? 'hello alice' : 'hello you'));
		assert.equal(result.status, 'passed', JSON.stringify(result.steps.map((s) => s.failure)));
		assert.deepEqual(
			target.sends.map((s) => s.from),
			['+15550100124', '+15550100123'],
		);
		assert.deepEqual(target.setups[0].testers, ['+15550100123', '+15550100124']);
	});

	it('a reply meant for alice does not satisfy the main tester', async () => {
		const { result } = await run('handset: alice +15550100124\n> hi\n< x\n', () => ({
			replies: [{ afterMs: 10, body: 'x', to: '+15550100124' }],
		}));
		assert.equal(result.status, 'failed');
	});

	it('an abort ends the wait at once and skips the rest', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 50);
		const { result } = await run('> hi\n< never\n  within: 10s\n> after\n', () => ({}), { signal: controller.signal });
		assert.equal(result.status, 'aborted');
		assert.ok(Date.now() - started < 2000);
		assert.deepEqual(
			result.steps.map((s) => s.status),
			['passed', 'skipped', 'skipped'],
		);
	});

	it('app: is handed to the target; --app-url is the default', async () => {
		const target = new FakeTarget();
		targets.push(target);
		const [withApp, without] = parseScenarios(
			'scenario: a\nfrom: +15550100123\nto: +15550100100\napp: http://127.0.0.1:3000/sms\n> x\nscenario: b\nfrom: +15550100123\nto: +15550100100\n> y\n',
		).file.scenarios;
		await runScenario(withApp, target, { appUrl: 'http://127.0.0.1:9/other' });
		await runScenario(without, target, { appUrl: 'http://127.0.0.1:9/other' });
		assert.deepEqual(
			target.setups.map((s) => s.app),
			['http://127.0.0.1:3000/sms', 'http://127.0.0.1:9/other'],
		);
	});

	it('a target that throws fails the step, not the run', async () => {
		const { result } = await run('> hi\n', () => {
			throw new Error('socket hang up');
		});
		assert.match(result.steps[0].failure!.message, /fake target failed: socket hang up/);
	});
});
