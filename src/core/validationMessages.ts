/**
 * The words of validation problems (./validation.ts): what is wrong, naming the API field, with
 * the value shown shortened. Pure: no `vscode` (texts go through `@vscode/l10n`).
 */
import * as l10n from '@vscode/l10n';
import type { UrlProblem } from './httpUrl';

export const E164_EXAMPLE = '+15551234567';
export const UUID_EXAMPLE = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

export function e164Message(name: string, value: string): string {
	return l10n.t(
		'{0} must be a phone number in E.164 format: + followed by 8 to 15 digits, e.g. {1} ({2}).',
		name,
		E164_EXAMPLE,
		e164Hint(value),
	);
}

/** What is wrong with a value that is not E.164, in a few words. */
function e164Hint(value: string): string {
	if (/[a-z]/i.test(value)) {
		return l10n.t('got {0}, which contains letters', quote(value));
	}
	if (/[\s().-]/.test(value)) {
		return l10n.t('got {0}; remove spaces, dashes, dots and brackets', quote(value));
	}
	if (!value.startsWith('+')) {
		return l10n.t('got {0}; start with + and the country code', quote(value));
	}
	const digits = value.slice(1);
	if (!/^\d+$/.test(digits)) {
		return l10n.t('got {0}; only digits may follow the +', quote(value));
	}
	if (digits.startsWith('0')) {
		return l10n.t('got {0}; a country code never starts with 0', quote(value));
	}
	return digits.length === 1 ? l10n.t('got 1 digit') : l10n.t('got {0} digits', digits.length);
}

export function uuidMessage(name: string, value: string, what: string): string {
	return l10n.t('{0} must be {1}, a UUID like {2} (got {3}).', name, what, UUID_EXAMPLE, quote(value));
}

/** The message of a URL problem for `name` (`MediaUrl 2`, `StatusCallback`). `row` numbers a MediaUrl row from 1. */
export function urlMessage(name: string, urlProblem: UrlProblem, row?: number): string {
	const field = row === undefined ? name : `${name} ${row}`;
	switch (urlProblem.kind) {
		case 'absolute':
			return l10n.t(
				'{0} must be an absolute URL starting with http:// or https:// (got {1}).',
				field,
				quote(urlProblem.shown),
			);
		case 'scheme':
			return l10n.t('{0} must start with http:// or https:// (got {1}:).', field, urlProblem.shown);
		case 'host': {
			const scheme = /^([a-z]+):/i.exec(urlProblem.shown)?.[1]?.toLowerCase() ?? 'https';
			return l10n.t(
				'{0} must include a host name after {1}://, e.g. https://example.com/cat.jpg (got {2}).',
				field,
				scheme,
				quote(urlProblem.shown),
			);
		}
		default:
			return urlProblem.unparsable
				? l10n.t('{0} is not a valid URL (got {1}).', field, quote(urlProblem.shown))
				: l10n.t('{0} must not contain spaces; encode them as %20 (got {1}).', field, quote(urlProblem.shown));
	}
}

/** Shows a user's value in a message: quoted, shortened if long. */
export function quote(value: string): string {
	const chars = [...value];
	return `"${chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : value}"`;
}

/** 1623 → "1,623" regardless of the locale. */
export function formatCount(n: number): string {
	const sign = n < 0 ? '-' : '';
	return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
