/**
 * A local SignalWire-compatible server (Compatibility/LaML REST API, messaging subset) on plain
 * Node http, loopback only. For unit tests (in-process), the integration suite (through the
 * control API under /__sandbox/) and `npm start`.
 *
 * API routes, each under all four path forms `(/api/laml)?/2010-04-01/Accounts/{ProjectId}/…(.json)?`:
 *   POST Messages                 create (strict validation, doc §3.2; 201 + Message)
 *   GET  Messages/{sid}           fetch; each fetch advances the status one step
 *   GET  Messages                 list, newest first, paged
 *   GET  IncomingPhoneNumbers     the fixed SANDBOX_NUMBERS, paged
 * Control routes (no auth, loopback only, not recorded):
 *   GET /__sandbox/info | requests | messages | faults    POST /__sandbox/reset | faults
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '../src/core/types';
import { FAULT_NAMES, FaultConfigError, FaultController, type FaultDecision, type RequestKind, type SandboxFaults } from './faults';
import { isPageError, readPageRequest, slicePage } from './paging';
import {
	MessageStore,
	SANDBOX_NUMBERS,
	SANDBOX_PROJECT_ID,
	SANDBOX_SPECIAL_NUMBERS,
	buildMessage,
	numberJson,
	type SandboxNumber,
} from './store';
import { errorBody, parseForm, sendError, sendJson, sendText } from './util';
import { pickGroupSender, validateCreate } from './validate';

export { SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, SANDBOX_SPECIAL_NUMBERS, FAULT_NAMES };
export type { SandboxFaults, SandboxNumber };

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	projectId?: string;
	/** Default: `PT` + 48 random hex characters, new at each start. */
	token?: string;
	/** A loopback address: `127.0.0.1` (default), `::1` or `localhost` (= 127.0.0.1). */
	host?: string;
}

/** One API request as the sandbox received it (control requests are not recorded). */
export interface RecordedRequest {
	method: string;
	/** Path without the query, as sent (percent-encoding kept). */
	path: string;
	query: Record<string, string[]>;
	/** Lower-case names; repeated headers joined with ", ". */
	headers: Record<string, string>;
	/** The raw body. */
	body: string;
	/** The body parsed as a form when its content type is x-www-form-urlencoded, else {}. */
	form: Record<string, string[]>;
	/** ISO time of arrival. */
	time: string;
}

export interface Sandbox {
	/** `http://127.0.0.1:PORT` (no trailing slash). */
	readonly url: string;
	readonly port: number;
	readonly projectId: string;
	readonly token: string;
	readonly numbers: readonly SandboxNumber[];
	/** API requests so far, oldest first (a live array). */
	readonly requests: RecordedRequest[];
	/** Copies of the messages created so far, oldest first. */
	readonly messages: Message[];
	/** Replaces the active faults (`{}` clears them). Throws for unknown names or bad values. */
	setFaults(faults: SandboxFaults): void;
	/** The faults still active (`times` = what is left). */
	faults(): SandboxFaults;
	/** Clears requests, messages and faults. */
	reset(): void;
	close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const API_PATH = /^((?:\/api\/laml)?\/2010-04-01)\/Accounts\/([^/]+)\/(.+?)(\.json)?$/;
const LOOPBACK_HOST_HEADER = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

const HTML_PAGES: Record<500 | 502, string> = {
	500: '<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1>\n<p>Something went wrong. Please try again later.</p></body></html>\n',
	502: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
};

type Reply =
	| { type: 'json'; status: number; body: unknown; headers?: Record<string, string> }
	| { type: 'text'; status: number; contentType: string; text: string }
	| { type: 'drop' };

interface ApiRoute {
	prefix: string;
	account: string;
	rest: string;
	ext: string;
}

function isLoopbackAddress(address: string | undefined): boolean {
	return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

function queryRecord(params: URLSearchParams): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [name, value] of params) {
		(out[name] ??= []).push(value);
	}
	return out;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) {
			out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
	}
	return out;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) {
			return undefined;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function checkBasicAuth(header: string | undefined, projectId: string, token: string): boolean {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) {
		return false;
	}
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon !== -1 && decoded.slice(0, colon) === projectId && decoded.slice(colon + 1) === token;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const projectId = options.projectId ?? SANDBOX_PROJECT_ID;
	const token = options.token ?? `PT${randomBytes(24).toString('hex')}`;
	const host = options.host === undefined || options.host === 'localhost' ? '127.0.0.1' : options.host;
	if (host !== '127.0.0.1' && host !== '::1') {
		throw new Error(`The sandbox listens on loopback only (127.0.0.1 or ::1), not ${options.host}.`);
	}
	const numbers = SANDBOX_NUMBERS;
	const store = new MessageStore();
	const faults = new FaultController();
	const requests: RecordedRequest[] = [];
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let url = '';

	const wait = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const send = (res: ServerResponse, reply: Reply): void => {
		if (res.destroyed || res.writableEnded) {
			return;
		}
		if (reply.type === 'drop') {
			res.socket?.destroy();
		} else if (reply.type === 'json') {
			sendJson(res, reply.status, reply.body, reply.headers);
		} else {
			sendText(res, reply.status, reply.contentType, reply.text);
		}
	};

	const apiError = (status: number, code: number, message: string): Reply => ({ type: 'json', status, body: errorBody(status, code, message) });

	const listEnvelope = (req: URL, key: string, page: number, pageSize: number, items: unknown[], nextToken: string | null, previousToken: string | null): Record<string, unknown> => {
		const base = req.pathname;
		const filters = [...req.searchParams].filter(([name]) => !['Page', 'PageSize', 'PageToken'].includes(name));
		const uri = (p: number, tokenValue: string | null): string => {
			const params = new URLSearchParams([...filters, ['Page', String(p)], ['PageSize', String(pageSize)]]);
			if (tokenValue) {
				params.set('PageToken', tokenValue);
			}
			return `${base}?${params.toString()}`;
		};
		return {
			uri: uri(page, req.searchParams.get('PageToken')),
			first_page_uri: uri(0, null),
			next_page_uri: nextToken ? uri(page + 1, nextToken) : null,
			previous_page_uri: previousToken ? uri(page - 1, previousToken) : null,
			page,
			page_size: pageSize,
			[key]: items,
		};
	};

	const faultReply = (answer: NonNullable<FaultDecision['answer']>, kind: RequestKind, route: ApiRoute, form: Record<string, string[]>): Reply => {
		const okStatus = kind === 'create' ? 201 : 200;
		switch (answer.type) {
			case 'drop':
				return { type: 'drop' };
			case 'status429':
				return {
					type: 'json',
					status: 429,
					body: errorBody(429, 20429, 'There were too many requests or throughput was exceeded.'),
					...(answer.retryAfter !== undefined ? { headers: { 'retry-after': answer.retryAfter } } : {}),
				};
			case 'apiError':
				return {
					type: 'json',
					status: answer.status,
					body: 'body' in answer ? answer.body : errorBody(answer.status, answer.code ?? 10000, answer.message ?? 'Simulated API error.'),
				};
			case 'html':
				return { type: 'text', status: answer.status, contentType: 'text/html', text: HTML_PAGES[answer.status] };
			case 'invalidJson':
				return { type: 'text', status: okStatus, contentType: 'application/json; charset=utf-8', text: '{"sid": "0a059168-ead0-41af-9d1f-343dae832527", "status": "queu' };
			default: {
				const sample = buildMessage({
					projectId,
					prefix: route.prefix,
					to: form.To?.[0] ?? '+15550100999',
					from: form.From?.[0] ?? numbers[0].phoneNumber,
					messagingServiceSid: null,
					body: form.Body?.[0] ?? 'Hello',
					mediaUrls: form.MediaUrl ?? [],
					sendAsMms: false,
				}) as Partial<Message>;
				delete sample.sid;
				delete sample.status;
				if (kind === 'create' || kind === 'fetch') {
					return { type: 'json', status: okStatus, body: sample };
				}
				const key = kind === 'numbers' ? 'incoming_phone_numbers' : 'messages';
				const item = kind === 'numbers' ? { friendly_name: 'no sid', capabilities: { sms: true } } : sample;
				return { type: 'json', status: 200, body: { uri: '', first_page_uri: '', next_page_uri: null, previous_page_uri: null, page: 0, page_size: 50, [key]: [item] } };
			}
		}
	};

	const create = (route: ApiRoute, form: Record<string, string[]>): Reply => {
		const result = validateCreate(form, numbers);
		if (!result.ok) {
			return apiError(result.error.status, result.error.code, result.error.message);
		}
		const v = result.value;
		const wantsMms = v.mediaUrls.length > 0 || v.sendAsMms;
		let from = v.from;
		if (from === null) {
			const sender = pickGroupSender(numbers, wantsMms);
			if (!sender) {
				return apiError(422, 21703, 'The number group has no phone number capable of sending this message.');
			}
			from = sender.phoneNumber;
		}
		const message = store.create({
			projectId,
			prefix: route.prefix,
			to: v.to,
			from,
			messagingServiceSid: v.messagingServiceSid,
			body: v.body,
			mediaUrls: v.mediaUrls,
			sendAsMms: v.sendAsMms,
		});
		return { type: 'json', status: 201, body: message };
	};

	const list = (route: ApiRoute, requestUrl: URL, kind: 'list' | 'numbers'): Reply => {
		const pageRequest = readPageRequest(requestUrl.searchParams);
		if (isPageError(pageRequest)) {
			return apiError(pageRequest.status, pageRequest.code, pageRequest.message);
		}
		let all: Record<string, unknown>[];
		if (kind === 'numbers') {
			all = numbers.map((n) => numberJson(n, projectId, route.prefix));
		} else {
			const q = requestUrl.searchParams;
			all = store
				.newestFirst(route.prefix)
				.filter((m) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From')) && (!q.get('Status') || m.status === q.get('Status')));
		}
		const slice = slicePage(all, (item) => String(item.sid), pageRequest);
		if (isPageError(slice)) {
			return apiError(slice.status, slice.code, slice.message);
		}
		const key = kind === 'numbers' ? 'incoming_phone_numbers' : 'messages';
		return { type: 'json', status: 200, body: listEnvelope(requestUrl, key, pageRequest.page, pageRequest.pageSize, slice.items, slice.nextToken, slice.previousToken) };
	};

	const handleApi = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL, body: string): Promise<void> => {
		const headers = headerRecord(req);
		const isForm = /application\/x-www-form-urlencoded/i.test(headers['content-type'] ?? '');
		const form = isForm ? parseForm(body) : {};
		requests.push({
			method: req.method ?? 'GET',
			path: requestUrl.pathname,
			query: queryRecord(requestUrl.searchParams),
			headers,
			body,
			form,
			time: new Date().toISOString(),
		});

		if (!checkBasicAuth(headers.authorization, projectId, token)) {
			send(res, apiError(401, 20003, 'Authentication failed'));
			return;
		}
		const match = API_PATH.exec(requestUrl.pathname);
		if (!match) {
			send(res, apiError(404, 20404, `The requested resource ${requestUrl.pathname} was not found`));
			return;
		}
		const route: ApiRoute = { prefix: match[1], account: safeDecode(match[2]), rest: match[3], ext: match[4] ?? '' };
		// The credentials are right but the path names another project: the resource does not exist
		// for this caller. We answer 404/20404 (doc §3.2 lists 20404 for this case, unverified).
		if (route.account !== projectId) {
			send(res, apiError(404, 20404, `The requested resource ${requestUrl.pathname} was not found`));
			return;
		}
		const method = req.method ?? 'GET';
		const sidMatch = /^Messages\/([^/]+)$/.exec(route.rest);
		let kind: RequestKind;
		if (route.rest === 'Messages' && (method === 'POST' || method === 'GET')) {
			kind = method === 'POST' ? 'create' : 'list';
		} else if (sidMatch && method === 'GET') {
			kind = 'fetch';
		} else if (route.rest === 'IncomingPhoneNumbers' && method === 'GET') {
			kind = 'numbers';
		} else if (route.rest === 'Messages' || sidMatch || route.rest === 'IncomingPhoneNumbers') {
			send(res, { type: 'json', status: 405, body: errorBody(405, 20004, `Method ${method} not allowed on ${requestUrl.pathname}`), headers: { allow: route.rest === 'Messages' ? 'GET, POST' : 'GET' } });
			return;
		} else {
			send(res, apiError(404, 20404, `The requested resource ${requestUrl.pathname} was not found`));
			return;
		}

		const decision = faults.take(kind);
		let reply: Reply;
		if (decision.answer) {
			reply = faultReply(decision.answer, kind, route, form);
		} else if (kind === 'create') {
			reply = create(route, form);
		} else if (kind === 'fetch') {
			const sid = safeDecode(sidMatch![1]);
			reply = store.advance(sid)
				? { type: 'json', status: 200, body: store.json(sid, route.prefix) }
				: apiError(404, 20404, `The requested resource ${requestUrl.pathname} was not found`);
		} else {
			reply = list(route, requestUrl, kind);
		}
		// The work is done (a message created, a status advanced) before the delay: a slow answer.
		if (decision.delayMs) {
			await wait(decision.delayMs);
		}
		send(res, reply);
	};

	const handleControl = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL, body: string): Promise<void> => {
		if (!isLoopbackAddress(req.socket.remoteAddress) || !LOOPBACK_HOST_HEADER.test(req.headers.host ?? '')) {
			sendJson(res, 403, { error: 'the control API answers loopback requests only' });
			return;
		}
		const route = `${req.method} ${requestUrl.pathname.replace(/\/+$/, '')}`;
		switch (route) {
			case 'GET /__sandbox/info':
				sendJson(res, 200, { url, projectId, token, numbers, specialNumbers: SANDBOX_SPECIAL_NUMBERS, faultNames: FAULT_NAMES, faults: faults.current() });
				return;
			case 'GET /__sandbox/requests':
				sendJson(res, 200, requests);
				return;
			case 'GET /__sandbox/messages':
				sendJson(res, 200, store.all());
				return;
			case 'GET /__sandbox/faults':
				sendJson(res, 200, faults.current());
				return;
			case 'POST /__sandbox/reset':
				sandbox.reset();
				res.writeHead(204).end();
				return;
			case 'POST /__sandbox/faults': {
				let parsed: unknown;
				try {
					parsed = body.trim() === '' ? {} : JSON.parse(body);
					faults.set(parsed);
				} catch (error) {
					sendJson(res, 400, { error: error instanceof FaultConfigError ? error.message : `invalid JSON: ${(error as Error).message}` });
					return;
				}
				sendJson(res, 200, faults.current());
				return;
			}
			default:
				sendJson(res, 404, { error: `no control route ${route}` });
		}
	};

	const server: Server = createServer((req, res) => {
		void (async () => {
			const requestUrl = new URL(req.url ?? '/', 'http://sandbox.invalid');
			const body = await readBody(req);
			if (body === undefined) {
				sendError(res, 413, 10000, 'The request body is too large.', { connection: 'close' });
				return;
			}
			if (requestUrl.pathname.startsWith('/__sandbox/')) {
				await handleControl(req, res, requestUrl, body);
			} else {
				await handleApi(req, res, requestUrl, body);
			}
		})().catch((error: unknown) => {
			if (!res.headersSent && !res.destroyed) {
				sendError(res, 500, 10000, `Sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
			}
		});
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	url = host === '::1' ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;

	const sandbox: Sandbox = {
		url,
		port,
		projectId,
		token,
		numbers,
		requests,
		get messages() {
			return store.all();
		},
		setFaults(f) {
			faults.set(f);
		},
		faults: () => faults.current(),
		reset() {
			requests.length = 0;
			store.clear();
			faults.clear();
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) {
					clearTimeout(timer);
				}
				timers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
	return sandbox;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
