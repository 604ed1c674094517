import * as vscode from 'vscode';
import type { Credentials } from '../core/types';
import { Disposable } from '../util/disposable';
import { parseProfiles, profileId, type Profile } from './profile';

/** Typed keys of everything this extension keeps in SecretStorage. */
const SecretKeys = {
	profiles: 'signalwire.profiles',
	token: (id: string) => `signalwire.token:${id}`,
} as const;

const ACTIVE_PROFILE_KEY = 'signalwire.activeProfileId';

/**
 * Signed-in Spaces. The profile list and every token live only in `context.secrets`; the active
 * profile id (not secret) in global state. Other windows' sign-ins and sign-outs arrive through
 * `secrets.onDidChange`. Nothing here reads settings: a workspace cannot redirect a token.
 */
export class CredentialStore extends Disposable {
	private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
	/** Fires when profiles are added or removed (in this or another window) or the active one changes. */
	readonly onDidChange = this._onDidChange.event;

	private profilesCache: Profile[] | undefined;

	constructor(
		private readonly secrets: vscode.SecretStorage,
		private readonly globalState: vscode.Memento,
	) {
		super();
		this.register(
			secrets.onDidChange((event) => {
				if (event.key === SecretKeys.profiles || event.key.startsWith('signalwire.token:')) {
					this.profilesCache = undefined;
					this._onDidChange.fire();
				}
			}),
		);
	}

	async profiles(): Promise<Profile[]> {
		if (!this.profilesCache) {
			this.profilesCache = parseProfiles(await this.secrets.get(SecretKeys.profiles));
		}
		return this.profilesCache;
	}

	/** The active profile: the chosen one if still signed in, else the first. */
	async activeProfile(): Promise<Profile | undefined> {
		const profiles = await this.profiles();
		const activeId = this.globalState.get<string>(ACTIVE_PROFILE_KEY);
		return profiles.find((p) => p.id === activeId) ?? profiles[0];
	}

	async setActive(profile: Profile): Promise<void> {
		await this.globalState.update(ACTIVE_PROFILE_KEY, profile.id);
		this._onDidChange.fire();
	}

	/** Credentials for a profile, or undefined when its token is gone (signed out elsewhere). */
	async credentials(profile: Profile): Promise<Credentials | undefined> {
		const token = await this.secrets.get(SecretKeys.token(profile.id));
		return token ? { space: profile.spaceUrl, projectId: profile.projectId, token } : undefined;
	}

	/** Saves (or replaces) a profile and its token and makes it active. */
	async save(spaceUrl: string, projectId: string, token: string): Promise<Profile> {
		const profile: Profile = { id: profileId(spaceUrl, projectId), spaceUrl, projectId: projectId.toLowerCase() };
		await this.secrets.store(SecretKeys.token(profile.id), token);
		const profiles = (await this.profiles()).filter((p) => p.id !== profile.id);
		profiles.push(profile);
		await this.writeProfiles(profiles);
		await this.setActive(profile);
		return profile;
	}

	async remove(profile: Profile): Promise<void> {
		await this.secrets.delete(SecretKeys.token(profile.id));
		await this.writeProfiles((await this.profiles()).filter((p) => p.id !== profile.id));
		this._onDidChange.fire();
	}

	private async writeProfiles(profiles: Profile[]): Promise<void> {
		this.profilesCache = profiles;
		await this.secrets.store(SecretKeys.profiles, JSON.stringify(profiles));
	}
}
