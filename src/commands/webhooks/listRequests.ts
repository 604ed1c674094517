import type { Services } from '../../services';
import { summarize, type WebhookRequestSummary } from '../../webhooks/requests';

/** `signalwire.listWebhookRequests`: the requests received this session, newest first. */
export function listWebhookRequests(services: Services): WebhookRequestSummary[] {
	return services.webhooks.log.newestFirst().map(summarize);
}
