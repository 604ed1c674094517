/**
 * `signalwire.deleteAtSignalWire`, `signalwire.redactAtSignalWire` and `signalwire.showMedia`.
 * With `{ sid }` the first two ask nothing and resolve when SignalWire answered (rejecting with
 * its error); from a Messages view item or the palette they confirm first.
 */
import * as vscode from 'vscode';
import {
	deleteInteractively,
	pickMessage,
	redactInteractively,
	showMediaInteractively,
	sidOfArgument,
} from '../../replies/messageActions';
import type { Services } from '../../services';

function isApiArgument(argument: unknown): argument is { sid: string } {
	return (
		typeof argument === 'object' &&
		argument !== null &&
		typeof (argument as { sid?: unknown }).sid === 'string' &&
		(argument as { kind?: unknown }).kind === undefined
	);
}

export async function deleteAtSignalWire(services: Services, argument?: unknown): Promise<boolean> {
	if (isApiArgument(argument)) {
		await services.replies.deleteAtSignalWire(argument.sid);
		return true;
	}
	const sid =
		(await sidOfArgument(services, argument)) ??
		(await pickMessage(services.replies, vscode.l10n.t('Delete which message at SignalWire?')));
	return sid ? deleteInteractively(services, services.replies, sid) : false;
}

export async function redactAtSignalWire(services: Services, argument?: unknown): Promise<boolean> {
	if (isApiArgument(argument)) {
		await services.replies.redactAtSignalWire(argument.sid);
		return true;
	}
	const sid =
		(await sidOfArgument(services, argument)) ??
		(await pickMessage(services.replies, vscode.l10n.t('Redact the body of which message at SignalWire?')));
	return sid ? redactInteractively(services, services.replies, sid) : false;
}

export async function showMedia(services: Services, argument?: unknown): Promise<void> {
	const sid =
		(await sidOfArgument(services, argument)) ??
		(await pickMessage(services.replies, vscode.l10n.t('Show the media of which message?'), (media) => media > 0));
	if (sid) {
		await showMediaInteractively(services, services.replies, sid);
	}
}
