/**
 * The webhook listener: an HTTP server on 127.0.0.1 that receives SignalWire's status callbacks and
 * inbound-message webhooks, records each one (with its signature check) and answers as an app
 * would: `204` to a status callback, cXML to an inbound message (docs/api-notes.md, "Webhooks and
 * signatures"). It refuses bodies over 64 KB (413, at once when Content-Length says so), more than
 * 200 requests a second (429), any peer that is not loopback (403), a Host that is not the
 * listener's or its public URL's and any browser Origin (403: DNS rebinding, cross-site forms); it
 * holds at most 128 connections and closes one whose headers take over 5 s. A malformed body is
 * recorded as such. No `vscode` import.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as l10n from '@vscode/l10n';
import { inboundResponse } from './cxml';
import type { WebhookRequestLog } from './requestLog';
import {
	classifyRequest,
	param,
	paramsOf,
	parseFormBody,
	recordedHeaders,
	signatureHeader,
	type SignatureReport,
	type WebhookRequestRecord,
} from './requests';
import { LOOPBACK_HOST, isAllowedHost, isLoopbackAddress, isRefusedOrigin, type RefusalReason } from './admission';
import { checkSignature, type WebhookParams } from './signature';

export type { RefusalReason } from './admission';

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;
export const MAX_WEBHOOK_REQUESTS_PER_SECOND = 200;
/**
 * A body larger than the limit is read and dropped up to this size (so the sender gets its 413), then the connection is
 * cut.
 */
const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;
/** A connection whose request headers have not all arrived after this long is closed. */
export const WEBHOOK_HEADERS_TIMEOUT_MS = 5_000;
/** At most this many connections at once; more are closed as they come. */
export const MAX_WEBHOOK_CONNECTIONS = 128;
/** After a refusal sent before the body, the connection is closed this long later at the latest. */
const REFUSED_LINGER_MS = 1_000;

export interface WebhookListenerOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Only loopback is allowed; anything else makes {@link WebhookListener.start} reject. */
	host?: string;
	log: WebhookRequestLog;
	/** The Signing Key to check a request with (of the Space the listener serves), or none. */
	signingKey?: (params: WebhookParams) => string | undefined;
	/** Whether an `AccountSid` is the Project ID of a Space the listener serves; a request for another is invalid. */
	knownProject?: (accountSid: string) => boolean;
	/** The host (`name[:port]`) of the public URL, also accepted in `Host`. */
	publicHost?: () => string | undefined;
	/** The URL SignalWire requested, for the signature, given the path and query received. Default: the local URL. */
	signedUrl?: (pathAndQuery: string) => string;
	/** The reply text to an inbound message, if any. */
	inboundReply?: () => string | undefined;
	/** Told of each request refused (not recorded). */
	onRefused?: (reason: RefusalReason) => void;
	/** Told of each request recorded, after it was answered. */
	onRecorded?: (record: WebhookRequestRecord) => void;
	maxBodyBytes?: number;
	maxRequestsPerSecond?: number;
	headersTimeoutMs?: number;
	maxConnections?: number;
	now?: () => number;
}

export class WebhookListenerError extends Error {
	constructor(
		readonly reason: 'not-loopback' | 'port-in-use' | 'bad-port' | 'other',
		message: string,
	) {
		super(message);
		this.name = 'WebhookListenerError';
	}
}

export class WebhookListener {
	readonly port: number;
	readonly refused: Record<RefusalReason, number> = {
		'too-large': 0,
		'rate-limited': 0,
		'not-loopback': 0,
		'foreign-host': 0,
		'browser-origin': 0,
		'too-many-connections': 0,
	};
	/** Timestamps of the last accepted requests, a ring as long as the per-second limit. */
	private readonly recent: number[];
	private recentIndex = 0;
	private readonly maxBodyBytes: number;
	private readonly now: () => number;

	private constructor(
		private readonly server: http.Server,
		private readonly options: WebhookListenerOptions,
	) {
		this.port = (server.address() as AddressInfo).port;
		this.maxBodyBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
		this.recent = new Array<number>(Math.max(1, options.maxRequestsPerSecond ?? MAX_WEBHOOK_REQUESTS_PER_SECOND));
		this.now = options.now ?? Date.now;
	}

	/** Starts listening on 127.0.0.1; rejects with a {@link WebhookListenerError}. */
	static async start(options: WebhookListenerOptions): Promise<WebhookListener> {
		const host = options.host ?? LOOPBACK_HOST;
		if (host !== LOOPBACK_HOST && host !== 'localhost') {
			throw new WebhookListenerError(
				'not-loopback',
				l10n.t('The webhook listener only listens on {0} (loopback), not on {1}.', LOOPBACK_HOST, host),
			);
		}
		const port = options.port ?? 0;
		if (!Number.isInteger(port) || port < 0 || port > 65535) {
			throw new WebhookListenerError(
				'bad-port',
				l10n.t(
					'The webhook listener port must be an integer from 0 (any free port) to 65535, not {0}.',
					String(port),
				),
			);
		}
		const headersTimeout = options.headersTimeoutMs ?? WEBHOOK_HEADERS_TIMEOUT_MS;
		// Timeouts are enforced on this interval (30 s by default): check often enough to keep them.
		const server = http.createServer({
			connectionsCheckingInterval: Math.max(50, Math.min(1000, headersTimeout / 4)),
		});
		server.headersTimeout = headersTimeout;
		server.requestTimeout = 15_000;
		server.maxConnections = options.maxConnections ?? MAX_WEBHOOK_CONNECTIONS;
		await new Promise<void>((resolve, reject) => {
			server.once('error', (error: NodeJS.ErrnoException) =>
				reject(
					error.code === 'EADDRINUSE'
						? new WebhookListenerError(
								'port-in-use',
								l10n.t(
									'Port {0} is already in use: choose another in the setting signalwire.webhooks.port, or 0 for any free port.',
									port,
								),
							)
						: new WebhookListenerError(
								'other',
								l10n.t('The webhook listener could not start: {0}', error.message),
							),
				),
			);
			server.listen(port, LOOPBACK_HOST, () => resolve());
		});
		const listener = new WebhookListener(server, options);
		server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) =>
			listener.handle(request, response),
		);
		server.on('clientError', (_error, socket) => socket.destroy());
		server.on('drop', () => listener.countRefusal('too-many-connections'));
		return listener;
	}

	get localUrl(): string {
		return `http://${LOOPBACK_HOST}:${this.port}`;
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private countRefusal(reason: RefusalReason): void {
		this.refused[reason]++;
		this.options.onRefused?.(reason);
	}

	private refuse(
		reason: RefusalReason,
		response: http.ServerResponse,
		status: number,
		headers: Record<string, string> = {},
	): void {
		this.countRefusal(reason);
		response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...headers });
		response.end(`${status} ${http.STATUS_CODES[status] ?? ''}\n`);
	}

	/** Whether one more request fits in the last second (and counts it if so). */
	private admit(): boolean {
		const now = this.now();
		const oldest = this.recent[this.recentIndex];
		if (oldest !== undefined && now - oldest < 1000) {
			return false;
		}
		this.recent[this.recentIndex] = now;
		this.recentIndex = (this.recentIndex + 1) % this.recent.length;
		return true;
	}

	private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
		request.on('error', () => undefined);
		response.on('error', () => undefined);
		if (!isLoopbackAddress(request.socket.remoteAddress)) {
			this.refuse('not-loopback', response, 403);
			request.socket.destroy();
			return;
		}
		if (isRefusedOrigin(request.headers.origin)) {
			this.refuseBeforeBody('browser-origin', request, response, 403);
			return;
		}
		if (!isAllowedHost(request.headers.host, this.port, this.options.publicHost?.())) {
			this.refuseBeforeBody('foreign-host', request, response, 403);
			return;
		}
		if (!this.admit()) {
			this.refuse('rate-limited', response, 429, { 'retry-after': '1' });
			request.resume();
			return;
		}
		const declared = Number(request.headers['content-length']);
		if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
			// Said too large: refused before a byte of it is read.
			this.refuseBeforeBody('too-large', request, response, 413);
			return;
		}
		let tooLarge = false;
		let size = 0;
		let chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > this.maxBodyBytes) {
				tooLarge = true;
				chunks = [];
				if (size > DRAIN_LIMIT_BYTES && !response.headersSent) {
					this.refuse('too-large', response, 413);
					request.socket.destroy();
				}
			} else if (!tooLarge) {
				chunks.push(chunk);
			}
		});
		request.on('end', () => {
			if (response.headersSent) {
				return;
			}
			if (tooLarge) {
				this.refuse('too-large', response, 413);
				return;
			}
			try {
				this.answer(request, response, Buffer.concat(chunks));
			} catch {
				// A listener never dies of a request: answer 500 and go on.
				if (!response.headersSent) {
					response.writeHead(500).end();
				}
			}
		});
	}

	/**
	 * Answers at once, before the body: the rest of it is dropped as it comes (up to the drain
	 * limit) and the connection closed soon after, so the sender can still read the answer.
	 */
	private refuseBeforeBody(
		reason: RefusalReason,
		request: http.IncomingMessage,
		response: http.ServerResponse,
		status: number,
	): void {
		this.refuse(reason, response, status);
		let drained = 0;
		request.on('data', (chunk: Buffer) => {
			drained += chunk.length;
			if (drained > DRAIN_LIMIT_BYTES) {
				request.socket.destroy();
			}
		});
		setTimeout(() => request.socket.destroy(), REFUSED_LINGER_MS).unref();
	}

	private answer(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): void {
		const log = this.options.log;
		const method = request.method ?? 'GET';
		const pathAndQuery = request.url ?? '/';
		const headers = recordedHeaders(request.headers);
		let query: URLSearchParams;
		try {
			query = new URL(pathAndQuery, this.localUrl).searchParams;
		} catch {
			query = new URLSearchParams();
		}
		let params: Record<string, string | string[]>;
		let malformed: { reason: string; text: string } | undefined;
		if (method === 'GET' || method === 'HEAD') {
			params = paramsOf(query);
		} else {
			const parsed = parseFormBody(body, request.headers['content-type']);
			params = parsed.ok ? parsed.params : {};
			malformed = parsed.ok ? undefined : parsed;
		}
		const kind = malformed ? 'other' : classifyRequest(pathAndQuery, params);
		// For a GET, the params are in the URL and signed as part of it.
		const signed = method === 'GET' || method === 'HEAD' ? {} : params;
		const signature = this.check(headers, pathAndQuery, signed, malformed !== undefined);
		let status = 204;
		let contentType: string | undefined;
		let text: string | undefined;
		if (malformed) {
			status = 400;
		} else if (kind === 'inbound') {
			status = 200;
			contentType = 'text/xml; charset=utf-8';
			text = inboundResponse(this.options.inboundReply?.());
		}
		const record: WebhookRequestRecord = {
			id: log.nextId(),
			time: this.now(),
			method,
			path: pathAndQuery,
			headers,
			params,
			kind,
			...(malformed ? { malformed: malformed.reason, rawBody: malformed.text } : {}),
			signature,
			response: {
				status,
				...(contentType ? { contentType } : {}),
				...(text !== undefined ? { body: text } : {}),
			},
		};
		response.writeHead(status, contentType ? { 'content-type': contentType } : {});
		response.end(text);
		log.add(record);
		this.options.onRecorded?.(record);
	}

	private check(
		headers: Readonly<Record<string, string>>,
		pathAndQuery: string,
		params: WebhookParams,
		malformed: boolean,
	): SignatureReport {
		const account = param(params, 'AccountSid');
		if (account !== undefined && this.options.knownProject && !this.options.knownProject(account)) {
			return {
				state: 'invalid',
				reason: l10n.t('The AccountSid {0} is not the Project ID of a Space this listener serves.', account),
			};
		}
		const key = this.options.signingKey?.(params);
		if (!key) {
			return { state: 'unchecked', reason: l10n.t('No Signing Key is set for this Space.') };
		}
		const received = signatureHeader(headers);
		if (received === undefined) {
			return { state: 'invalid', reason: l10n.t('The request has no X-SignalWire-Signature header.') };
		}
		if (malformed) {
			return {
				state: 'invalid',
				received,
				reason: l10n.t('The body is not a form, so no signature can match it.'),
			};
		}
		const url = this.options.signedUrl?.(pathAndQuery) ?? `${this.localUrl}${pathAndQuery}`;
		const result = checkSignature(key, received, url, params);
		return result.valid
			? { state: 'valid', received, urls: result.urls }
			: {
					state: 'invalid',
					reason: l10n.t(
						'The signature does not match the URL and form received (with and without the port).',
					),
					received,
					urls: result.urls,
					expected: result.expected,
				};
	}
}
