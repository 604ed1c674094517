import * as vscode from 'vscode';
import { profileLabel } from '../../credentials/profile';
import type { Services } from '../../services';
import { promptForSecret } from '../../util/secretInput';
import { checkSigningKey } from '../../webhooks/signingKeys';

/**
 * `signalwire.setSigningKey` `{ key }?`: stores the project's Signing Key for the active Space
 * (SecretStorage only); without an argument it asks in a password box. Resolves true when stored.
 */
export async function setSigningKey(services: Services, argument?: unknown): Promise<boolean> {
	const profile = await services.credentials.activeProfile();
	if (!profile) {
		const message = vscode.l10n.t('Sign in to a SignalWire Space first: the Signing Key belongs to a Space.');
		if (argument !== undefined) {
			throw new Error(message);
		}
		void vscode.window.showErrorMessage(message);
		return false;
	}
	let key: string | undefined;
	if (typeof argument === 'object' && argument !== null && typeof (argument as { key?: unknown }).key === 'string') {
		key = (argument as { key: string }).key;
		const problem = checkSigningKey(key);
		if (problem) {
			throw new Error(problem);
		}
	} else {
		key = await promptForSecret({
			title: vscode.l10n.t('Signing Key for {0}', profileLabel(profile)),
			prompt: vscode.l10n.t(
				'The Signing Key from the API page of your Space (not the API token). Webhook signatures are checked with it.',
			),
			validateInput: checkSigningKey,
		});
	}
	if (key === undefined) {
		return false;
	}
	await services.webhooks.signingKeys.set(profile, key.trim());
	const label = profileLabel(profile);
	void vscode.window.showInformationMessage(
		vscode.l10n.t('Signing Key saved for {0}; signatures are now checked.', label),
	);
	return true;
}

/** `signalwire.clearSigningKey`: forgets the active Space's Signing Key. Resolves true if there was one. */
export async function clearSigningKey(services: Services): Promise<boolean> {
	const profile = await services.credentials.activeProfile();
	if (!profile || !(await services.webhooks.signingKeys.has(profile))) {
		vscode.window.setStatusBarMessage(vscode.l10n.t('No Signing Key is set for the active Space'), 3000);
		return false;
	}
	await services.webhooks.signingKeys.clear(profile);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Signing Key cleared for {0}', profileLabel(profile)), 3000);
	return true;
}
