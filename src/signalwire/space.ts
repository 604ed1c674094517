/**
 * Space URL normalisation. No `vscode` import.
 */
import * as l10n from '@vscode/l10n';
import { SpaceUrlError } from './errors';

/** Hosts that may be reached over plain `http://` (a local sandbox). */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

const DNS_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DNS_NAME = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`, 'i');

/** Whether a URL host (no port; IPv6 in brackets) is a loopback host allowed over http. */
export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * The base URL of a Space, without a trailing slash.
 *
 * Accepts `example`, `example.signalwire.com`, `https://example.signalwire.com/` (all give
 * `https://example.signalwire.com`); a word without a dot means `{word}.signalwire.com`. Plain
 * `http://` only for loopback hosts (`127.0.0.1`, `localhost`, `[::1]`, any port); a loopback host
 * without a scheme means http. Throws {@link SpaceUrlError} naming the broken rule otherwise. The
 * error never repeats the input, which could hold a password.
 */
export function spaceBaseUrl(space: string): string {
	const input = space.trim();
	if (!input) {
		throw new SpaceUrlError(
			'empty',
			l10n.t('The Space URL is empty: enter your Space name, e.g. "example" or "example.signalwire.com".'),
		);
	}
	if (/[\s\\]/.test(input)) {
		throw new SpaceUrlError(
			'host',
			l10n.t('The Space URL must not contain spaces or backslashes: enter e.g. "example.signalwire.com".'),
		);
	}

	const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
	let scheme: 'http' | 'https' | undefined;
	let rest = input;
	if (schemeMatch) {
		const name = schemeMatch[1].toLowerCase();
		if (name !== 'http' && name !== 'https') {
			throw new SpaceUrlError(
				'scheme',
				l10n.t('The Space URL must start with https:// (or nothing), not {0}://.', name),
			);
		}
		scheme = name;
		rest = input.slice(schemeMatch[0].length);
	} else if (input.includes('://') || /^[a-z][a-z0-9+-]*:(?!\d)/i.test(input)) {
		throw new SpaceUrlError(
			'scheme',
			l10n.t('The Space URL must start with https:// (or nothing), e.g. "https://example.signalwire.com".'),
		);
	}

	const authorityEnd = rest.search(/[/?#]/);
	const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
	const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);

	if (authority.includes('@')) {
		throw new SpaceUrlError(
			'credentials',
			l10n.t(
				'The Space URL must not contain a user name or password ("user@"): enter only the host, and the Project ID and API token in their own fields.',
			),
		);
	}
	if (tail !== '' && tail !== '/') {
		if (tail.startsWith('?') || (tail.startsWith('/?') && !tail.includes('#'))) {
			throw new SpaceUrlError(
				'query',
				l10n.t(
					'The Space URL must not contain a query ("?..."): enter only the host, e.g. "example.signalwire.com".',
				),
			);
		}
		if (tail.startsWith('#') || tail.startsWith('/#')) {
			throw new SpaceUrlError(
				'fragment',
				l10n.t(
					'The Space URL must not contain a fragment ("#..."): enter only the host, e.g. "example.signalwire.com".',
				),
			);
		}
		throw new SpaceUrlError(
			'path',
			l10n.t(
				'The Space URL must not contain a path (such as /api/laml): enter only the host, e.g. "example.signalwire.com".',
			),
		);
	}

	const { hostname, port } = splitAuthority(authority);
	if (!hostname) {
		throw new SpaceUrlError('host', l10n.t('The Space URL has no host name: enter e.g. "example.signalwire.com".'));
	}
	if (port !== undefined) {
		const n = Number(port);
		if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) {
			throw new SpaceUrlError(
				'port',
				l10n.t('The Space URL has an invalid port: it must be a number from 1 to 65535.'),
			);
		}
	}
	const isIpv6 = hostname.startsWith('[');
	if (isIpv6 ? !/^\[[0-9a-f:.]+\]$/i.test(hostname) : !DNS_NAME.test(hostname)) {
		throw new SpaceUrlError(
			'host',
			l10n.t(
				'The Space URL has invalid characters in its host name: use only letters, digits, hyphens and dots, e.g. "example.signalwire.com".',
			),
		);
	}

	let host = hostname.toLowerCase();
	const loopback = isLoopbackHost(host);
	if (!loopback && !isIpv6 && !host.includes('.')) {
		host = `${host}.signalwire.com`;
	}
	const effectiveScheme = scheme ?? (loopback ? 'http' : 'https');
	if (effectiveScheme === 'http' && !loopback) {
		throw new SpaceUrlError(
			'insecure-http',
			l10n.t(
				'The Space URL must use https://: plain http:// is allowed only for a local sandbox (127.0.0.1, localhost or [::1]).',
			),
		);
	}

	let url: URL;
	try {
		url = new URL(`${effectiveScheme}://${host}${port !== undefined ? `:${port}` : ''}/`);
	} catch {
		throw new SpaceUrlError(
			'host',
			l10n.t('The Space URL is not a valid host name: enter e.g. "example.signalwire.com".'),
		);
	}
	return `${url.protocol}//${url.host}`;
}

function splitAuthority(authority: string): { hostname: string; port?: string } {
	if (authority.startsWith('[')) {
		const close = authority.indexOf(']');
		if (close === -1) {
			return { hostname: authority };
		}
		const after = authority.slice(close + 1);
		return after.startsWith(':')
			? { hostname: authority.slice(0, close + 1), port: after.slice(1) }
			: { hostname: authority.slice(0, close + 1), ...(after ? { port: after } : {}) };
	}
	const colon = authority.lastIndexOf(':');
	return colon === -1
		? { hostname: authority }
		: { hostname: authority.slice(0, colon), port: authority.slice(colon + 1) };
}
