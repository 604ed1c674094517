/**
 * The one validation of a message draft, shared by the quick-pick prompts, the compose webview and
 * the API client. Pure: no `vscode`, no Node-only APIs (it is bundled into the webview script).
 * Rules follow the current Create Message spec (docs/signalwire-api.md §0.4, §2.1).
 */
import { MAX_BODY_CHARACTERS, MAX_MEDIA_URLS, VALIDITY_PERIOD_MAX, VALIDITY_PERIOD_MIN, type CreateMessageParams } from './types';
import type { MessageDraft, MessageField } from './draft';

/** Stable ids of the rules; UIs and tests may rely on them. */
export type ValidationRule =
	| 'to.required'
	| 'to.e164'
	| 'from.required'
	| 'from.e164'
	| 'messagingServiceSid.uuid'
	| 'body.required'
	| 'body.maxLength'
	| 'mediaUrls.max'
	| 'mediaUrls.absolute'
	| 'mediaUrls.scheme'
	| 'mediaUrls.host'
	| 'mediaUrls.invalid'
	| 'statusCallback.absolute'
	| 'statusCallback.scheme'
	| 'statusCallback.host'
	| 'statusCallback.invalid'
	| 'validityPeriod.integer'
	| 'validityPeriod.range'
	| 'maxPrice.format'
	| 'applicationSid.uuid';

export interface FieldProblem {
	field: MessageField;
	rule: ValidationRule;
	/** Plain words that name the API field and the rule. */
	message: string;
	/** For `mediaUrls` problems about one row: its 0-based position in `draft.mediaUrls`. */
	index?: number;
}

export type ValidationResult =
	| { ok: true; params: CreateMessageParams; problems: [] }
	| { ok: false; problems: FieldProblem[] };

/** The API's name of each draft field (`MediaUrl` is repeated once per URL). */
export const API_FIELD_NAMES: Readonly<Record<MessageField, string>> = {
	to: 'To',
	from: 'From',
	messagingServiceSid: 'MessagingServiceSid',
	body: 'Body',
	mediaUrls: 'MediaUrl',
	sendAsMms: 'SendAsMms',
	statusCallback: 'StatusCallback',
	validityPeriod: 'ValidityPeriod',
	maxPrice: 'MaxPrice',
	applicationSid: 'ApplicationSid',
};

/** `+`, a country code that does not start with 0, 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;
/** SIDs are UUIDs on SignalWire (any case). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The spec's pattern for MaxPrice (USD, at most 4 decimals; `1.` is allowed by it). */
export const MAX_PRICE_PATTERN = /^\d+\.?\d{0,4}$/;

const E164_EXAMPLE = '+15551234567';
const UUID_EXAMPLE = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

/**
 * Validates a draft and, when it is valid, builds the request params. Returns every problem,
 * several per field when they apply, in field order.
 *
 * Normalisation: strings are trimmed and an empty (or whitespace-only) string means "unset".
 * The one exception is Body, which is sent exactly as typed (its spaces and line breaks count
 * towards segments, and the form measures what is sent); a whitespace-only Body is unset.
 * Empty MediaUrl rows are ignored. `validityPeriod` becomes a number, `maxPrice` a string.
 */
export function validateMessage(draft: MessageDraft): ValidationResult {
	const problems: FieldProblem[] = [];
	const params: CreateMessageParams = { to: '' };

	// To
	const to = text(draft.to);
	if (!to) {
		problems.push(problem('to', 'to.required', `To is required: the recipient's phone number in E.164 format, e.g. ${E164_EXAMPLE}.`));
	} else if (!E164_PATTERN.test(to)) {
		problems.push(problem('to', 'to.e164', e164Message('To', to)));
	} else {
		params.to = to;
	}

	// From / MessagingServiceSid. Only E.164 senders: short codes and alphanumeric sender IDs are
	// deliberately out of scope for this extension, so they are rejected as not E.164.
	const from = text(draft.from);
	const messagingServiceSid = text(draft.messagingServiceSid);
	if (!from && !messagingServiceSid) {
		problems.push(
			problem('from', 'from.required', 'From or MessagingServiceSid is required: pick one of your numbers as From, or a number group.'),
		);
	}
	if (from) {
		if (E164_PATTERN.test(from)) {
			params.from = from;
		} else {
			problems.push(problem('from', 'from.e164', e164Message('From', from)));
		}
	}
	if (messagingServiceSid) {
		if (UUID_PATTERN.test(messagingServiceSid)) {
			params.messagingServiceSid = messagingServiceSid;
		} else {
			problems.push(problem('messagingServiceSid', 'messagingServiceSid.uuid', uuidMessage('MessagingServiceSid', messagingServiceSid, 'the number group ID')));
		}
	}

	// MediaUrl (needed before Body's "Body or MediaUrl" rule)
	const rows = Array.isArray(draft.mediaUrls) ? draft.mediaUrls : [];
	const mediaUrls: string[] = [];
	rows.forEach((row, index) => {
		const url = text(row);
		if (!url) {
			return;
		}
		mediaUrls.push(url);
		const urlProblem = checkHttpUrl(url);
		if (urlProblem) {
			problems.push({
				...problem('mediaUrls', `mediaUrls.${urlProblem.kind}`, `MediaUrl ${index + 1} ${urlProblem.text}`),
				index,
			});
		}
	});
	if (mediaUrls.length > MAX_MEDIA_URLS) {
		problems.push(
			problem('mediaUrls', 'mediaUrls.max', `MediaUrl: ${mediaUrls.length} media URLs given; at most ${MAX_MEDIA_URLS} are allowed per message.`),
		);
	}

	// Body
	const rawBody = typeof draft.body === 'string' ? draft.body : '';
	const body = rawBody.trim() ? rawBody : '';
	if (!body && mediaUrls.length === 0) {
		problems.push(problem('body', 'body.required', 'Body or at least one MediaUrl is required: type a message or attach a media URL.'));
	}
	if (body) {
		const characters = [...body].length;
		if (characters > MAX_BODY_CHARACTERS) {
			problems.push(
				problem('body', 'body.maxLength', `Body is ${formatCount(characters)} characters; the limit is ${formatCount(MAX_BODY_CHARACTERS)}.`),
			);
		} else {
			params.body = body;
		}
	}
	if (mediaUrls.length > 0) {
		params.mediaUrls = mediaUrls;
	}

	// SendAsMms
	if (typeof draft.sendAsMms === 'boolean') {
		params.sendAsMms = draft.sendAsMms;
	}

	// StatusCallback
	const statusCallback = text(draft.statusCallback);
	if (statusCallback) {
		const urlProblem = checkHttpUrl(statusCallback);
		if (urlProblem) {
			problems.push(problem('statusCallback', `statusCallback.${urlProblem.kind}`, `StatusCallback ${urlProblem.text}`));
		} else {
			params.statusCallback = statusCallback;
		}
	}

	// ValidityPeriod
	const validityPeriod = text(draft.validityPeriod);
	if (validityPeriod) {
		const seconds = typeof draft.validityPeriod === 'number' ? draft.validityPeriod : /^[+-]?\d+$/.test(validityPeriod) ? Number(validityPeriod) : NaN;
		const range = `${VALIDITY_PERIOD_MIN} to ${formatCount(VALIDITY_PERIOD_MAX)} (48 hours)`;
		if (!Number.isInteger(seconds)) {
			problems.push(
				problem('validityPeriod', 'validityPeriod.integer', `ValidityPeriod must be a whole number of seconds from ${range} (got ${quote(validityPeriod)}).`),
			);
		} else if (seconds < VALIDITY_PERIOD_MIN || seconds > VALIDITY_PERIOD_MAX) {
			problems.push(
				problem('validityPeriod', 'validityPeriod.range', `ValidityPeriod must be from ${range} seconds (got ${formatCount(seconds)}).`),
			);
		} else {
			params.validityPeriod = seconds;
		}
	}

	// MaxPrice
	const maxPrice = text(draft.maxPrice);
	if (maxPrice) {
		if (MAX_PRICE_PATTERN.test(maxPrice)) {
			params.maxPrice = maxPrice;
		} else {
			problems.push(
				problem('maxPrice', 'maxPrice.format', `MaxPrice must be a price in USD: digits with at most 4 decimal places, e.g. 0.0075 (got ${quote(maxPrice)}).`),
			);
		}
	}

	// ApplicationSid
	const applicationSid = text(draft.applicationSid);
	if (applicationSid) {
		if (UUID_PATTERN.test(applicationSid)) {
			params.applicationSid = applicationSid;
		} else {
			problems.push(problem('applicationSid', 'applicationSid.uuid', uuidMessage('ApplicationSid', applicationSid, 'the cXML application ID')));
		}
	}

	if (problems.length > 0) {
		return { ok: false, problems: sortByField(problems) };
	}
	return { ok: true, params, problems: [] };
}

/** Only the problems of one field, for inline display while typing. Cross-field rules included. */
export function validateField(draft: MessageDraft, field: MessageField): FieldProblem[] {
	return validateMessage(draft).problems.filter((p) => p.field === field);
}

/** Groups problems by field, keeping their order. Fields without problems are absent. */
export function problemsByField(problems: readonly FieldProblem[]): Partial<Record<MessageField, FieldProblem[]>> {
	const grouped: Partial<Record<MessageField, FieldProblem[]>> = {};
	for (const p of problems) {
		(grouped[p.field] ??= []).push(p);
	}
	return grouped;
}

// ---------------------------------------------------------------------------------------------

const FIELD_ORDER: readonly MessageField[] = [
	'to',
	'from',
	'messagingServiceSid',
	'body',
	'mediaUrls',
	'sendAsMms',
	'statusCallback',
	'validityPeriod',
	'maxPrice',
	'applicationSid',
];

function sortByField(problems: FieldProblem[]): FieldProblem[] {
	// Array.prototype.sort is stable, so problems of one field keep their order.
	return problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

function problem(field: MessageField, rule: ValidationRule, message: string): FieldProblem {
	return { field, rule, message };
}

/** A draft value as trimmed text; anything absent is ''. Tolerates wrong types from a webview. */
function text(value: unknown): string {
	if (typeof value === 'string') {
		return value.trim();
	}
	if (typeof value === 'number') {
		return String(value);
	}
	return '';
}

function e164Message(name: string, value: string): string {
	const base = `${name} must be a phone number in E.164 format: + followed by 8 to 15 digits, e.g. ${E164_EXAMPLE}`;
	return `${base} (${e164Hint(value)}).`;
}

/** What is wrong with a value that is not E.164, in a few words. */
function e164Hint(value: string): string {
	if (/[a-z]/i.test(value)) {
		return `got ${quote(value)}, which contains letters`;
	}
	if (/[\s().-]/.test(value)) {
		return `got ${quote(value)}; remove spaces, dashes, dots and brackets`;
	}
	if (!value.startsWith('+')) {
		return `got ${quote(value)}; start with + and the country code`;
	}
	const digits = value.slice(1);
	if (!/^\d+$/.test(digits)) {
		return `got ${quote(value)}; only digits may follow the +`;
	}
	if (digits.startsWith('0')) {
		return `got ${quote(value)}; a country code never starts with 0`;
	}
	return `got ${digits.length} digit${digits.length === 1 ? '' : 's'}`;
}

function uuidMessage(name: string, value: string, what: string): string {
	return `${name} must be ${what}, a UUID like ${UUID_EXAMPLE} (got ${quote(value)}).`;
}

type UrlProblemKind = 'absolute' | 'scheme' | 'host' | 'invalid';

/**
 * Checks an absolute http(s) URL with a host. Returns what is wrong as the end of a sentence that
 * starts with the field's name, or undefined when the URL is fine.
 */
function checkHttpUrl(url: string): { kind: UrlProblemKind; text: string } | undefined {
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
	if (!scheme) {
		return { kind: 'absolute', text: `must be an absolute URL starting with http:// or https:// (got ${quote(url)}).` };
	}
	if (!/^https?$/i.test(scheme)) {
		return { kind: 'scheme', text: `must start with http:// or https:// (got ${scheme.toLowerCase()}:).` };
	}
	if (/\s/.test(url)) {
		return { kind: 'invalid', text: `must not contain spaces; encode them as %20 (got ${quote(url)}).` };
	}
	const hostText = `must include a host name after ${scheme.toLowerCase()}://, e.g. https://example.com/cat.jpg (got ${quote(url)}).`;
	// The authority without user info and port must not be empty ("https://", "http:example.com").
	const authority = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1];
	const host = authority?.replace(/^.*@/, '').replace(/:\d*$/, '');
	if (!host) {
		return { kind: 'host', text: hostText };
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { kind: 'invalid', text: `is not a valid URL (got ${quote(url)}).` };
	}
	if (!parsed.hostname) {
		return { kind: 'host', text: hostText };
	}
	return undefined;
}

/** Shows a user's value in a message: quoted, shortened if long. */
function quote(value: string): string {
	const chars = [...value];
	return `"${chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : value}"`;
}

/** 1623 → "1,623" regardless of the locale. */
function formatCount(n: number): string {
	const sign = n < 0 ? '-' : '';
	return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
