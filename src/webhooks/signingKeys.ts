/**
 * The project Signing Key of each signed-in Space, in SecretStorage only (like the API token). The
 * listener serves the signed-in Spaces: it checks a request with the key of the Space whose Project
 * ID is the request's `AccountSid`, or of the active Space when it carries none; a request naming a
 * project that is no signed-in Space's is invalid (its claim cannot pick "no key"). Keys are read into memory so that a
 * request is checked without waiting; other windows' changes arrive through `secrets.onDidChange`.
 */
import * as vscode from 'vscode';
import type { CredentialStore } from '../credentials/credentialStore';
import type { Profile } from '../credentials/profile';
import { Disposable } from '../util/disposable';
import type { WebhookParams } from './signature';
import { param } from './requests';

const SIGNING_KEY_PREFIX = 'signalwire.signingKey:';
const signingKeyName = (profileId: string) => `${SIGNING_KEY_PREFIX}${profileId}`;

export class SigningKeyStore extends Disposable {
	/** Project ID (lower case) to key, for every signed-in Space that has one. */
	private byProject = new Map<string, string>();
	/** Project IDs (lower case) of every signed-in Space, with a key or not. */
	private projects = new Set<string>();
	private activeProjectId: string | undefined;
	private loading: Promise<void> | undefined;
	private readonly _onDidReload = this.register(new vscode.EventEmitter<void>());
	/** The keys were read again (one was set or cleared, a Space signed in or out). */
	readonly onDidReload = this._onDidReload.event;

	constructor(
		private readonly secrets: vscode.SecretStorage,
		private readonly credentials: CredentialStore,
		/** Told of every key read, so that it is masked wherever it could reach a log line. */
		private readonly onKey: (key: string) => void = () => undefined,
	) {
		super();
		this.register(
			secrets.onDidChange((event) => {
				if (event.key.startsWith(SIGNING_KEY_PREFIX)) {
					void this.reload();
				}
			}),
		);
		this.register(credentials.onDidChange(() => void this.reload()));
	}

	/** Reads every key into memory (again). */
	reload(): Promise<void> {
		this.loading = (async () => {
			const keys = new Map<string, string>();
			const projects = new Set<string>();
			for (const profile of await this.credentials.profiles()) {
				projects.add(profile.projectId.toLowerCase());
				const key = await this.secrets.get(signingKeyName(profile.id));
				if (key) {
					keys.set(profile.projectId.toLowerCase(), key);
					this.onKey(key);
				}
			}
			this.byProject = keys;
			this.projects = projects;
			this.activeProjectId = (await this.credentials.activeProfile())?.projectId.toLowerCase();
			this._onDidReload.fire();
		})();
		return this.loading;
	}

	ready(): Promise<void> {
		return this.loading ?? this.reload();
	}

	/** The key to check a request with: its AccountSid's Space, else the active Space. */
	keyFor(params: WebhookParams): string | undefined {
		const account = param(params, 'AccountSid')?.toLowerCase();
		return this.byProject.get(account ?? this.activeProjectId ?? '');
	}

	/** Whether `accountSid` is the Project ID of a signed-in Space. */
	isKnownProject(accountSid: string): boolean {
		return this.projects.has(accountSid.toLowerCase());
	}

	/** Whether any signed-in Space has a Signing Key: then only a valid signature may change anything. */
	get anyKey(): boolean {
		return this.byProject.size > 0;
	}

	async has(profile: Profile): Promise<boolean> {
		return (await this.secrets.get(signingKeyName(profile.id))) !== undefined;
	}

	async set(profile: Profile, key: string): Promise<void> {
		await this.secrets.store(signingKeyName(profile.id), key);
		await this.reload();
	}

	async clear(profile: Profile): Promise<void> {
		await this.secrets.delete(signingKeyName(profile.id));
		await this.reload();
	}
}

/** A Signing Key as SignalWire shows it: no spaces, at least 8 characters. Returns the rule broken, or undefined. */
export function checkSigningKey(key: string): string | undefined {
	if (!key.trim()) {
		return vscode.l10n.t('Signing Key is required: copy it from the API page of your SignalWire Space.');
	}
	if (/\s/.test(key.trim())) {
		return vscode.l10n.t('Signing Key must not contain spaces.');
	}
	if (key.trim().length < 8) {
		return vscode.l10n.t(
			'Signing Key must have at least 8 characters (copy the whole key from the API page of your Space).',
		);
	}
	return undefined;
}
