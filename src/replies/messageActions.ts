/**
 * Delete at SignalWire, Redact Body at SignalWire and Show Media on one message, as the commands
 * and the conversation bubbles run them interactively: which message (an argument, a Messages
 * view item, or a quick pick), a modal confirmation, the request, and the outcome explained
 * (20009 "in progress", 50509 / 10000 for a redaction). The argument form asks nothing.
 */
import * as vscode from 'vscode';
import { isInbound, messageTime, snippetOf } from '../core/conversations';
import { entryIdOf } from '../history/entryPicker';
import { describeError } from '../errors/presentation';
import type { Services } from '../services';
import { isSignalWireApiError } from '../signalwire/errors';
import type { MediaItem } from '../signalwire/messageLog';
import type { ReplyService } from './replyService';

const PICK_LIMIT = 500;

/** The SID an argument names: `{ sid }`, a SID string, or a Messages view item (its entry's SID). */
export async function sidOfArgument(services: Services, argument: unknown): Promise<string | undefined> {
	if (typeof argument === 'object' && argument !== null && typeof (argument as { sid?: unknown }).sid === 'string') {
		return (argument as { sid: string }).sid;
	}
	const id = entryIdOf(argument);
	if (id === undefined) {
		return undefined;
	}
	await services.history.ready();
	return services.history.get(id)?.message?.sid ?? id;
}

/** Asks which known message (newest first). */
export async function pickMessage(
	replies: ReplyService,
	placeHolder: string,
	filter: (numMedia: number) => boolean = () => true,
): Promise<string | undefined> {
	await replies.ready();
	const messages = replies.model
		.all()
		.filter(
			(known) =>
				known.deletedAt === undefined &&
				filter(Math.max(known.message.num_media, known.mediaUrls?.length ?? 0)),
		)
		.sort((a, b) => messageTime(b.message) - messageTime(a.message))
		.slice(0, PICK_LIMIT);
	if (messages.length === 0) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('No messages yet: send one, or import the Space\'s messages with "Import from Space...".'),
		);
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(
		messages.map((known) => ({
			label: isInbound(known.message) ? `← ${known.message.from}` : `→ ${known.message.to}`,
			description: snippetOf(known, 60),
			detail: [
				known.message.status,
				new Date(messageTime(known.message)).toLocaleString(),
				known.message.sid,
			].join(' · '),
			sid: known.message.sid,
		})),
		{ placeHolder, matchOnDescription: true, matchOnDetail: true },
	);
	return picked?.sid;
}

/** Shows a failed request to SignalWire, in plain words (the code explained). */
function showFailure(services: Services, what: string, error: unknown): void {
	services.logger.error(`${what}: ${describeError(error)}`);
	const showDetails = vscode.l10n.t('Show Details');
	void vscode.window.showErrorMessage(`${what}: ${describeError(error)}`, showDetails).then((choice) => {
		if (choice === showDetails) {
			services.logger.show();
		}
	});
}

/** Confirms, deletes, reports. Resolves true when SignalWire deleted it. */
export async function deleteInteractively(services: Services, replies: ReplyService, sid: string): Promise<boolean> {
	const remove = vscode.l10n.t('Delete at SignalWire');
	const choice = await vscode.window.showWarningMessage(
		vscode.l10n.t('Delete message {0} at SignalWire?', sid),
		{
			modal: true,
			detail: vscode.l10n.t(
				"SignalWire removes the message from your Space's log. This cannot be undone. It stays here, marked as deleted.",
			),
		},
		remove,
	);
	if (choice !== remove) {
		return false;
	}
	try {
		await replies.deleteAtSignalWire(sid);
	} catch (error) {
		showFailure(services, vscode.l10n.t('Could not delete {0} at SignalWire', sid), error);
		return false;
	}
	void vscode.window.showInformationMessage(vscode.l10n.t('Message {0} was deleted at SignalWire.', sid));
	return true;
}

/** Confirms, redacts, reports. Resolves true when SignalWire redacted it. */
export async function redactInteractively(services: Services, replies: ReplyService, sid: string): Promise<boolean> {
	const redact = vscode.l10n.t('Redact Body');
	const choice = await vscode.window.showWarningMessage(
		vscode.l10n.t('Redact the body of message {0} at SignalWire?', sid),
		{
			modal: true,
			detail: vscode.l10n.t('SignalWire replaces the text with an empty body. This cannot be undone.'),
		},
		redact,
	);
	if (choice !== redact) {
		return false;
	}
	try {
		await replies.redactAtSignalWire(sid);
	} catch (error) {
		const inProgress = isSignalWireApiError(error) && error.code === 10000;
		showFailure(
			services,
			inProgress
				? vscode.l10n.t(
						'Could not redact {0}: it is still in progress (queued or sending); try again once it is sent',
						sid,
					)
				: vscode.l10n.t('Could not redact {0} at SignalWire', sid),
			error,
		);
		return false;
	}
	void vscode.window.showInformationMessage(vscode.l10n.t('The body of {0} was redacted at SignalWire.', sid));
	return true;
}

/** Lists the message's media; a chosen item can be opened, its URL copied, or deleted (confirmed). */
export async function showMediaInteractively(services: Services, replies: ReplyService, sid: string): Promise<void> {
	let media: MediaItem[];
	try {
		media = await vscode.window.withProgress(
			{
				location: vscode.ProgressLocation.Notification,
				title: vscode.l10n.t('Listing the media of {0}...', sid),
			},
			() => replies.listMedia(sid),
		);
	} catch (error) {
		showFailure(services, vscode.l10n.t('Could not list the media of {0}', sid), error);
		return;
	}
	if (media.length === 0) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Message {0} has no media at SignalWire.', sid));
		return;
	}
	const picked = await vscode.window.showQuickPick(
		media.map((item) => ({
			label: item.contentType || vscode.l10n.t('(unknown type)'),
			description: item.sid,
			detail: item.contentUrl,
			item,
		})),
		{ placeHolder: vscode.l10n.t('Media of {0}: pick one to open, copy or delete', sid) },
	);
	if (!picked) {
		return;
	}
	const open = vscode.l10n.t('Open');
	const copy = vscode.l10n.t('Copy URL');
	const remove = vscode.l10n.t('Delete Media Item...');
	const action = await vscode.window.showQuickPick([open, copy, remove], { placeHolder: picked.item.sid });
	if (action === open && picked.item.contentUrl) {
		await vscode.env.openExternal(vscode.Uri.parse(picked.item.contentUrl, true));
	} else if (action === copy) {
		await vscode.env.clipboard.writeText(picked.item.contentUrl);
	} else if (action === remove) {
		const confirm = vscode.l10n.t('Delete');
		const answer = await vscode.window.showWarningMessage(
			vscode.l10n.t('Delete media {0} of message {1} at SignalWire?', picked.item.sid, sid),
			{ modal: true },
			confirm,
		);
		if (answer !== confirm) {
			return;
		}
		try {
			await replies.deleteMedia(sid, picked.item.sid);
			void vscode.window.showInformationMessage(
				vscode.l10n.t('Media {0} was deleted at SignalWire.', picked.item.sid),
			);
		} catch (error) {
			showFailure(services, vscode.l10n.t('Could not delete media {0}', picked.item.sid), error);
		}
	}
}
