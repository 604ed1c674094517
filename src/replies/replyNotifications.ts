import * as vscode from 'vscode';
import { snippetOf, threadId, threadKeyOf, type KnownMessage, type ThreadKey } from '../core/conversations';

/**
 * One notification per thread with new replies (its newest), with Open Conversation; none for a
 * thread the user is looking at. Not awaited: a notification resolves only when dismissed.
 */
export function notifyReplies(
	replies: readonly KnownMessage[],
	isVisible: (key: ThreadKey) => boolean,
	open: (key: ThreadKey) => unknown,
): void {
	const newest = new Map<string, { key: ThreadKey; known: KnownMessage }>();
	for (const known of replies) {
		const key = threadKeyOf(known.profileId, known.message);
		if (key && !isVisible(key)) {
			newest.set(threadId(key), { key, known });
		}
	}
	for (const { key, known } of newest.values()) {
		const openConversation = vscode.l10n.t('Open Conversation');
		void vscode.window
			.showInformationMessage(
				vscode.l10n.t('Reply from {0} to {1}: {2}', key.otherParty, key.ownNumber, snippetOf(known)),
				openConversation,
			)
			.then((choice) => (choice === openConversation ? open(key) : undefined));
	}
}
