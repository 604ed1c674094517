/**
 * `npm start` opens VS Code already signed in to the local server, without handing over the token:
 * scripts/start.ts puts only the sandbox URL and a one-time code in the extension host's
 * environment; here, in development mode only and for a loopback URL only, the code is redeemed
 * once over loopback (sandbox/signInCodes.ts) and the project ID and token go to SecretStorage
 * through the credential store, as a sign-in by hand would. The code is then used up, and expires
 * anyway: nothing that outlives the run can sign anyone in. Built as its own bundle,
 * dist/devSignIn.js, loaded in development mode only and not shipped in the .vsix.
 */
import * as vscode from 'vscode';
import { isLoopbackHost } from '../signalwire/space';
import type { Logger } from '../util/logger';
import type { CredentialStore } from './credentialStore';
import { checkProjectId, profileLabel, type Profile } from './profile';
import { checkTokenFormat } from './tokenFormat';
import { errorText } from '../errors/errorText';

/** The environment scripts/start.ts sets for the extension host. */
export const DEV_SIGN_IN_URL_ENV = 'SIGNALWIRE_DEV_SIGN_IN_URL';
export const DEV_SIGN_IN_CODE_ENV = 'SIGNALWIRE_DEV_SIGN_IN_CODE';

const REDEEM_PATH = '/__sandbox/sign-in-codes/redeem';
const REDEEM_TIMEOUT_MS = 10_000;

export class DevSignInError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DevSignInError';
	}
}

/**
 * The local server's base URL (`http://127.0.0.1:PORT`), or a {@link DevSignInError} for anything
 * that is not plain http to a loopback host with no path, query or user name.
 */
export function loopbackBaseUrl(url: string): string {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (
		!parsed ||
		parsed.protocol !== 'http:' ||
		!isLoopbackHost(parsed.hostname) ||
		parsed.username ||
		parsed.password ||
		parsed.pathname !== '/' ||
		parsed.search ||
		parsed.hash
	) {
		throw new DevSignInError(
			vscode.l10n.t(
				'The sign-in code is for a local server only (http://127.0.0.1:PORT or http://[::1]:PORT): it is not redeemed at {0}.',
				url,
			),
		);
	}
	return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Redeems the code at the local server and saves the Space it names: the URL given here, never
 * one from the answer. Throws a {@link DevSignInError} (nothing saved) when the URL is not
 * loopback (before any request), the code is refused, or the answer is not a project ID and token.
 */
export async function signInWithCode(
	credentials: CredentialStore,
	logger: Logger,
	url: string,
	code: string,
): Promise<Profile> {
	const base = loopbackBaseUrl(url);
	let response: Response;
	try {
		response = await fetch(`${base}${REDEEM_PATH}`, {
			method: 'POST',
			// The local server's control routes need this header (a web page cannot send it cross-site):
			// sandbox/README.md.
			headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' },
			body: JSON.stringify({ code }),
			redirect: 'error',
			signal: AbortSignal.timeout(REDEEM_TIMEOUT_MS),
		});
	} catch (error) {
		throw new DevSignInError(vscode.l10n.t('Could not reach the local server at {0}: {1}', base, errorText(error)));
	}
	if (response.status === 410) {
		throw new DevSignInError(
			vscode.l10n.t(
				'The local server refused the sign-in code: it was already used or has expired. Sign in by hand with the credentials npm start printed.',
			),
		);
	}
	if (!response.ok) {
		throw new DevSignInError(
			vscode.l10n.t('The local server at {0} did not accept the sign-in code (HTTP {1}).', base, response.status),
		);
	}
	const answer: unknown = await response.json().catch(() => undefined);
	const fields = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
	const projectId = typeof fields.projectId === 'string' ? fields.projectId.trim() : '';
	const token = typeof fields.token === 'string' ? fields.token.trim() : '';
	// The rules of a sign-in by hand (./tokenFormat.ts): a 3-character "token" is no token, and one
	// that short could not be masked in logs (src/core/secrets.ts MIN_MASKED_SECRET_LENGTH).
	const format = checkTokenFormat(token);
	const problem = checkProjectId(projectId) ?? (format.ok ? undefined : format.message);
	if (problem) {
		throw new DevSignInError(
			vscode.l10n.t(
				'The local server at {0} answered the sign-in code with no usable credentials: {1}',
				base,
				problem,
			),
		);
	}
	logger.addCredentials(projectId, token);
	const profile = await credentials.save(base, projectId.toLowerCase(), token);
	logger.info(
		`Signed in to the local server ${base} as project ${profile.projectId} with a one-time code from npm start.`,
	);
	return profile;
}

/**
 * What activation runs: in development mode, when npm start left a URL and a code in `env`,
 * signs in with the code and says so. Reports a failure instead of throwing. After a window
 * reload the code is used up; a profile of that server still signed in is kept as it is.
 */
export async function signInFromDevelopmentEnvironment(
	mode: vscode.ExtensionMode,
	env: NodeJS.ProcessEnv,
	credentials: CredentialStore,
	logger: Logger,
): Promise<Profile | undefined> {
	const url = env[DEV_SIGN_IN_URL_ENV];
	const code = env[DEV_SIGN_IN_CODE_ENV];
	if (mode !== vscode.ExtensionMode.Development || !url || !code) {
		return undefined;
	}
	try {
		const active = await credentials.activeProfile();
		if (active && active.spaceUrl === loopbackBaseUrl(url) && (await credentials.credentials(active))) {
			return active;
		}
		const profile = await signInWithCode(credentials, logger, url, code);
		void vscode.window.showInformationMessage(
			vscode.l10n.t(
				'Signed in to the local server {0} (development mode, one-time code from npm start).',
				profileLabel(profile),
			),
		);
		return profile;
	} catch (error) {
		const message = errorText(error);
		logger.warn(`Development sign-in failed: ${message}`);
		void vscode.window.showWarningMessage(message);
		return undefined;
	}
}
