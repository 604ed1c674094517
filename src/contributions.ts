/**
 * The ids under which the extension contributes things (package.json `contributes`), in a module
 * of their own so that activation can register them without loading what lies behind them.
 */

/** Every command, as in package.json `contributes.commands` (a test checks both ways). */
export const COMMAND_IDS = [
	'signalwire.signIn',
	'signalwire.signOut',
	'signalwire.switchSpace',
	'signalwire.sendMessage',
	'signalwire.composeMessage',
	'signalwire.showOutput',
	'signalwire.history.refresh',
	'signalwire.history.refreshStatus',
	'signalwire.history.resend',
	'signalwire.history.editAndResend',
	'signalwire.history.copySid',
	'signalwire.history.copyAsCurl',
	'signalwire.history.openJson',
	'signalwire.history.delete',
	'signalwire.history.clear',
	'signalwire.history.filterBySpace',
	'signalwire.history.export',
	'signalwire.startWebhookListener',
	'signalwire.stopWebhookListener',
	'signalwire.listWebhookRequests',
	'signalwire.setSigningKey',
	'signalwire.clearSigningKey',
	'signalwire.routeInboundSms',
	'signalwire.webhooks.openRequest',
	'signalwire.webhooks.copyAsCurl',
	'signalwire.webhooks.clear',
	'signalwire.webhooks.listenerMenu',
	'signalwire.importFromSpace',
	'signalwire.listConversations',
	'signalwire.openConversation',
	'signalwire.deleteAtSignalWire',
	'signalwire.redactAtSignalWire',
	'signalwire.showMedia',
	'signalwire.saveConversationAsTest',
	'signalwire.tests.runScenario',
	'signalwire.tests.runScenarioAgainstSpace',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/**
 * The commands whose code is in the conversation tests' bundle (dist/testing.js, src/testing/)
 * rather than in dist/features.js: the CodeLens above each `scenario:`.
 */
export const TESTING_COMMAND_IDS = [
	'signalwire.tests.runScenario',
	'signalwire.tests.runScenarioAgainstSpace',
] as const satisfies readonly CommandId[];

export type TestingCommandId = (typeof TESTING_COMMAND_IDS)[number];

/** The language of `.smstest` conversation tests (package.json `contributes.languages`). */
export const SMSTEST_LANGUAGE_ID = 'smstest';

/** The Messages view. */
export const HISTORY_VIEW_ID = 'signalwire.history';

/** The Conversations view (threads of replies), beside the Messages view. */
export const CONVERSATIONS_VIEW_ID = 'signalwire.conversations';

/** Read-only JSON documents of history entries ("Open as JSON"). */
export const HISTORY_SCHEME = 'signalwire-history';

/**
 * Global state: whether messages were still being followed when the history last changed, so
 * that the next start resumes them without waiting for the Messages view to be shown.
 */
export const UNFINISHED_FOLLOWING_KEY = 'signalwire.history.unfinishedFollowing';

/** The compose form's webview panels (restored after a reload by the serializer). */
export const COMPOSE_VIEW_TYPE = 'signalwire.compose';

/** The Webhooks view (requests the webhook listener received). */
export const WEBHOOKS_VIEW_ID = 'signalwire.webhooks';

/** Read-only JSON documents of received webhook requests ("Open Request"). */
export const WEBHOOK_SCHEME = 'signalwire-webhook';

/**
 * Global state: the numbers whose SmsUrl/SmsMethod point at the listener, with what they were
 * before, until restored; a start after a crash restores them (read by activate()).
 */
export const WEBHOOK_ROUTES_KEY = 'signalwire.webhooks.routedNumbers';

/** Global state: the webhook listener's last port, reused by the next start when it is free. */
export const WEBHOOK_LAST_PORT_KEY = 'signalwire.webhooks.lastPort';
