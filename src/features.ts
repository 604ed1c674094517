/**
 * Everything behind the commands, the Messages view, the compose form and the history documents,
 * built on first use. esbuild bundles this file on its own (dist/features.js): activation loads
 * only src/extension.ts, which registers the contributions and requires this bundle when one of
 * them is first used.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { FeatureCommandId } from './commands/registry';
import { UNFINISHED_FOLLOWING_KEY } from './contributions';
import { ComposePanelManager } from './compose/composePanel';
import { ClientProvider } from './credentials/clientProvider';
import type { CredentialStore } from './credentials/credentialStore';
import { HistoryDocumentProvider } from './history/historyDocuments';
import { HistoryService } from './history/historyService';
import { HistoryTreeProvider, describeHistoryView } from './history/historyTreeProvider';
import { MessageSender } from './send/messageSender';
import { PhoneNumberDirectory } from './send/phoneNumberDirectory';
import { RecentNumbers } from './send/recents';
import { ConversationPanelManager } from './replies/conversationPanel';
import { ConversationsTreeProvider, describeConversationsView } from './replies/conversationsTreeProvider';
import { ReplyService } from './replies/replyService';
import type { Services } from './services';
import type { TestHooks } from './testHooks';
import type { Logger } from './util/logger';
import { statusCallbacksToHistory } from './webhooks/historyCallbacks';
import { NumberRouter } from './webhooks/numberRoutes';
import { WebhookDocumentProvider } from './webhooks/webhookDocuments';
import { WebhookService } from './webhooks/webhookService';
import { describeWebhooksView, WebhookTreeProvider } from './webhooks/webhookTreeProvider';

/** What activation has built already and hands over. */
export interface ActivationCore {
	context: vscode.ExtensionContext;
	logger: Logger;
	credentials: CredentialStore;
	historyView: vscode.TreeView<unknown>;
	conversationsView: vscode.TreeView<unknown>;
	webhooksView: vscode.TreeView<unknown>;
}

export interface Features {
	services: Services;
	history: HistoryService;
	/** The Messages view's data (the view itself is created at activation). */
	historyTree: HistoryTreeProvider;
	compose: ComposePanelManager;
	documents: HistoryDocumentProvider;
	webhooks: WebhookService;
	webhookTree: WebhookTreeProvider;
	webhookDocuments: WebhookDocumentProvider;
	replies: ReplyService;
	conversations: ConversationPanelManager;
	conversationsProvider: ConversationsTreeProvider;
	runCommand(id: FeatureCommandId, args: unknown[]): unknown;
	/** Test builds in test mode only (src/testHooks.ts). */
	testHooks?: TestHooks;
}

export function createFeatures(core: ActivationCore): Features {
	const { context, logger, credentials, historyView, conversationsView, webhooksView } = core;
	configurePureModulesL10n();
	// The registry the services fill in: test builds in test mode only. The define inline, so that
	// the minifier sees `false &&` and drops it.
	const testHooks: TestHooks | undefined =
		(typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) &&
		context.extensionMode === vscode.ExtensionMode.Test
			? {}
			: undefined;
	const clients = new ClientProvider(credentials, logger);
	const sender = new MessageSender(clients, logger);
	const history = new HistoryService({
		storageDir: context.globalStorageUri.fsPath,
		clients,
		credentials,
		logger,
		...(testHooks ? { testHooks } : {}),
	});
	const historyTree = new HistoryTreeProvider(history);
	const router = new NumberRouter(context.globalState, context.secrets, credentials, clients, logger);
	const webhooks = new WebhookService(credentials, context.secrets, router, logger, context.globalState);
	// While the listener runs, a send without a StatusCallback gets the listener's (the form's box, else setting
	// signalwire.webhooks.addStatusCallback).
	sender.setParamsHook((profile, params, options) => {
		const statusCallback = params.statusCallback
			? undefined
			: webhooks.statusCallbackFor(profile, options.addStatusCallback);
		return statusCallback ? { ...params, statusCallback } : params;
	});
	const webhookTree = new WebhookTreeProvider(webhooks);
	const webhookDocuments = new WebhookDocumentProvider(webhooks);
	const replies = new ReplyService({
		storageDir: context.globalStorageUri.fsPath,
		credentials,
		clients,
		sender,
		history,
		logger,
		...(testHooks ? { testHooks } : {}),
	});
	const services: Services = {
		context,
		logger,
		credentials,
		clients,
		sender,
		recents: new RecentNumbers(context.globalState),
		numbers: new PhoneNumberDirectory(clients),
		history,
		webhooks,
		replies,
		// The form is built right below, from these services; this is called only after that.
		openComposeForm: (draft) => compose.open(draft),
		activeConversation: () => conversations.activeThread(),
	};
	const compose = new ComposePanelManager(services, testHooks);
	const documents = new HistoryDocumentProvider(history);
	const conversations = new ConversationPanelManager(services, replies, testHooks);
	const conversationsProvider = new ConversationsTreeProvider(replies);
	context.subscriptions.push(
		replies,
		conversations,
		conversationsProvider,
		describeConversationsView(conversationsView, replies),
	);
	context.subscriptions.push(
		clients,
		sender,
		history,
		historyTree,
		sender.addListener(history),
		compose,
		documents,
		describeHistoryView(historyView, history),
	);
	context.subscriptions.push(
		webhooks,
		webhookTree,
		webhooks.addStatusCallbackSink(statusCallbacksToHistory(history)),
		// A signed inbound message goes into its thread at once (no poll).
		webhooks.addInboundMessageSink({
			onInboundMessage: ({ message, accountSid, mediaUrls }) =>
				replies.receiveInbound(message, accountSid, mediaUrls),
		}),
		describeWebhooksView(webhooksView, webhooks),
	);
	// Tells the next start whether there is following to resume (read by activate()).
	context.subscriptions.push(
		history.onDidChange(() => {
			const unfinished = history.hasUnfinished;
			if (unfinished !== context.globalState.get<boolean>(UNFINISHED_FOLLOWING_KEY, false)) {
				void context.globalState.update(UNFINISHED_FOLLOWING_KEY, unfinished);
			}
		}),
	);
	return {
		services,
		history,
		historyTree,
		compose,
		documents,
		webhooks,
		webhookTree,
		webhookDocuments,
		replies,
		conversations,
		conversationsProvider,
		// The commands' own code on the first command (a chunk of its own in the production build: esbuild.js).
		runCommand: async (id, args) => (await import('./commands/registry')).COMMANDS[id](services, ...args),
		...(testHooks ? { testHooks } : {}),
	};
}

/**
 * Hands the pure modules (src/core, the parts of src/credentials without `vscode`) the strings
 * VS Code loaded for the display language, before any of them runs: they translate through
 * `@vscode/l10n`, which the extension host does not configure by itself. No bundle (English, or
 * no translation for the language) leaves the English source strings. Here, not in activate():
 * the pure modules run only behind the features, and dist/extension.js stays without the library.
 */
function configurePureModulesL10n(): void {
	const bundle = vscode.l10n.bundle;
	if (bundle) {
		l10n.config({ contents: bundle });
	}
}
