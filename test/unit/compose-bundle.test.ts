/**
 * The compose form's test hooks (src/compose/testHooks.ts) are built into the development bundle
 * only: esbuild.js defines INCLUDE_TEST_HOOKS as false for production, and the minifier drops the
 * hooks with the code behind it.
 */
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const { buildOptions } = require('../../esbuild.js') as { buildOptions(options: { production: boolean; tests: boolean }): esbuild.BuildOptions[] };

async function featuresBundle(production: boolean): Promise<string> {
	const options = buildOptions({ production, tests: false }).find((o) => o.outfile === 'dist/features.js');
	assert.ok(options, 'esbuild.js builds dist/features.js');
	const result = await esbuild.build({ ...options, write: false, sourcemap: false });
	return result.outputFiles[0]!.text;
}

const HOOK_NAMES = ['panelsCreated', 'clearPosted', 'the compose form is not open'];

describe('compose test hooks in the bundles', () => {
	it('are in the development bundle (what the integration suite runs)', async function () {
		this.timeout(60_000);
		const bundle = await featuresBundle(false);
		for (const name of HOOK_NAMES) {
			assert.ok(bundle.includes(name), `${name} is in the development bundle`);
		}
	});

	it('are not in the production bundle (what ships)', async function () {
		this.timeout(60_000);
		const bundle = await featuresBundle(true);
		assert.ok(bundle.length > 50_000, 'the production bundle was built');
		for (const name of HOOK_NAMES) {
			assert.ok(!bundle.includes(name), `${name} is not in the production bundle`);
		}
	});
});
