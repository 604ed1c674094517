/**
 * The SignalWire Compatibility (LaML) REST client, on ky. No `vscode` import.
 *
 * Retries: only HTTP 429, at most 2 retries (3 requests), for GET and POST alike, honouring
 * `Retry-After` capped at `maxRetryWaitMs` and waiting `retryDelayMs` without it. A POST is never
 * retried after a timeout, a network error or a 5xx: the message may already exist, and a retry
 * could send it twice. This is ky's own retry, narrowed by `shouldRetry` (see below). A
 * `Retry-After` that is neither seconds nor an HTTP date makes ky wait the full cap.
 * Redirects are not followed.
 */
import * as l10n from '@vscode/l10n';
import ky, { isHTTPError, isTimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import { basicCredentials, credentialForms, maskAndShorten } from '../core/secrets';
import { readCappedBody } from './body';
import { encodeMessageForm } from './encode';
import { messageLogQuery } from './listQuery';
import {
	SignalWireApiError,
	SignalWireNetworkError,
	SignalWireTimeoutError,
	UnexpectedResponseError,
	isSignalWireError,
	isUnexpectedResponseError,
	type RequestDescription,
	type SignalWireError,
} from './errors';
import { parseApiErrorBody, parseIncomingPhoneNumber, parseMessage, parsePage } from './parse';
import { snippetOf } from './snippet';
import { describeCause, networkFailureOf } from './transportFailure';
import { spaceBaseUrl } from './space';
import type { CreateMessageParams, Credentials, IncomingPhoneNumber, Message } from '../core/types';

export const DEFAULT_USER_AGENT = 'signalwire-messaging-sandbox (unofficial VS Code extension)';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;
export const DEFAULT_RETRY_DELAY_MS = 1_000;
/** Retries after a 429 (so at most 3 requests). */
export const RATE_LIMIT_RETRIES = 2;
/** Pages followed at most by list calls. */
export const MAX_PAGES = 20;
/** Phone numbers asked for per page: a page stays well under {@link MAX_RESPONSE_BYTES}. */
export const NUMBERS_PAGE_SIZE = 400;
export const API_VERSION_PATH = '/api/laml/2010-04-01';
/**
 * The largest answer read (1 MiB). A Message, an error or a page of 1,000 numbers is far smaller;
 * a larger answer is refused unread (`UnexpectedResponseError`, reason `too-large`).
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** The most kept of a text taken from an answer (an API error message, `more_info`), after masking. */
export const MAX_ANSWER_TEXT_CHARS = 1000;
/** The most kept of a network error's own detail, after masking. */
export const MAX_NETWORK_DETAIL_CHARS = 200;

export interface SignalWireClientOptions {
	credentials: Credentials;
	/** Per request (each attempt), and again for reading the body. Default 30000. */
	timeoutMs?: number;
	userAgent?: string;
	/** For tests, or a proxy-aware fetch. Default: the global fetch. */
	fetch?: typeof fetch;
	/** Cap on a `Retry-After` wait. Default 10000. */
	maxRetryWaitMs?: number;
	/** Wait before retrying a 429 that has no `Retry-After`. Default 1000 (at most `maxRetryWaitMs`). */
	retryDelayMs?: number;
	/** Told before each retry of a 429 (for logging). */
	onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo extends RequestDescription {
	/** 1 for the first retry. */
	retry: number;
	httpStatus: number;
}

export interface ListMessagesOptions {
	to?: string;
	from?: string;
	status?: string;
	/** `YYYY-MM-DD` (UTC). */
	dateSent?: string;
	/** Records per page, 1–1000. Default 50. */
	pageSize?: number;
	/** Stop after this many messages. Default 50. */
	limit?: number;
}

/**
 * A client for one project of one Space. Construction throws {@link SpaceUrlError} for a bad
 * Space URL. Every method rejects only with a {@link SignalWireError} subclass.
 */
export class SignalWireClient {
	/** `https://example.signalwire.com` (or a loopback http URL). */
	readonly baseUrl: string;
	readonly projectId: string;
	readonly timeoutMs: number;
	readonly #ky: KyInstance;
	/** The token in every form it could be echoed back in; scrubbed from all error text. */
	readonly #secrets: readonly string[];
	readonly #origin: string;

	constructor(options: SignalWireClientOptions) {
		const { credentials } = options;
		this.baseUrl = spaceBaseUrl(credentials.space);
		this.#origin = new URL(this.baseUrl).origin;
		this.projectId = credentials.projectId.trim();
		this.#secrets = credentialForms(this.projectId, credentials.token);
		this.timeoutMs = clamp(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 2_147_483_647);
		const maxRetryWaitMs = clamp(options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS, 0, 2_147_483_647);
		const retryDelayMs = clamp(options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS, 0, maxRetryWaitMs);
		const onRetry = options.onRetry;
		const kyOptions: KyOptions = {
			timeout: this.timeoutMs,
			throwHttpErrors: true,
			// The API never redirects. Following one could send the credentials to another host or
			// turn a POST into a GET; a 3xx surfaces as an error instead.
			redirect: 'manual',
			headers: {
				authorization: basicAuthorization(this.projectId, credentials.token),
				accept: 'application/json',
				'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
			},
			retry: {
				limit: RATE_LIMIT_RETRIES,
				// ky retries POST only when it is listed here.
				methods: ['get', 'post'],
				statusCodes: [429],
				afterStatusCodes: [429],
				// ky 1.14 caps a longer Retry-After at this value (it does not give up).
				maxRetryAfter: maxRetryWaitMs,
				backoffLimit: maxRetryWaitMs,
				delay: () => retryDelayMs,
				retryOnTimeout: false,
				// ky on its own would also retry any network error (a dropped connection) for every
				// listed method, POST included. Allow only a 429 (`undefined` = ky's default checks,
				// which honour Retry-After; `true` would skip them).
				shouldRetry: ({ error }) => (isHTTPError(error) && error.response.status === 429 ? undefined : false),
			},
			hooks: onRetry
				? {
						beforeRetry: [
							({ request, error, retryCount }) => {
								const url = new URL(request.url);
								onRetry({
									method: request.method,
									path: url.pathname + url.search,
									retry: retryCount,
									httpStatus: isHTTPError(error) ? error.response.status : 0,
								});
							},
						],
					}
				: {},
		};
		if (options.fetch) {
			kyOptions.fetch = options.fetch;
		}
		this.#ky = ky.create(kyOptions);
	}

	/** `/api/laml/2010-04-01/Accounts/{projectId}` (project id URL-encoded). */
	get accountPath(): string {
		return `${API_VERSION_PATH}/Accounts/${encodeURIComponent(this.projectId)}`;
	}

	/** Sends a message: `POST …/Messages`. Resolves with the created Message (status `queued`). */
	async createMessage(params: CreateMessageParams): Promise<Message> {
		const url = this.#url('/Messages');
		const { json, request, httpStatus } = await this.#send('POST', url, encodeMessageForm(params));
		return this.#parse(() => parseMessage(json), request, httpStatus);
	}

	/** Fetches a message: `GET …/Messages/{sid}`. */
	async getMessage(sid: string): Promise<Message> {
		const url = this.#url(`/Messages/${encodeURIComponent(sid)}`);
		const { json, request, httpStatus } = await this.#send('GET', url);
		return this.#parse(() => parseMessage(json), request, httpStatus);
	}

	/**
	 * All phone numbers of the project (`PageSize=400`, following `next_page_uri`, at most 20 pages:
	 * 8,000 numbers). A number's JSON is about 1.5 KB: a page of 1,000 would pass the 1 MiB cap on answers.
	 */
	async listIncomingPhoneNumbers(): Promise<IncomingPhoneNumber[]> {
		const url = this.#url('/IncomingPhoneNumbers');
		url.searchParams.set('PageSize', String(NUMBERS_PAGE_SIZE));
		return this.#list(url, 'incoming_phone_numbers', parseIncomingPhoneNumber, Number.POSITIVE_INFINITY);
	}

	/** Recent messages, newest first (`GET …/Messages`), following pages up to `limit`. */
	async listMessages(options: ListMessagesOptions = {}): Promise<Message[]> {
		const url = this.#url('/Messages');
		const limit = Math.max(1, Math.floor(options.limit ?? 50));
		const { to, from, status, dateSent } = options;
		for (const [name, value] of messageLogQuery({
			to,
			from,
			status,
			dateSent,
			pageSize: options.pageSize ?? Math.min(limit, 50),
		})) {
			url.searchParams.set(name, value);
		}
		return this.#list(url, 'messages', parseMessage, limit);
	}

	/**
	 * One request for modules such as ./messageLog.ts and ./phoneNumbers.ts: `path` is under the account or a
	 * same-origin `next_page_uri`; a 204 gives `json: undefined`.
	 */
	async request(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		form?: string,
	): Promise<{ json: unknown; request: RequestDescription; httpStatus: number }> {
		const url = /^(\/api\/|\/2010-04-01\/|[a-z]+:)/i.test(path)
			? this.#nextPage(path, { method, path }, 0)
			: this.#url(path);
		return this.#send(method, url, form);
	}

	/** What is safe to log about this client (never the token). */
	toJSON(): { baseUrl: string; projectId: string; timeoutMs: number } {
		return { baseUrl: this.baseUrl, projectId: this.projectId, timeoutMs: this.timeoutMs };
	}

	#url(path: string): URL {
		return new URL(`${this.baseUrl}${this.accountPath}${path}`);
	}

	async #list<T>(first: URL, key: string, parseItem: (json: unknown) => T, limit: number): Promise<T[]> {
		const items: T[] = [];
		const seen = new Set<string>();
		let url: URL | undefined = first;
		for (let page = 0; url && page < MAX_PAGES && items.length < limit; page++) {
			seen.add(url.href);
			const { json, request, httpStatus } = await this.#send('GET', url);
			const parsed = this.#parse(() => parsePage(json, key), request, httpStatus);
			for (const raw of parsed.items) {
				items.push(this.#parse(() => parseItem(raw), request, httpStatus));
			}
			url = parsed.nextPageUri ? this.#nextPage(parsed.nextPageUri, request, httpStatus) : undefined;
			if (url && seen.has(url.href)) {
				break; // the server sent the same page again: stop rather than loop
			}
		}
		return items.slice(0, limit);
	}

	/** Resolves `next_page_uri` against the Space; refuses another origin (it would get our credentials). */
	#nextPage(uri: string, request: RequestDescription, httpStatus: number): URL {
		let next: URL;
		try {
			next = new URL(uri, this.baseUrl);
		} catch {
			throw new UnexpectedResponseError({
				reason: 'wrong-shape',
				detail: l10n.t('next_page_uri is not a valid URI'),
				...request,
				httpStatus,
			});
		}
		if (next.origin !== this.#origin) {
			throw new UnexpectedResponseError({
				reason: 'wrong-shape',
				detail: l10n.t('next_page_uri points at another host'),
				...request,
				httpStatus,
			});
		}
		return next;
	}

	#parse<T>(parse: () => T, request: RequestDescription, httpStatus: number): T {
		try {
			return parse();
		} catch (error) {
			if (isUnexpectedResponseError(error)) {
				throw error.withRequest(request, httpStatus);
			}
			throw error;
		}
	}

	async #send(
		method: 'GET' | 'POST' | 'DELETE',
		url: URL,
		body?: string,
	): Promise<{ json: unknown; request: RequestDescription; httpStatus: number }> {
		const request: RequestDescription = { method, path: url.pathname + url.search };
		let response: Response;
		try {
			response = await this.#ky(url, {
				method,
				...(body !== undefined
					? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
					: {}),
			});
		} catch (error) {
			if (!isHTTPError(error)) {
				throw this.#transportError(error, request, url);
			}
			response = error.response;
		}
		const text = await this.#readBody(response, request, url);
		const contentType = response.headers.get('content-type') ?? '';
		let json: unknown;
		let parsed = false;
		if (text.trim() !== '') {
			try {
				json = JSON.parse(text);
				parsed = true;
			} catch {
				// handled below
			}
		}
		if (!response.ok) {
			if (parsed || text.trim() === '') {
				const body = parseApiErrorBody(json);
				throw new SignalWireApiError({
					...request,
					httpStatus: response.status,
					apiMessage: maskAndShorten(
						body.message ?? response.statusText ?? '',
						this.#secrets,
						MAX_ANSWER_TEXT_CHARS,
					),
					...(body.code !== undefined ? { code: body.code } : {}),
					...(body.moreInfo !== undefined
						? { moreInfo: maskAndShorten(body.moreInfo, this.#secrets, MAX_ANSWER_TEXT_CHARS) }
						: {}),
				});
			}
			throw this.#notJson(text, contentType, request, response.status);
		}
		if (!parsed && response.status !== 204) {
			throw this.#notJson(text, contentType, request, response.status);
		}
		return { json, request, httpStatus: response.status };
	}

	#notJson(
		text: string,
		contentType: string,
		request: RequestDescription,
		httpStatus: number,
	): UnexpectedResponseError {
		const claimsJson = /\bjson\b/i.test(contentType) && !/^\s*</.test(text);
		return new UnexpectedResponseError({
			...request,
			reason: claimsJson ? 'invalid-json' : 'not-json',
			httpStatus,
			snippet: snippetOf(text, this.#secrets),
		});
	}

	/** The body as text, within the timeout and the size cap (see ./body.ts); other failures are transport errors. */
	async #readBody(response: Response, request: RequestDescription, url: URL): Promise<string> {
		try {
			return await readCappedBody(response, request, { timeoutMs: this.timeoutMs, maxBytes: MAX_RESPONSE_BYTES });
		} catch (error) {
			throw isSignalWireError(error) ? error : this.#transportError(error, request, url);
		}
	}

	#transportError(error: unknown, request: RequestDescription, url: URL): SignalWireError {
		if (isTimeoutError(error)) {
			return new SignalWireTimeoutError({ ...request, timeoutMs: this.timeoutMs });
		}
		const { code, detail } = describeCause(error);
		const reason = networkFailureOf(code);
		return new SignalWireNetworkError({
			...request,
			reason,
			host: url.host,
			...(code !== undefined ? { code } : {}),
			...(detail ? { detail: maskAndShorten(detail, this.#secrets, MAX_NETWORK_DETAIL_CHARS) } : {}),
		});
	}
}

/** `Basic base64(projectId:token)`, UTF-8, without Node's Buffer (usable in any bundle). */
export function basicAuthorization(projectId: string, token: string): string {
	return `Basic ${basicCredentials(projectId, token)}`;
}

function clamp(value: number, min: number, max: number): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
