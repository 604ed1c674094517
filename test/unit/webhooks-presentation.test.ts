import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellQuote } from '../../src/core/curl';
import { requestRow, requestTooltip, timeOfDay } from '../../src/webhooks/presentation';
import { replayCommand, requestDocument, summarize, type WebhookRequestRecord } from '../../src/webhooks/requests';

function record(overrides: Partial<WebhookRequestRecord>): WebhookRequestRecord {
	return {
		id: 1,
		time: new Date(2026, 10, 30, 14, 3, 27).getTime(),
		method: 'POST',
		path: '/status',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-signalwire-signature': 'c2lnbmF0dXJl' },
		params: {},
		kind: 'status',
		signature: { state: 'unchecked' },
		response: { status: 204 },
		...overrides,
	};
}

describe('webhooks: presentation', () => {
	it('shows time and status, then kind and the key fields of a status callback', () => {
		const callback = record({ params: { MessageStatus: 'undelivered', ErrorCode: '30005', MessageSid: '0a059168-ead0-41af-9b4a-1b7d1d1f0b62', From: '+15550100100', To: '+15550100199' } });
		const row = requestRow(callback);
		// The status first, in the label: a narrow sidebar cuts the description, not it.
		assert.equal(row.label, '14:03:27 undelivered (30005)');
		assert.equal(row.description, 'status callback · +15550100100 → +15550100199 · 0a059168');
		assert.match(requestTooltip(callback), /MessageSid: 0a059168-ead0-41af-9b4a-1b7d1d1f0b62/);
		assert.match(requestTooltip(callback), /signature not checked/);
	});

	it('shows an inbound body on one line, cut, and a malformed request as such', () => {
		const row = requestRow(record({ kind: 'inbound', path: '/inbound', params: { From: '+1', To: '+2', Body: `line one\nline two ${'x'.repeat(80)}`, MessageSid: 'SM1' } }));
		assert.equal(row.label, '14:03:27 inbound message');
		assert.match(row.description, /^\+1 → \+2 · “line one line two x+…” · SM1$/);
		const malformed = record({ kind: 'other', malformed: 'The body is not a form.', signature: { state: 'invalid', reason: 'no header' } });
		assert.equal(requestRow(malformed).description, 'malformed');
		assert.match(requestTooltip(malformed), /signature invalid: no header/);
		assert.equal(requestRow(record({ kind: 'other', method: 'GET', path: '/favicon.ico' })).description, 'GET /favicon.ico');
	});

	it('writes out invisible and direction characters of a webhook\'s number and marks it refused', () => {
		const forged = record({ kind: 'inbound', path: '/inbound', params: { From: '+1555\u202E1110\u200B', To: '+15550100100', Body: 'hi', MessageSid: 'SM1' } });
		const row = requestRow(forged);
		assert.ok(!/[\u202E\u200B]/.test(row.description), row.description);
		assert.match(row.description, /number refused: invisible or direction characters · \+1555\\u202E1110\\u200B → \+15550100100/);
		assert.match(requestTooltip(forged), /From: \+1555\\u202E1110\\u200B\n/);
		assert.doesNotMatch(requestRow(record({ params: { From: '+15550100199', To: '+15550100100' } })).description, /refused/);
	});

	it('pads the time of day', () => {
		assert.equal(timeOfDay(new Date(2026, 0, 2, 3, 4, 5).getTime()), '03:04:05');
	});

	it('summarizes for the command API and documents the whole request', () => {
		const r = record({ params: { MessageStatus: 'sent' }, signature: { state: 'valid', received: 'sig', urls: ['a', 'b'] } });
		assert.deepEqual(summarize(r), { time: new Date(r.time).toISOString(), kind: 'status', path: '/status', params: { MessageStatus: 'sent' }, signature: 'valid' });
		const document = requestDocument(r);
		assert.deepEqual(Object.keys(document), ['time', 'kind', 'method', 'path', 'headers', 'form', 'signature', 'response']);
	});
});

describe('webhooks: curl replay', () => {
	it('replays method, path, signature and every value, repeated names in order, quoted for bash', () => {
		const command = replayCommand(record({ path: '/inbound?x=1', params: { Body: "it's $HOME `x` \n ok", MediaUrl: ['https://a/1', 'https://a/2'] } }), 'http://127.0.0.1:4000', shellQuote);
		assert.equal(
			command,
			[
				"curl -X POST 'http://127.0.0.1:4000/inbound?x=1'",
				"-H 'X-SignalWire-Signature: c2lnbmF0dXJl'",
				"--data-urlencode $'Body=it\\'s $HOME `x` \\n ok'",
				"--data-urlencode 'MediaUrl=https://a/1'",
				"--data-urlencode 'MediaUrl=https://a/2'",
			].join(' \\\n  '),
		);
		// bash reads every argument back exactly.
		const args = execFileSync('bash', ['-c', `printf '%s\\0' ${command.replace(/^curl /, '').replace(/\\\n/g, '')}`]).toString().split('\0');
		assert.ok(args.includes("Body=it's $HOME `x` \n ok"));
	});

	it('replays a malformed body as it came', () => {
		const command = replayCommand(record({ malformed: 'not a form', rawBody: '{"a":1}', headers: { 'content-type': 'application/json' } }), 'http://127.0.0.1:4000', shellQuote);
		assert.equal(command, ["curl -X POST 'http://127.0.0.1:4000/status'", "-H 'Content-Type: application/json'", `--data-binary '{"a":1}'`].join(' \\\n  '));
	});
});
