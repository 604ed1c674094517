/**
 * What "Export History..." writes: every entry, newest first, as one JSON document.
 * Pure: no `vscode`.
 */
import type { HistoryFilter } from './dayIndex';
import { JOURNAL_VERSION } from './journal';
import type { HistoryModel } from './model';

export const EXPORT_FORMAT = 'signalwire-messaging-sandbox/history';

/** The JSON written by "Export History...": every entry, newest first. */
export function exportJson(model: Pick<HistoryModel, 'newestFirst'>, now: Date, filter: HistoryFilter = {}): string {
	return JSON.stringify(
		{
			format: EXPORT_FORMAT,
			version: JOURNAL_VERSION,
			exportedAt: now.toISOString(),
			entries: model.newestFirst(filter),
		},
		null,
		2,
	);
}
