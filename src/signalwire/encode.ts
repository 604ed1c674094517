/**
 * Request encoding. No `vscode` import.
 */
import { formFields } from '../core/messageForm';
import type { CreateMessageParams } from '../core/types';

/**
 * Percent-encodes one form value like the official SDK (`qs`, RFC 3986): everything but
 * `A-Z a-z 0-9 - _ . ~` is encoded, so a space is `%20` (never `+`) and `+` is `%2B`.
 */
export function encodeFormComponent(value: string): string {
	// A lone surrogate (half an emoji, e.g. from a bad paste) would make encodeURIComponent throw.
	const wellFormed = value.replace(
		/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
		'\uFFFD',
	);
	return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The `application/x-www-form-urlencoded` body of a create-message request: the fields of
 * {@link formFields} (src/core/messageForm.ts) in the official SDK's order, except that To is always
 * written, even empty, so that the API (not a missing field) answers an empty number.
 */
export function encodeMessageForm(params: CreateMessageParams): string {
	const fields = formFields(params);
	if (fields[0]?.[0] !== 'To') {
		fields.unshift(['To', '']);
	}
	return fields.map(([name, value]) => `${name}=${encodeFormComponent(value)}`).join('&');
}
