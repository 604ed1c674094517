import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../../errors/presentation';
import type { Services } from '../../services';

/**
 * `signalwire.history.export`: writes the whole history as JSON to a file. With `{ uri }` (a Uri or
 * a string) or a path string it asks nothing; otherwise a save dialog. Resolves to the file.
 */
export async function exportHistory(services: Services, argument?: unknown): Promise<vscode.Uri | undefined> {
	let target = targetOf(argument);
	if (!target) {
		target = await vscode.window.showSaveDialog({
			defaultUri: vscode.Uri.file(path.join(os.homedir(), 'signalwire-history.json')),
			filters: { JSON: ['json'] },
			saveLabel: vscode.l10n.t('Export'),
			title: vscode.l10n.t('Export the SignalWire message history'),
		});
		if (!target) {
			return undefined;
		}
	}
	try {
		const json = await services.history.exportJson();
		await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${json}\n`));
	} catch (error) {
		services.logger.error(`Exporting the history to ${target.toString(true)} failed: ${describeError(error)}`);
		void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the history: {0}', describeError(error)));
		return undefined;
	}
	if (argument === undefined) {
		void vscode.window.showInformationMessage(vscode.l10n.t('Exported the message history to {0}.', target.fsPath));
	}
	return target;
}

function targetOf(argument: unknown): vscode.Uri | undefined {
	const value =
		typeof argument === 'object' && argument !== null && !(argument instanceof vscode.Uri) && 'uri' in argument
			? (argument as { uri: unknown }).uri
			: argument;
	if (value instanceof vscode.Uri) {
		return value;
	}
	if (typeof value === 'string' && value) {
		return /^[a-z][a-z0-9+.-]+:\/\//i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
	}
	return undefined;
}
