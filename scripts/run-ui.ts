/**
 * Runs the UI tests (test/ui/*.ui.ts): mocha in Node, driving code-server's workbench in Chromium.
 * A failed test leaves a screenshot and the workbench's notifications under test-results/failures/.
 * UI_GREP filters the tests; UI_SHUFFLE=<seed> or `random` shuffles the files.
 * Prints `ui: N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ensureCodeServer, ROOT } from './lib/codeServer';
import { suiteOrder } from '../test/integration/suiteOrder';
import { FAILURE_DIR, saveFailureReport } from '../test/ui/session';

async function main(): Promise<number> {
	// Installed (once) before any test starts: the first install takes minutes, longer than a hook may.
	ensureCodeServer();
	fs.rmSync(FAILURE_DIR, { recursive: true, force: true });
	const mocha = new Mocha({
		ui: 'bdd',
		timeout: 180_000,
		reporter: 'spec',
		color: false,
		rootHooks: {
			// What the workbench showed at the moment a test failed, saved before the next test moves on.
			async afterEach(this: Mocha.Context) {
				const test = this.currentTest;
				if (test?.state !== 'failed') {
					return;
				}
				this.timeout(90_000);
				const files = await saveFailureReport(test.fullTitle());
				for (const file of files) {
					console.log(`      saved ${path.relative(ROOT, file)}`);
				}
			},
		},
	});
	if (process.env.UI_GREP) {
		mocha.grep(process.env.UI_GREP);
	}
	const dir = path.join(ROOT, 'test', 'ui');
	// Each file starts its own workbench: UI_SHUFFLE=<seed> (or `random`) runs them in a shuffled order.
	const order = suiteOrder(fs.readdirSync(dir).filter((file) => file.endsWith('.ui.ts')), process.env.UI_SHUFFLE);
	if (order.seed !== undefined) {
		console.log(`ui: files in this order (UI_SHUFFLE=${order.seed}): ${order.files.join(', ')}`);
	}
	for (const file of order.files) {
		mocha.addFile(path.join(dir, file));
	}
	return new Promise((resolve) => {
		const runner = mocha.run((failures) => {
			console.log(`ui: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
			resolve(failures > 0 ? 1 : 0);
		});
	});
}

main().then((code) => process.exit(code));
