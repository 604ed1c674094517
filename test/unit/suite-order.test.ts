import * as assert from 'node:assert/strict';
import { suiteOrder } from '../integration/suiteOrder';

const FILES = ['send.test.js', 'secret-scan.test.js', 'activation.test.js', 'compose.test.js', 'secret-session.test.js', 'history.test.js', 'faults.test.js', 'replies.test.js'];

describe('integration suite order (test/integration/suiteOrder.ts)', () => {
	it('runs activation first and the secret session then the scan last, the others by name', () => {
		assert.deepEqual(suiteOrder(FILES).files, [
			'activation.test.js',
			'compose.test.js',
			'faults.test.js',
			'history.test.js',
			'replies.test.js',
			'send.test.js',
			'secret-session.test.js',
			'secret-scan.test.js',
		]);
	});

	it('shuffles only the middle, the same way for the same seed', () => {
		const middle = (files: string[]) => files.slice(1, -2);
		const a = suiteOrder(FILES, '42');
		assert.equal(a.seed, 42);
		assert.deepEqual(a.files, suiteOrder(FILES, '42').files, 'a seed replays its order');
		assert.deepEqual(a.files.slice(0, 1), ['activation.test.js']);
		assert.deepEqual(a.files.slice(-2), ['secret-session.test.js', 'secret-scan.test.js']);
		assert.deepEqual([...middle(a.files)].sort(), middle(suiteOrder(FILES).files));
		const orders = new Set(Array.from({ length: 20 }, (_, seed) => middle(suiteOrder(FILES, String(seed)).files).join()));
		assert.ok(orders.size > 10, `20 seeds gave ${orders.size} orders`);
	});

	it('picks and returns a seed for "random", and refuses a seed that is not an integer', () => {
		const random = suiteOrder(FILES, 'random');
		assert.ok(Number.isInteger(random.seed));
		assert.deepEqual(random.files, suiteOrder(FILES, String(random.seed)).files);
		assert.throws(() => suiteOrder(FILES, 'abc'), /an integer or "random"/);
	});

	it('leaves out what is not there (a filtered build)', () => {
		assert.deepEqual(suiteOrder(['send.test.js', 'secret-scan.test.js']).files, ['send.test.js', 'secret-scan.test.js']);
	});
});
