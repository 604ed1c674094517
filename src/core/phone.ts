/**
 * Turns what people type as a phone number into E.164. Pure: no `vscode`, no Node-only APIs.
 *
 * A hand-written table of common countries on purpose: libphonenumber-js is ~150 KB, as much as
 * the whole extension, and the API only needs E.164. This normaliser does not
 * know numbering plans beyond NANP; SignalWire itself rejects numbers that do not exist.
 */
import * as l10n from '@vscode/l10n';
import { E164_PATTERN } from './validation';

export interface SupportedCountry {
	/** ISO 3166-1 alpha-2. */
	code: string;
	name: string;
	/** Country calling code, digits only (`1`, `44`). */
	callingCode: string;
	/**
	 * National trunk prefix dropped before adding the calling code (`0` in `020 7946 0958`),
	 * or '' where there is none (Italy keeps its leading 0; Spain, Norway, Poland… have none).
	 */
	trunkPrefix: string;
	/** International call prefix used besides `00` (`011` in NANP, `0011` in Australia). */
	exitCode?: string;
}

/** Countries the default-country setting offers, sorted by name. */
export const SUPPORTED_COUNTRIES: readonly SupportedCountry[] = [
	{ code: 'AU', name: 'Australia', callingCode: '61', trunkPrefix: '0', exitCode: '0011' },
	{ code: 'AT', name: 'Austria', callingCode: '43', trunkPrefix: '0' },
	{ code: 'BE', name: 'Belgium', callingCode: '32', trunkPrefix: '0' },
	{ code: 'BR', name: 'Brazil', callingCode: '55', trunkPrefix: '0' },
	{ code: 'CA', name: 'Canada', callingCode: '1', trunkPrefix: '', exitCode: '011' },
	{ code: 'DK', name: 'Denmark', callingCode: '45', trunkPrefix: '' },
	{ code: 'FI', name: 'Finland', callingCode: '358', trunkPrefix: '0' },
	{ code: 'FR', name: 'France', callingCode: '33', trunkPrefix: '0' },
	{ code: 'DE', name: 'Germany', callingCode: '49', trunkPrefix: '0' },
	{ code: 'IN', name: 'India', callingCode: '91', trunkPrefix: '0' },
	{ code: 'IE', name: 'Ireland', callingCode: '353', trunkPrefix: '0' },
	{ code: 'IL', name: 'Israel', callingCode: '972', trunkPrefix: '0' },
	{ code: 'IT', name: 'Italy', callingCode: '39', trunkPrefix: '' },
	{ code: 'JP', name: 'Japan', callingCode: '81', trunkPrefix: '0', exitCode: '010' },
	{ code: 'MX', name: 'Mexico', callingCode: '52', trunkPrefix: '' },
	{ code: 'NL', name: 'Netherlands', callingCode: '31', trunkPrefix: '0' },
	{ code: 'NZ', name: 'New Zealand', callingCode: '64', trunkPrefix: '0' },
	{ code: 'NO', name: 'Norway', callingCode: '47', trunkPrefix: '' },
	{ code: 'PH', name: 'Philippines', callingCode: '63', trunkPrefix: '0' },
	{ code: 'PL', name: 'Poland', callingCode: '48', trunkPrefix: '' },
	{ code: 'PT', name: 'Portugal', callingCode: '351', trunkPrefix: '' },
	{ code: 'PR', name: 'Puerto Rico', callingCode: '1', trunkPrefix: '', exitCode: '011' },
	{ code: 'SG', name: 'Singapore', callingCode: '65', trunkPrefix: '' },
	{ code: 'ZA', name: 'South Africa', callingCode: '27', trunkPrefix: '0' },
	{ code: 'ES', name: 'Spain', callingCode: '34', trunkPrefix: '' },
	{ code: 'SE', name: 'Sweden', callingCode: '46', trunkPrefix: '0' },
	{ code: 'CH', name: 'Switzerland', callingCode: '41', trunkPrefix: '0' },
	{ code: 'GB', name: 'United Kingdom', callingCode: '44', trunkPrefix: '0' },
	{ code: 'US', name: 'United States', callingCode: '1', trunkPrefix: '', exitCode: '011' },
];

export type NormalizeResult = { ok: true; e164: string } | { ok: false; message: string };

/** Separators people type or paste: spaces (incl. no-break), dots, dashes (incl. Unicode), brackets. */
const SEPARATORS = /[\s.()\-\u2010-\u2015\u2212]/g;

/**
 * Normalises a typed phone number to E.164.
 * - `+…` is kept (a bracketed trunk prefix as in `+44 (0)20…` is dropped); `00…` (and the
 *   country's own exit code, e.g. `011` for US) becomes `+…`;
 * - anything else is a national number of `defaultCountry` (ISO alpha-2, e.g. `US`): its trunk
 *   prefix is dropped (`020…` in GB) and the calling code added. NANP numbers must have 10
 *   digits, or 11 starting with 1.
 *
 * `(555) 010-0199` with `US` → `+15550100199`; `020 7946 0958` with `GB` → `+442079460958`.
 */
export function normalizePhoneNumber(input: string, defaultCountry: string): NormalizeResult {
	const typed = (input ?? '').trim();
	if (!typed) {
		return fail(l10n.t('Enter a phone number, e.g. +15551234567.'));
	}
	if (/\p{L}/u.test(typed)) {
		return fail(
			l10n.t('"{0}" contains letters; a phone number has only digits (and an optional leading +).', typed),
		);
	}
	// "+44 (0)20 7946 0958": the bracketed trunk prefix is not dialled from abroad.
	const compact = typed.replace(/^(\+|00)(.*?)\(0\)/, '$1$2').replace(SEPARATORS, '');
	if (!/^\+?\d+$/.test(compact)) {
		return fail(
			l10n.t(
				'"{0}" is not a phone number: use digits, spaces, dashes, dots, brackets and an optional leading +.',
				typed,
			),
		);
	}

	const country = findCountry(defaultCountry);
	let international: string | undefined;
	if (compact.startsWith('+')) {
		international = compact.slice(1);
	} else if (country?.exitCode && compact.startsWith(country.exitCode)) {
		international = compact.slice(country.exitCode.length);
	} else if (compact.startsWith('00')) {
		international = compact.slice(2);
	}
	if (international !== undefined) {
		return checkE164(typed, `+${international}`);
	}

	if (!country) {
		return fail(
			l10n.t(
				'Unknown default country "{0}": type the number with + and the country code, e.g. +15551234567.',
				defaultCountry,
			),
		);
	}
	if (country.callingCode === '1') {
		const national = compact.length === 11 && compact.startsWith('1') ? compact.slice(1) : compact;
		if (national.length !== 10) {
			return fail(
				l10n.t(
					'"{0}" has {1} digits; a {2} number has 10 digits (or 11 starting with 1), e.g. (555) 010-0199.',
					typed,
					compact.length,
					country.name,
				),
			);
		}
		return checkE164(typed, `+1${national}`);
	}
	const national =
		country.trunkPrefix && compact.startsWith(country.trunkPrefix)
			? compact.slice(country.trunkPrefix.length)
			: compact;
	return checkE164(typed, `+${country.callingCode}${national}`);
}

/** The table entry of an ISO alpha-2 code, any case. */
export function findCountry(code: string): SupportedCountry | undefined {
	const upper = (code ?? '').trim().toUpperCase();
	return SUPPORTED_COUNTRIES.find((c) => c.code === upper);
}

function checkE164(typed: string, e164: string): NormalizeResult {
	const digits = e164.length - 1;
	if (e164.startsWith('+0')) {
		return fail(l10n.t('"{0}" does not start with a country code (country codes never start with 0).', typed));
	}
	if (digits < 8) {
		return fail(
			l10n.t(
				'"{0}" is too short: a full international number has 8 to 15 digits including the country code.',
				typed,
			),
		);
	}
	if (digits > 15) {
		return fail(
			l10n.t(
				'"{0}" is too long: a full international number has at most 15 digits including the country code.',
				typed,
			),
		);
	}
	if (e164.startsWith('+1') && digits !== 11) {
		return fail(l10n.t('"{0}" is not a valid +1 (US/Canada) number: it needs 10 digits after +1.', typed));
	}
	if (e164.startsWith('+1') && /^\+1[01]/.test(e164)) {
		return fail(l10n.t('"{0}" is not a valid +1 (US/Canada) number: area codes never start with 0 or 1.', typed));
	}
	if (!E164_PATTERN.test(e164)) {
		return fail(l10n.t('"{0}" is not a valid phone number.', typed));
	}
	return { ok: true, e164 };
}

function fail(message: string): NormalizeResult {
	return { ok: false, message };
}
