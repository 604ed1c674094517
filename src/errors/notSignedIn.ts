/**
 * The one "not signed in" error: no profile is signed in, its token is gone (signed out in another
 * window), or a message or history entry names a Space that is not signed in. No `vscode` import.
 */
import * as l10n from '@vscode/l10n';

export class NotSignedInError extends Error {
	readonly kind = 'not-signed-in';
	constructor(
		message = l10n.t('You are not signed in to a SignalWire Space. Run "{0}" first.', 'SignalWire: Sign In...'),
	) {
		super(message);
		this.name = 'NotSignedInError';
	}
}

export function isNotSignedInError(error: unknown): error is NotSignedInError {
	return error instanceof NotSignedInError;
}
