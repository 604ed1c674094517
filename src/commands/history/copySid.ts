import * as vscode from 'vscode';
import { resolveEntry } from '../../history/entryPicker';
import type { Services } from '../../services';

/** `signalwire.history.copySid`: copies the message SID to the clipboard and resolves to it. */
export async function copySid(services: Services, argument?: unknown): Promise<string | undefined> {
	const entry = await resolveEntry(
		services.history,
		argument,
		vscode.l10n.t('Copy the SID of which message?'),
		(e) => e.message !== undefined,
	);
	if (!entry) {
		return undefined;
	}
	const sid = entry.message?.sid;
	if (!sid) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('This send failed before SignalWire created a message: there is no SID.'),
		);
		return undefined;
	}
	await vscode.env.clipboard.writeText(sid);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied SID {0}', sid), 3000);
	return sid;
}
