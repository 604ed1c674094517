/**
 * The checks of each field of a message draft, one entry point per field (`checkTo`,
 * `checkBody`…) that needs only that field's value, so that a prompt step can check what it asks
 * without inventing the rest of a message. ./validation.ts runs them all and builds the request.
 * Pure: no `vscode`, no Node-only APIs (bundled into the webview script); texts go through
 * `@vscode/l10n`. Rules follow the Create Message request (docs/api-notes.md, "Create a message"
 * and "Limits").
 */
import * as l10n from '@vscode/l10n';
import { MAX_BODY_CHARACTERS, MAX_MEDIA_URLS, VALIDITY_PERIOD_MAX, VALIDITY_PERIOD_MIN } from './types';
import type { MessageField } from './draft';
import { E164_EXAMPLE, e164Message, formatCount, quote, urlMessage, uuidMessage } from './validationMessages';
import { checkHttpUrl } from './httpUrl';

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

/** `+`, a country code that does not start with 0, 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;
/** SIDs are UUIDs on SignalWire (any case). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The spec's pattern for MaxPrice (USD, at most 4 decimals; `1.` is allowed by it). */
export const MAX_PRICE_PATTERN = /^\d+\.?\d{0,4}$/;

/** What one field's check found: the value to send (when it is valid and set) and its problems. */
export interface FieldCheck<T> {
	/** The normalised value; undefined when the field is unset or has a problem. */
	value: T | undefined;
	problems: FieldProblem[];
}

/** To: required, E.164. */
export function checkTo(value: unknown): FieldCheck<string> {
	const to = text(value);
	if (!to) {
		return failed(
			problem(
				'to',
				'to.required',
				l10n.t("To is required: the recipient's phone number in E.164 format, e.g. {0}.", E164_EXAMPLE),
			),
		);
	}
	return E164_PATTERN.test(to)
		? { value: to, problems: [] }
		: failed(problem('to', 'to.e164', e164Message('To', to)));
}

/**
 * From, when given: E.164. Only E.164 senders: short codes and alphanumeric sender IDs are
 * deliberately out of scope for this extension, so they are rejected as not E.164. That From or a
 * number group is given at all is {@link checkSender}'s rule.
 */
export function checkFrom(value: unknown): FieldCheck<string> {
	const from = text(value);
	if (!from) {
		return { value: undefined, problems: [] };
	}
	return E164_PATTERN.test(from)
		? { value: from, problems: [] }
		: failed(problem('from', 'from.e164', e164Message('From', from)));
}

/** MessagingServiceSid (a number group), when given: a UUID. */
export function checkMessagingServiceSid(value: unknown): FieldCheck<string> {
	const sid = text(value);
	if (!sid) {
		return { value: undefined, problems: [] };
	}
	return UUID_PATTERN.test(sid)
		? { value: sid, problems: [] }
		: failed(
				problem(
					'messagingServiceSid',
					'messagingServiceSid.uuid',
					uuidMessage('MessagingServiceSid', sid, l10n.t('the number group ID')),
				),
			);
}

/** The cross-field rule of the sender: From or MessagingServiceSid must be given (reported on From). */
export function checkSender(from: unknown, messagingServiceSid: unknown): FieldProblem[] {
	return !text(from) && !text(messagingServiceSid)
		? [
				problem(
					'from',
					'from.required',
					l10n.t(
						'From or MessagingServiceSid is required: pick one of your numbers as From, or a number group.',
					),
				),
			]
		: [];
}

/**
 * Body, sent exactly as typed (its spaces and line breaks count towards segments); a
 * whitespace-only Body is unset. At most {@link MAX_BODY_CHARACTERS} characters (code points).
 * `required`: whether an empty Body is a problem, i.e. the message has no media to stand in for it.
 */
export function checkBody(value: unknown, options: { required: boolean }): FieldCheck<string> {
	const raw = typeof value === 'string' ? value : '';
	const body = raw.trim() ? raw : '';
	if (!body) {
		return options.required
			? failed(
					problem(
						'body',
						'body.required',
						l10n.t('Body or at least one MediaUrl is required: type a message or attach a media URL.'),
					),
				)
			: { value: undefined, problems: [] };
	}
	const characters = [...body].length;
	if (characters > MAX_BODY_CHARACTERS) {
		return failed(
			problem(
				'body',
				'body.maxLength',
				l10n.t(
					'Body is {0} characters; the limit is {1}.',
					formatCount(characters),
					formatCount(MAX_BODY_CHARACTERS),
				),
			),
		);
	}
	return { value: body, problems: [] };
}

/**
 * MediaUrl rows: each an absolute http(s) URL with a host, at most {@link MAX_MEDIA_URLS}. Empty
 * rows are ignored; `value` is the non-empty URLs (also when some have problems, so the Body rule
 * can count them).
 */
export function checkMediaUrls(rows: unknown): FieldCheck<string[]> & { count: number } {
	const list: unknown[] = Array.isArray(rows) ? rows : [];
	const urls: string[] = [];
	const problems: FieldProblem[] = [];
	list.forEach((row, index) => {
		const url = text(row);
		if (!url) {
			return;
		}
		urls.push(url);
		const urlProblem = checkHttpUrl(url);
		if (urlProblem) {
			problems.push({
				...problem('mediaUrls', `mediaUrls.${urlProblem.kind}`, urlMessage('MediaUrl', urlProblem, index + 1)),
				index,
			});
		}
	});
	if (urls.length > MAX_MEDIA_URLS) {
		problems.push(
			problem(
				'mediaUrls',
				'mediaUrls.max',
				l10n.t(
					'MediaUrl: {0} media URLs given; at most {1} are allowed per message.',
					urls.length,
					MAX_MEDIA_URLS,
				),
			),
		);
	}
	return { value: problems.length === 0 && urls.length > 0 ? urls : undefined, problems, count: urls.length };
}

/** StatusCallback, when given: an absolute http(s) URL with a host. */
export function checkStatusCallback(value: unknown): FieldCheck<string> {
	const url = text(value);
	if (!url) {
		return { value: undefined, problems: [] };
	}
	const urlProblem = checkHttpUrl(url);
	return urlProblem
		? failed(
				problem(
					'statusCallback',
					`statusCallback.${urlProblem.kind}`,
					urlMessage('StatusCallback', urlProblem),
				),
			)
		: { value: url, problems: [] };
}

/** ValidityPeriod, when given: whole seconds from 1 to 172,800 (48 hours), as a number or numeric text. */
export function checkValidityPeriod(value: unknown): FieldCheck<number> {
	const given = text(value);
	if (!given) {
		return { value: undefined, problems: [] };
	}
	const seconds = typeof value === 'number' ? value : /^[+-]?\d+$/.test(given) ? Number(given) : NaN;
	if (!Number.isInteger(seconds)) {
		return failed(
			problem(
				'validityPeriod',
				'validityPeriod.integer',
				l10n.t(
					'ValidityPeriod must be a whole number of seconds from {0} to {1} (48 hours) (got {2}).',
					VALIDITY_PERIOD_MIN,
					formatCount(VALIDITY_PERIOD_MAX),
					quote(given),
				),
			),
		);
	}
	if (seconds < VALIDITY_PERIOD_MIN || seconds > VALIDITY_PERIOD_MAX) {
		return failed(
			problem(
				'validityPeriod',
				'validityPeriod.range',
				l10n.t(
					'ValidityPeriod must be from {0} to {1} (48 hours) seconds (got {2}).',
					VALIDITY_PERIOD_MIN,
					formatCount(VALIDITY_PERIOD_MAX),
					formatCount(seconds),
				),
			),
		);
	}
	return { value: seconds, problems: [] };
}

/** MaxPrice, when given: USD, digits with at most 4 decimals. */
export function checkMaxPrice(value: unknown): FieldCheck<string> {
	const price = text(value);
	if (!price) {
		return { value: undefined, problems: [] };
	}
	return MAX_PRICE_PATTERN.test(price)
		? { value: price, problems: [] }
		: failed(
				problem(
					'maxPrice',
					'maxPrice.format',
					l10n.t(
						'MaxPrice must be a price in USD: digits with at most 4 decimal places, e.g. 0.0075 (got {0}).',
						quote(price),
					),
				),
			);
}

/** ApplicationSid, when given: a UUID. */
export function checkApplicationSid(value: unknown): FieldCheck<string> {
	const sid = text(value);
	if (!sid) {
		return { value: undefined, problems: [] };
	}
	return UUID_PATTERN.test(sid)
		? { value: sid, problems: [] }
		: failed(
				problem(
					'applicationSid',
					'applicationSid.uuid',
					uuidMessage('ApplicationSid', sid, l10n.t('the cXML application ID')),
				),
			);
}

// ---------------------------------------------------------------------------------------------

function problem(field: MessageField, rule: ValidationRule, message: string): FieldProblem {
	return { field, rule, message };
}

function failed<T>(...problems: FieldProblem[]): FieldCheck<T> {
	return { value: undefined, problems };
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
