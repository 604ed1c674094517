import * as vscode from 'vscode';
import { findProfile } from '../credentials/profilePicker';
import { profileLabel, type Profile } from '../credentials/profile';
import type { Services } from '../services';

/** `signalwire.switchSpace`: chooses the active profile, or signs in to another Space. */
export async function switchSpace(services: Services, argument?: unknown): Promise<Profile | undefined> {
	if (argument !== undefined) {
		const profile = await findProfile(services.credentials, argument);
		if (profile) {
			await services.credentials.setActive(profile);
		}
		return profile;
	}
	const profiles = await services.credentials.profiles();
	const active = await services.credentials.activeProfile();
	type Item = vscode.QuickPickItem & { profile?: Profile };
	const items: Item[] = profiles.map((profile) => ({
		label: `${profile.id === active?.id ? '$(check) ' : ''}${profileLabel(profile)}`,
		detail: `${profile.spaceUrl} · ${profile.projectId}`,
		profile,
	}));
	items.push({ label: `$(sign-in) ${vscode.l10n.t('Sign in to another Space...')}` });
	const picked = await vscode.window.showQuickPick(items, {
		placeHolder: vscode.l10n.t('Switch to which SignalWire Space?'),
	});
	if (!picked) {
		return undefined;
	}
	if (!picked.profile) {
		return (await vscode.commands.executeCommand<Profile | undefined>('signalwire.signIn')) ?? undefined;
	}
	await services.credentials.setActive(picked.profile);
	return picked.profile;
}
