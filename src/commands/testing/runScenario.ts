import * as vscode from 'vscode';
import type { TestingServices } from '../../testing/testingServices';

/**
 * `signalwire.tests.runScenario` / `signalwire.tests.runScenarioAgainstSpace` (the CodeLens above
 * each `scenario:`): runs one scenario of a file, given as its URI (string or Uri) and the
 * scenario's index, with the Local server or the Active Space profile, as the Test Explorer would.
 */
export async function runScenarioCommand(
	testing: TestingServices,
	target: 'local' | 'space',
	file: unknown,
	index: unknown,
): Promise<void> {
	const uri =
		typeof file === 'string'
			? vscode.Uri.parse(file)
			: file instanceof vscode.Uri
				? file
				: vscode.window.activeTextEditor?.document.uri;
	if (!uri || (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0))) {
		throw new Error(vscode.l10n.t('Run Scenario needs a .smstest file and the index of one of its scenarios.'));
	}
	const item = await testing.scenarioItem(uri, typeof index === 'number' ? index : 0);
	if (!item) {
		throw new Error(
			vscode.l10n.t(
				'{0} has no scenario number {1}.',
				vscode.workspace.asRelativePath(uri),
				(typeof index === 'number' ? index : 0) + 1,
			),
		);
	}
	const profile = target === 'local' ? testing.profiles.local : testing.profiles.space;
	await testing.run(new vscode.TestRunRequest([item], undefined, profile), profile);
}
