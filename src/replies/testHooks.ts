/**
 * What the integration suite may do with the conversation panels. Created only in test mode (the
 * extension runs its tests) of a build that includes test hooks: the production bundle carries
 * none of it (esbuild.js defines INCLUDE_TEST_HOOKS as false there, and this module is dropped).
 * Same shape as the compose form's (src/compose/testHooks.ts).
 */
import type { ThreadKey } from '../core/conversations';
import { PostLog } from '../webview/postLog';
import type { ConversationExtensionMessage } from './protocol';

/** The integration suite's handle on the panels (TestApi.hooks.conversations in src/extension.ts). */
export interface ConversationTestHooks {
	isOpen(key: ThreadKey): boolean;
	isVisible(key: ThreadKey): boolean;
	/** Delivers a message to a panel's handler as if its webview had posted it. */
	deliver(key: ThreadKey, message: unknown): Promise<void>;
	/** What a panel posted to its webview, oldest first (the last {@link MAX_RECORDED_POSTS}). */
	posted(key: ThreadKey): ConversationExtensionMessage[];
	close(key: ThreadKey): void;
	/** Panels opened from now on send this bundle in `init` instead of VS Code's (undefined: VS Code's again). */
	useL10nBundle(bundle: Record<string, string> | undefined): void;
}

/** What the panel manager tells the hooks (in test mode only), per thread id. */
export interface ConversationTestObserver {
	panelCreated(threadId: string): void;
	posted(threadId: string, message: ConversationExtensionMessage): void;
}

/** The manager's parts the hooks reach. */
export interface ConversationTestTarget {
	isOpen(key: ThreadKey): boolean;
	isVisible(key: ThreadKey): boolean;
	/** Throws if the thread's panel is not open. */
	deliver(key: ThreadKey, message: unknown): Promise<void>;
	close(key: ThreadKey): void;
	useL10nBundle(bundle: Record<string, string> | undefined): void;
	threadId(key: ThreadKey): string;
}

export const MAX_RECORDED_POSTS = 200;

/** The hooks and the observer that feeds them. */
export function createConversationTestHooks(target: ConversationTestTarget): {
	hooks: ConversationTestHooks;
	observer: ConversationTestObserver;
} {
	const logs = new Map<string, PostLog<ConversationExtensionMessage>>();
	const logOf = (id: string): PostLog<ConversationExtensionMessage> => {
		const log = logs.get(id) ?? new PostLog<ConversationExtensionMessage>(MAX_RECORDED_POSTS);
		logs.set(id, log);
		return log;
	};
	const observer: ConversationTestObserver = {
		panelCreated: (id) => logs.set(id, new PostLog(MAX_RECORDED_POSTS)),
		posted: (id, message) => logOf(id).record(message),
	};
	const hooks: ConversationTestHooks = {
		isOpen: (key) => target.isOpen(key),
		isVisible: (key) => target.isVisible(key),
		deliver: (key, message) => target.deliver(key, message),
		posted: (key) => {
			if (!target.isOpen(key)) {
				throw new Error('that conversation is not open');
			}
			return logs.get(target.threadId(key))?.list() ?? [];
		},
		close: (key) => target.close(key),
		useL10nBundle: (bundle) => target.useL10nBundle(bundle),
	};
	return { hooks, observer };
}
