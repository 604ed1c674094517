import * as vscode from 'vscode';
import { toCurlCommand } from '../../core/curl';
import { resolveEntry } from '../../history/entryPicker';
import type { Services } from '../../services';

/**
 * `signalwire.history.copyAsCurl`: copies a bash command that sends the same message. It never
 * holds the token: it reads `$SIGNALWIRE_API_TOKEN`; none is made for an entry whose Space is not
 * its signed-in profile's (src/history/entryRequests.ts). Resolves to the command.
 */
export async function copyAsCurl(services: Services, argument?: unknown): Promise<string | undefined> {
	const entry = await resolveEntry(services.history, argument, vscode.l10n.t('Copy which message as curl?'), (e) => e.origin === undefined);
	if (!entry) {
		return undefined;
	}
	if (entry.origin !== undefined) {
		// Read from the Space (imported, or a reply): its fields are for display, not a request to repeat.
		void vscode.window.showErrorMessage(vscode.l10n.t('This message was read from the Space, not sent from VS Code: it cannot be resent. Reply from its conversation instead.'));
		return undefined;
	}
	if (services.history.isUntrusted(entry)) {
		// The command would carry the user's token to a host that only the history file names.
		void vscode.window.showErrorMessage(
			vscode.l10n.t('This history entry names {0} (project {1}), which is not the Space and project signed in under its profile: no curl command is made for it.', entry.profile.spaceUrl, entry.profile.projectId),
		);
		return undefined;
	}
	const command = toCurlCommand({ baseUrl: entry.profile.spaceUrl, projectId: entry.profile.projectId, params: entry.params });
	await vscode.env.clipboard.writeText(command);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a curl command (set SIGNALWIRE_API_TOKEN before running it)'), 4000);
	return command;
}
