/**
 * Status callbacks into the Messages view: a callback about a message in the history records its
 * status at once, as a fetch by status following would (HistoryService.onFollowedMessage), without
 * waiting for the next poll. A status never moves back: callbacks can arrive late or out of order.
 * A final status is never replaced by a callback (only the API's own answer, a poll or a fetch,
 * may correct it). Only callbacks the service lets through arrive here (WebhookService.mayApply).
 */
import { FINAL_STATUSES } from '../core/types';
import type { HistoryService } from '../history/historyService';
import type { StatusCallbackSink } from './webhookService';

/** Final statuses rank above every other; unknown ones below all. */
function rank(status: string): number {
	return FINAL_STATUSES.has(status) ? 3 : ['queued', 'sending', 'sent'].indexOf(status);
}

export function statusCallbacksToHistory(
	history: Pick<HistoryService, 'ready' | 'entries' | 'onFollowedMessage'>,
): StatusCallbackSink {
	return {
		async onStatusCallback({ messageSid, status, errorCode }) {
			await history.ready();
			const entry = history.entries({}).find((e) => e.message?.sid === messageSid);
			const previous = entry?.message;
			if (!entry || !previous || previous.status === status || rank(status) < rank(previous.status)) {
				return;
			}
			if (FINAL_STATUSES.has(previous.status)) {
				return; // final: only the API's own answer may correct it
			}
			const message = { ...previous, status, error_code: errorCode ?? previous.error_code };
			// Settled: a final status, or a message nobody follows (it stays unfollowed).
			await history.onFollowedMessage(entry.id, message, FINAL_STATUSES.has(status) || entry.following !== true);
		},
	};
}
