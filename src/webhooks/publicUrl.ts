/**
 * The listener's public URL (src/webhooks/webhookService.ts): its checks, the URL SignalWire signed
 * for a request that came through it, and whether a Space can reach the listener without one. No
 * `vscode` import (texts go through `@vscode/l10n`).
 */
import * as l10n from '@vscode/l10n';

/**
 * A public URL as the listener's base: absolute http(s), no query or fragment; trailing slashes dropped. Throws a
 * message naming the rule.
 */
export function normalizePublicUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new Error(
			l10n.t(
				'The public URL {0} is not a URL: give an absolute https URL such as https://example.ngrok.app.',
				value,
			),
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(l10n.t('The public URL must start with https:// (or http://), not {0}.', url.protocol));
	}
	if (url.search || url.hash || url.username || url.password) {
		throw new Error(l10n.t('The public URL must have no query, fragment or credentials: {0}.', value));
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The URL SignalWire requested (and signed) for a request that reached the listener as
 * `pathAndQuery`: the public URL plus the path relative to it. A forwarder that strips the public
 * URL's path (code-server's `/proxy/<port>`) passes `/status`; a tunnel that keeps it passes
 * `/hooks/status`: both were requested as `<public URL>/status`.
 */
export function signedPublicUrl(publicBase: string, pathAndQuery: string): string {
	const basePath = new URL(publicBase).pathname.replace(/\/+$/, '');
	const underBase =
		pathAndQuery === basePath || ['/', '?'].some((next) => pathAndQuery.startsWith(`${basePath}${next}`));
	const relative = basePath && underBase ? pathAndQuery.slice(basePath.length) : pathAndQuery;
	return `${publicBase}${relative}`;
}

/** Whether a Space URL is on this machine (the local server): it can reach the listener without a public URL. */
export function isLoopbackSpace(spaceUrl: string): boolean {
	try {
		const host = new URL(spaceUrl).hostname;
		return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
	} catch {
		return false;
	}
}
