/**
 * The order in which index.ts loads the integration suite's files, and scripts/run-ui.ts the UI
 * suite's (pure: no `vscode`, unit-tested in test/unit/suite-order.test.ts).
 */

/**
 * Files that must come first or last, whatever the order of the others: activation checks that
 * nothing has loaded the features bundle yet; the secret session and then the secret scan look
 * for the token in everything the whole suite wrote.
 */
const FIRST = ['activation.test.js'];
const LAST = ['secret-session.test.js', 'secret-scan.test.js'];

/**
 * The order of the suite's files: FIRST, then the others sorted by name (or shuffled by `seed`, a
 * number, or "random" for a new one, returned to replay the run; to show that no suite depends on
 * another having run before it), then LAST.
 */
export function suiteOrder(files: string[], seed?: string): { files: string[]; seed?: number } {
	const middle = files.filter((file) => !FIRST.includes(file) && !LAST.includes(file)).sort();
	const ends = (names: string[]) => names.filter((name) => files.includes(name));
	if (seed === undefined || seed === '') {
		return { files: [...ends(FIRST), ...middle, ...ends(LAST)] };
	}
	const value = seed === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seed);
	if (!Number.isInteger(value)) {
		throw new Error(`a shuffle seed is an integer or "random", not "${seed}"`);
	}
	// Fisher-Yates with mulberry32: the same seed gives the same order, to replay a failing run.
	let state = value >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let i = middle.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[middle[i], middle[j]] = [middle[j], middle[i]];
	}
	return { files: [...ends(FIRST), ...middle, ...ends(LAST)], seed: value };
}
