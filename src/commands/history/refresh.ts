import type { Services } from '../../services';

/** `signalwire.history.refresh`: reads other windows' changes and redraws the Messages view. */
export async function refreshHistory(services: Services): Promise<void> {
	await services.history.reload();
}
