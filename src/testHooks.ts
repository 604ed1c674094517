/**
 * The test hooks: what the integration suite observes inside the extension, and nothing a user
 * needs. src/features.ts hands an empty registry to the services only in a build that includes
 * test hooks (esbuild.js defines INCLUDE_TEST_HOOKS as false for --production) and only when the
 * extension runs its tests; each service fills in its part behind the same define, so the
 * minifier drops the hooks from the production bundles (test/package/testHooks.test.ts checks).
 */
import type { ComposeTestHooks } from './compose/testHooks';
import type { PollScheduler, PollTiming } from './core/pollScheduler';
import type { FollowTiming } from './history/statusFollower';
import type { HistoryStore } from './history/store';
import type { ConversationTestHooks } from './replies/testHooks';

/** Inside the history (src/history/historyService.ts). */
export interface HistoryTestHooks {
	/** Changes the status-following back-off from now on. */
	setFollowTiming(timing: Partial<FollowTiming>): void;
	/** The journal (other modules use the service's methods). */
	readonly store: HistoryStore;
}

/** Inside reply polling (src/replies/replyService.ts). */
export interface ReplyTestHooks {
	/** Changes the poll back-off from now on. */
	setPollTiming(timing: Partial<PollTiming>): void;
	/** The poll scheduler: its poll count, which Spaces are active, their delays. */
	readonly scheduler: PollScheduler<ReturnType<typeof setTimeout>>;
}

/** Filled in by the services as they are built (src/features.ts). */
export interface TestHooks {
	/** The compose form (src/compose/composePanel.ts). */
	compose?: ComposeTestHooks;
	/** The conversation panels (src/replies/conversationPanel.ts). */
	conversations?: ConversationTestHooks;
	/** Status following and the journal (src/history/historyService.ts). */
	history?: HistoryTestHooks;
	/** Reply polling (src/replies/replyService.ts). */
	replies?: ReplyTestHooks;
}

/** The registry once the features are built: every part is there. */
export function completeTestHooks(hooks: TestHooks | undefined): Required<TestHooks> {
	const { compose, conversations, history, replies } = hooks ?? {};
	if (!compose || !conversations || !history || !replies) {
		throw new Error('The test hooks exist only when a build with them (not --production) runs its tests.');
	}
	return { compose, conversations, history, replies };
}
