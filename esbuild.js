// Builds the extension bundle (and the compose webview's script); with --tests also the
// integration suite that runs inside a real VS Code. Shape from vscode-extension-samples/esbuild-sample.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const watch = process.argv.includes('--watch');

/** Prints errors in the form the `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
	name: 'esbuild-problem-matcher',
	setup(build) {
		build.onStart(() => console.log('[watch] build started'));
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {console.error(`    ${location.file}:${location.line}:${location.column}:`);}
			}
			console.log('[watch] build finished');
		});
	},
};

const version = require('./package.json').version;

/** `grapheme-splitter` (22 KB of tables, used by sms-segments-calculator) → the platform's Intl.Segmenter. */
const alias = { 'grapheme-splitter': './src/core/graphemeSplitter.ts' };

/**
 * Activation loads dist/extension.js only; it requires dist/features.js (everything behind the
 * commands and views) on first use, and dist/devSignIn.js (npm start's one-time sign-in code) in
 * development mode only. This keeps those requires requires of the sibling bundles.
 */
const SIBLING_BUNDLES = { './features': './features.js', './credentials/devSignIn': './devSignIn.js' };
const siblingBundlesPlugin = {
	name: 'sibling-bundles',
	setup(build) {
		build.onResolve({ filter: /^\.\/(features|credentials\/devSignIn)$/ }, (args) =>
			args.importer.endsWith(path.join('src', 'extension.ts')) ? { path: SIBLING_BUNDLES[args.path], external: true } : undefined,
		);
	},
};

/**
 * The builds: dist/extension.js (activation), dist/features.js (the rest of the extension),
 * dist/webview/compose.js, and with `tests` the integration suite. Exported for the benchmark,
 * which measures exactly these options (bench/bundle.ts).
 * @param {{ production: boolean, tests: boolean }} options
 * @returns {import('esbuild').BuildOptions[]} (without the problem-matcher logging, which main adds)
 */
function buildOptions({ production, tests }) {
	/** @type {import('esbuild').BuildOptions} */
	const nodeBundle = {
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node18',
		external: ['vscode'],
		alias,
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		define: { EXTENSION_VERSION: JSON.stringify(version) },
		logLevel: 'silent',
	};

	/** @type {import('esbuild').BuildOptions[]} */
	const builds = [
		{ ...nodeBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [siblingBundlesPlugin] },
		{ ...nodeBundle, entryPoints: ['src/features.ts'], outfile: 'dist/features.js' },
		// Development mode only (npm start); not in the .vsix (.vscodeignore lists what ships).
		{ ...nodeBundle, entryPoints: ['src/credentials/devSignIn.ts'], outfile: 'dist/devSignIn.js' },
	];
	const webviewEntry = 'src/compose/webview/main.ts';
	if (fs.existsSync(webviewEntry)) {
		builds.push({
			entryPoints: [webviewEntry],
			outfile: 'dist/webview/compose.js',
			bundle: true,
			format: 'iife',
			platform: 'browser',
			target: 'es2022',
			alias,
			minify: production,
			sourcemap: !production,
			sourcesContent: false,
			logLevel: 'silent',
		});
	}

	if (tests) {
		const dir = 'test/integration';
		const entries = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
		builds.push({
			entryPoints: entries,
			outdir: 'out/test/integration',
			bundle: true,
			format: 'cjs',
			platform: 'node',
			target: 'node18',
			external: ['vscode', 'mocha'],
			alias,
			sourcemap: 'inline',
			define: { EXTENSION_VERSION: JSON.stringify(version) },
			logLevel: 'silent',
		});
	}
	return builds;
}

async function main() {
	const builds = buildOptions({ production: process.argv.includes('--production'), tests: process.argv.includes('--tests') });
	const contexts = await Promise.all(builds.map((options) => esbuild.context({ ...options, plugins: [problemMatcherPlugin, ...(options.plugins ?? [])] })));
	if (watch) {
		await Promise.all(contexts.map((ctx) => ctx.watch()));
		return;
	}
	await Promise.all(contexts.map((ctx) => ctx.rebuild()));
	await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

module.exports = { buildOptions };

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
