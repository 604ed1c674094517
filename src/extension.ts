import * as vscode from 'vscode';
import { registerCommands } from './commands/registry';
import { ClientProvider } from './credentials/clientProvider';
import { CredentialStore } from './credentials/credentialStore';
import { SpaceStatusBarItem } from './credentials/statusBar';
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
}

/** Wires the extension up; does no I/O of its own (no network, no history load). */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
	const logger = new Logger();
	const credentials = new CredentialStore(context.secrets, context.globalState);
	const clients = new ClientProvider(credentials, logger);
	const sender = new MessageSender(clients, logger);
	const services: Services = {
		context,
		logger,
		credentials,
		clients,
		sender,
		recents: new RecentNumbers(context.globalState),
		numbers: new PhoneNumberDirectory(clients),
	};
	context.subscriptions.push(logger, credentials, sender, new SpaceStatusBarItem(credentials), ...registerCommands(services));
	return context.extensionMode === vscode.ExtensionMode.Test ? { services } : undefined;
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
