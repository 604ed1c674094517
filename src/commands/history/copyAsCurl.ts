import * as vscode from 'vscode';
import { toCurlCommand } from '../../core/curl';
import { resolveEntry } from '../../history/entryPicker';
import type { Services } from '../../services';

/**
 * `signalwire.history.copyAsCurl`: copies a bash command that sends the same message. It never
 * holds the token: it reads `$SIGNALWIRE_API_TOKEN`. Resolves to the command.
 */
export async function copyAsCurl(services: Services, argument?: unknown): Promise<string | undefined> {
	const entry = await resolveEntry(services.history, argument, vscode.l10n.t('Copy which message as curl?'));
	if (!entry) {
		return undefined;
	}
	const command = toCurlCommand({ baseUrl: entry.profile.spaceUrl, projectId: entry.profile.projectId, params: entry.params });
	await vscode.env.clipboard.writeText(command);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a curl command (set SIGNALWIRE_API_TOKEN before running it)'), 4000);
	return command;
}
