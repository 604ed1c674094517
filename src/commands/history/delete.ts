import * as vscode from 'vscode';
import { resolveEntryIds } from '../../history/entryPicker';
import type { Services } from '../../services';

/**
 * `signalwire.history.delete`: removes messages from the history (in every window): the item, the
 * selected items, an id, `{ id }` or a list of them; asks otherwise. Resolves to how many went.
 */
export async function deleteEntries(services: Services, argument?: unknown, selection?: unknown): Promise<number> {
	const ids = await resolveEntryIds(
		services.history,
		argument,
		selection,
		vscode.l10n.t('Delete which message from the history?'),
	);
	if (ids.length === 0) {
		return 0;
	}
	return services.history.delete(ids);
}
