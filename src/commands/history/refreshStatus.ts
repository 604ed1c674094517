import * as vscode from 'vscode';
import type { HistoryEntry } from '../../history/entry';
import { resolveEntry } from '../../history/entryPicker';
import { describeError } from '../../errors/presentation';
import type { Services } from '../../services';

/**
 * `signalwire.history.refreshStatus`: fetches the message's status now (and follows it again if it
 * is not final). Takes a tree item, an entry id or `{ id }`; asks otherwise. Resolves to the entry.
 */
export async function refreshStatus(services: Services, argument?: unknown): Promise<HistoryEntry | undefined> {
	const entry = await resolveEntry(
		services.history,
		argument,
		vscode.l10n.t('Refresh the status of which message?'),
		(e) => e.message !== undefined,
	);
	if (!entry) {
		return undefined;
	}
	if (!entry.message) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('This send failed before SignalWire created a message: there is no status to refresh.'),
		);
		return entry;
	}
	try {
		return await services.history.refreshStatus(entry.id);
	} catch (error) {
		services.logger.error(`Refreshing the status of ${entry.message.sid} failed: ${describeError(error)}`);
		void vscode.window.showErrorMessage(
			vscode.l10n.t('Could not refresh the status of {0}: {1}', entry.message.sid, describeError(error)),
		);
		return undefined;
	}
}
