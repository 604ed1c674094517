/**
 * Hostile or broken answers, fed to the client through its `fetch` option: bodies too large to
 * read, huge error texts, and network errors whose detail carries the token near the cut.
 */
import * as assert from 'node:assert/strict';
import {
	MAX_ANSWER_TEXT_CHARS,
	MAX_NETWORK_DETAIL_CHARS,
	MAX_RESPONSE_BYTES,
	SignalWireClient,
	isSignalWireApiError,
	isSignalWireNetworkError,
	isUnexpectedResponseError,
	type CreateMessageParams,
} from '../../src/signalwire';
import { failureFromError, describeError } from '../../src/errors/presentation';

const PROJECT = '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001';
const TOKEN = 'PTd49fa6a026b8e174d0698e478f865113bd0048c7bc93960c';
const SMS: CreateMessageParams = { to: '+15551234567', from: '+15550100100', body: 'hi' };

/** A client whose every request is answered by `answer`; counts the requests. */
function clientAnswering(answer: () => Promise<Response> | Response): { client: SignalWireClient; requests: () => number } {
	let requests = 0;
	const client = new SignalWireClient({
		credentials: { space: 'http://127.0.0.1:9', projectId: PROJECT, token: TOKEN },
		timeoutMs: 5000,
		retryDelayMs: 1,
		fetch: async () => {
			requests++;
			return answer();
		},
	});
	return { client, requests: () => requests };
}

/** A body of `total` bytes of `x`, streamed in 64 KiB chunks; tells how much was pulled. */
function streamOf(total: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
	const chunk = new Uint8Array(64 * 1024).fill(0x78);
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= total) {
				controller.close();
				return;
			}
			const size = Math.min(chunk.byteLength, total - sent);
			sent += size;
			controller.enqueue(chunk.subarray(0, size));
		},
	});
	return { body, pulled: () => sent };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	assert.fail('expected a rejection');
}

describe('client: answers too large to read', () => {
	it('refuses a 300 MB body as it streams, after reading little more than the 1 MiB cap, with one request', async () => {
		const stream = streamOf(300 * 1024 * 1024);
		const { client, requests } = clientAnswering(() => new Response(stream.body, { status: 201, headers: { 'content-type': 'application/json' } }));
		const error = await rejection(client.createMessage(SMS));
		assert.ok(isUnexpectedResponseError(error), String(error));
		assert.equal(error.reason, 'too-large');
		assert.equal(error.maxBytes, MAX_RESPONSE_BYTES);
		assert.equal(error.httpStatus, 201);
		assert.match(error.message, /too large to read \(HTTP 201\): more than 1 MB/);
		assert.match(error.message, /probably created: check the message log/, 'a POST answered 201 may have created the message');
		assert.equal(requests(), 1, 'never retried');
		assert.ok(stream.pulled() < MAX_RESPONSE_BYTES + 4 * 64 * 1024, `read ${stream.pulled()} bytes`);
	});

	it('refuses a body whose Content-Length is over the cap without reading it', async () => {
		const stream = streamOf(2 * MAX_RESPONSE_BYTES);
		const { client, requests } = clientAnswering(
			() => new Response(stream.body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(2 * MAX_RESPONSE_BYTES) } }),
		);
		const error = await rejection(client.listIncomingPhoneNumbers());
		assert.ok(isUnexpectedResponseError(error));
		assert.equal(error.reason, 'too-large');
		assert.equal(requests(), 1);
		assert.ok(stream.pulled() <= 2 * 64 * 1024, `read ${stream.pulled()} bytes before refusing`);
	});

	it('reads a body of exactly the cap', async () => {
		const page = JSON.stringify({ incoming_phone_numbers: [], next_page_uri: null });
		const padded = page.slice(0, -1) + `,"pad":"${'x'.repeat(MAX_RESPONSE_BYTES - page.length - 9)}"}`;
		assert.equal(new TextEncoder().encode(padded).byteLength, MAX_RESPONSE_BYTES);
		const { client } = clientAnswering(() => new Response(padded, { status: 200, headers: { 'content-type': 'application/json' } }));
		assert.deepEqual(await client.listIncomingPhoneNumbers(), []);
	});
});

describe('client: texts kept from an answer', () => {
	it('cuts a huge API error message (after masking) before it reaches history, notifications and logs', async () => {
		const huge = `${'Bad request. '.repeat(60_000)}`;
		const { client } = clientAnswering(
			() => new Response(JSON.stringify({ code: 21211, message: huge, more_info: `https://example.com/${'a'.repeat(100_000)}`, status: 400 }), { status: 400, headers: { 'content-type': 'application/json' } }),
		);
		const error = await rejection(client.createMessage(SMS));
		assert.ok(isSignalWireApiError(error));
		assert.ok([...error.apiMessage].length <= MAX_ANSWER_TEXT_CHARS, `apiMessage is ${error.apiMessage.length} characters`);
		assert.ok(error.apiMessage.endsWith('…'));
		assert.ok((error.moreInfo ?? '').length <= MAX_ANSWER_TEXT_CHARS);
		assert.ok(error.message.length < MAX_ANSWER_TEXT_CHARS + 500, `message is ${error.message.length} characters`);
		const failure = failureFromError(error);
		assert.ok(failure.message.length <= MAX_ANSWER_TEXT_CHARS);
		assert.ok(describeError(error).length < MAX_ANSWER_TEXT_CHARS + 500);
	});

	it('masks the token before cutting the API message: no part of it survives the cut', async () => {
		const message = `${'e'.repeat(MAX_ANSWER_TEXT_CHARS - 20)} ${TOKEN} end`;
		const { client } = clientAnswering(() => new Response(JSON.stringify({ code: 20003, message, status: 401 }), { status: 401 }));
		const error = await rejection(client.getMessage('abc'));
		assert.ok(isSignalWireApiError(error));
		assert.ok(!error.apiMessage.includes(TOKEN.slice(0, 6)), error.apiMessage.slice(-60));
		assert.ok(error.apiMessage.endsWith('*** end'), error.apiMessage.slice(-60));
	});

	it('masks a network error\'s detail first, then cuts it: no part of a token across the cut survives', async () => {
		// The token starts 170 characters in: the old code cut at 200 first, keeping 30 of its 50 characters.
		const detail = `${'d'.repeat(170)}${TOKEN} and then some more text after the token`;
		const { client } = clientAnswering(() => {
			throw new Error(detail);
		});
		const error = await rejection(client.createMessage(SMS));
		assert.ok(isSignalWireNetworkError(error));
		const text = `${error.message} ${String((error as { cause?: unknown }).cause)}`;
		assert.ok(!text.includes(TOKEN.slice(0, 12)), `part of the token survived: ${text}`);
		assert.match(error.message, /d{170}\*\*\* and then/);
		const kept = /could not reach \S+: (d+\*\*\*.*?)(?: The message| Try again)/.exec(error.message)?.[1] ?? '';
		assert.ok(kept.endsWith('….'), `the detail was not cut: ${error.message}`);
		assert.ok([...kept].length <= MAX_NETWORK_DETAIL_CHARS + 1, `the detail is ${kept.length} characters`);
	});
});
