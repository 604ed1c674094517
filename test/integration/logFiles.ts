/**
 * The "SignalWire" output channel as VS Code writes it to disk (one file per channel under the
 * user-data logs folder), for tests that check what the output shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The channel's log files, or none when the runner does not say where its user data is. */
export function outputLogFiles(): string[] {
	const runDir = process.env.SIGNALWIRE_TEST_RUN_DIR;
	if (!runDir) {
		return [];
	}
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else if (/SignalWire\.log$/.test(entry.name)) {
				found.push(full);
			}
		}
	};
	const logs = path.join(runDir, 'user-data', 'logs');
	if (fs.existsSync(logs)) {
		walk(logs);
	}
	return found;
}

/** The channel's text so far (all its log files). */
export function outputLogText(): string {
	return outputLogFiles()
		.map((file) => fs.readFileSync(file, 'utf8'))
		.join('\n');
}
