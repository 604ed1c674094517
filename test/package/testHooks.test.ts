/**
 * The test hooks (src/testHooks.ts: the compose form's and the conversation panels' recorders,
 * status following's and reply polling's timing, the journal and the poll scheduler) are built
 * into the development and test bundles only: esbuild.js defines INCLUDE_TEST_HOOKS as false for
 * --production, and the minifier drops the hooks with the code behind that define. Checked here
 * on every JavaScript file the two builds write to dist/ (built in memory: dist/ is left alone).
 */
import * as assert from 'node:assert/strict';
import { distBundles } from './bundles';

/** Names and messages that exist only behind INCLUDE_TEST_HOOKS. */
const GATED = [
	// src/compose/testHooks.ts
	'postedLog',
	'panelsCreated',
	'clearPosted',
	'the compose form is not open',
	// src/replies/testHooks.ts
	'useL10nBundle',
	'that conversation is not open',
	// src/history/historyService.ts, src/replies/replyService.ts
	'setFollowTiming',
	'setPollTiming',
	// src/testHooks.ts
	'The test hooks exist only',
];
/** Hooks removed altogether: in no build. */
const REMOVED = ['pollRequests'];

describe('test hooks in the bundles', function () {
	this.timeout(120_000);

	it('are in the test build (node esbuild.js --tests: what the integration suite runs)', async () => {
		const bundles = await distBundles(false);
		const all = [...bundles.values()].join('\n');
		for (const name of GATED) {
			assert.ok(all.includes(name), `${name} is in the test build`);
		}
		for (const name of REMOVED) {
			assert.ok(!all.includes(name), `${name} is in no build`);
		}
	});

	it('are in none of the production bundles (node esbuild.js --production: what ships)', async () => {
		const bundles = await distBundles(true);
		assert.ok((bundles.get('dist/features.js')?.length ?? 0) > 50_000, 'the production bundles were built');
		for (const [file, text] of bundles) {
			for (const name of [...GATED, ...REMOVED]) {
				assert.ok(!text.includes(name), `${name} is not in ${file}`);
			}
		}
	});
});
