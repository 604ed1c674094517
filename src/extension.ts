import * as vscode from 'vscode';
import { registerCommands } from './commands/registry';
import { ComposePanelManager, type ComposeTestHooks } from './compose/composePanel';
import { COMPOSE_VIEW_TYPE } from './compose/protocol';
import { ClientProvider } from './credentials/clientProvider';
import { CredentialStore } from './credentials/credentialStore';
import { SpaceStatusBarItem } from './credentials/statusBar';
import { registerHistoryDocuments } from './history/historyDocuments';
import { HistoryService } from './history/historyService';
import { createHistoryView } from './history/historyTreeProvider';
import { MessageSender } from './send/messageSender';
import { PhoneNumberDirectory } from './send/phoneNumberDirectory';
import { RecentNumbers } from './send/recents';
import type { Services } from './services';
import { Logger } from './util/logger';

/**
 * What `activate()` returns in test mode only (extensionTestsPath set), so the integration suite
 * can look inside. Other extensions get nothing: the services can reach the secret storage.
 */
export interface TestApi {
	services: Services;
	/** Drives the compose form as its webview would (src/compose/composePanel.ts). */
	compose: ComposeTestHooks;
	/** The Messages view's service: its provider, store and status follower. */
	history: HistoryService;
	/** Milliseconds spent in `activate()` (read by the benchmark, bench/host/). */
	activationMs: number;
}

/** Wires the extension up; does no I/O of its own (no network, no history load). */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
	const started = performance.now();
	const logger = new Logger();
	const credentials = new CredentialStore(context.secrets, context.globalState);
	const clients = new ClientProvider(credentials, logger);
	const sender = new MessageSender(clients, logger);
	// Constructed only: the file is read on first use (the view's root, or a send).
	const history = new HistoryService({ storageDir: context.globalStorageUri.fsPath, clients, logger });
	const services: Services = {
		context,
		logger,
		credentials,
		clients,
		sender,
		recents: new RecentNumbers(context.globalState),
		numbers: new PhoneNumberDirectory(clients),
		history,
	};
	const compose = new ComposePanelManager(services);
	services.openComposeForm = (draft) => compose.open(draft);
	context.subscriptions.push(logger, credentials, sender, new SpaceStatusBarItem(credentials), ...registerCommands(services));
	context.subscriptions.push(compose, vscode.window.registerWebviewPanelSerializer(COMPOSE_VIEW_TYPE, compose));
	context.subscriptions.push(history, sender.addListener(history), createHistoryView(history), registerHistoryDocuments(history));
	const activationMs = performance.now() - started;
	logger.debug(`activated in ${activationMs.toFixed(2)} ms`);
	return context.extensionMode === vscode.ExtensionMode.Test ? { services, history, activationMs, compose: compose.testHooks } : undefined;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
