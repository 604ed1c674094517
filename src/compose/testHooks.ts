/**
 * What the integration suite may do with the compose form. Created only in test mode (the
 * extension runs its tests) of a build that includes test hooks: the production bundle carries
 * none of it (esbuild.js defines INCLUDE_TEST_HOOKS as false there, and this module is dropped).
 */
import type * as vscode from 'vscode';
import type { MessageDraft } from '../core/draft';
import { PostLog } from '../webview/postLog';
import type { ExtensionToWebviewMessage } from './protocol';

/** The integration suite's handle on the compose form (TestApi.hooks.compose in src/extension.ts). */
export interface ComposeTestHooks {
	isOpen(): boolean;
	/** How many panels were created or restored so far (one at a time: reuse keeps it). */
	panelsCreated(): number;
	/** Delivers a message to the open panel's handler as if the webview had posted it; resolves when handled. */
	deliver(message: unknown): Promise<void>;
	/** What the open panel posted to its webview, oldest first (the last {@link MAX_RECORDED_POSTS}). */
	posted(): ExtensionToWebviewMessage[];
	clearPosted(): void;
	/** The open panel's current draft. */
	draft(): MessageDraft | undefined;
	/** The backup in workspaceState. */
	storedDraft(): MessageDraft | undefined;
	/** Restores a panel as VS Code does after a window reload. */
	restore(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
	close(): void;
}

/** What the panel manager tells the hooks (in test mode only). */
export interface ComposeTestObserver {
	panelCreated(): void;
	posted(message: ExtensionToWebviewMessage): void;
}

/** The manager's parts the hooks reach. */
export interface ComposeTestTarget {
	isOpen(): boolean;
	deliver(message: unknown): Promise<void>;
	draft(): MessageDraft | undefined;
	storedDraft(): MessageDraft | undefined;
	restore(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
	close(): void;
}

export const MAX_RECORDED_POSTS = 100;

/** The hooks and the observer that feeds them. */
export function createComposeTestHooks(target: ComposeTestTarget): {
	hooks: ComposeTestHooks;
	observer: ComposeTestObserver;
} {
	const postedLog = new PostLog<ExtensionToWebviewMessage>(MAX_RECORDED_POSTS);
	let created = 0;
	const observer: ComposeTestObserver = {
		panelCreated: () => {
			created++;
			postedLog.clear();
		},
		posted: (message) => postedLog.record(message),
	};
	const hooks: ComposeTestHooks = {
		isOpen: () => target.isOpen(),
		panelsCreated: () => created,
		deliver: (message) => target.deliver(message),
		posted: () => postedLog.list(),
		clearPosted: () => postedLog.clear(),
		draft: () => target.draft(),
		storedDraft: () => target.storedDraft(),
		restore: (panel, state) => target.restore(panel, state),
		close: () => target.close(),
	};
	return { hooks, observer };
}
