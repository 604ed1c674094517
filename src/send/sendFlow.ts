import * as vscode from 'vscode';
import { readSettings } from '../config';
import { validateMessage } from '../core/validation';
import { NotSignedInError } from '../errors/notSignedIn';
import type { Profile } from '../credentials/profile';
import type { Services } from '../services';
import type { CreateMessageParams, Message } from '../core/types';
import type { MessageDraft } from '../core/draft';
import { isSignalWireApiError } from '../signalwire/errors';
import { isLoopbackHost } from '../signalwire/space';
import { describeError, moreInfoUrl } from '../errors/presentation';
import { draftFromArgument } from './sendArguments';
import { promptForMessage } from './sendPrompts';
import { MessageValidationError } from './validationError';

/**
 * The argument form: validates, sends with the active profile, resolves to the Message or
 * rejects with the typed error. Asks nothing; nothing is sent when validation fails.
 */
export async function sendFromArguments(services: Services, argument: unknown): Promise<Message> {
	const { draft, problems } = draftFromArgument(argument);
	const validation = validateMessage(draft);
	const allProblems = [...problems, ...(validation.ok ? [] : validation.problems)];
	if (allProblems.length > 0 || !validation.ok) {
		throw new MessageValidationError(allProblems);
	}
	const profile = await services.credentials.activeProfile();
	if (!profile) {
		throw new NotSignedInError();
	}
	const result = await sendWithProgress(services, profile, validation.params);
	if (result.error !== undefined || !result.message) {
		presentFailure(services, draft, result.error);
		throw result.error;
	}
	presentSuccess(services, result.message);
	return result.message;
}

/**
 * The guided flow: prompts (pre-filled with `draft`), validates, sends, and on failure offers
 * "Edit and Retry" with everything typed kept. Resolves to the Message, or undefined when the
 * user cancelled or the send failed (the failure has been shown).
 */
export async function sendInteractively(services: Services, draft: MessageDraft = {}): Promise<Message | undefined> {
	let profile = await services.credentials.activeProfile();
	if (!profile) {
		const choice = await vscode.window.showInformationMessage(
			vscode.l10n.t('Sign in to a SignalWire Space to send a message.'),
			vscode.l10n.t('Sign In'),
		);
		if (!choice) {
			return undefined;
		}
		await vscode.commands.executeCommand('signalwire.signIn');
		profile = await services.credentials.activeProfile();
		if (!profile) {
			return undefined;
		}
	}
	const settings = readSettings();
	const signedIn = profile;
	const prompted = await promptForMessage(
		{
			loadNumbers: () => services.numbers.messagingNumbers(signedIn),
			recentSenders: () => services.recents.senders(),
			routedNumbers: () => services.webhooks.routes.routedPhoneNumbers(signedIn),
			recentRecipients: () => services.recents.recipients(),
			defaultCountry: settings.defaultCountry,
			confirmBeforeSend: settings.confirmBeforeSend,
			openComposeForm: services.openComposeForm,
		},
		draft,
	);
	if (prompted.action !== 'send') {
		return undefined;
	}
	const validation = validateMessage(draft);
	if (!validation.ok) {
		const error = new MessageValidationError(validation.problems);
		presentFailure(services, draft, error);
		return undefined;
	}
	const result = await sendWithProgress(services, signedIn, validation.params);
	if (result.message) {
		presentSuccess(services, result.message);
		return result.message;
	}
	presentFailure(services, draft, result.error);
	return undefined;
}

async function sendWithProgress(
	services: Services,
	profile: Profile,
	params: CreateMessageParams,
): Promise<{ message?: Message; error?: unknown }> {
	// In the status bar, not as a notification: the workbench keeps a progress notification up for
	// at least 800 ms, so a send answered sooner left "Sending..." beside its own result.
	return vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Sending message to {0}...', params.to) },
		async () => {
			const { outcome, error } = await services.sender.send(profile, params);
			if (outcome.message) {
				await services.recents.remember(params.from, params.to);
				return { message: outcome.message };
			}
			return { error };
		},
	);
}

/** Not awaited: a notification resolves only when dismissed. */
function presentSuccess(services: Services, message: Message): void {
	const showDetails = vscode.l10n.t('Show Details');
	const copySid = vscode.l10n.t('Copy SID');
	void vscode.window
		.showInformationMessage(
			vscode.l10n.t('Message {0}: SID {1}', message.status, message.sid),
			showDetails,
			copySid,
		)
		.then(async (choice) => {
			if (choice === showDetails) {
				services.logger.show();
			} else if (choice === copySid) {
				await vscode.env.clipboard.writeText(message.sid);
			}
		});
}

/** What a failed send's notification says and offers (labels, in order). */
export interface FailureNotice {
	message: string;
	actions: Array<'editAndRetry' | 'openConversation' | 'moreInfo' | 'showDetails'>;
	/** 21610: the recipient opted out; only their START undoes it, so Edit and Retry would fail again. */
	optedOut: boolean;
}

/**
 * A failed send in words: for 21610 (the recipient opted out) how it is undone, with the local
 * server the command that injects the recipient's START, and Open Conversation instead of Edit and Retry.
 */
export async function failureNotice(services: Services, draft: MessageDraft, error: unknown): Promise<FailureNotice> {
	const plain = plainFailureNotice(error);
	if (!plain.optedOut) {
		return plain;
	}
	const profile = await services.credentials.activeProfile();
	const [to, from] = [draft.to ?? '', draft.from ?? ''];
	// The API's own words (with its code), then how it is undone: never "blocked" a second time.
	const parts = [plain.message, vscode.l10n.t('Only {0} can undo it, by texting START to {1}.', to, from)];
	if (profile && isLoopbackHost(new URL(profile.spaceUrl).hostname)) {
		const start = JSON.stringify({ from: to, to: from, body: 'START' });
		parts.push(
			vscode.l10n.t(
				"With the local server, send its START yourself: curl -X POST {0}/__sandbox/inbound -H 'X-Sandbox-Control: 1' -H 'content-type: application/json' -d '{1}'",
				profile.spaceUrl.replace(/\/+$/, ''),
				start,
			),
		);
	}
	return { ...plain, message: parts.join(' ') };
}

/** A failure as the API said it, with Edit and Retry; for 21610 Open Conversation instead. */
function plainFailureNotice(error: unknown): FailureNotice {
	const link = moreInfoUrl(error);
	const optedOut = isSignalWireApiError(error) && error.code === 21610;
	const first = optedOut ? 'openConversation' : 'editAndRetry';
	const actions: FailureNotice['actions'] = [first, ...(link ? (['moreInfo'] as const) : []), 'showDetails'];
	return { message: describeError(error), actions, optedOut };
}

/**
 * Shows the failure with "Edit and Retry" (the prompts again, pre-filled), or Open Conversation
 * for an opt-out, "More Info" and "Show Details".
 */
export function presentFailure(services: Services, draft: MessageDraft, error: unknown): void {
	const plain = plainFailureNotice(error);
	if (plain.optedOut) {
		void failureNotice(services, draft, error).then((notice) => showFailure(services, draft, error, notice));
	} else {
		showFailure(services, draft, error, plain);
	}
}

function showFailure(services: Services, draft: MessageDraft, error: unknown, notice: FailureNotice): void {
	const labels: Record<FailureNotice['actions'][number], string> = {
		editAndRetry: vscode.l10n.t('Edit and Retry'),
		openConversation: vscode.l10n.t('Open Conversation'),
		moreInfo: vscode.l10n.t('More Info'),
		showDetails: vscode.l10n.t('Show Details'),
	};
	const shown = vscode.window.showErrorMessage(notice.message, ...notice.actions.map((action) => labels[action]));
	void shown.then(async (choice) => {
		const picked = notice.actions.find((action) => labels[action] === choice);
		if (picked === 'editAndRetry') {
			await sendInteractively(services, draft);
		} else if (picked === 'openConversation') {
			await vscode.commands.executeCommand('signalwire.openConversation', {
				ownNumber: draft.from,
				otherParty: draft.to,
			});
		} else if (picked === 'moreInfo') {
			const link = moreInfoUrl(error);
			if (link) {
				await vscode.env.openExternal(vscode.Uri.parse(link));
			}
		} else if (picked === 'showDetails') {
			services.logger.show();
		}
	});
}
