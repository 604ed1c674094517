/**
 * Entry of the integration suite, loaded by VS Code's extension host (code-server here,
 * `@vscode/test-electron` on a desktop). It must not know which of the two runs it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
	// Following delivery statuses polls the server in the background, which suites that count
	// requests or set one-shot faults must not see; the history suite turns it on for itself.
	await vscode.workspace.getConfiguration('signalwire').update('history.followStatusMinutes', 0, vscode.ConfigurationTarget.Global);
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
	const grep = process.env.INTEGRATION_GREP;
	if (grep) {
		mocha.grep(grep);
	}
	for (const file of fs.readdirSync(__dirname).sort()) {
		if (file.endsWith('.test.js')) {
			mocha.addFile(path.join(__dirname, file));
		}
	}
	await new Promise<void>((resolve, reject) => {
		const runner = mocha.run((failures) => {
			console.log(`RESULT ${JSON.stringify({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 })}`);
			if (failures > 0) {
				reject(new Error(`${failures} integration test(s) failed`));
			} else {
				resolve();
			}
		});
	});
}
