/**
 * Typed errors of the SignalWire client, checked by type (class or guard), never by message text.
 * No `vscode` import (texts go through `@vscode/l10n`). None of them ever holds the API token: not in `message`, not in
 * a property, not in `cause` (causes are rebuilt from a code and a short text, never the raw fetch/ky error,
 * whose request carries the Authorization header).
 */

import * as l10n from '@vscode/l10n';

export type SignalWireErrorKind = 'api' | 'network' | 'timeout' | 'unexpected-response' | 'space-url';

/** The request an error is about: method and URL path (with query), never credentials. */
export interface RequestDescription {
	method: string;
	/** Path and query of the request, e.g. `/api/laml/2010-04-01/Accounts/{id}/Messages`. */
	path: string;
}

/** The base of every error this module throws. `kind` tells the subclasses apart. */
export abstract class SignalWireError extends Error {
	abstract readonly kind: SignalWireErrorKind;
}

/** SignalWire answered with an HTTP error (4xx/5xx) and a JSON body. */
export class SignalWireApiError extends SignalWireError {
	readonly kind = 'api' as const;
	readonly httpStatus: number;
	/** SignalWire's error code (e.g. 21211); undefined when the JSON body has none. */
	readonly code: number | undefined;
	/** The API's own message (or the HTTP status text when the body has none). */
	readonly apiMessage: string;
	readonly moreInfo: string | undefined;
	readonly method: string;
	readonly path: string;

	constructor(
		init: RequestDescription & { httpStatus: number; code?: number; apiMessage: string; moreInfo?: string },
	) {
		super(apiErrorText(init));
		this.name = 'SignalWireApiError';
		this.httpStatus = init.httpStatus;
		this.code = init.code;
		this.apiMessage = init.apiMessage;
		this.moreInfo = init.moreInfo;
		this.method = init.method;
		this.path = init.path;
	}
}

export type NetworkFailure = 'dns' | 'refused' | 'dropped' | 'tls' | 'other';

/** No HTTP answer at all: unknown host, connection refused, connection dropped, TLS failure. */
export class SignalWireNetworkError extends SignalWireError {
	readonly kind = 'network' as const;
	readonly reason: NetworkFailure;
	/** The system or undici code when there was one (`ENOTFOUND`, `ECONNREFUSED`, `UND_ERR_SOCKET`…). */
	readonly code: string | undefined;
	/** `host` or `host:port` the request went to. */
	readonly host: string;
	readonly method: string;
	readonly path: string;

	constructor(init: RequestDescription & { reason: NetworkFailure; code?: string; host: string; detail?: string }) {
		super(
			networkErrorText(init),
			init.code || init.detail ? { cause: safeCause(init.code, init.detail) } : undefined,
		);
		this.name = 'SignalWireNetworkError';
		this.reason = init.reason;
		this.code = init.code;
		this.host = init.host;
		this.method = init.method;
		this.path = init.path;
	}
}

/** No (complete) answer within the client's timeout. */
export class SignalWireTimeoutError extends SignalWireError {
	readonly kind = 'timeout' as const;
	readonly timeoutMs: number;
	readonly method: string;
	readonly path: string;

	constructor(init: RequestDescription & { timeoutMs: number }) {
		super(timeoutText(init));
		this.name = 'SignalWireTimeoutError';
		this.timeoutMs = init.timeoutMs;
		this.method = init.method;
		this.path = init.path;
	}
}

export type UnexpectedResponseReason = 'not-json' | 'invalid-json' | 'missing-fields' | 'wrong-shape' | 'too-large';

/**
 * An answer the client cannot use: not JSON (an HTML error page from a proxy), broken JSON,
 * JSON without the fields a Message must have, or an answer too large to read (`too-large`).
 */
export class UnexpectedResponseError extends SignalWireError {
	readonly kind = 'unexpected-response' as const;
	readonly reason: UnexpectedResponseReason;
	readonly httpStatus: number | undefined;
	/** A short, single-line, tag-free excerpt of the body (at most 160 characters). */
	readonly snippet: string | undefined;
	/** The required fields that were missing or of the wrong type (reason `missing-fields`). */
	readonly missingFields: readonly string[];
	/** For `too-large`: the limit the answer went over, in bytes. */
	readonly maxBytes: number | undefined;
	readonly method: string | undefined;
	readonly path: string | undefined;

	constructor(
		init: Partial<RequestDescription> & {
			reason: UnexpectedResponseReason;
			httpStatus?: number;
			snippet?: string;
			missingFields?: readonly string[];
			detail?: string;
			/** For `too-large`: the limit the answer went over. */
			maxBytes?: number;
		},
	) {
		super(unexpectedText(init));
		this.name = 'UnexpectedResponseError';
		this.reason = init.reason;
		this.httpStatus = init.httpStatus;
		this.snippet = init.snippet;
		this.missingFields = init.missingFields ?? [];
		this.maxBytes = init.maxBytes;
		this.method = init.method;
		this.path = init.path;
	}

	/** The same error, placed on a request (parsers throw it without one). */
	withRequest(request: RequestDescription, httpStatus?: number): UnexpectedResponseError {
		return new UnexpectedResponseError({
			reason: this.reason,
			httpStatus: httpStatus ?? this.httpStatus,
			snippet: this.snippet,
			missingFields: this.missingFields,
			...(this.maxBytes !== undefined ? { maxBytes: this.maxBytes } : {}),
			method: request.method,
			path: request.path,
		});
	}
}

export type SpaceUrlRule =
	'empty' | 'scheme' | 'insecure-http' | 'credentials' | 'path' | 'query' | 'fragment' | 'host' | 'port';

/** The Space URL a person entered cannot be used. `rule` names what is wrong. */
export class SpaceUrlError extends SignalWireError {
	readonly kind = 'space-url' as const;
	readonly rule: SpaceUrlRule;

	constructor(rule: SpaceUrlRule, message: string) {
		super(message);
		this.name = 'SpaceUrlError';
		this.rule = rule;
	}
}

function hasKind(error: unknown, kind: SignalWireErrorKind, name: string): boolean {
	// `instanceof` fails across bundles (extension vs. webview vs. tests), so fall back on the
	// name and kind, like ky's own guards.
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { kind?: unknown }).kind === kind &&
		(error as { name?: unknown }).name === name
	);
}

export function isSignalWireError(error: unknown): error is SignalWireError {
	return (
		error instanceof SignalWireError ||
		isSignalWireApiError(error) ||
		isSignalWireNetworkError(error) ||
		isSignalWireTimeoutError(error) ||
		isUnexpectedResponseError(error) ||
		isSpaceUrlError(error)
	);
}

export function isSignalWireApiError(error: unknown): error is SignalWireApiError {
	return error instanceof SignalWireApiError || hasKind(error, 'api', 'SignalWireApiError');
}

export function isSignalWireNetworkError(error: unknown): error is SignalWireNetworkError {
	return error instanceof SignalWireNetworkError || hasKind(error, 'network', 'SignalWireNetworkError');
}

export function isSignalWireTimeoutError(error: unknown): error is SignalWireTimeoutError {
	return error instanceof SignalWireTimeoutError || hasKind(error, 'timeout', 'SignalWireTimeoutError');
}

export function isUnexpectedResponseError(error: unknown): error is UnexpectedResponseError {
	return error instanceof UnexpectedResponseError || hasKind(error, 'unexpected-response', 'UnexpectedResponseError');
}

export function isSpaceUrlError(error: unknown): error is SpaceUrlError {
	return error instanceof SpaceUrlError || hasKind(error, 'space-url', 'SpaceUrlError');
}

// ---- message texts -------------------------------------------------------------------------

function formatMs(ms: number): string {
	return ms >= 1000 && ms % 1000 === 0 ? l10n.t('{0} s', ms / 1000) : l10n.t('{0} ms', ms);
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
		? l10n.t('{0} MB', bytes / (1024 * 1024))
		: l10n.t('{0} bytes', bytes);
}

function timeoutText(init: RequestDescription & { timeoutMs: number }): string {
	const request = `${init.method} ${init.path}`;
	const timedOut = l10n.t('{0} timed out: no answer from SignalWire within {1}.', request, formatMs(init.timeoutMs));
	const next =
		init.method === 'POST'
			? l10n.t('The message may still have been sent: check the message log in your Space before sending again.')
			: l10n.t('Check your connection and try again, or raise the timeout in the settings.');
	return `${timedOut} ${next}`;
}

function apiHint(httpStatus: number, code: number | undefined, method: string): string {
	if (httpStatus >= 300 && httpStatus < 400) {
		return l10n.t("SignalWire's API does not redirect: check the Space URL.");
	}
	if (httpStatus === 401 || code === 20003) {
		return l10n.t('Check the Project ID and API token (and that the token has the Messaging and Numbers scopes).');
	}
	if (httpStatus === 404 || code === 20404) {
		return l10n.t('Check the Project ID and the message SID.');
	}
	if (httpStatus === 429 || code === 20429) {
		return l10n.t('SignalWire is rate limiting this project: wait a little and try again.');
	}
	if (httpStatus >= 500) {
		return method === 'POST'
			? l10n.t('SignalWire had a server problem: check the message log in your Space before sending again.')
			: l10n.t('SignalWire had a server problem: try again later.');
	}
	return l10n.t('Fix the request and try again.');
}

function apiErrorText(init: RequestDescription & { httpStatus: number; code?: number; apiMessage: string }): string {
	const request = `${init.method} ${init.path}`;
	const said = init.apiMessage ? ensureStop(init.apiMessage) : '';
	let failed: string;
	if (init.code !== undefined) {
		failed = said
			? l10n.t('{0} failed (HTTP {1}, SignalWire error {2}): {3}', request, init.httpStatus, init.code, said)
			: l10n.t('{0} failed (HTTP {1}, SignalWire error {2}).', request, init.httpStatus, init.code);
	} else {
		failed = said
			? l10n.t('{0} failed (HTTP {1}): {2}', request, init.httpStatus, said)
			: l10n.t('{0} failed (HTTP {1}).', request, init.httpStatus);
	}
	return `${failed} ${apiHint(init.httpStatus, init.code, init.method)}`;
}

function networkErrorText(
	init: RequestDescription & { reason: NetworkFailure; code?: string; host: string; detail?: string },
): string {
	const request = `${init.method} ${init.path}`;
	const code = init.code ? ` (${init.code})` : '';
	const maybeSent =
		init.method === 'POST'
			? l10n.t(
					'The message may or may not have been sent: check the message log in your Space before sending again.',
				)
			: l10n.t('Try again.');
	switch (init.reason) {
		case 'dns':
			return l10n.t(
				'{0} failed: the Space host {1} could not be found{2}. Check the Space name (e.g. "example" for example.signalwire.com) and your connection.',
				request,
				init.host,
				code,
			);
		case 'refused':
			return l10n.t(
				'{0} failed: {1} refused the connection{2}. Check the Space URL; for a local sandbox, check that it is running.',
				request,
				init.host,
				code,
			);
		case 'dropped': {
			const closed = l10n.t(
				'{0} failed: the connection to {1} closed before an answer arrived{2}.',
				request,
				init.host,
				code,
			);
			return `${closed} ${maybeSent}`;
		}
		case 'tls':
			return l10n.t(
				'{0} failed: the secure connection to {1} could not be established{2}. Check the Space URL and any proxy or certificate settings.',
				request,
				init.host,
				code,
			);
		default: {
			const failed = init.detail
				? l10n.t('{0} failed: could not reach {1}{2}: {3}', request, init.host, code, ensureStop(init.detail))
				: l10n.t('{0} failed: could not reach {1}{2}.', request, init.host, code);
			return `${failed} ${maybeSent}`;
		}
	}
}

function unexpectedText(
	init: Partial<RequestDescription> & {
		reason: UnexpectedResponseReason;
		httpStatus?: number;
		snippet?: string;
		missingFields?: readonly string[];
		detail?: string;
		maxBytes?: number;
	},
): string {
	const request = init.method && init.path ? `${init.method} ${init.path}` : l10n.t('A SignalWire request');
	const status = init.httpStatus !== undefined ? ` (HTTP ${init.httpStatus})` : '';
	const snippet = init.snippet ? ` ${l10n.t('Body starts: "{0}".', init.snippet)}` : '';
	const after =
		init.method === 'POST' && init.httpStatus !== undefined && init.httpStatus < 300
			? l10n.t('The message was probably created: check the message log in your Space before sending again.')
			: init.httpStatus !== undefined && init.httpStatus >= 500
				? l10n.t('SignalWire or a proxy in between is having trouble: try again later.')
				: l10n.t('Check that the Space URL points at SignalWire.');
	let what: string;
	switch (init.reason) {
		case 'not-json':
			what = `${l10n.t('{0} returned something that is not JSON{1}.', request, status)}${snippet}`;
			break;
		case 'invalid-json':
			what = `${l10n.t('{0} returned broken JSON{1}.', request, status)}${snippet}`;
			break;
		case 'missing-fields':
			what = l10n.t(
				'{0} returned a response without required fields{1}: {2}.',
				request,
				status,
				(init.missingFields ?? []).join(', '),
			);
			break;
		case 'too-large':
			what = l10n.t(
				'{0} returned an answer too large to read{1}: more than {2}. It was not read.',
				request,
				status,
				formatBytes(init.maxBytes ?? 0),
			);
			break;
		default:
			what = `${
				init.detail
					? l10n.t('{0} returned JSON of an unexpected shape{1}: {2}.', request, status, init.detail)
					: l10n.t('{0} returned JSON of an unexpected shape{1}.', request, status)
			}${snippet}`;
	}
	return `${what} ${after}`;
}

function ensureStop(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A cause that carries only a code and a short text, never a request or its headers. */
function safeCause(code: string | undefined, detail: string | undefined): Error {
	const cause = new Error(detail ? `${code ? `${code}: ` : ''}${detail}` : (code ?? 'network error'));
	if (code) {
		(cause as Error & { code?: string }).code = code;
	}
	return cause;
}
