/**
 * What the history tells its views changed (src/history/historyService.ts, `onDidChange`), and how
 * the journal's changes (src/history/store.ts) become one such change. No `vscode` import.
 */
import type { StoreChange } from './store';

/**
 * What changed: one entry (added or updated), several (a batch of messages read from the Space, other windows' lines),
 * or anything (reload, delete, clear; `viewOnly`: no entry changed, only how the view shows them: filter, signed-in
 * Spaces).
 */
export type HistoryChange =
	| { kind: 'added'; id: string }
	| { kind: 'updated'; id: string }
	| { kind: 'batch'; ids: string[] }
	| { kind: 'reset'; viewOnly?: true };

/** One change for other windows' lines (views redraw once); undefined when nothing changed. */
export function historyChangeOf(changes: readonly StoreChange[]): HistoryChange | undefined {
	if (changes.length === 0) {
		return undefined;
	}
	const ids = changes.flatMap((change) => (change === 'reset' ? [] : [change.id]));
	return ids.length < changes.length
		? { kind: 'reset' }
		: ids.length === 1
			? { kind: 'added', id: ids[0]! }
			: { kind: 'batch', ids };
}
