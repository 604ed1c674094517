import type * as vscode from 'vscode';
import type { ClientProvider } from './credentials/clientProvider';
import type { CredentialStore } from './credentials/credentialStore';
import type { HistoryService } from './history/historyService';
import type { PhoneNumberDirectory } from './send/phoneNumberDirectory';
import type { MessageSender } from './send/messageSender';
import type { RecentNumbers } from './send/recents';
import type { ReplyService } from './replies/replyService';
import type { MessageDraft } from './core/draft';
import type { ThreadKey } from './core/conversations';
import type { Logger } from './util/logger';
import type { WebhookService } from './webhooks/webhookService';

/**
 * Everything commands need, built once in `activate()` and passed to each command.
 * Features that arrive later (history, compose) add their service here.
 */
export interface Services {
	readonly context: vscode.ExtensionContext;
	readonly logger: Logger;
	readonly credentials: CredentialStore;
	readonly clients: ClientProvider;
	readonly sender: MessageSender;
	readonly recents: RecentNumbers;
	readonly numbers: PhoneNumberDirectory;
	/** Every send, persisted, with its delivery status (the Messages view). Loads lazily. */
	readonly history: HistoryService;
	/** The webhook listener, its requests, Signing Keys and routed numbers. */
	readonly webhooks: WebhookService;
	/** Conversations: replies found by polling, imported messages, threads. Loads lazily. */
	readonly replies: ReplyService;
	/**
	 * Opens the compose form (or reveals the open one), pre-filled with `draft` when given; without
	 * one it keeps what the form holds. Resolves true if it opened.
	 */
	readonly openComposeForm: (draft?: MessageDraft) => Promise<boolean>;
	/** The thread of the conversation panel in front, if one is (for its title bar's commands). */
	readonly activeConversation: () => ThreadKey | undefined;
}
