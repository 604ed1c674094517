import type { CommandId, TestingCommandId } from '../contributions';
import type { Services } from '../services';
import { composeMessage } from './composeMessage';
import { clearHistory } from './history/clear';
import { copyAsCurl } from './history/copyAsCurl';
import { copySid } from './history/copySid';
import { deleteEntries } from './history/delete';
import { editAndResend } from './history/editAndResend';
import { exportHistory } from './history/export';
import { filterBySpace } from './history/filterBySpace';
import { openJson } from './history/openJson';
import { refreshHistory } from './history/refresh';
import { refreshStatus } from './history/refreshStatus';
import { resend } from './history/resend';
import { importFromSpace } from './replies/importFromSpace';
import { listConversations } from './replies/listConversations';
import { deleteAtSignalWire, redactAtSignalWire, showMedia } from './replies/messageCommands';
import { openConversation } from './replies/openConversation';
import { saveConversationAsTest } from './replies/saveConversationAsTest';
import { sendMessage } from './sendMessage';
import { showOutput } from './showOutput';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { switchSpace } from './switchSpace';
import { showListenerMenu } from './webhooks/listenerMenu';
import { listWebhookRequests } from './webhooks/listRequests';
import { clearWebhookRequests, copyWebhookAsCurl, openWebhookRequest } from './webhooks/requestCommands';
import { routeInboundSms } from './webhooks/routeInboundSms';
import { clearSigningKey, setSigningKey } from './webhooks/signingKey';
import { startWebhookListener } from './webhooks/startListener';
import { stopWebhookListener } from './webhooks/stopListener';

type CommandHandler = (services: Services, ...args: unknown[]) => unknown;

export type { CommandId };

/** The commands whose code is in dist/features.js: all but the conversation tests' (./testing/registry.ts). */
export type FeatureCommandId = Exclude<CommandId, TestingCommandId>;

/**
 * Every command of the extension, by id: with ./testing/registry.ts, exactly the ids of COMMAND_IDS
 * (src/contributions.ts), which activation registers and package.json contributes (a test checks both ways).
 */
export const COMMANDS: Readonly<Record<FeatureCommandId, CommandHandler>> = {
	'signalwire.signIn': (services, argument) => signIn(services, argument),
	'signalwire.signOut': (services, argument) => signOut(services, argument),
	'signalwire.switchSpace': (services, argument) => switchSpace(services, argument),
	'signalwire.sendMessage': (services, argument) => sendMessage(services, argument),
	'signalwire.composeMessage': (services, argument) => composeMessage(services, argument),
	'signalwire.showOutput': (services) => showOutput(services),
	'signalwire.history.refresh': (services) => refreshHistory(services),
	'signalwire.history.refreshStatus': (services, argument) => refreshStatus(services, argument),
	'signalwire.history.resend': (services, argument) => resend(services, argument),
	'signalwire.history.editAndResend': (services, argument) => editAndResend(services, argument),
	'signalwire.history.copySid': (services, argument) => copySid(services, argument),
	'signalwire.history.copyAsCurl': (services, argument) => copyAsCurl(services, argument),
	'signalwire.history.openJson': (services, argument) => openJson(services, argument),
	'signalwire.history.delete': (services, argument, selection) => deleteEntries(services, argument, selection),
	'signalwire.history.clear': (services, argument) => clearHistory(services, argument),
	'signalwire.history.filterBySpace': (services, argument) => filterBySpace(services, argument),
	'signalwire.history.export': (services, argument) => exportHistory(services, argument),
	'signalwire.startWebhookListener': (services, argument) => startWebhookListener(services, argument),
	'signalwire.stopWebhookListener': (services) => stopWebhookListener(services),
	'signalwire.listWebhookRequests': (services) => listWebhookRequests(services),
	'signalwire.setSigningKey': (services, argument) => setSigningKey(services, argument),
	'signalwire.clearSigningKey': (services) => clearSigningKey(services),
	'signalwire.routeInboundSms': (services, argument) => routeInboundSms(services, argument),
	'signalwire.webhooks.openRequest': (services, argument) => openWebhookRequest(services, argument),
	'signalwire.webhooks.copyAsCurl': (services, argument) => copyWebhookAsCurl(services, argument),
	'signalwire.webhooks.clear': (services) => clearWebhookRequests(services),
	'signalwire.webhooks.listenerMenu': (services) => showListenerMenu(services),
	'signalwire.importFromSpace': (services, argument) => importFromSpace(services, argument),
	'signalwire.listConversations': (services) => listConversations(services),
	'signalwire.openConversation': (services, argument) => openConversation(services, argument),
	'signalwire.deleteAtSignalWire': (services, argument) => deleteAtSignalWire(services, argument),
	'signalwire.redactAtSignalWire': (services, argument) => redactAtSignalWire(services, argument),
	'signalwire.showMedia': (services, argument) => showMedia(services, argument),
	'signalwire.saveConversationAsTest': (services, argument) => saveConversationAsTest(services, argument),
};
