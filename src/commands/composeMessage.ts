import * as vscode from 'vscode';
import { draftFromArgument } from '../send/sendArguments';
import type { Services } from '../services';
import { MAX_MEDIA_URLS } from '../core/types';
import type { MessageDraft } from '../core/draft';

/**
 * `signalwire.composeMessage`: opens the compose form (one at a time), pre-filled with an
 * optional MessageDraft `{ to?, from?, body?, mediaUrls?, ... }` (the send flow's "Attach media
 * URLs...", or another extension).
 * Fields of a wrong type are dropped (and logged); an argument without any draft field keeps
 * what the form holds. Resolves true when the form opened.
 */
export async function composeMessage(services: Services, argument?: unknown): Promise<boolean> {
	let draft: MessageDraft | undefined;
	if (argument !== undefined && argument !== null) {
		const read = draftFromArgument(argument);
		if (read.problems.length > 0) {
			services.logger.warn(
				`Compose Message: ignored parts of the argument: ${read.problems.map((p) => p.message).join(' ')}`,
			);
		}
		// An object with no draft field (a tree item, a Uri from a menu) keeps what the form holds.
		draft = Object.keys(read.draft).length > 0 ? read.draft : undefined;
		const media = draft?.mediaUrls ?? [];
		if (draft && media.length > MAX_MEDIA_URLS) {
			draft.mediaUrls = media.slice(0, MAX_MEDIA_URLS);
			void vscode.window.showWarningMessage(
				vscode.l10n.t(
					'The message had {0} media URLs; the form keeps the first {1}, the most a message can have.',
					media.length,
					MAX_MEDIA_URLS,
				),
			);
		}
	}
	return services.openComposeForm(draft);
}
