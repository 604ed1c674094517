/**
 * The core of the local server (./server.ts): the API routes, messaging, numbers, callbacks and
 * settings, on plain Node http, loopback only. `startSandbox` (./server.ts) adds the extras the
 * CLI, `npm start`, the test runners and the tests use: the misbehaviour switches (./faults.ts),
 * the control routes under /__sandbox/ and the one-time sign-in codes (./signInCodes.ts). The
 * Test Explorer's "Local server" runs (src/testing/targets.ts) start the core alone: they drive it
 * in-process (`inject`, `events`) and never use those extras, so its bundle carries none of them.
 * Without the control routes, every /__sandbox/ path answers 404 (not recorded).
 *
 * API routes, each under all four path forms `(/api/laml)?/2010-04-01/Accounts/{ProjectId}/…(.json)?`:
 *   Messages, Messages/{Sid}, Messages/{Sid}/Media(/{Sid})     routes/messages.ts
 *   IncomingPhoneNumbers(/{Sid})                               routes/numbers.ts
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Message } from '../src/core/types';
import { CallbackSender, type CallbackRecord } from './callbacks';
import { readInbound } from './control';
import type { FaultAnswerContext } from './faultAnswers';
import type { RequestKind } from './faults';
import { apiError, checkBasicAuth, headerRecord, notFound, queryRecord, readBody, safeDecode, sendReply, type ApiRoute, type Reply } from './http';
import { Messaging, Timers, type SandboxEvents } from './messaging';
import { NumberBook, SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, type SandboxNumber } from './numbers';
import * as messageRoutes from './routes/messages';
import * as numberRoutes from './routes/numbers';
import { DEFAULT_SETTINGS, mergeSettings, type SandboxSettings } from './settings';
import { errorBody, parseForm, sendError, sendJson } from './util';

export interface SandboxOptions extends Partial<SandboxSettings> {
	/** 0 (default) picks a free port. */
	port?: number;
	projectId?: string;
	/** Default: `PT` + 48 random hex characters, new at each start. */
	token?: string;
	/** Signs the callbacks the sandbox sends. Default: `PSK_` + 48 random hex characters, new at each start. */
	signingKey?: string;
	/** A loopback address: `127.0.0.1` (default), `::1` or `localhost` (= 127.0.0.1). */
	host?: string;
	/** The request log and the callback log each keep this many newest entries (default {@link MAX_RECORDS}). */
	maxRecords?: number;
	/** Serve https with this key and certificate (PEM), e.g. from ./certificate.ts; `url` is then https://. */
	tls?: { key: string; cert: string };
}

/** How many entries the request log and the callback log keep (the oldest are dropped). */
export const MAX_RECORDS = 10_000;

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

/** The core server: everything `startSandbox` answers but the faults. */
export interface CoreSandbox {
	/** `http://127.0.0.1:PORT` (`https://` with `tls`; no trailing slash). */
	readonly url: string;
	readonly port: number;
	readonly projectId: string;
	readonly token: string;
	readonly signingKey: string;
	readonly numbers: readonly SandboxNumber[];
	/** API requests so far, oldest first (a live array). */
	readonly requests: RecordedRequest[];
	/** Copies of the messages so far (outbound and inbound), oldest first. */
	readonly messages: Message[];
	/** StatusCallbacks and inbound webhooks sent (or refused) so far, oldest first (a live array). */
	readonly callbacks: CallbackRecord[];
	/** Messages created (`message`, `inbound`) and status changes (`status`), as they happen. */
	readonly events: SandboxEvents;
	/** Changes some settings (throws for unknown names or bad values); returns them all. */
	setSettings(settings: Partial<SandboxSettings>): SandboxSettings;
	settings(): SandboxSettings;
	/**
	 * An inbound message from `from` to one of the project's SMS numbers, checked as the inbound
	 * route checks it (throws ControlInputError naming the rule).
	 */
	inject(inbound: { from: string; to: string; body?: string | null; mediaUrls?: string[] }): Message;
	/** Resolves when every callback queued so far has been answered (or failed). */
	callbacksIdle(): Promise<void>;
	/** Clears requests, messages, callbacks, opt-outs, number settings (and the extras' state); restores the start settings. */
	reset(): void;
	close(): Promise<void>;
}

/** The core's parts the extras work with (./server.ts). */
export interface CoreParts {
	readonly book: NumberBook;
	readonly messaging: Messaging;
}

/** What ./server.ts adds to the core. Each is optional; the core alone has none. */
export interface CoreExtras {
	/** Before an API request is answered: a reply instead of the normal answer, and/or a delay. */
	intercept?(kind: RequestKind | undefined, ctx: FaultAnswerContext): { reply?: Reply; delayMs?: number };
	/** Answers the paths under /__sandbox/ (not recorded). */
	control?(req: IncomingMessage, res: ServerResponse, requestUrl: URL, body: string): Promise<void>;
	/** Called by `reset()`. */
	reset?(): void;
}

const API_PATH = /^((?:\/api\/laml)?\/2010-04-01)\/Accounts\/([^/]+)\/(.+?)(\.json)?$/;

/** Starts the core server; `extras` (called once, before any request) adds to it. */
export async function startCoreSandbox(options: SandboxOptions = {}, extras?: (core: CoreSandbox, parts: CoreParts) => CoreExtras): Promise<CoreSandbox> {
	const projectId = options.projectId ?? SANDBOX_PROJECT_ID;
	const token = options.token ?? `PT${randomBytes(24).toString('hex')}`;
	const signingKey = options.signingKey ?? `PSK_${randomBytes(24).toString('hex')}`;
	const host = options.host === undefined || options.host === 'localhost' ? '127.0.0.1' : options.host;
	if (host !== '127.0.0.1' && host !== '::1') {
		throw new Error(`The sandbox listens on loopback only (127.0.0.1 or ::1), not ${options.host}.`);
	}
	const startSettings = mergeSettings(DEFAULT_SETTINGS, {
		statusProgression: options.statusProgression,
		statusStepMs: options.statusStepMs,
		replyDelayMs: options.replyDelayMs,
	});
	let settings = startSettings;
	const book = new NumberBook(SANDBOX_NUMBERS);
	let added: CoreExtras = {};
	const requests: RecordedRequest[] = [];
	const maxRecords = Math.max(1, options.maxRecords ?? MAX_RECORDS);
	const timers = new Timers();
	const callbacks = new CallbackSender(
		() => signingKey,
		() => url,
		maxRecords,
	);
	const messaging = new Messaging({ projectId, book, settings: () => settings, callbacks, timers });
	let url = '';

	const changeSettings = (input: unknown): SandboxSettings => {
		const before = settings.statusProgression;
		settings = mergeSettings(settings, input);
		if (before !== 'time' && settings.statusProgression === 'time') {
			messaging.resume();
		}
		return { ...settings };
	};

	/** The kind of request (for faults) and what answers it; undefined = no such route. */
	const resolve = (route: ApiRoute, requestUrl: URL, method: string, form: Record<string, string[]>): { kind?: RequestKind; answer: () => Reply } | Reply | undefined => {
		const messagePath = messageRoutes.matchMessageRoute(route.rest);
		if (messagePath) {
			const ctx = { projectId, numbers: book.numbers, messaging, route, url: requestUrl, form };
			const { sid, mediaSid, media } = messagePath;
			switch (`${method} ${sid === undefined ? 'list' : media ? (mediaSid === undefined ? 'media-list' : 'media') : 'one'}`) {
				case 'POST list':
					return { kind: 'create', answer: () => messageRoutes.createMessage(ctx) };
				case 'GET list':
					return { kind: 'list', answer: () => messageRoutes.listMessages(ctx) };
				case 'GET one':
					return { kind: 'fetch', answer: () => messageRoutes.fetchMessage(ctx, sid!) };
				case 'POST one':
					return { answer: () => messageRoutes.redactMessage(ctx, sid!) };
				case 'DELETE one':
					return { answer: () => messageRoutes.deleteMessage(ctx, sid!) };
				case 'GET media-list':
					return { answer: () => messageRoutes.listMedia(ctx, sid!) };
				case 'GET media':
					return { answer: () => messageRoutes.fetchMedia(ctx, sid!, mediaSid!) };
				case 'DELETE media':
					return { answer: () => messageRoutes.deleteMedia(ctx, sid!, mediaSid!) };
				default:
					return methodNotAllowed(method, requestUrl, messageRoutes.allowedMethods(messagePath));
			}
		}
		const numberPath = numberRoutes.matchNumberRoute(route.rest);
		if (numberPath) {
			const ctx = { projectId, book, route, url: requestUrl, form };
			const sid = numberPath.sid;
			if (method === 'GET') {
				return { kind: 'numbers', answer: () => (sid === undefined ? numberRoutes.listNumbers(ctx) : numberRoutes.fetchNumber(ctx, sid)) };
			}
			if (method === 'POST' && sid !== undefined) {
				return { answer: () => numberRoutes.updateNumber(ctx, sid) };
			}
			return methodNotAllowed(method, requestUrl, sid === undefined ? 'GET' : 'GET, POST');
		}
		return undefined;
	};

	const handleApi = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL, body: string): Promise<void> => {
		const headers = headerRecord(req);
		const isForm = /application\/x-www-form-urlencoded/i.test(headers['content-type'] ?? '');
		const form = isForm ? parseForm(body) : {};
		const method = req.method ?? 'GET';
		requests.push({ method, path: requestUrl.pathname, query: queryRecord(requestUrl.searchParams), headers, body, form, time: new Date().toISOString() });
		if (requests.length > maxRecords) {
			requests.splice(0, requests.length - maxRecords);
		}

		if (!checkBasicAuth(headers.authorization, projectId, token)) {
			sendReply(res, apiError(401, 20003, 'Authentication failed'));
			return;
		}
		const match = API_PATH.exec(requestUrl.pathname);
		// The credentials are right but the path names another project: the resource does not exist
		// for this caller (404/20404; docs/api-notes.md, "Errors").
		if (!match || safeDecode(match[2]) !== projectId) {
			sendReply(res, notFound(requestUrl.pathname));
			return;
		}
		const route: ApiRoute = { prefix: match[1], account: projectId, rest: match[3], ext: match[4] ?? '' };
		const target = resolve(route, requestUrl, method, form);
		if (target === undefined || !('answer' in target)) {
			sendReply(res, target ?? notFound(requestUrl.pathname));
			return;
		}
		const decision = added.intercept?.(target.kind, { projectId, numbers: book.numbers, route, form }) ?? {};
		const reply = decision.reply ?? target.answer();
		// The work is done (a message created, a status advanced) before the delay: a slow answer.
		if (decision.delayMs) {
			await timers.wait(decision.delayMs);
		}
		sendReply(res, reply);
	};

	const handle = (req: IncomingMessage, res: ServerResponse): void => {
		void (async () => {
			const requestUrl = new URL(req.url ?? '/', 'http://sandbox.invalid');
			const body = await readBody(req);
			if (body === undefined) {
				sendError(res, 413, 10000, 'The request body is too large.', { connection: 'close' });
				return;
			}
			if (!requestUrl.pathname.startsWith('/__sandbox/')) {
				await handleApi(req, res, requestUrl, body);
			} else if (added.control) {
				await added.control(req, res, requestUrl, body);
			} else {
				sendJson(res, 404, { error: 'this server has no control routes' });
			}
		})().catch((error: unknown) => {
			if (!res.headersSent && !res.destroyed) {
				sendError(res, 500, 10000, `Sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
			}
		});
	};
	// An https.Server has the same request API (and closeAllConnections); typed as the http one.
	const server: Server = options.tls ? (createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handle) as unknown as Server) : createServer(handle);
	server.on('clientError', (_error, socket) => socket.destroy());

	await new Promise<void>((resolveListen, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolveListen();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const scheme = options.tls ? 'https' : 'http';
	url = host === '::1' ? `${scheme}://[::1]:${port}` : `${scheme}://127.0.0.1:${port}`;

	const core: CoreSandbox = {
		url,
		port,
		projectId,
		token,
		signingKey,
		get numbers() {
			return book.numbers;
		},
		requests,
		get messages() {
			return messaging.store.all();
		},
		callbacks: callbacks.records,
		events: messaging.events,
		setSettings: (s) => changeSettings(s),
		settings: () => ({ ...settings }),
		inject: (input) => structuredClone(messaging.receive(readInbound(input, book)).message),
		callbacksIdle: () => callbacks.idle(),
		reset() {
			requests.length = 0;
			timers.clear();
			callbacks.clear();
			messaging.clear();
			book.clear();
			added.reset?.();
			settings = startSettings;
		},
		close: () =>
			new Promise<void>((resolveClose) => {
				timers.clear();
				callbacks.clear();
				server.close(() => resolveClose());
				server.closeAllConnections();
			}),
	};
	// No request is read before this: the listen callback ran, and `handle` runs on a later turn.
	added = extras?.(core, { book, messaging }) ?? {};
	return core;
}

function methodNotAllowed(method: string, requestUrl: URL, allow: string): Reply {
	return { type: 'json', status: 405, body: errorBody(405, 20004, `Method ${method} not allowed on ${requestUrl.pathname}`), headers: { allow } };
}
