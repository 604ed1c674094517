/**
 * Request encoding. No `vscode` import.
 */
import type { CreateMessageParams } from '../core/types';

/**
 * Percent-encodes one form value like the official SDK (`qs`, RFC 3986): everything but
 * `A-Z a-z 0-9 - _ . ~` is encoded, so a space is `%20` (never `+`) and `+` is `%2B`.
 */
export function encodeFormComponent(value: string): string {
	// A lone surrogate (half an emoji, e.g. from a bad paste) would make encodeURIComponent throw.
	const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
	return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The `application/x-www-form-urlencoded` body of a create-message request, with the API's field
 * names in the official SDK's order: To, From, MessagingServiceSid, Body, MediaUrl (once per URL,
 * in order), StatusCallback, ApplicationSid, MaxPrice, ValidityPeriod, SendAsMms (`true`/`false`).
 * Fields that are undefined or empty strings are left out (To is always written); an empty
 * `mediaUrls` writes no MediaUrl.
 */
export function encodeMessageForm(params: CreateMessageParams): string {
	const pairs: [string, string][] = [['To', params.to ?? '']];
	const add = (name: string, value: string | number | boolean | undefined | null): void => {
		if (value === undefined || value === null || value === '') {
			return;
		}
		pairs.push([name, String(value)]);
	};
	add('From', params.from);
	add('MessagingServiceSid', params.messagingServiceSid);
	add('Body', params.body);
	for (const url of params.mediaUrls ?? []) {
		add('MediaUrl', url);
	}
	add('StatusCallback', params.statusCallback);
	add('ApplicationSid', params.applicationSid);
	add('MaxPrice', params.maxPrice);
	add('ValidityPeriod', params.validityPeriod);
	add('SendAsMms', params.sendAsMms);
	return pairs.map(([name, value]) => `${name}=${encodeFormComponent(value)}`).join('&');
}
