import * as vscode from 'vscode';
import type { ThreadKey } from '../../core/conversations';
import type { Services } from '../../services';

/**
 * `signalwire.openConversation`: opens the panel of a thread, from a Conversations row or
 * `{ ownNumber, otherParty }` (in the active Space unless a row names its own); without an
 * argument, asks which thread. Rejects for an argument that names no number.
 */
export async function openConversation(services: Services, argument?: unknown): Promise<void> {
	await services.replies.ready();
	let key: ThreadKey | undefined;
	if (argument !== undefined) {
		const value = (typeof argument === 'object' && argument !== null ? argument : {}) as Record<string, unknown>;
		if (
			typeof value.ownNumber !== 'string' ||
			typeof value.otherParty !== 'string' ||
			value.ownNumber === '' ||
			value.otherParty === ''
		) {
			throw new Error(
				vscode.l10n.t('openConversation needs {0}.', '{ ownNumber: "+1555…", otherParty: "+1555…" }'),
			);
		}
		const profileId =
			typeof value.profileId === 'string' ? value.profileId : (await services.credentials.activeProfile())?.id;
		if (!profileId) {
			throw new Error(vscode.l10n.t('Sign in to a SignalWire Space first.'));
		}
		key = { profileId, ownNumber: value.ownNumber, otherParty: value.otherParty };
	} else {
		const threads = services.replies.threads();
		if (threads.length === 0) {
			void vscode.window.showInformationMessage(
				vscode.l10n.t("No conversations yet: send a message, or import the Space's messages."),
			);
			return;
		}
		const picked = await vscode.window.showQuickPick(
			threads.map((thread) => ({
				label: thread.otherParty,
				description:
					thread.unread > 0
						? vscode.l10n.t('{0} new · {1}', thread.unread, thread.lastSnippet)
						: thread.lastSnippet,
				detail: vscode.l10n.t('on {0}', thread.ownNumber),
				thread,
			})),
			{ placeHolder: vscode.l10n.t('Open which conversation?'), matchOnDescription: true },
		);
		if (!picked) {
			return;
		}
		key = {
			profileId: picked.thread.profileId,
			ownNumber: picked.thread.ownNumber,
			otherParty: picked.thread.otherParty,
		};
	}
	await services.replies.openConversation?.(key);
}
