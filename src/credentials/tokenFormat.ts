/**
 * The shape of an API token, checked at sign-in before anything is sent or saved. No `vscode`
 * import (texts go through `@vscode/l10n`).
 *
 * SignalWire issues `PT` followed by hexadecimal digits (48 in every example of its docs, e.g. the
 * `token` of https://developer.signalwire.com/rest/signalwire-rest/endpoints/project/tokens; the
 * local sandbox issues the same shape). The Authorization page
 * (https://developer.signalwire.com/rest/overview/authorization) shows a token of 50 letters and
 * digits without `PT`, so a long token of letters and digits is accepted too, with a warning.
 * Anything else (short, with spaces or other characters) is refused: it is not a token, and a very
 * short one could not be masked in logs without mangling unrelated text.
 */
import * as l10n from '@vscode/l10n';

/** `PT` and hexadecimal digits: what SignalWire issues. */
export const ISSUED_TOKEN_PATTERN = /^PT[0-9a-f]{32,64}$/i;
/** Letters and digits only, long enough to be a secret: the other form SignalWire's docs show. */
export const OTHER_TOKEN_PATTERN = /^[A-Za-z0-9]{32,128}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TokenCheck =
	/** The token is refused; `message` names the rule. Nothing is sent. */
	| { ok: false; message: string }
	/** The token may be used; `warning` says why it looks unusual. */
	| { ok: true; warning?: string };

/** Checks a token as typed (surrounding spaces are ignored). Never repeats the token in a message. */
export function checkTokenFormat(input: string): TokenCheck {
	const token = input.trim();
	if (!token) {
		return {
			ok: false,
			message: l10n.t('API token is required: create one on the API page of your SignalWire Space.'),
		};
	}
	if (/\s/.test(token)) {
		return { ok: false, message: l10n.t('API token must not contain spaces.') };
	}
	if (ISSUED_TOKEN_PATTERN.test(token)) {
		return { ok: true };
	}
	if (UUID.test(token)) {
		return {
			ok: false,
			message: l10n.t(
				'This looks like a Project ID (a UUID), not an API token: an API token starts with PT, on the API page of your Space.',
			),
		};
	}
	const chars = [...token].length;
	if (token.startsWith('PT')) {
		return {
			ok: false,
			message: /^PT[0-9a-f]*$/i.test(token)
				? l10n.t(
						'API token is {0} characters long: a SignalWire API token is PT followed by 48 hexadecimal digits. Copy it again from the API page of your Space.',
						chars,
					)
				: l10n.t(
						'API token starts with PT but is not followed by hexadecimal digits only (0-9, a-f): copy it again from the API page of your Space.',
					),
		};
	}
	if (OTHER_TOKEN_PATTERN.test(token)) {
		return {
			ok: true,
			warning: l10n.t(
				'This API token does not have the usual form (PT followed by hexadecimal digits). It will be tried; if SignalWire rejects it, copy the token again from the API page of your Space.',
			),
		};
	}
	if (/^[A-Za-z0-9]*$/.test(token)) {
		return {
			ok: false,
			message:
				chars < 32
					? l10n.t(
							'API token is too short ({0} characters): a SignalWire API token is PT followed by 48 hexadecimal digits. Copy it again from the API page of your Space.',
							chars,
						)
					: l10n.t(
							'API token is too long ({0} characters): a SignalWire API token is PT followed by 48 hexadecimal digits. Copy it again from the API page of your Space.',
							chars,
						),
		};
	}
	return {
		ok: false,
		message: l10n.t(
			'API token must contain only letters and digits: a SignalWire API token is PT followed by 48 hexadecimal digits. Copy it again from the API page of your Space.',
		),
	};
}
