import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import type { CredentialStore } from './credentialStore';
import { profileLabel, spaceName } from './profile';

/** Shows the active Space in the status bar; a click switches Space (or signs in). */
export class SpaceStatusBarItem extends Disposable {
	private readonly item = this.register(
		vscode.window.createStatusBarItem('signalwire.space', vscode.StatusBarAlignment.Left, 50),
	);

	constructor(private readonly credentials: CredentialStore) {
		super();
		this.item.name = vscode.l10n.t('SignalWire Space');
		this.register(credentials.onDidChange(() => void this.update()));
		void this.update();
	}

	async update(): Promise<void> {
		const profile = await this.credentials.activeProfile();
		if (this.isDisposed) {
			return;
		}
		if (profile) {
			this.item.text = `$(comment-discussion) ${spaceName(profile.spaceUrl)}`;
			this.item.tooltip = vscode.l10n.t('SignalWire Space: {0}. Click to switch.', profileLabel(profile));
			this.item.command = 'signalwire.switchSpace';
		} else {
			this.item.text = `$(comment-discussion) ${vscode.l10n.t('SignalWire: Sign In')}`;
			this.item.tooltip = vscode.l10n.t('Sign in to a SignalWire Space');
			this.item.command = 'signalwire.signIn';
		}
		this.item.show();
	}
}
