import * as l10n from '@vscode/l10n';
import type { Disposable } from 'vscode';
import { NotSignedInError } from '../errors/notSignedIn';
import { readSettings } from '../config';
import { SignalWireClient } from '../signalwire';
import type { Logger } from '../util/logger';
import type { CredentialStore } from './credentialStore';
import type { Profile } from './profile';

declare const EXTENSION_VERSION: string;

/** The User-Agent of every request: names this (unofficial) extension and its version. */
const VERSION = typeof EXTENSION_VERSION === 'string' ? EXTENSION_VERSION : 'dev';
export const USER_AGENT = `signalwire-messaging-sandbox/${VERSION} (unofficial VS Code extension)`;

/**
 * Builds API clients for profiles, with the timeout of the settings. A client is reused while its
 * Space, Project ID, token and timeout stay the same (building one costs about 0.1 ms a send);
 * any sign-in or sign-out, here or in another window, drops them all.
 */
export class ClientProvider implements Disposable {
	private readonly cache = new Map<string, { key: string; client: SignalWireClient }>();
	private readonly subscription: Disposable;

	constructor(
		private readonly credentials: CredentialStore,
		private readonly logger: Logger,
	) {
		this.subscription = credentials.onDidChange(() => this.cache.clear());
	}

	dispose(): void {
		this.subscription.dispose();
		this.cache.clear();
	}

	async clientFor(profile: Profile): Promise<SignalWireClient> {
		const credentials = await this.credentials.credentials(profile);
		if (!credentials) {
			throw new NotSignedInError(
				l10n.t('The token for {0} is gone (signed out in another window?). Sign in again.', profile.spaceUrl),
			);
		}
		const { timeoutMs } = readSettings();
		const key = JSON.stringify([credentials.space, credentials.projectId, credentials.token, timeoutMs]);
		const cached = this.cache.get(profile.id);
		if (cached?.key === key) {
			return cached.client;
		}
		this.logger.addCredentials(credentials.projectId, credentials.token);
		const client = new SignalWireClient({ credentials, timeoutMs, userAgent: USER_AGENT });
		this.cache.set(profile.id, { key, client });
		return client;
	}
}
