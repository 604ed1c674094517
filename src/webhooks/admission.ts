/**
 * Which requests the webhook listener (./listener.ts) admits: from a loopback peer, with a `Host`
 * that names the listener or its public URL, and without a browser `Origin` (DNS rebinding and
 * cross-site forms are refused with 403). Pure.
 */

export const LOOPBACK_HOST = '127.0.0.1';

export type RefusalReason =
	'too-large' | 'rate-limited' | 'not-loopback' | 'foreign-host' | 'browser-origin' | 'too-many-connections';

/**
 * Whether a request's `Host` names this listener: `127.0.0.1` or `localhost` with its port, or the
 * host (with its port, if any) of the public URL. A DNS-rebinding page sends its own name.
 */
export function isAllowedHost(host: string | undefined, port: number, publicHost?: string): boolean {
	if (host === undefined) {
		return false;
	}
	const value = host.trim().toLowerCase();
	if (value === `${LOOPBACK_HOST}:${port}` || value === `localhost:${port}`) {
		return true;
	}
	return publicHost !== undefined && value === publicHost.toLowerCase();
}

/** SignalWire sends no `Origin`; a browser does, on every cross-site POST: any is refused. */
export function isRefusedOrigin(origin: string | string[] | undefined): boolean {
	return origin !== undefined;
}

/** Whether a peer address is loopback (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
export function isLoopbackAddress(address: string | undefined): boolean {
	return address !== undefined && (/^127\./.test(address) || address === '::1' || /^::ffff:127\./i.test(address));
}
