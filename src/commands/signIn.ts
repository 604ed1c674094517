import * as l10n from '@vscode/l10n';
import type { Profile } from '../credentials/profile';
import { SignInError, signInInteractively, verifyAndSave } from '../credentials/signIn';
import type { Services } from '../services';

/**
 * `signalwire.signIn`. With `{ space, projectId, token }` it asks nothing, validates with a real
 * API call, saves and resolves to the profile (or rejects with a SignInError). Without, it asks.
 */
export async function signIn(services: Services, argument?: unknown): Promise<Profile | undefined> {
	if (argument === undefined) {
		return signInInteractively(services);
	}
	if (typeof argument !== 'object' || argument === null) {
		throw new SignInError(l10n.t('The argument must be an object {0}.', '{ space, projectId, token }'), 'space');
	}
	const { space, projectId, token } = argument as Record<string, unknown>;
	return verifyAndSave(services, {
		space: typeof space === 'string' ? space : '',
		projectId: typeof projectId === 'string' ? projectId : '',
		token: typeof token === 'string' ? token : '',
	});
}
