/**
 * Runs the UI tests (test/ui/*.ui.ts): mocha in Node, driving code-server's workbench in Chromium.
 * Prints `ui: N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ensureCodeServer, ROOT } from './lib/codeServer';

async function main(): Promise<number> {
	// Installed (once) before any test starts: the first install takes minutes, longer than a hook may.
	ensureCodeServer();
	const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, reporter: 'spec', color: false });
	if (process.env.UI_GREP) {
		mocha.grep(process.env.UI_GREP);
	}
	const dir = path.join(ROOT, 'test', 'ui');
	for (const file of fs.readdirSync(dir).sort()) {
		if (file.endsWith('.ui.ts')) {
			mocha.addFile(path.join(dir, file));
		}
	}
	return new Promise((resolve) => {
		const runner = mocha.run((failures) => {
			console.log(`ui: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
			resolve(failures > 0 ? 1 : 0);
		});
	});
}

main().then((code) => process.exit(code));
