import * as l10n from '@vscode/l10n';
import type { MessageField } from '../core/draft';

/** A problem with one field: a validation rule, or a wrong type in the command's argument. */
export interface InputProblem {
	field: MessageField;
	rule: string;
	message: string;
}

/**
 * Thrown (before any network call) when a message fails validation. `problems` names every
 * field and rule; `message` lists them in plain words.
 */
export class MessageValidationError extends Error {
	readonly kind = 'validation';

	constructor(readonly problems: readonly InputProblem[]) {
		super(l10n.t('The message was not sent: {0}', problems.map((p) => p.message).join(' ')));
		this.name = 'MessageValidationError';
	}
}

export function isMessageValidationError(error: unknown): error is MessageValidationError {
	return error instanceof MessageValidationError;
}
