import * as vscode from 'vscode';
import type { CredentialStore } from './credentialStore';
import { profileLabel, type Profile } from './profile';

/** Asks for one of the signed-in profiles; resolves to it directly when there is only one and `askWhenOne` is false. */
export async function pickProfile(
	store: CredentialStore,
	placeHolder: string,
	askWhenOne = false,
): Promise<Profile | undefined> {
	const profiles = await store.profiles();
	if (profiles.length === 0) {
		return undefined;
	}
	if (profiles.length === 1 && !askWhenOne) {
		return profiles[0];
	}
	const active = await store.activeProfile();
	const picked = await vscode.window.showQuickPick(
		profiles.map((profile) => ({
			label: profileLabel(profile),
			description: profile.id === active?.id ? vscode.l10n.t('active') : '',
			detail: `${profile.spaceUrl} · ${profile.projectId}`,
			profile,
		})),
		{ placeHolder, ignoreFocusOut: true },
	);
	return picked?.profile;
}

/** Finds a profile named by an argument `{ space?, projectId? }` or a profile id string. */
export async function findProfile(store: CredentialStore, argument: unknown): Promise<Profile | undefined> {
	const profiles = await store.profiles();
	if (typeof argument === 'string') {
		return profiles.find((p) => p.id === argument);
	}
	if (typeof argument === 'object' && argument !== null) {
		const { projectId, space } = argument as { projectId?: unknown; space?: unknown };
		return profiles.find(
			(p) =>
				(typeof projectId !== 'string' || p.projectId === projectId.toLowerCase()) &&
				(typeof space !== 'string' ||
					p.spaceUrl.includes(space.replace(/^https?:\/\//, '').replace(/\/$/, ''))),
		);
	}
	return undefined;
}
