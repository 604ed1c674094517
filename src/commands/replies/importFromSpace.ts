import * as vscode from 'vscode';
import {
	ImportArgumentError,
	checkImportArguments,
	parseDateRange,
	quickRange,
	type ImportArguments,
	type ImportQuery,
} from '../../core/messageLogArguments';
import { NotSignedInError } from '../../errors/notSignedIn';
import type { Profile } from '../../credentials/profile';
import { describeError } from '../../errors/presentation';
import type { Services } from '../../services';

/**
 * `signalwire.importFromSpace`: pages through the active Space's message log and adds what it
 * finds to the conversations, marked imported. With an argument (`{ since, until?, from?, to?,
 * status?, direction? }`) it asks nothing and resolves to `{ added, seen }`, rejecting on a bad
 * argument (before any request) or a failed request; without one it asks for a range and filters.
 */
export async function importFromSpace(
	services: Services,
	argument?: unknown,
): Promise<{ added: number; seen: number } | undefined> {
	if (argument !== undefined) {
		const checked = checkImportArguments(argument);
		if (!checked.ok) {
			throw new ImportArgumentError(checked.problems);
		}
		const profile = await services.credentials.activeProfile();
		if (!profile) {
			throw new NotSignedInError();
		}
		const result = await services.replies.importMessages(
			profile,
			checked.query,
			() => false,
			() => undefined,
		);
		return { added: result.added, seen: result.seen };
	}
	const profile = await services.credentials.activeProfile();
	if (!profile) {
		void vscode.window.showInformationMessage(
			vscode.l10n.t('Sign in to a SignalWire Space to import its messages.'),
		);
		return undefined;
	}
	const query = await promptForQuery();
	if (!query) {
		return undefined;
	}
	return importWithProgress(services, profile, query);
}

async function importWithProgress(
	services: Services,
	profile: Profile,
	query: ImportQuery,
): Promise<{ added: number; seen: number } | undefined> {
	try {
		const result = await vscode.window.withProgress(
			{
				location: vscode.ProgressLocation.Notification,
				title: vscode.l10n.t('Importing messages from the Space'),
				cancellable: true,
			},
			(progress, token) =>
				services.replies.importMessages(
					profile,
					query,
					() => token.isCancellationRequested,
					({ seen, added }) =>
						progress.report({ message: vscode.l10n.t('{0} messages read, {1} new', seen, added) }),
				),
		);
		void vscode.window.showInformationMessage(importSummary(result));
		return { added: result.added, seen: result.seen };
	} catch (error) {
		services.logger.error(`Import failed: ${describeError(error)}`);
		void vscode.window.showErrorMessage(vscode.l10n.t('Import from the Space failed: {0}', describeError(error)));
		return undefined;
	}
}

/** What an interactive import says when it ends: nothing new is said as such. */
export function importSummary(result: { added: number; seen: number; cancelled: boolean }): string {
	if (result.cancelled) {
		return vscode.l10n.t('Import cancelled: {0} messages read, {1} new kept.', result.seen, result.added);
	}
	if (result.seen === 0) {
		return vscode.l10n.t('Import finished: no messages found in that range.');
	}
	if (result.added === 0) {
		return result.seen === 1
			? vscode.l10n.t('Import finished: the one message read is already shown.')
			: vscode.l10n.t('Import finished: all {0} already shown.', result.seen);
	}
	return vscode.l10n.t('Import finished: {0} new of {1} messages read.', result.added, result.seen);
}

interface RangeItem extends vscode.QuickPickItem {
	days?: 1 | 7 | 30;
}

/** Range, then optional filters (From, To, Status, direction) in one input each; Escape cancels. */
async function promptForQuery(): Promise<ImportQuery | undefined> {
	const title = vscode.l10n.t('Import from Space');
	const items: RangeItem[] = [
		{ label: vscode.l10n.t('Today'), days: 1 },
		{ label: vscode.l10n.t('Last 7 days'), days: 7 },
		{ label: vscode.l10n.t('Last 30 days'), days: 30 },
		{ label: vscode.l10n.t('Custom range...'), description: 'YYYY-MM-DD..YYYY-MM-DD' },
	];
	const picked = await vscode.window.showQuickPick(items, {
		title: `${title} (1/2)`,
		placeHolder: vscode.l10n.t('Which messages? Days are UTC.'),
	});
	if (!picked) {
		return undefined;
	}
	let range: { since: string; until: string };
	if (picked.days) {
		range = quickRange(picked.days, Date.now());
	} else {
		const typed = await vscode.window.showInputBox({
			title: `${title} (1/2)`,
			prompt: vscode.l10n.t('A range of UTC days, YYYY-MM-DD..YYYY-MM-DD'),
			placeHolder: '2026-01-01..2026-01-31',
			ignoreFocusOut: true,
			validateInput: (value) => {
				const parsed = parseDateRange(value);
				return 'problem' in parsed ? parsed.problem : undefined;
			},
		});
		const parsed = typed === undefined ? undefined : parseDateRange(typed);
		if (!parsed || 'problem' in parsed) {
			return undefined;
		}
		range = parsed;
	}
	const filters = await vscode.window.showInputBox({
		title: `${title} (2/2)`,
		prompt: vscode.l10n.t(
			'Optional filters, e.g. "from=+15550100555 to=+15550100100 status=received direction=inbound". Leave empty for all.',
		),
		placeHolder: 'from=+1555… to=+1555… status=… direction=inbound|outbound',
		ignoreFocusOut: true,
		validateInput: (value) => {
			const result = checkImportArguments({ ...range, ...parseFilters(value) });
			return result.ok ? undefined : result.problems.join(' ');
		},
	});
	if (filters === undefined) {
		return undefined;
	}
	const result = checkImportArguments({ ...range, ...parseFilters(filters) });
	return result.ok ? result.query : undefined;
}

/**
 * `from=… to=… status=… direction=…` into an argument object (unknown names are kept, so the check
 * names them).
 */
function parseFilters(text: string): Partial<ImportArguments> & Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of text.trim().split(/\s+/)) {
		if (part === '') {
			continue;
		}
		const [name, ...rest] = part.split('=');
		out[(name ?? '').toLowerCase()] = rest.join('=');
	}
	return out;
}
