/**
 * Shared by the sandbox's unit tests (test/unit/sandbox-*.test.ts): one in-process sandbox per
 * suite, reset before each test, and small helpers to call its API like a client would.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_NUMBERS, startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	json: Json;
}

export const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MESSAGE_FIELDS = [
	'account_sid',
	'api_version',
	'body',
	'num_segments',
	'num_media',
	'date_created',
	'date_sent',
	'date_updated',
	'direction',
	'error_code',
	'error_message',
	'from',
	'price',
	'price_unit',
	'sid',
	'status',
	'to',
	'messaging_service_sid',
	'uri',
	'subresource_uris',
];
export const PATH_FORMS = [
	{ prefix: '/api/laml/2010-04-01', ext: '' },
	{ prefix: '/api/laml/2010-04-01', ext: '.json' },
	{ prefix: '/2010-04-01', ext: '' },
	{ prefix: '/2010-04-01', ext: '.json' },
];
export const FROM = SANDBOX_NUMBERS[0].phoneNumber; // SMS + MMS
export const SMS_ONLY = SANDBOX_NUMBERS.find((n) => n.capabilities.sms && !n.capabilities.mms)!.phoneNumber;
export const VOICE_ONLY = SANDBOX_NUMBERS.find((n) => !n.capabilities.sms)!.phoneNumber;
export const TO = '+15551234567';
export interface CallOptions {
	/** A form body (sets the form content type). */
	form?: string;
	/** Any other body. */
	body?: string;
	auth?: string | null;
	headers?: Record<string, string>;
}

export interface SandboxHarness {
	/** The running sandbox (valid inside tests and hooks). */
	readonly sb: Sandbox;
	basic(projectId?: string, token?: string): string;
	account(prefix?: string, projectId?: string): string;
	call(method: string, pathAndQuery: string, options?: CallOptions): Promise<Answer>;
	create(fields: Record<string, string | string[]>, prefix?: string, ext?: string): Promise<Answer>;
	fetchMessage(sid: string, prefix?: string, ext?: string): Promise<Answer>;
	/** Calls a control route, with a JSON body when given one. */
	control(method: string, name: string, body?: unknown): Promise<Answer>;
}

export function form(fields: Record<string, string | string[]>): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) {
			params.append(name, v);
		}
	}
	return params.toString();
}

/** Resolves once `check` is true (polled every 10 ms), or rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 3000, what = 'the condition'): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Starts a sandbox before the suite (closed after it, reset before each test). */
export function useSandbox(options: SandboxOptions = {}): SandboxHarness {
	let current: Sandbox | undefined;
	before(async () => {
		current = await startSandbox(options);
	});
	after(async () => {
		await current?.close();
	});
	beforeEach(() => current?.reset());

	const harness: SandboxHarness = {
		get sb(): Sandbox {
			if (!current) {
				throw new Error('the sandbox is not started');
			}
			return current;
		},
		basic: (projectId = harness.sb.projectId, token = harness.sb.token) => `Basic ${Buffer.from(`${projectId}:${token}`).toString('base64')}`,
		account: (prefix = '/api/laml/2010-04-01', projectId = harness.sb.projectId) => `${prefix}/Accounts/${projectId}`,
		async call(method, pathAndQuery, callOptions = {}) {
			const headers: Record<string, string> = { ...callOptions.headers };
			if (callOptions.auth !== null) {
				headers.authorization = callOptions.auth ?? harness.basic();
			}
			if (callOptions.form !== undefined) {
				headers['content-type'] = 'application/x-www-form-urlencoded';
			}
			const body = callOptions.form ?? callOptions.body;
			const response = await fetch(`${harness.sb.url}${pathAndQuery}`, { method, headers, ...(body !== undefined ? { body } : {}) });
			const text = await response.text();
			let json: Json = {};
			try {
				json = JSON.parse(text) as Json;
			} catch {
				// not JSON: tests look at text
			}
			return { status: response.status, headers: response.headers, text, json };
		},
		create: (fields, prefix, ext = '') => harness.call('POST', `${harness.account(prefix)}/Messages${ext}`, { form: form(fields) }),
		fetchMessage: (sid, prefix, ext = '') => harness.call('GET', `${harness.account(prefix)}/Messages/${sid}${ext}`),
		control: (method, name, body) =>
			body === undefined
				? harness.call(method, `/__sandbox/${name}`, { auth: null, headers: { 'x-sandbox-control': '1' } })
				: harness.call(method, `/__sandbox/${name}`, { auth: null, headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
	};
	return harness;
}

/** One request a receiver got. */
export interface Received {
	method: string;
	/** Path and query as requested. */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	/** The body as a form (last value of each name). */
	params: Record<string, string>;
}

export interface Receiver {
	/** `http://127.0.0.1:PORT` */
	readonly url: string;
	readonly received: Received[];
	/** What the next requests are answered (default 204, empty). */
	answer: { status: number; contentType?: string; body?: string };
	close(): Promise<void>;
}

/** A loopback HTTP server standing for the user's webhook endpoint. */
export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const receiver = {
		url: '',
		received,
		answer: { status: 204 } as Receiver['answer'],
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, params: Object.fromEntries(new URLSearchParams(body)) });
			const a = receiver.answer;
			res.writeHead(a.status, a.contentType ? { 'content-type': a.contentType } : {});
			res.end(a.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return receiver;
}
