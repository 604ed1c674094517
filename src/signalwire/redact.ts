/**
 * Helpers to log requests without their secrets. No `vscode` import.
 */
import { maskSecrets } from '../core/secrets';

const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * A copy of the headers that is safe to log: `Authorization: Basic abc…` becomes
 * `Authorization: Basic ***` (the scheme is kept), cookies become `***`. Names keep their case
 * for plain objects; a `Headers` instance gives lower-case names.
 */
export function redactAuthorization(
	headers: Headers | Record<string, string> | [string, string][],
): Record<string, string> {
	const entries: [string, string][] = [];
	if (headers instanceof Headers) {
		headers.forEach((value, name) => entries.push([name, value]));
	} else {
		entries.push(...(Array.isArray(headers) ? headers : Object.entries(headers)));
	}
	const out: Record<string, string> = {};
	for (const [name, value] of entries) {
		if (SECRET_HEADERS.has(name.toLowerCase())) {
			const scheme = /^(\w+)\s/.exec(value)?.[1];
			out[name] = name.toLowerCase().endsWith('authorization') && scheme ? `${scheme} ***` : '***';
		} else {
			out[name] = value;
		}
	}
	return out;
}

/**
 * One line describing a request for a log: `POST https://example.signalwire.com/api/laml/…/Messages`,
 * with user info stripped from the URL and, if given, the redacted headers.
 */
export function describeRequest(method: string, url: string | URL, headers?: Headers | Record<string, string>): string {
	let shown: string;
	try {
		const parsed = new URL(url);
		parsed.username = '';
		parsed.password = '';
		shown = parsed.toString();
	} catch {
		shown = String(url).replace(/\/\/[^/@]*@/, '//');
	}
	const line = `${method.toUpperCase()} ${shown}`;
	if (!headers) {
		return line;
	}
	const redacted = redactAuthorization(headers);
	return `${line} ${Object.entries(redacted)
		.map(([name, value]) => `${name}: ${value}`)
		.join(' · ')}`;
}

/**
 * Replaces every occurrence of each secret in `text` with `***`, in any percent-encoding (secrets
 * shorter than 8 characters are skipped; see `maskSecrets`). Pass {@link credentialForms} to cover
 * the token's Basic forms too.
 */
export function scrubSecret(text: string, secrets: string | readonly string[] | undefined): string {
	const list = typeof secrets === 'string' ? [secrets] : (secrets ?? []);
	return maskSecrets(text, list);
}
