import { readSettings } from '../config';
import { SignalWireClient } from '../signalwire';
import type { Logger } from '../util/logger';
import type { CredentialStore } from './credentialStore';
import type { Profile } from './profile';

declare const EXTENSION_VERSION: string;

/** The User-Agent of every request: names this (unofficial) extension and its version. */
export const USER_AGENT = `signalwire-messaging-sandbox/${typeof EXTENSION_VERSION === 'string' ? EXTENSION_VERSION : 'dev'} (unofficial VS Code extension)`;

/** Error thrown when a profile's token is gone (signed out in another window). */
export class NotSignedInError extends Error {
	readonly kind = 'not-signed-in';
	constructor(message = 'You are not signed in to a SignalWire Space. Run "SignalWire: Sign In..." first.') {
		super(message);
		this.name = 'NotSignedInError';
	}
}

/** Builds API clients for profiles, with the timeout of the settings. */
export class ClientProvider {
	constructor(
		private readonly credentials: CredentialStore,
		private readonly logger: Logger,
	) {}

	async clientFor(profile: Profile): Promise<SignalWireClient> {
		const credentials = await this.credentials.credentials(profile);
		if (!credentials) {
			throw new NotSignedInError(`The token for ${profile.spaceUrl} is gone (signed out in another window?). Sign in again.`);
		}
		this.logger.addCredentials(credentials.projectId, credentials.token);
		return new SignalWireClient({ credentials, timeoutMs: readSettings().timeoutMs, userAgent: USER_AGENT });
	}
}
