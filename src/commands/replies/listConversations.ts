import type { Services } from '../../services';

export interface ConversationListing {
	ownNumber: string;
	otherParty: string;
	/** ISO time of the newest message. */
	lastActivity: string;
	unread: number;
	messageCount: number;
	/** The other party replied STOP (and no START since): sends to it fail with 21610. */
	optedOut: boolean;
}

/** `signalwire.listConversations`: the threads, newest activity first. Asks nothing. */
export async function listConversations(services: Services): Promise<ConversationListing[]> {
	await services.replies.ready();
	return services.replies.threads().map((thread) => ({
		ownNumber: thread.ownNumber,
		otherParty: thread.otherParty,
		lastActivity: new Date(thread.lastActivity).toISOString(),
		unread: thread.unread,
		messageCount: thread.messageCount,
		optedOut: thread.optedOut,
	}));
}
