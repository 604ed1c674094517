import * as vscode from 'vscode';
import { profileLabel, spaceName } from '../../credentials/profile';
import type { HistoryFilter } from '../../history/dayIndex';
import type { Services } from '../../services';

/**
 * `signalwire.history.filterBySpace`: shows only the messages of one Space, or of all. Takes a
 * Space URL (`null` or `"all"` for all); asks otherwise. Resolves to the filter in force.
 */
export async function filterBySpace(services: Services, argument?: unknown): Promise<HistoryFilter> {
	const { history } = services;
	await history.ready();
	if (argument === null || argument === 'all') {
		history.setFilter({});
		return history.filter;
	}
	if (typeof argument === 'string') {
		history.setFilter({ spaceUrl: argument });
		return history.filter;
	}
	if (typeof argument === 'object' && typeof (argument as { spaceUrl?: unknown }).spaceUrl === 'string') {
		history.setFilter({ spaceUrl: (argument as { spaceUrl: string }).spaceUrl });
		return history.filter;
	}
	type Item = vscode.QuickPickItem & { spaceUrl?: string };
	const current = history.filter.spaceUrl;
	const counts = new Map(history.spaces().map((s) => [s.spaceUrl, s.count]));
	const profiles = await services.credentials.profiles();
	const spaces = [...new Set([...counts.keys(), ...profiles.map((p) => p.spaceUrl)])];
	const items: Item[] = [
		{
			label: `${current === undefined ? '$(check) ' : ''}${vscode.l10n.t('All Spaces')}`,
			description: String(history.size),
		},
		...spaces.map((spaceUrl) => {
			const profile = profiles.find((p) => p.spaceUrl === spaceUrl);
			return {
				label: `${current === spaceUrl ? '$(check) ' : ''}${safeName(spaceUrl)}`,
				description: String(counts.get(spaceUrl) ?? 0),
				detail: profile ? `${spaceUrl} · ${profileLabel(profile)}` : spaceUrl,
				spaceUrl,
			};
		}),
	];
	const picked = await vscode.window.showQuickPick(items, {
		placeHolder: vscode.l10n.t('Show the messages of which Space?'),
	});
	if (picked) {
		history.setFilter(picked.spaceUrl !== undefined ? { spaceUrl: picked.spaceUrl } : {});
	}
	return history.filter;
}

function safeName(spaceUrl: string): string {
	try {
		return spaceName(spaceUrl);
	} catch {
		return spaceUrl;
	}
}
