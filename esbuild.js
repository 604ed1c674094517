// Builds the extension bundle (and the compose webview's script); with --tests also the
// integration suite that runs inside a real VS Code. Shape from vscode-extension-samples/esbuild-sample.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { Buffer } = require('node:buffer');

const watch = process.argv.includes('--watch');

/**
 * Prints errors in the form the `$esbuild-watch` problem matcher reads; the "[watch] build
 * started/finished" lines that matcher waits for only with --watch, where something watches.
 */
const problemMatcherPlugin = {
	name: 'esbuild-problem-matcher',
	setup(build) {
		build.onStart(() => {
			if (watch) {console.log('[watch] build started');}
		});
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {console.error(`    ${location.file}:${location.line}:${location.column}:`);}
			}
			if (watch) {console.log('[watch] build finished');}
		});
	},
};

const version = require('./package.json').version;

/** `grapheme-splitter` (22 KB of tables, used by sms-segments-calculator) → the platform's Intl.Segmenter. */
const alias = { 'grapheme-splitter': './src/core/graphemeSplitter.ts' };

/**
 * sms-segments-calculator ships ES5 CommonJS (iterator helpers, `__importDefault` wrappers, every
 * module kept whole) beside its TypeScript sources. The bundles compile the sources instead: the
 * same code, as modern modules esbuild can tree-shake (its RCS and browser parts drop out). The
 * real path, so that both imports of one file (through the node_modules symlink) are one module.
 */
const SEGMENTS_LIBRARY_SOURCES = path.join(fs.realpathSync(path.dirname(require.resolve('sms-segments-calculator/package.json'))), 'src');
const segmentsLibrarySourcesPlugin = {
	name: 'sms-segments-calculator-sources',
	setup(build) {
		build.onResolve({ filter: /^sms-segments-calculator(\/dist\/.*)?$/ }, (args) => {
			const sub = args.path.slice('sms-segments-calculator'.length).replace(/^\/dist\//, '');
			return { path: path.join(SEGMENTS_LIBRARY_SOURCES, `${sub || 'index'}.ts`) };
		});
		// Its Smart Encoding table (2.5 KB per bundle) is read only when Twilio's Smart Encoding is
		// emulated, which src/core/segments.ts never asks for (SignalWire documents no such feature).
		// The stand-in fails loudly should anyone turn it on.
		build.onResolve({ filter: /^\.\/SmartEncodingMap$/ }, (args) =>
			args.importer.startsWith(SEGMENTS_LIBRARY_SOURCES) ? { path: 'SmartEncodingMap', namespace: 'smart-encoding-off' } : undefined,
		);
		build.onLoad({ filter: /.*/, namespace: 'smart-encoding-off' }, () => ({
			contents: 'export default new Proxy({}, { get() { throw new Error("Smart Encoding is not bundled (esbuild.js)"); } });',
			loader: 'js',
		}));
	},
};

/** Fails the build if grapheme-splitter's own code gets in (its tables are what the alias avoids). */
const noGraphemeSplitterPlugin = {
	name: 'no-grapheme-splitter',
	setup(build) {
		build.onLoad({ filter: /[\\/]node_modules[\\/]grapheme-splitter[\\/]/ }, (args) => ({
			errors: [{ text: `grapheme-splitter must not be bundled (${args.path}): esbuild.js aliases it to src/core/graphemeSplitter.ts` }],
		}));
	},
};

/** What every bundle shares: output in UTF-8 (non-ASCII text is not \\u-escaped), no legal comments. */
const compact = { charset: 'utf8', legalComments: 'none' };

/**
 * Activation loads dist/extension.js only; it requires dist/features.js (everything behind the
 * commands and views) on first use, dist/testing.js (the conversation tests) once a .smstest file
 * is in the workspace or opened, and dist/devSignIn.js (npm start's one-time sign-in code) in
 * development mode only. This keeps those requires requires of the sibling bundles.
 */
const SIBLING_BUNDLES = { './features': './features.js', './testing': './testing.js', './credentials/devSignIn': './devSignIn.js' };
const siblingBundlesPlugin = {
	name: 'sibling-bundles',
	setup(build) {
		build.onResolve({ filter: /^\.\/(features|testing|credentials\/devSignIn)$/ }, (args) =>
			args.importer.endsWith(path.join('src', 'extension.ts')) ? { path: SIBLING_BUNDLES[args.path], external: true } : undefined,
		);
	},
};

/**
 * src/core/secrets.ts is in dist/extension.js (the logger masks secrets from activation on), which
 * re-exports what the other bundles use of it (src/extension.ts). In production, dist/features.js,
 * dist/testing.js and their chunks (all in dist/, loaded after dist/extension.js) require it from
 * there instead of carrying a second copy.
 */
const SHARED_WITH_ACTIVATION = path.join(__dirname, 'src', 'core', 'secrets.ts');
const sharedWithActivationPlugin = {
	name: 'shared-with-activation',
	setup(build) {
		build.onResolve({ filter: /\/secrets$/ }, (args) =>
			path.resolve(args.resolveDir, `${args.path}.ts`) === SHARED_WITH_ACTIVATION ? { path: './extension.js', external: true } : undefined,
		);
	},
};

/**
 * Clears a split build's chunks (dist/chunk-<hash>.js, dist/webview/chunk-<hash>.js) before it
 * writes: their names change with their content, and no stale one may stay behind to be packaged.
 * Before every build, so in watch mode and in the bench's builds too.
 */
const staleChunksPlugin = {
	name: 'stale-chunks',
	setup(build) {
		const { outdir, write } = build.initialOptions;
		build.onStart(() => {
			if (write === false || !outdir || !fs.existsSync(outdir)) {
				return;
			}
			for (const name of fs.readdirSync(outdir).filter((file) => /^chunk-\w+\.js(\.map)?$/.test(file))) {
				fs.rmSync(path.join(outdir, name));
			}
		});
	},
};

/**
 * The production build of dist/features.js and dist/testing.js is one build with code splitting:
 * what both use (the SignalWire client, the domain in src/core/, @vscode/l10n) is in a chunk of
 * its own, dist/chunk-<hash>.js, once instead of a copy in each, and what only the commands use
 * (src/commands/, the send prompts, sign-in, the pickers, import and export) is in a chunk that
 * src/features.ts imports on the first command, not when a view or a panel needs the features.
 * esbuild splits ESM output only, and VS Code requires CommonJS: this plugin turns every output
 * file back into CommonJS (`import()` of a chunk into `require`). The development and test builds
 * stay one file per entry, with source maps.
 */
const commonJsChunksPlugin = {
	name: 'commonjs-chunks',
	setup(build) {
		const options = build.initialOptions;
		options.metafile = true;
		const toCommonJs = async (code) =>
			(await esbuild.transform(code, { format: 'cjs', platform: 'node', target: 'node18', minify: options.minify === true, supported: { 'dynamic-import': false }, ...compact })).code;
		build.onEnd(async (result) => {
			if (result.errors.length > 0) {
				return;
			}
			if (result.outputFiles) {
				for (const [index, file] of result.outputFiles.entries()) {
					if (file.path.endsWith('.js')) {
						const contents = Buffer.from(await toCommonJs(file.text));
						result.outputFiles[index] = { path: file.path, hash: file.hash, contents, text: contents.toString('utf8') };
					}
				}
				return;
			}
			const root = options.absWorkingDir ?? process.cwd();
			for (const output of Object.keys(result.metafile?.outputs ?? {}).filter((name) => name.endsWith('.js'))) {
				const file = path.resolve(root, output);
				fs.writeFileSync(file, await toCommonJs(fs.readFileSync(file, 'utf8')));
			}
		});
	},
};

/**
 * The builds: dist/extension.js (activation), dist/features.js (the rest of the extension),
 * dist/testing.js (conversation tests) and, in production, the chunks those two share or load on
 * the first command (dist/chunk-<hash>.js, see commonJsChunksPlugin), dist/devSignIn.js,
 * dist/webview/*.js, and with `tests` the integration suite. Exported for the benchmark,
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
		...compact,
		plugins: [segmentsLibrarySourcesPlugin, noGraphemeSplitterPlugin],
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		// Test hooks (src/compose/testHooks.ts) only outside production: the minifier drops them there.
		define: { EXTENSION_VERSION: JSON.stringify(version), INCLUDE_TEST_HOOKS: String(!production) },
		logLevel: 'silent',
	};

	/** @type {import('esbuild').BuildOptions[]} */
	const builds = [
		{ ...nodeBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [siblingBundlesPlugin, ...nodeBundle.plugins] },
		// dist/features.js and the conversation tests (.smstest: the test controller, diagnostics
		// and the engine), dist/testing.js; in production with their shared chunks.
		...(production
			? [
					{
						...nodeBundle,
						entryPoints: { features: 'src/features.ts', testing: 'src/testing/index.ts' },
						outdir: 'dist',
						format: 'esm',
						splitting: true,
						chunkNames: 'chunk-[hash]',
						plugins: [staleChunksPlugin, commonJsChunksPlugin, sharedWithActivationPlugin, ...nodeBundle.plugins],
					},
				]
			: [
					{ ...nodeBundle, entryPoints: ['src/features.ts'], outfile: 'dist/features.js' },
					{ ...nodeBundle, entryPoints: ['src/testing/index.ts'], outfile: 'dist/testing.js' },
				]),
		// Development mode only (npm start); not in the .vsix (.vscodeignore lists what ships).
		{ ...nodeBundle, entryPoints: ['src/credentials/devSignIn.ts'], outfile: 'dist/devSignIn.js' },
	];
	// The compose form's and the conversation panel's scripts: ES modules (`<script type="module">`),
	// which share what both use (validation, segments, l10n) in dist/webview/chunk-<hash>.js.
	const webviews = { compose: 'src/compose/webview/main.ts', conversation: 'src/replies/webview/main.ts' };
	builds.push({
		entryPoints: webviews,
		outdir: 'dist/webview',
		bundle: true,
		format: 'esm',
		splitting: true,
		chunkNames: 'chunk-[hash]',
		platform: 'browser',
		target: 'es2022',
		alias,
		...compact,
		plugins: [staleChunksPlugin, segmentsLibrarySourcesPlugin, noGraphemeSplitterPlugin],
		minify: production,
		sourcemap: !production,
		sourcesContent: false,
		logLevel: 'silent',
	});

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
			plugins: [segmentsLibrarySourcesPlugin, noGraphemeSplitterPlugin],
			sourcemap: 'inline',
			define: { EXTENSION_VERSION: JSON.stringify(version), INCLUDE_TEST_HOOKS: 'true' },
			logLevel: 'silent',
		});
	}
	return builds;
}

/**
 * The `sms-sandbox` command line (cli/): one file, cli/dist/sms-sandbox.js, with every dependency
 * inside, so that the npm package (cli/package.json) has no runtime dependencies beyond Node 20.
 * @returns {import('esbuild').BuildOptions}
 */
function cliBuildOptions() {
	return {
		entryPoints: ['cli/src/main.ts'],
		outfile: 'cli/dist/sms-sandbox.js',
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		alias,
		...compact,
		plugins: [segmentsLibrarySourcesPlugin, noGraphemeSplitterPlugin],
		banner: { js: '#!/usr/bin/env node' },
		minify: false,
		sourcemap: false,
		logLevel: 'silent',
	};
}

async function main() {
	const builds = process.argv.includes('--cli')
		? [cliBuildOptions()]
		: buildOptions({ production: process.argv.includes('--production'), tests: process.argv.includes('--tests') });
	if (process.argv.includes('--tests')) {
		// The suite's entry runs every *.test.js in this folder: a test file renamed or removed in
		// test/integration must not leave its old build behind to run again.
		fs.rmSync('out/test/integration', { recursive: true, force: true });
	}
	const contexts = await Promise.all(builds.map((options) => esbuild.context({ ...options, plugins: [problemMatcherPlugin, ...(options.plugins ?? [])] })));
	if (watch) {
		await Promise.all(contexts.map((ctx) => ctx.watch()));
		return;
	}
	await Promise.all(contexts.map((ctx) => ctx.rebuild()));
	await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

/** Bundles built for development only: not in the .vsix (.vscodeignore), not counted as shipped. */
const DEVELOPMENT_ONLY_BUNDLES = ['dist/devSignIn.js'];

module.exports = { buildOptions, cliBuildOptions, DEVELOPMENT_ONLY_BUNDLES };

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
