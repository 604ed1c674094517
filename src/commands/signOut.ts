import * as vscode from 'vscode';
import { findProfile, pickProfile } from '../credentials/profilePicker';
import { profileLabel } from '../credentials/profile';
import type { Services } from '../services';

/** `signalwire.signOut`: forgets a profile and its token. Takes an optional `{ space?, projectId? }`. */
export async function signOut(services: Services, argument?: unknown): Promise<boolean> {
	const profile =
		argument !== undefined
			? await findProfile(services.credentials, argument)
			: await pickProfile(services.credentials, vscode.l10n.t('Sign out of which Space?'));
	if (!profile) {
		if (argument === undefined && (await services.credentials.profiles()).length === 0) {
			void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to any SignalWire Space.'));
		}
		return false;
	}
	await services.credentials.remove(profile);
	services.numbers.clear();
	services.logger.info(`Signed out of ${profile.spaceUrl} (project ${profile.projectId}).`);
	if (argument === undefined) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}.', profileLabel(profile)));
	}
	return true;
}
