/**
 * A local SignalWire-compatible server (Compatibility/LaML REST API, messaging subset) on plain
 * Node http, loopback only. For unit tests (in-process), the integration suite (through the
 * control API under /__sandbox/), `npm start` and `npm run sandbox`. See sandbox/README.md.
 *
 * API routes, each under all four path forms `(/api/laml)?/2010-04-01/Accounts/{ProjectId}/…(.json)?`:
 *   Messages, Messages/{Sid}, Messages/{Sid}/Media(/{Sid})     routes/messages.ts
 *   IncomingPhoneNumbers(/{Sid})                               routes/numbers.ts
 * Control routes (no auth, loopback only, not recorded):
 *   GET  /__sandbox/info | requests | messages | faults | settings | callbacks
 *   POST /__sandbox/reset | faults | settings | inbound | numbers
 *   POST /__sandbox/sign-in-codes | sign-in-codes/redeem  (one-time sign-in codes, ./signInCodes.ts)
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Message } from '../src/core/types';
import { CallbackSender, type CallbackRecord } from './callbacks';
import { ControlInputError, parseJsonBody, readInbound } from './control';
import { faultAnswer } from './faultAnswers';
import { FAULT_NAMES, FaultConfigError, FaultController, type RequestKind, type SandboxFaults } from './faults';
import { SANDBOX_HANDSETS } from './handsets';
import { apiError, checkBasicAuth, headerRecord, isLoopbackAddress, notFound, queryRecord, readBody, safeDecode, sendReply, type ApiRoute, type Reply } from './http';
import { Messaging, Timers, type Inbound, type SandboxEvents } from './messaging';
import { NumberBook, SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, type SandboxNumber } from './numbers';
import * as messageRoutes from './routes/messages';
import { setNumberCount } from './numberCount';
import * as numberRoutes from './routes/numbers';
import { handleSignInCodeRoute, SignInCodes } from './signInCodes';
import { DEFAULT_SETTINGS, SettingsError, mergeSettings, type SandboxSettings, type StatusProgression } from './settings';
import { SANDBOX_SPECIAL_NUMBERS } from './store';
import { errorBody, parseForm, sendError, sendJson } from './util';

export { SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, SANDBOX_SPECIAL_NUMBERS, SANDBOX_HANDSETS, FAULT_NAMES, ControlInputError };
export type { SandboxFaults, SandboxNumber, SandboxSettings, StatusProgression, CallbackRecord, Inbound, SandboxEvents };

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
	/** Serve https with this key and certificate (PEM), e.g. from ./certificate.ts; `url` is then https://. */
	tls?: { key: string; cert: string };
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
	/** Replaces the active faults (`{}` clears them). Throws for unknown names or bad values. */
	setFaults(faults: SandboxFaults): void;
	/** The faults still active (`times` = what is left). */
	faults(): SandboxFaults;
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
	/** Clears requests, messages, callbacks, opt-outs, number settings and faults; restores the start settings. */
	reset(): void;
	close(): Promise<void>;
}

const API_PATH = /^((?:\/api\/laml)?\/2010-04-01)\/Accounts\/([^/]+)\/(.+?)(\.json)?$/;
const LOOPBACK_HOST_HEADER = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
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
	const faults = new FaultController();
	const signInCodes = new SignInCodes();
	const requests: RecordedRequest[] = [];
	const timers = new Timers();
	const callbacks = new CallbackSender(
		() => signingKey,
		() => url,
	);
	const messaging = new Messaging({ projectId, book, settings: () => settings, callbacks, timers });
	let url = '';

	const inject = (input: unknown): Message => structuredClone(messaging.receive(readInbound(input, book)).message);

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
		const decision = faults.take(target.kind);
		const reply = decision.answer ? faultAnswer(decision.answer, target.kind, { projectId, numbers: book.numbers, route, form }) : target.answer();
		// The work is done (a message created, a status advanced) before the delay: a slow answer.
		if (decision.delayMs) {
			await timers.wait(decision.delayMs);
		}
		sendReply(res, reply);
	};

	const handleControl = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL, body: string): Promise<void> => {
		if (!isLoopbackAddress(req.socket.remoteAddress) || !LOOPBACK_HOST_HEADER.test(req.headers.host ?? '')) {
			sendJson(res, 403, { error: 'the control API answers loopback requests only' });
			return;
		}
		const route = `${req.method} ${requestUrl.pathname.replace(/\/+$/, '')}`;
		switch (route) {
			case 'GET /__sandbox/info':
				sendJson(res, 200, {
					url,
					projectId,
					token,
					signingKey,
					numbers: book.numbers,
					specialNumbers: SANDBOX_SPECIAL_NUMBERS,
					handsets: SANDBOX_HANDSETS,
					settings,
					faultNames: FAULT_NAMES,
					faults: faults.current(),
				});
				return;
			case 'GET /__sandbox/requests':
				sendJson(res, 200, requests);
				return;
			case 'GET /__sandbox/messages':
				sendJson(res, 200, messaging.store.all());
				return;
			case 'GET /__sandbox/faults':
				sendJson(res, 200, faults.current());
				return;
			case 'GET /__sandbox/settings':
				sendJson(res, 200, settings);
				return;
			case 'GET /__sandbox/callbacks':
				sendJson(res, 200, callbacks.records);
				return;
			case 'POST /__sandbox/settings':
			case 'POST /__sandbox/inbound':
			case 'POST /__sandbox/numbers':
				try {
					const input = parseJsonBody(body);
					if (route === 'POST /__sandbox/settings') {
						sendJson(res, 200, changeSettings(input));
					} else if (route === 'POST /__sandbox/numbers') {
						sendJson(res, 200, setNumberCount(book, input));
					} else {
						sendJson(res, 201, inject(input));
					}
				} catch (error) {
					if (!(error instanceof ControlInputError || error instanceof SettingsError)) {
						throw error;
					}
					sendJson(res, 400, { error: error.message });
				}
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
			case 'POST /__sandbox/sign-in-codes':
			case 'POST /__sandbox/sign-in-codes/redeem':
				handleSignInCodeRoute(signInCodes, route, body, res, { projectId, token });
				return;
			default:
				sendJson(res, 404, { error: `no control route ${route}` });
		}
	};

	const handle = (req: IncomingMessage, res: ServerResponse): void => {
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

	const sandbox: Sandbox = {
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
		setFaults(f) {
			faults.set(f);
		},
		faults: () => faults.current(),
		setSettings: (s) => changeSettings(s),
		settings: () => ({ ...settings }),
		inject,
		callbacksIdle: () => callbacks.idle(),
		reset() {
			requests.length = 0;
			timers.clear();
			callbacks.clear();
			messaging.clear();
			book.clear();
			faults.clear();
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
	return sandbox;
}

function methodNotAllowed(method: string, requestUrl: URL, allow: string): Reply {
	return { type: 'json', status: 405, body: errorBody(405, 20004, `Method ${method} not allowed on ${requestUrl.pathname}`), headers: { allow } };
}
