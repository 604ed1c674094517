import * as vscode from 'vscode';
import { profileLabel } from '../../credentials/profile';
import { validateMessage } from '../../core/validation';
import { sentWith } from '../../history/entry';
import { resolveEntry } from '../../history/entryPicker';
import { UntrustedEntryError } from '../../history/entryRequests';
import { describeError } from '../../errors/presentation';
import { presentFailure } from '../../send/sendFlow';
import { MessageValidationError } from '../../send/validationError';
import type { Services } from '../../services';
import type { Message } from '../../core/types';
import { draftOf } from './editAndResend';

/**
 * `signalwire.history.resend`: sends the same fields again with the same Space and project, after
 * checking them like a new send and only when the signed-in profile of the entry's id has the
 * entry's Space and project (the history file is not trusted), after a confirmation (skipped with
 * `{ id, confirm: false }`). Resolves to the new Message.
 */
export async function resend(services: Services, argument?: unknown): Promise<Message | undefined> {
	const entry = await resolveEntry(
		services.history,
		argument,
		vscode.l10n.t('Resend which message?'),
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
	if (profile && !sentWith(entry, profile)) {
		// A damaged or edited history file: the request would go elsewhere than the entry says.
		services.logger.warn(`Resend: ${describeError(new UntrustedEntryError(entry))}`);
		void vscode.window.showErrorMessage(
			vscode.l10n.t(
				'This history entry names {0} (project {1}), which is not the Space and project signed in under its profile: it cannot be resent. Use Edit and Resend to send its fields with the active Space.',
				entry.profile.spaceUrl,
				entry.profile.projectId,
			),
		);
		return undefined;
	}
	if (!profile) {
		const signIn = vscode.l10n.t('Sign In');
		void vscode.window
			.showErrorMessage(
				vscode.l10n.t(
					'This message was sent with {0} (project {1}), which is not signed in. Sign in to it to resend.',
					entry.profile.spaceUrl,
					entry.profile.projectId,
				),
				signIn,
			)
			.then((choice) => (choice === signIn ? vscode.commands.executeCommand('signalwire.signIn') : undefined));
		return undefined;
	}
	// The stored fields are checked again like a new send's: the history file is not trusted.
	const draft = draftOf(entry.params);
	const validation = validateMessage(draft);
	if (!validation.ok) {
		const error = new MessageValidationError(validation.problems);
		services.logger.error(`Resend: ${error.message}`);
		presentFailure(services, draft, error);
		return undefined;
	}
	const params = validation.params;
	const confirm = !(
		typeof argument === 'object' &&
		argument !== null &&
		(argument as { confirm?: unknown }).confirm === false
	);
	if (confirm) {
		const action = vscode.l10n.t('Resend');
		const detail = [
			vscode.l10n.t('To: {0}', params.to),
			vscode.l10n.t('From: {0}', params.from ?? params.messagingServiceSid ?? ''),
			...(params.body
				? [vscode.l10n.t('Body: {0}', params.body.length > 200 ? `${params.body.slice(0, 199)}…` : params.body)]
				: []),
			...(params.mediaUrls?.length ? [vscode.l10n.t('Media: {0}', params.mediaUrls.length)] : []),
			vscode.l10n.t('Space: {0}', profileLabel(profile)),
		].join('\n');
		const choice = await vscode.window.showWarningMessage(
			vscode.l10n.t('Send this message again?'),
			{ modal: true, detail },
			action,
		);
		if (choice !== action) {
			return undefined;
		}
	}
	const { outcome, error } = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Sending message to {0}...', params.to) },
		() => services.sender.send(profile, params),
	);
	if (outcome.message) {
		if (params.from) {
			// The message has gone out: failing to remember the numbers must not hide that.
			void services.recents.remember(params.from, params.to).catch((error: unknown) => {
				services.logger.warn(`Resend: could not remember the recent numbers: ${describeError(error)}`);
			});
		}
		void vscode.window.showInformationMessage(
			vscode.l10n.t('Message {0}: SID {1}', outcome.message.status, outcome.message.sid),
		);
		return outcome.message;
	}
	services.logger.error(`Resend failed: ${describeError(error)}`);
	presentFailure(services, draft, error);
	return undefined;
}
