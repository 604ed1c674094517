/**
 * What a failed fetch was: the innermost system error code of its cause chain, and the kind of
 * network failure it names (DNS, refused, dropped, TLS). Pure; used by ./client.ts.
 */
import type { NetworkFailure } from './errors';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TLS_CODE =
	/^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_|EPROTO$)/;

/** The kind of network failure a system error code names ('other' without a code). */
export function networkFailureOf(code: string | undefined): NetworkFailure {
	if (code === undefined) {
		return 'other';
	}
	if (DNS_CODES.has(code)) {
		return 'dns';
	}
	if (REFUSED_CODES.has(code)) {
		return 'refused';
	}
	if (DROPPED_CODES.has(code)) {
		return 'dropped';
	}
	return TLS_CODE.test(code) ? 'tls' : 'other';
}

/** The innermost `code` and message of an error's cause chain (fetch wraps the system error). */
export function describeCause(error: unknown): { code?: string; detail?: string } {
	let code: string | undefined;
	let detail: string | undefined;
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && candidate.code) {
			code = candidate.code;
		}
		if (typeof candidate.message === 'string' && candidate.message) {
			detail = candidate.message;
		}
		current = candidate.cause;
	}
	if (detail === undefined && typeof error === 'string') {
		detail = error;
	}
	// Not cut here: the caller masks the token first, then shortens (a cut could split the token).
	return { code, detail };
}
