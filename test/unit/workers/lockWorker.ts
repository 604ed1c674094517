/**
 * One of the processes of the compaction-lock test (test/unit/history-lock.test.ts): takes the
 * lock of src/history/lock.ts `rounds` times; each time it checks it still holds the lock and
 * then "commits" (writes `start` and `end` lines to a shared log around a short pause), as the
 * store does before its rename. Every `stallEvery` rounds it blocks its event loop past the stale
 * time while holding the lock, as a frozen window would, so another process breaks the lock.
 *
 * Arguments: <lockDir> <logFile> <name> <rounds> <staleMs> <stallEvery>
 */
import * as fs from 'node:fs';
import { acquireLock } from '../../../src/history/lock';

const [lockDir, logFile, name, roundsText, staleText, stallText] = process.argv.slice(2);
const rounds = Number(roundsText);
const staleMs = Number(staleText);
const stallEvery = Number(stallText);

function log(line: string): void {
	fs.appendFileSync(logFile!, `${line}\n`); // one O_APPEND write: lines of the processes never mix
}

function blockFor(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function main(): Promise<void> {
	for (let round = 1; round <= rounds; round++) {
		const lock = await acquireLock(lockDir!, { staleMs, timeoutMs: 20_000 });
		if (!lock) {
			log(`timeout ${name}`);
			continue;
		}
		if (round % stallEvery === 0) {
			blockFor(staleMs * 3);
		}
		if (await lock.isHeld()) {
			log(`start ${name} ${lock.token}`);
			await new Promise((resolve) => setTimeout(resolve, 2 + Math.floor(Math.random() * 8)));
			log(`end ${name} ${lock.token}`);
		} else {
			log(`lost ${name} ${lock.token}`);
		}
		await lock.release();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
