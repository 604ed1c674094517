import * as vscode from 'vscode';
import { isInbound, messageTime, type ThreadKey } from '../../core/conversations';
import type { Services } from '../../services';
import { hasCodes, orderForReplay, recordScenario, type RecordedMessage } from '../../testing/recordScenario';

/**
 * `signalwire.saveConversationAsTest`: writes a thread as a `.smstest` scenario (your messages as
 * `>` steps, the replies as `<` exact expectations; see src/testing/recordScenario.ts) and opens
 * it, so that the Test Explorer shows it at once. The thread comes from a Conversations row,
 * `{ ownNumber, otherParty, profileId? }`, the conversation panel in front, or a pick. With
 * `file` (a path or URI) it writes there without the save dialog; `captureDigits` (true/false)
 * answers the question about codes in replies. Resolves to the file's URI, or undefined if cancelled.
 */
export async function saveConversationAsTest(services: Services, argument?: unknown): Promise<vscode.Uri | undefined> {
	await services.replies.ready();
	const options = (typeof argument === 'object' && argument !== null ? argument : {}) as Record<string, unknown>;
	const key = (await threadOf(services, options)) ?? (await pickThread(services));
	if (!key) {
		return undefined;
	}
	const messages: RecordedMessage[] = orderForReplay(
		services.replies
			.messagesOf(key)
			.filter((known) => known.deletedAt === undefined)
			.map((known) => ({
				direction: isInbound(known.message) ? 'inbound' : 'outbound',
				body: known.message.body ?? '',
				mediaUrls: known.mediaUrls,
				numMedia: known.message.num_media,
				at: messageTime(known.message),
			})),
	);
	if (!messages.some((message) => message.direction === 'outbound')) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('This conversation has no message sent from {0}: a test starts with one.', key.ownNumber),
		);
		return undefined;
	}
	let captureDigits = typeof options.captureDigits === 'boolean' ? options.captureDigits : false;
	if (typeof options.captureDigits !== 'boolean' && hasCodes(messages)) {
		const capture = vscode.l10n.t('Capture as {0}', '${CODE}');
		const keep = vscode.l10n.t('Keep as Written');
		const answer = await vscode.window.showInformationMessage(
			vscode.l10n.t(
				'Replies hold numbers that may differ between runs (such as a one-time code). Match any digits there and save them for later steps?',
			),
			{ modal: true },
			capture,
			keep,
		);
		if (answer === undefined) {
			return undefined;
		}
		captureDigits = answer === capture;
	}
	const text = recordScenario({
		name: vscode.l10n.t('Conversation {0} ↔ {1}', key.ownNumber, key.otherParty),
		ownNumber: key.ownNumber,
		otherParty: key.otherParty,
		messages,
		captureDigits,
		comment: vscode.l10n.t('Recorded from a conversation in VS Code on {0}', new Date().toISOString().slice(0, 10)),
	});
	const target = targetOf(options.file) ?? (await askWhere(key));
	if (!target) {
		return undefined;
	}
	await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
	await vscode.window.showTextDocument(target, { preview: false });
	return target;
}

async function threadOf(services: Services, options: Record<string, unknown>): Promise<ThreadKey | undefined> {
	if (
		typeof options.ownNumber === 'string' &&
		typeof options.otherParty === 'string' &&
		options.ownNumber !== '' &&
		options.otherParty !== ''
	) {
		const profileId =
			typeof options.profileId === 'string'
				? options.profileId
				: (await services.credentials.activeProfile())?.id;
		if (!profileId) {
			throw new Error(vscode.l10n.t('Sign in to a SignalWire Space first.'));
		}
		return { profileId, ownNumber: options.ownNumber, otherParty: options.otherParty };
	}
	return services.activeConversation();
}

async function pickThread(services: Services): Promise<ThreadKey | undefined> {
	const threads = services.replies.threads();
	if (threads.length === 0) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t("No conversations yet: send a message, or import the Space's messages."),
		);
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(
		threads.map((thread) => ({
			label: thread.otherParty,
			description: thread.lastSnippet,
			detail: vscode.l10n.t('on {0}', thread.ownNumber),
			thread,
		})),
		{ placeHolder: vscode.l10n.t('Save which conversation as a test?'), matchOnDescription: true },
	);
	return (
		picked && {
			profileId: picked.thread.profileId,
			ownNumber: picked.thread.ownNumber,
			otherParty: picked.thread.otherParty,
		}
	);
}

function targetOf(file: unknown): vscode.Uri | undefined {
	if (typeof file !== 'string' || file === '') {
		return undefined;
	}
	return /^[a-z][\w+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)
		? vscode.Uri.parse(file)
		: vscode.Uri.file(file);
}

function askWhere(key: ThreadKey): Thenable<vscode.Uri | undefined> {
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	const name = `conversation-${key.otherParty.replace(/\D/g, '')}.smstest`;
	return vscode.window.showSaveDialog({
		defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
		filters: { [vscode.l10n.t('Conversation tests')]: ['smstest'] },
		saveLabel: vscode.l10n.t('Save Test'),
		title: vscode.l10n.t('Save Conversation as Test'),
	});
}
