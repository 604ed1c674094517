/**
 * Which history entry (or entries) a command is about: a tree item, an entry id, `{ id }`, or,
 * from the command palette, a quick pick of the newest entries.
 */
import * as vscode from 'vscode';
import type { HistoryService } from './historyService';
import { entryState, type HistoryEntry } from './entry';
import { STATE_ICONS, entryDescription, entryLabel, formatTimestamp, statusText } from './presentation';

/** At most this many entries in the quick pick (the newest). */
const PICK_LIMIT = 500;

/** The entry id an argument names, or undefined (then the command asks). */
export function entryIdOf(argument: unknown): string | undefined {
	if (typeof argument === 'string') {
		return argument;
	}
	if (typeof argument === 'object' && argument !== null) {
		const value = argument as { kind?: unknown; id?: unknown; entryId?: unknown };
		if (value.kind === 'field' && typeof value.entryId === 'string') {
			return value.entryId;
		}
		if (typeof value.id === 'string') {
			return value.id;
		}
	}
	return undefined;
}

/**
 * The entry an argument names; without one, asks with a quick pick (of entries `usable` accepts).
 * Undefined when cancelled, or when the named entry is gone (a message is shown).
 */
export async function resolveEntry(
	history: HistoryService,
	argument: unknown,
	placeHolder: string,
	usable: (entry: HistoryEntry) => boolean = () => true,
): Promise<HistoryEntry | undefined> {
	await history.ready();
	const id = entryIdOf(argument);
	if (id !== undefined) {
		const entry = history.get(id);
		if (!entry) {
			void vscode.window.showWarningMessage(vscode.l10n.t('This message is no longer in the history.'));
		}
		return entry;
	}
	return pickEntry(history, placeHolder, usable);
}

/** The ids a command on (possibly several selected) items is about; asks when there is none. */
export async function resolveEntryIds(
	history: HistoryService,
	argument: unknown,
	selection: unknown,
	placeHolder: string,
): Promise<string[]> {
	await history.ready();
	if (Array.isArray(selection) && selection.length > 0) {
		const ids = selection.map(entryIdOf).filter((id): id is string => id !== undefined);
		if (ids.length > 0) {
			return [...new Set(ids)];
		}
	}
	if (Array.isArray(argument)) {
		return argument.map(entryIdOf).filter((id): id is string => id !== undefined);
	}
	const id = entryIdOf(argument);
	if (id !== undefined) {
		return [id];
	}
	const picked = await pickEntry(history, placeHolder, () => true);
	return picked ? [picked.id] : [];
}

async function pickEntry(
	history: HistoryService,
	placeHolder: string,
	usable: (entry: HistoryEntry) => boolean,
): Promise<HistoryEntry | undefined> {
	const entries = history.entries(history.filter, PICK_LIMIT).filter(usable);
	if (entries.length === 0) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('No message in the history fits. Send one with "SignalWire: Send Message...".'),
		);
		return undefined;
	}
	type Item = vscode.QuickPickItem & { entry: HistoryEntry };
	const items: Item[] = entries.map((entry) => ({
		label: `$(${STATE_ICONS[entryState(entry)].icon}) ${entryLabel(entry)}`,
		description: entryDescription(entry, 60),
		detail: `${statusText(entry)} · ${formatTimestamp(entry.createdAt)} · ${entry.profile.spaceUrl}`,
		entry,
	}));
	const picked = await vscode.window.showQuickPick(items, {
		placeHolder,
		matchOnDescription: true,
		matchOnDetail: true,
	});
	return picked?.entry;
}
