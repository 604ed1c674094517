/**
 * The Active Space run profile: the signed-in Space. Placeholder until the engine's Space target.
 */
import * as vscode from 'vscode';
import type { Target } from '../scenarios';
import type { RunTarget } from './runner';
import type { TestingCore } from './testingServices';

export class SpaceRunTarget implements RunTarget {
	readonly label = vscode.l10n.t('Active Space');

	constructor(private readonly core: TestingCore) {}

	async prepare(): Promise<Target | undefined> {
		const profile = await this.core.credentials.activeProfile();
		if (!profile) {
			throw new Error(vscode.l10n.t('Sign in to a SignalWire Space first.'));
		}
		throw new Error(vscode.l10n.t('Running against a Space is not available yet.'));
	}
}
