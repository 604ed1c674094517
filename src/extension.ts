import * as vscode from 'vscode';
import {
	COMMAND_IDS,
	TESTING_COMMAND_IDS,
	SMSTEST_LANGUAGE_ID,
	type CommandId,
	type TestingCommandId,
	COMPOSE_VIEW_TYPE,
	CONVERSATIONS_VIEW_ID,
	HISTORY_SCHEME,
	HISTORY_VIEW_ID,
	UNFINISHED_FOLLOWING_KEY,
	WEBHOOK_ROUTES_KEY,
	WEBHOOK_SCHEME,
	WEBHOOKS_VIEW_ID,
} from './contributions';
import { CredentialStore } from './credentials/credentialStore';
import type { Profile } from './credentials/profile';
import { SpaceStatusBarItem } from './credentials/statusBar';
import type { Features } from './features';
import type { HistoryService } from './history/historyService';
import type { HistoryTreeProvider } from './history/historyTreeProvider';
import type { ReplyService } from './replies/replyService';
import type { Services } from './services';
import type { Testing } from './testing';
import { completeTestHooks, type TestHooks } from './testHooks';
import type { WebhookService } from './webhooks/webhookService';
import { LazyTextDocumentContentProvider, LazyTreeDataProvider } from './util/lazy';
import { Logger } from './util/logger';

/**
 * What `activate()` returns in test mode only (extensionTestsPath set), so the integration suite
 * can look inside. Other extensions get nothing: the services can reach the secret storage.
 * Reading `services`, `compose` or `history` loads the features, as a first command would.
 */
export interface TestApi {
	readonly services: Services;
	/** The Messages view's service: its store and status follower. */
	readonly history: HistoryService;
	/** The Messages view's tree data. */
	readonly historyTree: HistoryTreeProvider;
	/** The webhook listener, its session log, Signing Keys and routed numbers. */
	readonly webhooks: WebhookService;
	/** The Conversations view's service: threads, polling, import. */
	readonly replies: ReplyService;
	/**
	 * Every test hook (src/testHooks.ts): the compose form and the conversation panels driven as
	 * their webviews would, status following's timing and the journal, reply polling's timing and
	 * scheduler. Only in a build with test hooks (not --production).
	 */
	readonly hooks: Required<TestHooks>;
	/** The Conversations view's badge (unread replies), as the workbench shows it. */
	readonly conversationsBadge: number | undefined;
	/** The Webhooks view's message (e.g. that callbacks are unverified), as the workbench shows it. */
	readonly webhooksViewMessage: string | undefined;
	/** Milliseconds spent in `activate()` (read by the benchmark, bench/host/). */
	readonly activationMs: number;
	/** Whether the features bundle has been loaded (by a command, the view, or a getter above). */
	readonly featuresLoaded: boolean;
	/** Whether the conversation tests' bundle has been loaded (a `.smstest` file in the workspace or opened). */
	readonly testingLoaded: boolean;
	/** The conversation tests: the test controller and what drives it (loads that bundle). */
	readonly testing: Testing;
	/**
	 * What activation does with npm start's one-time sign-in code (src/credentials/devSignIn.ts),
	 * for a given extension mode and environment: activation passes its own.
	 */
	devSignIn(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv): Promise<Profile | undefined>;
}

/** Set while the features are loaded: what `deactivate()` waits for. */
let flushOnDeactivate: (() => Promise<void>) | undefined;

/** After a start, how long to wait before resuming the following of messages left unfinished. */
const RESUME_FOLLOWING_DELAY_MS = 3000;

/**
 * Wires the extension up and does nothing else: no network, no history load, and not even the
 * code behind the commands and views. That is in dist/features.js (src/features.ts), required
 * on first use: a command, the Messages view shown, a compose form or a history document restored.
 * One exception, after the wiring: if the last session left messages being followed, their
 * following resumes a few seconds after start (the history loads then).
 */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
	const started = performance.now();
	const logger = new Logger();
	const credentials = new CredentialStore(context.secrets, context.globalState);
	const historyProvider = new LazyTreeDataProvider<unknown>(
		() => features().historyTree as vscode.TreeDataProvider<unknown>,
	);
	const historyView = vscode.window.createTreeView(HISTORY_VIEW_ID, {
		treeDataProvider: historyProvider,
		showCollapseAll: true,
		canSelectMany: true,
	});
	const conversationsProvider = new LazyTreeDataProvider<unknown>(
		() => features().conversationsProvider as vscode.TreeDataProvider<unknown>,
	);
	const conversationsView = vscode.window.createTreeView(CONVERSATIONS_VIEW_ID, {
		treeDataProvider: conversationsProvider,
	});
	const webhookProvider = new LazyTreeDataProvider<unknown>(
		() => features().webhookTree as vscode.TreeDataProvider<unknown>,
	);
	const webhooksView = vscode.window.createTreeView(WEBHOOKS_VIEW_ID, { treeDataProvider: webhookProvider });

	let loaded: Features | undefined;
	const features = (): Features => {
		if (!loaded) {
			const loadStarted = performance.now();
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
			const { createFeatures } = require('./features') as typeof import('./features');
			loaded = createFeatures({ context, logger, credentials, historyView, conversationsView, webhooksView });
			const { history, webhooks, replies } = loaded;
			flushOnDeactivate = async () => {
				await Promise.all([history.flush(), webhooks.shutdown(), replies.flush()]);
			};
			logger.debug(`features loaded in ${(performance.now() - loadStarted).toFixed(1)} ms`);
		}
		return loaded;
	};

	// The conversation tests (dist/testing.js) load once the workspace holds a .smstest file or one is opened.
	let testingLoaded: Testing | undefined;
	const testing = (): Testing => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
		testingLoaded ??= (require('./testing') as typeof import('./testing')).createTesting({
			context,
			logger,
			credentials,
			services: () => features().services,
		});
		return testingLoaded;
	};
	const isTest = (document: vscode.TextDocument) => document.languageId === SMSTEST_LANGUAGE_ID;
	const opened = vscode.workspace.onDidOpenTextDocument((document) => isTest(document) && testing());
	if (vscode.workspace.textDocuments.some(isTest)) {
		testing();
	} else {
		void vscode.workspace
			.findFiles('**/*.smstest', '**/node_modules/**', 1)
			.then((found) => found.length > 0 && testing());
	}
	const isTestingCommand = (id: CommandId): id is TestingCommandId =>
		(TESTING_COMMAND_IDS as readonly string[]).includes(id);

	context.subscriptions.push(
		opened,
		logger,
		credentials,
		new SpaceStatusBarItem(credentials),
		historyProvider,
		historyView,
		conversationsProvider,
		conversationsView,
		...COMMAND_IDS.map((id) =>
			vscode.commands.registerCommand(id, (...args: unknown[]) =>
				isTestingCommand(id) ? testing().runCommand(id, args) : features().runCommand(id, args),
			),
		),
		vscode.window.registerWebviewPanelSerializer(COMPOSE_VIEW_TYPE, {
			deserializeWebviewPanel: (panel, state) => features().compose.deserializeWebviewPanel(panel, state),
		}),
	);
	const documents = new LazyTextDocumentContentProvider(() => features().documents);
	context.subscriptions.push(
		documents,
		vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, documents),
	);
	const webhookDocuments = new LazyTextDocumentContentProvider(() => features().webhookDocuments);
	context.subscriptions.push(
		webhookProvider,
		webhooksView,
		webhookDocuments,
		vscode.workspace.registerTextDocumentContentProvider(WEBHOOK_SCHEME, webhookDocuments),
	);

	// `npm start` signs the development host in to its local server with a one-time code. The code
	// for it is a bundle of its own (dist/devSignIn.js), loaded in development mode only and not shipped.
	const devSignIn = (mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv): Promise<Profile | undefined> => {
		type DevSignIn = typeof import('./credentials/devSignIn');
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, development mode only
		const { signInFromDevelopmentEnvironment } = require('./credentials/devSignIn') as DevSignIn;
		return signInFromDevelopmentEnvironment(mode, env, credentials, logger);
	};
	if (context.extensionMode === vscode.ExtensionMode.Development) {
		void devSignIn(context.extensionMode, process.env);
	}

	// VS Code ended while numbers pointed at the webhook listener: point them back.
	if (context.globalState.get<unknown>(WEBHOOK_ROUTES_KEY) !== undefined) {
		const restore = setTimeout(() => void features().webhooks.routes.restoreOrphaned(), RESUME_FOLLOWING_DELAY_MS);
		context.subscriptions.push({ dispose: () => clearTimeout(restore) });
	}
	if (context.globalState.get<boolean>(UNFINISHED_FOLLOWING_KEY, false)) {
		const resume = setTimeout(() => void features().history.ready(), RESUME_FOLLOWING_DELAY_MS);
		context.subscriptions.push({ dispose: () => clearTimeout(resume) });
	}

	const activationMs = performance.now() - started;
	logger.debug(`activated in ${activationMs.toFixed(2)} ms`);
	if (context.extensionMode !== vscode.ExtensionMode.Test) {
		return undefined;
	}
	const testHooks = (): Required<TestHooks> => {
		if (typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) {
			return completeTestHooks(features().testHooks);
		}
		throw new Error('No test hooks in this build');
	};
	return {
		get services() {
			return features().services;
		},
		get history() {
			return features().history;
		},
		get historyTree() {
			return features().historyTree;
		},
		get webhooks() {
			return features().webhooks;
		},
		get replies() {
			return features().replies;
		},
		get hooks() {
			return testHooks();
		},
		get webhooksViewMessage() {
			return webhooksView.message;
		},
		get conversationsBadge() {
			return conversationsView.badge?.value;
		},
		activationMs,
		get featuresLoaded() {
			return loaded !== undefined;
		},
		get testingLoaded() {
			return testingLoaded !== undefined;
		},
		get testing() {
			return testing();
		},
		devSignIn,
	};
}

/** Everything is disposed through context.subscriptions; history lines still being written are awaited. */
export function deactivate(): Promise<void> | undefined {
	const flush = flushOnDeactivate;
	flushOnDeactivate = undefined;
	return flush?.();
}

/**
 * src/core/secrets.ts, which this bundle holds for the logger, shared with the bundles loaded
 * later: in production they require it from here instead of carrying a copy (esbuild.js,
 * sharedWithActivationPlugin). Not an API: VS Code reads only `activate` and `deactivate`.
 */
export {
	basicCredentials,
	credentialForms,
	maskAndShorten,
	maskSecrets,
	maskShownText,
	MIN_MASKED_SECRET_LENGTH,
	shorten,
} from './core/secrets';
