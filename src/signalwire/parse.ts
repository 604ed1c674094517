/**
 * Response parsing: turns the API's JSON into the shapes of ./types, tolerant of what real
 * responses vary in (numbers as strings, missing nullable fields, capability key case) and strict
 * about what a Message cannot do without. No `vscode` import.
 */
import * as l10n from '@vscode/l10n';
import { UnexpectedResponseError } from './errors';
import type { IncomingPhoneNumber, Message, PhoneNumberCapabilities } from '../core/types';

type Json = Record<string, unknown>;

/** Fields without which a response is not a usable Message. */
export const REQUIRED_MESSAGE_FIELDS = ['sid', 'status', 'to', 'date_created'] as const;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback: string): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function nullableStr(value: unknown): string | null {
	if (typeof value === 'string') {
		return value;
	}
	return typeof value === 'number' ? String(value) : null;
}

function num(value: unknown, fallback: number): number {
	if (typeof value === 'number' && Number.isFinite(value)) {
		return value;
	}
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return fallback;
}

function nullableNum(value: unknown): number | null {
	const n = num(value, Number.NaN);
	return Number.isNaN(n) ? null : n;
}

/**
 * A Message from its JSON. `error_code` becomes a string (`30003` and `"30003"` both give
 * `"30003"`); nullable fields that are missing become null; `num_segments`/`num_media`/`price`
 * may be numbers or numeric strings. Throws {@link UnexpectedResponseError} (reason
 * `missing-fields`, naming them) when sid, status, to or date_created is missing or not a string.
 */
export function parseMessage(json: unknown): Message {
	if (!isObject(json)) {
		throw new UnexpectedResponseError({ reason: 'wrong-shape', detail: l10n.t('expected a Message object') });
	}
	const missing = REQUIRED_MESSAGE_FIELDS.filter((field) => typeof json[field] !== 'string' || json[field] === '');
	if (missing.length > 0) {
		throw new UnexpectedResponseError({ reason: 'missing-fields', missingFields: missing });
	}
	const dateCreated = json.date_created as string;
	const subresources = isObject(json.subresource_uris)
		? typeof json.subresource_uris.media === 'string'
			? { media: json.subresource_uris.media }
			: {}
		: null;
	const errorCode = nullableStr(json.error_code);
	return {
		account_sid: str(json.account_sid, ''),
		api_version: str(json.api_version, '2010-04-01'),
		body: nullableStr(json.body),
		num_segments: num(json.num_segments, 0),
		num_media: num(json.num_media, 0),
		date_created: dateCreated,
		date_sent: nullableStr(json.date_sent),
		date_updated: str(json.date_updated, dateCreated),
		direction: str(json.direction, ''),
		error_code: errorCode === '' ? null : errorCode,
		error_message: nullableStr(json.error_message),
		from: str(json.from, ''),
		price: nullableNum(json.price),
		price_unit: nullableStr(json.price_unit),
		sid: json.sid as string,
		status: json.status as string,
		to: json.to as string,
		messaging_service_sid: nullableStr(json.messaging_service_sid),
		uri: str(json.uri, ''),
		subresource_uris: subresources,
	};
}

function flag(value: unknown): boolean {
	return value === true || value === 'true';
}

/** Capabilities with keys read case-insensitively (`SMS` or `sms`); missing ones are false. */
export function parseCapabilities(json: unknown): PhoneNumberCapabilities {
	const lower: Json = {};
	if (isObject(json)) {
		for (const [key, value] of Object.entries(json)) {
			lower[key.toLowerCase()] = value;
		}
	}
	return { voice: flag(lower.voice), sms: flag(lower.sms), mms: flag(lower.mms), fax: flag(lower.fax) };
}

/**
 * An IncomingPhoneNumber from its JSON. Throws {@link UnexpectedResponseError} when sid or
 * phone_number is missing; a missing friendly_name falls back to the number.
 */
export function parseIncomingPhoneNumber(json: unknown): IncomingPhoneNumber {
	if (!isObject(json)) {
		throw new UnexpectedResponseError({
			reason: 'wrong-shape',
			detail: l10n.t('expected an IncomingPhoneNumber object'),
		});
	}
	const missing = ['sid', 'phone_number'].filter((field) => typeof json[field] !== 'string' || json[field] === '');
	if (missing.length > 0) {
		throw new UnexpectedResponseError({ reason: 'missing-fields', missingFields: missing });
	}
	const phoneNumber = json.phone_number as string;
	return {
		sid: json.sid as string,
		phone_number: phoneNumber,
		friendly_name: typeof json.friendly_name === 'string' && json.friendly_name ? json.friendly_name : phoneNumber,
		capabilities: parseCapabilities(json.capabilities),
	};
}

/** One page of a list: its items (still raw) and the next page's URI, if any. */
export interface RawPage {
	items: unknown[];
	nextPageUri: string | null;
}

/** Reads a list envelope whose records are under `key` (`messages`, `incoming_phone_numbers`). */
export function parsePage(json: unknown, key: string): RawPage {
	if (!isObject(json) || !Array.isArray(json[key])) {
		throw new UnexpectedResponseError({
			reason: 'wrong-shape',
			detail: l10n.t('expected a list with a "{0}" array', key),
		});
	}
	const next = json.next_page_uri;
	return { items: json[key] as unknown[], nextPageUri: typeof next === 'string' && next !== '' ? next : null };
}

/** The error body `{code, message, more_info, status}`, read loosely. */
export function parseApiErrorBody(json: unknown): { code?: number; message?: string; moreInfo?: string } {
	if (!isObject(json)) {
		return {};
	}
	const code = num(json.code, Number.NaN);
	return {
		...(Number.isInteger(code) ? { code } : {}),
		...(typeof json.message === 'string' && json.message ? { message: json.message } : {}),
		...(typeof json.more_info === 'string' && json.more_info ? { moreInfo: json.more_info } : {}),
	};
}
