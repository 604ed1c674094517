import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Copies the conversation tests of test/fixtures/smstest into `workspace`/scenarios, where the
 * extension's Test Explorer finds them at start (test/integration/testing.test.ts reads them there).
 */
export function copyScenarioFixtures(root: string, workspace: string): void {
	const source = path.join(root, 'test', 'fixtures', 'smstest');
	fs.mkdirSync(path.join(workspace, 'scenarios'), { recursive: true });
	for (const file of fs.readdirSync(source)) {
		fs.copyFileSync(path.join(source, file), path.join(workspace, 'scenarios', file));
	}
}
