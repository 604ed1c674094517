/**
 * What the webhook listener records of a request, and how it reads one: the form body, the kind
 * (status callback, inbound message, other) and the key fields the Webhooks view shows. The fields
 * are those of docs/api-notes.md, "Webhooks and signatures". No `vscode` import: unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';
import type { Message } from '../core/types';
import type { WebhookParams } from './signature';

export type WebhookKind = 'status' | 'inbound' | 'other';

export type SignatureState = 'valid' | 'invalid' | 'unchecked';

/** The outcome of the signature check, as shown to the user (never the key). */
export interface SignatureReport {
	state: SignatureState;
	/** Why it was not checked, or what failed. */
	reason?: string;
	/** The `X-SignalWire-Signature` (or `X-Twilio-Signature`) header received. */
	received?: string;
	/** The URLs the expected signatures were computed over (with, then without the port). */
	urls?: readonly string[];
	expected?: readonly string[];
}

/** One request the listener received. Holds no secret: the Signing Key is never part of it. */
export interface WebhookRequestRecord {
	/** Unique in the session, increasing. */
	id: number;
	/** Milliseconds since the epoch. */
	time: number;
	method: string;
	/** Path and query as received, e.g. `/status`. */
	path: string;
	headers: Readonly<Record<string, string>>;
	/** The form (POST) or the query (GET): each name with one value or, repeated, several. */
	params: WebhookParams;
	kind: WebhookKind;
	/** Set when the body could not be read as a form: why. */
	malformed?: string;
	/** The start of a malformed body, as text. */
	rawBody?: string;
	signature: SignatureReport;
	/** What the listener answered. */
	response: { status: number; contentType?: string; body?: string };
}

/**
 * Whether a request may change anything (a message's status): a POST whose signature is valid or,
 * while no signed-in Space has a Signing Key (`anyKey` false), one left unchecked. An invalid or
 * unsigned one, or a GET, is only recorded and badged.
 */
export function mayApplyRequest(record: Pick<WebhookRequestRecord, 'method' | 'signature'>, anyKey: boolean): boolean {
	const state = record.signature.state;
	return record.method === 'POST' && (state === 'valid' || (state === 'unchecked' && !anyKey));
}

/** The key fields of a request, as the view shows them. */
export interface WebhookKeyFields {
	messageStatus?: string;
	messageSid?: string;
	from?: string;
	to?: string;
	body?: string;
	errorCode?: string;
}

/** Headers whose values are never kept. */
const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** How much of a malformed body is kept. */
export const RAW_BODY_KEPT = 2048;

export type ParsedBody =
	{ ok: true; params: Record<string, string | string[]> } | { ok: false; reason: string; text: string };

/**
 * Reads a request body as `application/x-www-form-urlencoded`. Anything else, an invalid percent
 * escape or bytes that are not UTF-8 makes it malformed (with the reason), never an exception.
 */
export function parseFormBody(body: Uint8Array, contentType: string | undefined): ParsedBody {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		return {
			ok: false,
			reason: l10n.t('The body is not valid UTF-8.'),
			text: new TextDecoder().decode(body.subarray(0, RAW_BODY_KEPT)),
		};
	}
	const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	if (text.length > 0 && mediaType !== 'application/x-www-form-urlencoded') {
		return {
			ok: false,
			reason: l10n.t(
				'The body is not a form (Content-Type {0}; expected application/x-www-form-urlencoded).',
				mediaType || l10n.t('missing'),
			),
			text: text.slice(0, RAW_BODY_KEPT),
		};
	}
	const bad = /%(?![0-9a-fA-F]{2})/.exec(text);
	if (bad) {
		return {
			ok: false,
			reason: l10n.t('The body has an invalid percent escape at character {0}.', bad.index + 1),
			text: text.slice(0, RAW_BODY_KEPT),
		};
	}
	try {
		return { ok: true, params: paramsOf(new URLSearchParams(text)) };
	} catch {
		return {
			ok: false,
			reason: l10n.t('The body could not be decoded as a form.'),
			text: text.slice(0, RAW_BODY_KEPT),
		};
	}
}

/** Pairs to params: one value as a string, a repeated name as an array in arrival order. */
export function paramsOf(search: URLSearchParams): Record<string, string | string[]> {
	const params: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
	for (const [name, value] of search) {
		const previous = params[name];
		params[name] =
			previous === undefined ? value : typeof previous === 'string' ? [previous, value] : [...previous, value];
	}
	return params;
}

/** The first value of a parameter. */
export function param(params: WebhookParams, name: string): string | undefined {
	const value = params[name];
	return typeof value === 'string' ? value : value?.[0];
}

/**
 * A status callback carries `MessageStatus`; an inbound-message webhook carries `MessageSid`,
 * `From` and `To` without it. The path (`/status`, `/inbound`) is only a hint.
 */
export function classifyRequest(path: string, params: WebhookParams): WebhookKind {
	if (param(params, 'MessageStatus') !== undefined) {
		return 'status';
	}
	if (
		param(params, 'MessageSid') !== undefined &&
		(param(params, 'From') !== undefined || param(params, 'To') !== undefined)
	) {
		return 'inbound';
	}
	const last = path.split('?')[0]?.split('/').pop();
	if (last === 'inbound' && param(params, 'From') !== undefined) {
		return 'inbound';
	}
	return 'other';
}

export function keyFields(params: WebhookParams): WebhookKeyFields {
	const fields: WebhookKeyFields = {};
	const pick: [keyof WebhookKeyFields, string][] = [
		['messageStatus', 'MessageStatus'],
		['messageSid', 'MessageSid'],
		['from', 'From'],
		['to', 'To'],
		['body', 'Body'],
		['errorCode', 'ErrorCode'],
	];
	for (const [key, name] of pick) {
		const value = param(params, name);
		if (value !== undefined) {
			fields[key] = value;
		}
	}
	return fields;
}

/** Lower-cased headers, joined when repeated, with credentials hidden. */
export function recordedHeaders(raw: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined) {
			continue;
		}
		const key = name.toLowerCase();
		headers[key] = HIDDEN_HEADERS.has(key) ? '***' : Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** The signature header SignalWire sends (the official SDK also reads Twilio's name). */
export function signatureHeader(headers: Readonly<Record<string, string>>): string | undefined {
	return headers['x-signalwire-signature'] ?? headers['x-twilio-signature'];
}

/** The record as the command API returns it: `{ time, kind, path, params, signature }`. */
export interface WebhookRequestSummary {
	time: string;
	kind: WebhookKind;
	path: string;
	params: WebhookParams;
	signature: SignatureState;
}

export function summarize(record: WebhookRequestRecord): WebhookRequestSummary {
	return {
		time: new Date(record.time).toISOString(),
		kind: record.kind,
		path: record.path,
		params: record.params,
		signature: record.signature.state,
	};
}

/** The full record for the read-only JSON document: method, path, headers, form, and the check. */
export function requestDocument(record: WebhookRequestRecord): Record<string, unknown> {
	return {
		time: new Date(record.time).toISOString(),
		kind: record.kind,
		method: record.method,
		path: record.path,
		headers: record.headers,
		form: record.params,
		...(record.malformed !== undefined ? { malformed: record.malformed, rawBody: record.rawBody ?? '' } : {}),
		signature: record.signature,
		response: record.response,
	};
}

/**
 * A bash command that sends the same request to a listener at `localUrl` again: the method, path,
 * signature header and every form value (`--data-urlencode`, repeated names in order).
 */
export function replayCommand(
	record: WebhookRequestRecord,
	localUrl: string,
	quote: (value: string) => string,
): string {
	const lines = [`curl -X ${record.method} ${quote(`${localUrl}${record.path}`)}`];
	const signature = signatureHeader(record.headers);
	if (signature !== undefined) {
		lines.push(`-H ${quote(`X-SignalWire-Signature: ${signature}`)}`);
	}
	if (record.method !== 'GET' && record.method !== 'HEAD') {
		if (record.malformed !== undefined) {
			lines.push(
				`-H ${quote(`Content-Type: ${record.headers['content-type'] ?? 'application/octet-stream'}`)}`,
				`--data-binary ${quote(record.rawBody ?? '')}`,
			);
		} else {
			for (const [name, value] of Object.entries(record.params)) {
				for (const item of typeof value === 'string' ? [value] : value) {
					lines.push(`--data-urlencode ${quote(`${name}=${item}`)}`);
				}
			}
		}
	}
	return lines.join(' \\\n  ');
}

/** What an inbound-message webhook says about the message: the Message as the API would list it, and its media URLs. */
export interface InboundWebhookMessage {
	message: Message;
	accountSid?: string;
	mediaUrls: string[];
}

/**
 * The message an inbound-message webhook carries (its fields: docs/api-notes.md, "Webhooks and
 * signatures"), or undefined without `MessageSid`, `From` and `To`. Dated when it arrived.
 */
export function inboundMessageOf(params: WebhookParams, receivedAt: number): InboundWebhookMessage | undefined {
	const [sid, from, to] = [
		param(params, 'MessageSid') ?? param(params, 'SmsSid'),
		param(params, 'From'),
		param(params, 'To'),
	];
	if (!sid || !from || !to) {
		return undefined;
	}
	const count = (name: string, fallback: number) => {
		const value = Number(param(params, name));
		return Number.isInteger(value) && value >= 0 ? value : fallback;
	};
	const mediaUrls: string[] = [];
	for (let i = 0; i < Math.min(count('NumMedia', 0), 10); i++) {
		const url = param(params, `MediaUrl${i}`);
		if (url) {
			mediaUrls.push(url);
		}
	}
	const date = new Date(receivedAt).toUTCString();
	const accountSid = param(params, 'AccountSid');
	const message: Message = {
		account_sid: accountSid ?? '',
		api_version: param(params, 'ApiVersion') ?? '2010-04-01',
		body: param(params, 'Body') ?? '',
		num_segments: count('NumSegments', 1),
		num_media: count('NumMedia', 0),
		date_created: date,
		date_sent: date,
		date_updated: date,
		direction: 'inbound',
		error_code: null,
		error_message: null,
		from,
		price: null,
		price_unit: null,
		sid,
		status: 'received',
		to,
		messaging_service_sid: param(params, 'MessagingServiceSid') ?? null,
		uri: '',
		subresource_uris: null,
	};
	return { message, mediaUrls, ...(accountSid ? { accountSid } : {}) };
}
