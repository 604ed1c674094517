/**
 * The local target: the engine against the local server in the same process (its events, no
 * polling), with the project on either side, the handsets, and an app behind `app:` answering cXML.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '../../sandbox/callbacks';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Message } from '../../src/core/types';
import { runScenario } from '../../src/scenarios/engine';
import { LocalTarget } from '../../src/scenarios/localTarget';
import { parseScenarios } from '../../src/scenarios/parse';
import type { ScenarioResult } from '../../src/scenarios/runTypes';

describe('scenarios: local target', function () {
	this.timeout(20_000);
	let sandbox: Sandbox;
	let target: LocalTarget;
	before(async () => {
		sandbox = await startSandbox({ statusStepMs: 20, replyDelayMs: 20 });
		target = new LocalTarget(sandbox);
	});
	beforeEach(() => sandbox.reset());
	after(() => sandbox.close());

	async function runText(text: string, options: { appUrl?: string } = {}): Promise<ScenarioResult[]> {
		const parsed = parseScenarios(text, { path: 'local.smstest' });
		assert.deepEqual(parsed.diagnostics, []);
		const results: ScenarioResult[] = [];
		for (const scenario of parsed.file.scenarios) {
			results.push(await runScenario(scenario, target, { timeoutMs: 3000, ...options }));
		}
		return results;
	}

	const failures = (results: ScenarioResult[]): unknown[] =>
		results.flatMap((r) => r.steps.filter((s) => s.failure).map((s) => s.failure));

	it('the sandbox tells created messages and status changes as events', async () => {
		const seen: string[] = [];
		const onMessage = (m: Message): void => void seen.push(`message ${m.direction} ${m.status}`);
		const onStatus = (m: Message): void => void seen.push(`status ${m.status}`);
		sandbox.events.on('message', onMessage);
		sandbox.events.on('status', onStatus);
		try {
			await runText('scenario: echo\nfrom: +15550100100\nto: +15550100555\n> hi\n< Echo: hi\n');
		} finally {
			sandbox.events.off('message', onMessage);
			sandbox.events.off('status', onStatus);
		}
		assert.deepEqual(seen, [
			'message outbound-api queued',
			'status sending',
			'status sent',
			'status delivered',
			'message inbound received',
		]);
	});

	it('the project texts the handsets: echo, then STOP with delivered status and a refused send (21610)', async () => {
		const results = await runText(
			[
				'scenario: echo',
				'from: +15550100100',
				'to: +15550100555',
				'> hello there',
				'status: delivered',
				'< Echo: hello there',
				'> pic',
				'  media: https://example.com/cat.png',
				'< /^Echo: pic$/',
				'  media: 1',
				'scenario: the STOP handset opts out',
				'from: +15550100100',
				'to: +15550100556',
				'> Hi, want our newsletter?',
				'status: delivered',
				'< STOP',
				'> Are you still there?',
				'error: 21610',
			].join('\n'),
		);
		assert.deepEqual(failures(results), []);
		assert.deepEqual(
			results.map((r) => r.status),
			['passed', 'passed'],
		);
	});

	it('a wrong expectation fails at its line with the actual reply', async () => {
		const [result] = await runText('scenario: wrong\nfrom: +15550100100\nto: +15550100555\n> hi\n< Echo: bye\n');
		const failure = result.steps[1].failure!;
		assert.equal(failure.location.line, 5);
		assert.match(failure.actual!, /"Echo: hi"/);
		assert.ok(result.steps[1].durationMs < 2000, 'fails when the reply arrives, not at the timeout');
	});

	it('an outside phone texts an app behind app: (signed POST, cXML answer becomes the reply)', async () => {
		const received: Array<{ body: string; valid: boolean }> = [];
		const app = http.createServer((req, res) => {
			let data = '';
			req.on('data', (chunk) => (data += chunk));
			req.on('end', () => {
				const params = Object.fromEntries(new URLSearchParams(data));
				const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/sms`;
				received.push({
					body: params.Body,
					valid: req.headers['x-signalwire-signature'] === signRequest(sandbox.signingKey, url, params),
				});
				const answer =
					params.Body.trim().toUpperCase() === 'HELP' ? 'Reply STOP to unsubscribe.' : `You said ${params.Body}`;
				res
					.writeHead(200, { 'content-type': 'application/xml' })
					.end(`<?xml version="1.0"?><Response><Message>${answer}</Message></Response>`);
			});
		});
		await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
		try {
			const port = (app.address() as AddressInfo).port;
			const results = await runText(
				`scenario: help\nfrom: +15557654321\nto: +15550100100\napp: http://127.0.0.1:${port}/sms\n> HELP\n< /Reply STOP to (unsubscribe|opt out)/i\n> ok\n< You said ok\n`,
			);
			assert.deepEqual(failures(results), []);
			assert.deepEqual(received, [
				{ body: 'HELP', valid: true },
				{ body: 'ok', valid: true },
			]);
			const after = await fetch(
				`${sandbox.url}/api/laml/2010-04-01/Accounts/${sandbox.projectId}/IncomingPhoneNumbers/${sandbox.numbers[0].sid}.json`,
				{
					headers: {
						authorization: `Basic ${Buffer.from(`${sandbox.projectId}:${sandbox.token}`).toString('base64')}`,
					},
				},
			);
			assert.equal(
				((await after.json()) as { sms_url: string | null }).sms_url ?? '',
				'',
				'the SmsUrl is put back after the scenario',
			);
			const handset = await runText('scenario: echo\nfrom: +15550100100\nto: +15550100555\n> hi\n< Echo: hi\n', {
				appUrl: `http://127.0.0.1:${port}/sms`,
			});
			assert.deepEqual(failures(handset), [], '--app-url does not apply to a handset');
		} finally {
			app.closeAllConnections();
			await new Promise((resolve) => app.close(resolve));
		}
	});

	it('refuses a conversation where neither side is a number of the local project', async () => {
		const [result] = await runText('scenario: nobody\nfrom: +15557654321\nto: +15557654322\n> hi\n');
		assert.match(result.error!, /Neither \+15557654321 nor \+15557654322 is an SMS number of the local project/);
		assert.equal(sandbox.messages.length, 0);
	});
});
