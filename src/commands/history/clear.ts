import * as vscode from 'vscode';
import type { Services } from '../../services';

/**
 * `signalwire.history.clear`: removes every message from the history, in every window, after a
 * modal confirmation (skipped with `{ confirm: false }`). Resolves to how many went.
 */
export async function clearHistory(services: Services, argument?: unknown): Promise<number> {
	await services.history.ready();
	const count = services.history.size;
	const confirm = !(
		typeof argument === 'object' &&
		argument !== null &&
		(argument as { confirm?: unknown }).confirm === false
	);
	if (confirm) {
		if (count === 0) {
			void vscode.window.showInformationMessage(vscode.l10n.t('The message history is already empty.'));
			return 0;
		}
		const action = vscode.l10n.t('Clear History');
		const choice = await vscode.window.showWarningMessage(
			vscode.l10n.t('Clear the message history?'),
			{
				modal: true,
				detail: vscode.l10n.t(
					'This removes {0} message(s) from the history in every window. It cannot be undone (messages already sent are not affected).',
					count,
				),
			},
			action,
		);
		if (choice !== action) {
			return 0;
		}
	}
	return services.history.clear();
}
