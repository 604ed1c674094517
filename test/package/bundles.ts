/**
 * The JavaScript files of esbuild.js's builds, built in memory with its own options (dist/ is left
 * alone): what the package tests check for test hooks and sizes.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../../scripts/lib/codeServer';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const build = require('../../esbuild.js') as { buildOptions(options: { production: boolean; tests: boolean }): esbuild.BuildOptions[]; DEVELOPMENT_ONLY_BUNDLES: string[] };

/** Built for `npm start` only, not in the .vsix (esbuild.js). */
export const DEVELOPMENT_ONLY_BUNDLES: readonly string[] = build.DEVELOPMENT_ONLY_BUNDLES;

/** Every JavaScript file a build writes to dist/ (not the integration suite's own files), by path. */
export async function distBundles(production: boolean): Promise<Map<string, string>> {
	const builds = build.buildOptions({ production, tests: !production }).filter((options) => (options.outfile ?? options.outdir ?? '').startsWith('dist'));
	const texts = new Map<string, string>();
	await Promise.all(
		builds.map(async (options) => {
			const result = await esbuild.build({ ...options, write: false, sourcemap: false });
			for (const file of result.outputFiles.filter((output) => output.path.endsWith('.js'))) {
				texts.set(path.relative(ROOT, file.path).split(path.sep).join('/'), file.text);
			}
		}),
	);
	return texts;
}
