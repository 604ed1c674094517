import * as vscode from 'vscode';
import { resolveEntry } from '../../history/entryPicker';
import { sendInteractively } from '../../send/sendFlow';
import type { Services } from '../../services';
import type { CreateMessageParams, Message } from '../../core/types';
import type { MessageDraft } from '../../core/draft';

/** The request fields of a past send as a draft for the prompts (a copy). */
export function draftOf(params: CreateMessageParams): MessageDraft {
	return { ...params, ...(params.mediaUrls ? { mediaUrls: [...params.mediaUrls] } : {}) };
}

/**
 * `signalwire.history.editAndResend`: opens the send prompts pre-filled with the message's fields
 * (sent with the active Space). Resolves to the new Message, or undefined if cancelled.
 */
export async function editAndResend(services: Services, argument?: unknown): Promise<Message | undefined> {
	const entry = await resolveEntry(services.history, argument, vscode.l10n.t('Edit and resend which message?'));
	if (!entry) {
		return undefined;
	}
	return sendInteractively(services, draftOf(entry.params));
}
