// Builds the extension bundle (and the compose webview's script); with --tests also the
// integration suite that runs inside a real VS Code. Shape from vscode-extension-samples/esbuild-sample.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

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

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
	{
		entryPoints: ['src/extension.ts'],
		outfile: 'dist/extension.js',
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
		plugins: [problemMatcherPlugin],
	},
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
		plugins: [problemMatcherPlugin],
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
		plugins: [problemMatcherPlugin],
	});
}

async function main() {
	const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
	if (watch) {
		await Promise.all(contexts.map((ctx) => ctx.watch()));
		return;
	}
	await Promise.all(contexts.map((ctx) => ctx.rebuild()));
	await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
