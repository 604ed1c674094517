import * as vscode from 'vscode';
import { toCurlCommand } from '../../core/curl';
import { sentWith } from '../../history/entry';
import { resolveEntry } from '../../history/entryPicker';
import type { Services } from '../../services';

/**
 * `signalwire.history.copyAsCurl`: copies a bash command that sends the same message. It never
 * holds the token: it reads `$SIGNALWIRE_API_TOKEN`. Like Resend, it is made only for an entry of a
 * signed-in profile whose Space and project are the entry's (src/history/entryRequests.ts), with
 * that profile's host: the history file alone never names where the token is sent. Resolves to the command.
 */
export async function copyAsCurl(services: Services, argument?: unknown): Promise<string | undefined> {
	const entry = await resolveEntry(
		services.history,
		argument,
		vscode.l10n.t('Copy which message as curl?'),
		(e) => e.origin === undefined,
	);
	if (!entry) {
		return undefined;
	}
	if (entry.origin !== undefined) {
		// Read from the Space (imported, or a reply): its fields are for display, not a request to repeat.
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'This message was read from the Space, not sent from VS Code: it cannot be resent. Reply from its conversation instead.',
			),
		);
		return undefined;
	}
	const profile = (await services.credentials.profiles()).find((p) => p.id === entry.profile.id);
	if (!profile) {
		// Its host would come from the history file alone: no signed-in Space vouches for it.
		const signIn = vscode.l10n.t('Sign In');
		void vscode.window
			.showErrorMessage(
				vscode.l10n.t(
					'This message was sent with {0} (project {1}), which is not signed in: no curl command is made for it. Sign in to it first.',
					entry.profile.spaceUrl,
					entry.profile.projectId,
				),
				signIn,
			)
			.then((choice) => (choice === signIn ? vscode.commands.executeCommand('signalwire.signIn') : undefined));
		return undefined;
	}
	if (!sentWith(entry, profile)) {
		// The command would carry the user's token to a host that only the history file names.
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'This history entry names {0} (project {1}), which is not the Space and project signed in under its profile: no curl command is made for it.',
				entry.profile.spaceUrl,
				entry.profile.projectId,
			),
		);
		return undefined;
	}
	const command = toCurlCommand({ baseUrl: profile.spaceUrl, projectId: profile.projectId, params: entry.params });
	await vscode.env.clipboard.writeText(command);
	vscode.window.setStatusBarMessage(
		vscode.l10n.t('Copied a curl command (set SIGNALWIRE_API_TOKEN before running it)'),
		4000,
	);
	return command;
}
