/**
 * "Save Conversation as Test...": a thread written as a `.smstest` scenario parses back (with the
 * engine's own parser) into exactly the texts that were sent and received, whatever they hold.
 */
import * as assert from 'node:assert/strict';
import { hasErrors, parseScenarios } from '../../src/scenarios/parse';
import type { ExpectStep, SendStep, Template } from '../../src/scenarios/types';
import { escapeStepText, hasCodes, orderForReplay, recordScenario, type RecordedMessage } from '../../src/testing/recordScenario';

function literal(template: Template): string {
	return template.parts.map((part) => ('text' in part ? part.text : `\${${part.variable}}`)).join('');
}

function roundTrip(messages: RecordedMessage[], captureDigits = false) {
	const text = recordScenario({ name: 'recorded', ownNumber: '+15550100100', otherParty: '+15550100555', messages, captureDigits });
	const result = parseScenarios(text);
	assert.equal(hasErrors(result), false, `${text}\n${JSON.stringify(result.diagnostics)}`);
	assert.equal(result.diagnostics.length, 0, JSON.stringify(result.diagnostics));
	return { text, scenario: result.file.scenarios[0]! };
}

describe('Save Conversation as Test (recordScenario)', () => {
	it('writes from:/to: and a > step per message sent, a < exact expectation per reply', () => {
		const { scenario } = roundTrip([
			{ direction: 'outbound', body: 'HELP' },
			{ direction: 'inbound', body: 'Echo: HELP' },
		]);
		assert.equal(literal(scenario.from!), '+15550100100');
		assert.equal(literal(scenario.to!), '+15550100555');
		assert.deepEqual(scenario.steps.map((step) => step.kind), ['send', 'expect']);
		assert.equal(literal((scenario.steps[0] as SendStep).body), 'HELP');
		const expect = scenario.steps[1] as ExpectStep;
		assert.equal(expect.match.kind, 'exact');
		assert.equal(expect.match.kind === 'exact' && literal(expect.match.text), 'Echo: HELP');
	});

	it('escapes what the parser would read otherwise: backslashes, newlines, tabs, dollars and a leading slash', () => {
		const tricky = ['/not a regex/i', 'costs $5 or ${PRICE}', 'two\nlines\tand a \\ backslash', '#hash first', 'ends with slash/', '< arrow', ' leading space'];
		const messages = tricky.flatMap((body): RecordedMessage[] => [
			{ direction: 'outbound', body },
			{ direction: 'inbound', body },
		]);
		const { scenario } = roundTrip(messages);
		const texts = scenario.steps.map((step) => (step.kind === 'send' ? literal(step.body) : step.kind === 'expect' && step.match.kind === 'exact' ? literal(step.match.text) : `<${step.kind}>`));
		assert.deepEqual(texts, tricky.flatMap((body) => [body, body]));
	});

	it('leaves out replies that came before the first send, with a comment saying so', () => {
		const { text, scenario } = roundTrip([
			{ direction: 'inbound', body: 'hi there' },
			{ direction: 'outbound', body: 'Hello' },
			{ direction: 'inbound', body: 'Echo: Hello' },
		]);
		assert.match(text, /^# 1 earlier message/m);
		assert.deepEqual(scenario.steps.map((step) => step.kind), ['send', 'expect']);
	});

	it('turns codes in replies into a save: capture, and later sends that repeat them into ${CODE}', () => {
		const messages: RecordedMessage[] = [
			{ direction: 'outbound', body: 'LOGIN' },
			{ direction: 'inbound', body: 'Your code is 482913. It expires in 5 minutes.' },
			{ direction: 'outbound', body: '482913' },
			{ direction: 'inbound', body: 'Welcome!' },
		];
		assert.equal(hasCodes(messages), true);
		const { text, scenario } = roundTrip(messages, true);
		const reply = scenario.steps[1] as ExpectStep;
		assert.equal(reply.match.kind, 'regex');
		assert.equal(reply.saves.length, 1);
		assert.equal(reply.saves[0]!.name, 'CODE');
		assert.deepEqual(reply.saves[0]!.pattern.exec('Your code is 111222. It expires in 5 minutes.')?.[1], '111222');
		const source = reply.match.kind === 'regex' ? literal(reply.match.source) : '';
		assert.ok(new RegExp(source, reply.match.kind === 'regex' ? reply.match.flags : '').test('Your code is 999000. It expires in 5 minutes.'), source);
		assert.equal(literal((scenario.steps[2] as SendStep).body), '${CODE}', text);
	});

	it('does not offer captures when no reply holds a code', () => {
		assert.equal(hasCodes([{ direction: 'outbound', body: '123456' }, { direction: 'inbound', body: 'Call +15550100100 in 5 min' }]), false);
	});

	it('writes a reply with media only as an empty-body regex with its media count', () => {
		const { scenario } = roundTrip([
			{ direction: 'outbound', body: 'pic please', mediaUrls: ['https://example.com/a.png'] },
			{ direction: 'inbound', body: '', numMedia: 1 },
		]);
		assert.equal(literal((scenario.steps[0] as SendStep).media[0]!), 'https://example.com/a.png');
		const reply = scenario.steps[1] as ExpectStep;
		assert.equal(reply.match.kind, 'regex');
		assert.deepEqual(reply.media, { op: '=', count: 1 });
	});

	it('leaves out a send with neither text nor known media (it would not parse)', () => {
		const { text, scenario } = roundTrip([
			{ direction: 'outbound', body: 'first' },
			{ direction: 'outbound', body: '', numMedia: 1 },
			{ direction: 'inbound', body: 'Echo: first' },
		]);
		assert.match(text, /^# A message without text/m);
		assert.deepEqual(scenario.steps.map((step) => step.kind), ['send', 'expect']);
	});

	it('puts a send before the reply of the same second (SignalWire\'s dates have whole seconds), keeping other orders', () => {
		const second = Date.UTC(2026, 11, 2, 6, 43, 21);
		const thread: RecordedMessage[] = [
			{ direction: 'inbound', body: 'Echo: Hello', at: second },
			{ direction: 'outbound', body: 'Hello', at: second },
			{ direction: 'outbound', body: 'Again', at: second + 2000 },
			{ direction: 'inbound', body: 'Echo: Again', at: second + 3000 },
			{ direction: 'inbound', body: 'Later, by itself', at: second + 3000 },
		];
		assert.deepEqual(orderForReplay(thread).map((m) => m.body), ['Hello', 'Echo: Hello', 'Again', 'Echo: Again', 'Later, by itself']);
		const { scenario } = roundTrip(orderForReplay(thread));
		assert.deepEqual(scenario.steps.map((step) => step.kind), ['send', 'expect', 'send', 'expect', 'expect']);
	});

	it('escapes a leading slash so an exact reply is not read as a regex', () => {
		assert.equal(escapeStepText('/x/'), '\\/x/');
	});
});
