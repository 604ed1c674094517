/**
 * The Space target (src/scenarios/spaceTarget.ts) against a local server as the Space: polling
 * with one list request per tester per tick shared by all waiting scenarios, messages already there
 * never told, each message told once, and sends paced per From number.
 */
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SignalWireClient } from '../../src/signalwire/client';
import { runScenario } from '../../src/scenarios/engine';
import { parseScenarios } from '../../src/scenarios/parse';
import { SpaceTarget } from '../../src/scenarios/spaceTarget';

describe('scenarios: Space target (polling)', function () {
	this.timeout(20_000);
	let space: Sandbox;
	let client: SignalWireClient;
	before(async () => {
		space = await startSandbox({ statusStepMs: 20, replyDelayMs: 20 });
		client = new SignalWireClient({
			credentials: { space: space.url, projectId: space.projectId, token: space.token },
		});
	});
	beforeEach(() => space.reset());
	after(() => space.close());

	const lists = (tester: string): number =>
		space.requests.filter(
			(r) => r.method === 'GET' && /\/Messages(\.json)?$/.test(r.path) && r.query.To?.[0] === tester,
		).length;

	it('three scenarios waiting on one tester share one list request per tick', async () => {
		const target = new SpaceTarget(client, { pollMs: 200, sendGapMs: 0 });
		const text = [1, 2, 3]
			.map((i) => `scenario: s${i}\nfrom: +15550100100\nto: +1555123450${i}\n> hi\n< never\n  within: 1s\n`)
			.join('');
		const started = Date.now();
		await Promise.all(parseScenarios(text).file.scenarios.map((s) => runScenario(s, target)));
		const ticks = (Date.now() - started) / 200;
		const count = lists('+15550100100');
		assert.ok(count <= ticks + 2, `${count} list requests in ${ticks.toFixed(1)} ticks`);
		assert.ok(count >= 3);
	});

	it('a message there before the watch began is never told; a reply is told once', async () => {
		space.inject({ from: '+15550100555', to: '+15550100100', body: 'Echo: old' });
		const target = new SpaceTarget(client, { pollMs: 100, sendGapMs: 0 });
		const [scenario] = parseScenarios(
			'scenario: s\nfrom: +15550100100\nto: +15550100555\n> new\n< Echo: new\nsilence: 500ms\n',
		).file.scenarios;
		const result = await runScenario(scenario, target, { timeoutMs: 3000 });
		assert.equal(result.status, 'passed', JSON.stringify(result.steps.map((s) => s.failure)));
		assert.deepEqual(
			result.transcript.filter((t) => t.kind === 'received').map((t) => t.text),
			['Echo: new'],
		);
	});

	it('paces sends from one number (sendGapMs apart)', async () => {
		// When each create-message request leaves, not when the server reads it: on a loaded machine
		// one request can take longer on the wire than the next, which the pacing does not control.
		const sentAt: number[] = [];
		const pacedClient = Object.create(client) as SignalWireClient;
		pacedClient.createMessage = (params) => {
			sentAt.push(performance.now());
			return client.createMessage(params);
		};
		const target = new SpaceTarget(pacedClient, { pollMs: 1000, sendGapMs: 300 });
		const [scenario] = parseScenarios('scenario: s\nfrom: +15550100100\nto: +15551234567\n> a\n> b\n> c\n').file
			.scenarios;
		await runScenario(scenario, target);
		assert.equal(space.requests.filter((r) => r.method === 'POST').length, 3, 'the server got the three sends');
		assert.equal(sentAt.length, 3);
		const gaps = [sentAt[1] - sentAt[0], sentAt[2] - sentAt[1]];
		assert.ok(gaps.every((gap) => gap >= 299), gaps.map((gap) => gap.toFixed(1)).join(', '));
	});
});
