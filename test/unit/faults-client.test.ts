/**
 * The fault table (test/fixtures/faultCases.ts) against the client and the sandbox, in plain
 * mocha: each misbehaviour gives a typed error with plain words naming the cause, a storable
 * failure for history, a notification line, no unhandled rejection, no token anywhere, and never
 * a duplicate message on the server. The same table runs inside VS Code in
 * test/integration/faults.test.ts.
 */
import * as assert from 'node:assert/strict';
import { explainErrorCode } from '../../src/core/errorCodes';
import { describeError, failureFromError, moreInfoUrl } from '../../src/errors/presentation';
import {
	SignalWireClient,
	isSignalWireApiError,
	isSignalWireError,
	isSignalWireNetworkError,
	isSignalWireTimeoutError,
	isUnexpectedResponseError,
	type CreateMessageParams,
} from '../../src/signalwire';
import { assertMatchesFailure, CREATE_ERROR_CODES, FAULT_CASES, UNKNOWN_SPACE, type FaultCase } from '../fixtures/faultCases';
import { SANDBOX_NUMBERS, startSandbox, type Sandbox, type SandboxFaults } from '../../sandbox/server';

/** Every field of a message, so a stored failure can be checked to keep them all. */
const PARAMS: CreateMessageParams = {
	to: '+15550100199',
	from: SANDBOX_NUMBERS[0].phoneNumber,
	body: 'fault table <b>bold</b> & "quotes"',
	mediaUrls: ['https://example.com/cat.jpg'],
	sendAsMms: true,
	statusCallback: 'https://example.com/status',
	validityPeriod: 600,
	maxPrice: '0.05',
	applicationSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

const GUARDS = {
	api: isSignalWireApiError,
	network: isSignalWireNetworkError,
	timeout: isSignalWireTimeoutError,
	'unexpected-response': isUnexpectedResponseError,
} as const;

describe('reliability: faults through the client (against the sandbox)', () => {
	let sb: Sandbox;
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);

	before(async () => {
		sb = await startSandbox();
		process.on('unhandledRejection', onUnhandled);
	});
	after(async () => {
		process.off('unhandledRejection', onUnhandled);
		await sb.close();
	});
	beforeEach(() => sb.reset());
	afterEach(async () => {
		await new Promise((resolve) => setImmediate(resolve));
		assert.deepEqual(unhandled, [], 'no unhandled rejection');
	});

	function clientFor(row: FaultCase): SignalWireClient {
		return new SignalWireClient({
			credentials: { space: row.unknownSpace ? UNKNOWN_SPACE : sb.url, projectId: sb.projectId, token: sb.token },
			timeoutMs: row.shortTimeout ? 1000 : 5000,
			retryDelayMs: 200,
		});
	}

	it('covers every create error code of docs/api-notes.md ("Errors"), each with a plain explanation', () => {
		const codes = CREATE_ERROR_CODES.map(([code]) => code);
		for (const code of [21211, 21210, 21212, 21601, 21602, 21606, 21610, 21612, 21614, 21617, 21620, 21623, 21624, 21701, 21703, 21705, 21717]) {
			assert.ok(codes.includes(code), `the table lacks ${code}`);
		}
		for (const code of codes) {
			assert.ok(explainErrorCode(code), `no plain explanation for ${code}`);
		}
		assert.ok(FAULT_CASES.length >= 35, `${FAULT_CASES.length} rows`);
	});

	for (const row of FAULT_CASES) {
		it(row.failure ? `${row.name}: ${row.failure.kind} error, ${row.posts} POST(s), ${row.messages} message(s)` : `${row.name}: succeeds`, async () => {
			sb.setFaults(row.faults as SandboxFaults);
			const started = Date.now();
			let thrown: unknown;
			let sid: string | undefined;
			try {
				sid = (await clientFor(row).createMessage(PARAMS)).sid;
			} catch (error) {
				thrown = error;
			}
			const elapsed = Date.now() - started;
			const posts = sb.requests.filter((r) => r.method === 'POST').length;
			assert.equal(posts, row.posts, 'POSTs that reached the server');
			assert.equal(sb.messages.length, row.messages, 'messages on the server (never a duplicate)');
			if (row.minElapsedMs !== undefined) {
				assert.ok(elapsed >= row.minElapsedMs, `waited only ${elapsed} ms`);
			}
			if (!row.failure) {
				assert.equal(thrown, undefined, `unexpected failure: ${String(thrown)}`);
				assert.equal(sid, sb.messages[0]?.sid);
				return;
			}
			const expected = row.failure;
			assert.ok(thrown !== undefined, 'expected a failure');
			assert.ok(isSignalWireError(thrown), `not a typed SignalWireError: ${String(thrown)}`);
			assert.ok(GUARDS[expected.kind](thrown), `expected ${expected.kind}, got ${(thrown as Error).name}: ${(thrown as Error).message}`);
			const error = thrown as Error & { kind: string; httpStatus?: number; code?: unknown; reason?: string };
			assertMatchesFailure(error, expected);
			assert.ok(!error.message.includes(sb.token), 'the message holds the token');

			// What history stores, and what the notification says.
			const failure = failureFromError(thrown);
			assert.equal(failure.kind, expected.kind);
			assert.deepEqual(JSON.parse(JSON.stringify(failure)), failure, 'the failure is plain, storable data');
			assert.ok(failure.message.length > 0);
			assert.ok(!JSON.stringify(failure).includes(sb.token));
			const line = describeError(thrown);
			assert.ok(!line.includes(sb.token));
			if (expected.kind === 'api') {
				assert.equal(failure.httpStatus, expected.httpStatus);
				assert.equal(failure.code, expected.code);
				assert.ok(line.includes(`SignalWire error ${expected.code} (HTTP ${expected.httpStatus})`), line);
				const explained = explainErrorCode(expected.code);
				if (explained) {
					assert.ok(line.includes(explained.explanation), `the notification explains ${expected.code} in plain words: ${line}`);
				}
				assert.ok(moreInfoUrl(thrown), 'an API error offers More Info');
			} else {
				assert.equal(line, error.message);
				assert.equal(moreInfoUrl(thrown), undefined);
			}
		});
	}
});

describe('reliability: a server that echoes the credentials back in an error (a debugging proxy)', () => {
	let sb: Sandbox;

	before(async () => {
		sb = await startSandbox();
	});
	after(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	/** The token and the forms it travels in: raw, and the Authorization header's base64 of `projectId:token`. */
	function secretForms(): Array<[string, string]> {
		return [
			['the raw token', sb.token],
			['the Basic credentials (base64 of projectId:token)', Buffer.from(`${sb.projectId}:${sb.token}`).toString('base64')],
		];
	}

	const echoes: Array<[string, (token: string, basic: string) => { message: string; more_info?: string }]> = [
		['the raw token in the message', (token) => ({ message: `Invalid token ${token}` })],
		['the raw token in more_info', (token) => ({ message: 'Authentication failed', more_info: `https://example.com/debug?token=${token}` })],
		['the Authorization header in the message', (_token, basic) => ({ message: `Invalid Authorization header: Basic ${basic}` })],
		// Every character percent-encoded, in lower-case hex: neither the raw nor the encodeURIComponent form.
		['the token percent-encoded in lower case in more_info', (token) => ({ message: 'Authentication failed', more_info: `https://example.com/debug?t=${percentEncodeAll(token)}` })],
		['the Basic credentials percent-encoded in the message', (_token, basic) => ({ message: `Invalid header Authorization=Basic%20${percentEncodeAll(basic)}` })],
	];

	for (const [name, echo] of echoes) {
		it(`hides ${name} from the error, the stored failure and the notification`, async () => {
			const basic = Buffer.from(`${sb.projectId}:${sb.token}`).toString('base64');
			const { message, more_info } = echo(sb.token, basic);
			sb.setFaults({ apiError: { status: 401, code: 20003, times: 1, on: 'create', body: { code: 20003, message, status: 401, ...(more_info ? { more_info } : {}) } } });
			const client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token } });
			let thrown: unknown;
			try {
				await client.createMessage(PARAMS);
			} catch (error) {
				thrown = error;
			}
			assert.ok(isSignalWireApiError(thrown), String(thrown));
			const shown = [
				['the error message', (thrown as Error).message],
				['the error message, decoded', decodeURIComponent((thrown as Error).message)],
				['the stored failure', JSON.stringify(failureFromError(thrown))],
				['the notification', describeError(thrown)],
				['the More Info link', moreInfoUrl(thrown) ?? ''],
			];
			for (const [where, text] of shown) {
				for (const [form, secret] of secretForms()) {
					assert.ok(!text!.includes(secret), `${form} is in ${where}: ${text}`);
				}
			}
		});
	}

	it('hides the Authorization header that a proxy\'s HTML error page echoes back (502)', async () => {
		// A proxy in front of the API answering with a debugging page that lists the request headers.
		const echoingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
			const request = new Request(input, init);
			const page = `<html><body><h1>502 Bad Gateway</h1><pre>authorization: ${request.headers.get('authorization')}</pre></body></html>`;
			return new Response(page, { status: 502, headers: { 'content-type': 'text/html' } });
		};
		const client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token }, fetch: echoingFetch });
		let thrown: unknown;
		try {
			await client.createMessage(PARAMS);
		} catch (error) {
			thrown = error;
		}
		assert.ok(isUnexpectedResponseError(thrown), String(thrown));
		for (const [where, text] of [
			['the error message', (thrown as Error).message],
			['the stored failure', JSON.stringify(failureFromError(thrown))],
		]) {
			for (const [form, secret] of secretForms()) {
				assert.ok(!text!.includes(secret), `${form} is in ${where}: ${text}`);
			}
		}
	});
});

/** `text` with every character percent-encoded in lower-case hex (`PT` → `%50%54`). */
function percentEncodeAll(text: string): string {
	return [...new TextEncoder().encode(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

describe('reliability: More Info opens https links only', () => {
	let sb: Sandbox;

	before(async () => {
		sb = await startSandbox();
	});
	after(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	const offered: Array<[string, string | undefined]> = [
		['https://developer.signalwire.com/guides/messaging-api/errors', 'https://developer.signalwire.com/guides/messaging-api/errors'],
		['vscode://vscode.git/clone?url=https%3A%2F%2Fexample.com', undefined],
		['file:///etc/passwd', undefined],
		['command:workbench.action.terminal.new', undefined],
		['javascript:alert(1)', undefined],
		['http://example.com/plain-http', undefined],
		['https://user:secret@example.com/x', undefined],
		['not a url', undefined],
	];

	for (const [moreInfo, expected] of offered) {
		it(`more_info ${JSON.stringify(moreInfo)} → ${expected ? 'offered' : 'not offered'}`, async () => {
			// 21999 has no explanation of ours, so no fallback link hides what the filter does.
			sb.setFaults({ apiError: { status: 400, code: 21999, times: 1, on: 'create', body: { code: 21999, message: 'Refused', status: 400, more_info: moreInfo } } });
			const client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token } });
			let thrown: unknown;
			try {
				await client.createMessage(PARAMS);
			} catch (error) {
				thrown = error;
			}
			assert.ok(isSignalWireApiError(thrown), String(thrown));
			assert.equal(thrown.moreInfo, moreInfo, 'the error keeps what the server said');
			assert.equal(moreInfoUrl(thrown), expected);
		});
	}

	it('falls back on the explained code\'s https link when more_info is not https', async () => {
		sb.setFaults({ apiError: { status: 400, code: 21211, times: 1, on: 'create', body: { code: 21211, message: 'Invalid To', status: 400, more_info: 'vscode://evil' } } });
		const client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token } });
		const thrown = await client.createMessage(PARAMS).then(
			() => undefined,
			(error: unknown) => error,
		);
		const link = moreInfoUrl(thrown);
		assert.equal(link, explainErrorCode(21211)?.moreInfoUrl);
		assert.match(link ?? '', /^https:\/\//);
	});
});
