/**
 * The `X-SignalWire-Signature` of a webhook request: base64 of HMAC-SHA1, keyed with the project's
 * Signing Key, over the URL SignalWire requested followed by every form parameter as name + value,
 * names sorted, repeated names in the order they came (docs/api-notes.md, "Webhooks and signatures";
 * https://developer.signalwire.com/guides/webhook-security). Like the official SDK's
 * `validateRequest`, a header is valid if it matches the URL with its port or without it.
 * No `vscode` import.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters: each name with its values in the order they arrived. */
export type WebhookParams = Readonly<Record<string, string | readonly string[]>>;

/** The string that is signed: `url` then, names sorted by UTF-16 code units, `name + value` for each value. */
export function signedPayload(url: string, params: WebhookParams): string {
	let data = url;
	for (const name of Object.keys(params).sort()) {
		const value = params[name];
		for (const item of typeof value === 'string' ? [value] : (value ?? [])) {
			data += name + item;
		}
	}
	return data;
}

/** base64(HMAC-SHA1(key, signedPayload(url, params))), UTF-8. */
export function computeSignature(signingKey: string, url: string, params: WebhookParams): string {
	return createHmac('sha1', signingKey).update(signedPayload(url, params), 'utf8').digest('base64');
}

/** `scheme://[userinfo@]host[:port]rest`, read as written: nothing in the path or query is resolved or re-encoded. */
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*:)\/\/(?:([^@/?#]*)@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::(\d*))?([^]*)$/;

/**
 * The two spellings of a URL the signature may have been computed over: with the port (the
 * scheme's default port written out when there is none) and without any port. Like the official
 * SDK, only the scheme and host are lower-cased and a default port dropped: the path and query are
 * the exact text the request used (`/../`, spaces and non-ASCII are kept as they are).
 */
export function urlVariants(url: string): { withPort: string; withoutPort: string } {
	const parts = URL_PARTS.exec(url);
	if (!parts) {
		return { withPort: url, withoutPort: url };
	}
	const protocol = (parts[1] ?? '').toLowerCase();
	const credentials = parts[2] ? `${parts[2]}@` : '';
	const hostname = (parts[3] ?? '').toLowerCase();
	const defaultPort = protocol === 'https:' ? '443' : '80';
	const given = parts[4] ?? '';
	const port = given && given !== defaultPort ? given : defaultPort;
	const raw = parts[5] ?? '';
	const rest = raw.startsWith('/') ? raw : `/${raw}`;
	return {
		withPort: `${protocol}//${credentials}${hostname}:${port}${rest}`,
		withoutPort: `${protocol}//${credentials}${hostname}${rest}`,
	};
}

/** What a check compared; never the key. */
export interface SignatureCheck {
	valid: boolean;
	/** The header as received (empty when absent). */
	received: string;
	/** The URLs the signature was computed over: with the port, then without. */
	urls: [string, string];
	/** The signatures expected for those URLs. */
	expected: [string, string];
}

/** Checks a header against the URL with and without its port, comparing in constant time. */
export function checkSignature(
	signingKey: string,
	header: string | undefined,
	url: string,
	params: WebhookParams,
): SignatureCheck {
	const received = header ?? '';
	const { withPort, withoutPort } = urlVariants(url);
	const expected: [string, string] = [
		computeSignature(signingKey, withPort, params),
		computeSignature(signingKey, withoutPort, params),
	];
	// Both are always compared, so the time taken does not tell which one matched.
	const matches = expected.map((signature) => constantTimeEqual(received, signature));
	return { valid: matches.some(Boolean), received, urls: [withPort, withoutPort], expected };
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	if (left.length !== right.length) {
		// Still spend the comparison, on equal-length buffers.
		timingSafeEqual(right, right);
		return false;
	}
	return timingSafeEqual(left, right);
}
