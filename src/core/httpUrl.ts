/**
 * What is wrong with a URL that must be an absolute http(s) URL with a host (MediaUrl,
 * StatusCallback), as a kind the validation turns into words. Pure: no `vscode`, no Node-only APIs.
 */

export type UrlProblemKind = 'absolute' | 'scheme' | 'host' | 'invalid';

export interface UrlProblem {
	kind: UrlProblemKind;
	/** What the message quotes: the URL, or for `scheme` the scheme (`ftp`). */
	shown: string;
	/** For `invalid`: whether it holds spaces, or does not parse at all. */
	unparsable?: boolean;
}

/** Checks an absolute http(s) URL with a host; undefined when the URL is fine. */
export function checkHttpUrl(url: string): UrlProblem | undefined {
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
	if (!scheme) {
		return { kind: 'absolute', shown: url };
	}
	if (!/^https?$/i.test(scheme)) {
		return { kind: 'scheme', shown: scheme.toLowerCase() };
	}
	if (/\s/.test(url)) {
		return { kind: 'invalid', shown: url };
	}
	// The authority without user info and port must not be empty ("https://", "http:example.com").
	const authority = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1];
	const host = authority?.replace(/^.*@/, '').replace(/:\d*$/, '');
	if (!host) {
		return { kind: 'host', shown: url };
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { kind: 'invalid', shown: url, unparsable: true };
	}
	if (!parsed.hostname) {
		return { kind: 'host', shown: url };
	}
	return undefined;
}
