/**
 * One-time sign-in codes: how `npm start` signs the extension in without handing it the token.
 * scripts/start.ts asks for a code and gives the extension host only the sandbox URL and the code
 * (environment); the extension, in development mode, redeems the code once over loopback for the
 * project ID and token and keeps them in SecretStorage. A code works once and expires.
 *
 * Control routes (loopback only, like every /__sandbox/ route):
 *   POST /__sandbox/sign-in-codes          {"ttlMs"?: 1..3600000} → 201 {"code", "expiresAt"}
 *   POST /__sandbox/sign-in-codes/redeem   {"code"} → 200 {"projectId", "token"}
 *                                           400 (malformed), 410 (unknown, used or expired)
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './util';

/** Long enough for a person to open the printed code-server URL after `npm start`. */
export const DEFAULT_CODE_TTL_MS = 15 * 60_000;
const MAX_CODE_TTL_MS = 60 * 60_000;
/** At most this many codes wait at once; the oldest goes first. */
const MAX_PENDING_CODES = 32;

export class SignInCodes {
	/** code → expiry (ms since the epoch). */
	private readonly pending = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	/** A new code, valid once for `ttlMs`. */
	issue(ttlMs = DEFAULT_CODE_TTL_MS): { code: string; expiresAt: string } {
		this.sweep();
		if (this.pending.size >= MAX_PENDING_CODES) {
			const oldest = this.pending.keys().next().value;
			if (oldest !== undefined) {
				this.pending.delete(oldest);
			}
		}
		const code = randomBytes(18).toString('base64url');
		const expires = this.now() + ttlMs;
		this.pending.set(code, expires);
		return { code, expiresAt: new Date(expires).toISOString() };
	}

	/** Whether the code was issued, unused and unexpired; it is used up either way. */
	redeem(code: string): boolean {
		const expires = this.pending.get(code);
		this.pending.delete(code);
		return expires !== undefined && this.now() < expires;
	}

	clear(): void {
		this.pending.clear();
	}

	private sweep(): void {
		const now = this.now();
		for (const [code, expires] of this.pending) {
			if (expires <= now) {
				this.pending.delete(code);
			}
		}
	}
}

/**
 * Answers the two control routes above. `route` is `METHOD /path` without a trailing slash;
 * the caller has already checked that the request came over loopback.
 */
export function handleSignInCodeRoute(
	codes: SignInCodes,
	route: string,
	body: string,
	res: ServerResponse,
	credentials: { projectId: string; token: string },
): void {
	let parsed: unknown;
	try {
		parsed = body.trim() === '' ? {} : JSON.parse(body);
	} catch (error) {
		sendJson(res, 400, { error: `invalid JSON: ${(error as Error).message}` });
		return;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		sendJson(res, 400, { error: 'the body must be a JSON object' });
		return;
	}
	const fields = parsed as Record<string, unknown>;
	if (route === 'POST /__sandbox/sign-in-codes') {
		const ttlMs = fields.ttlMs ?? DEFAULT_CODE_TTL_MS;
		if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > MAX_CODE_TTL_MS) {
			sendJson(res, 400, { error: `ttlMs must be a whole number of milliseconds from 1 to ${MAX_CODE_TTL_MS}` });
			return;
		}
		sendJson(res, 201, codes.issue(ttlMs));
		return;
	}
	if (typeof fields.code !== 'string' || fields.code === '') {
		sendJson(res, 400, { error: 'code must be a non-empty string' });
		return;
	}
	if (!codes.redeem(fields.code)) {
		sendJson(res, 410, { error: 'this sign-in code is unknown, already used or expired' });
		return;
	}
	sendJson(res, 200, { projectId: credentials.projectId, token: credentials.token });
}
