/**
 * The .vsix as users install it: `npm run package` must produce it without warnings, and it may
 * hold only the bundles, media, README, CHANGELOG, LICENSE, translations and the manifest.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/codeServer';

const ALLOWED = [
	/^extension\.vsixmanifest$/,
	/^\[Content_Types\]\.xml$/,
	/^extension\/package\.json$/,
	/^extension\/package\.nls(\.[a-z-]+)?\.json$/,
	/^extension\/readme\.md$/,
	/^extension\/changelog\.md$/,
	/^extension\/LICENSE\.txt$/,
	/^extension\/dist\/(extension|features|testing)\.js$/,
	/^extension\/dist\/chunk-[A-Z0-9]+\.js$/,
	/^extension\/language-configuration\.json$/,
	/^extension\/syntaxes\/smstest\.tmLanguage\.json$/,
	/^extension\/snippets\/smstest\.code-snippets$/,
	/^extension\/dist\/webview\/[a-z]+\.js$/,
	/^extension\/dist\/webview\/chunk-[A-Z0-9]+\.js$/,
	/^extension\/media\/[\w.-]+\.(png|svg|css)$/,
	/^extension\/media\/walkthrough\/[\w-]+\.md$/,
	/^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];

export const VSIX_PATH = path.join(ROOT, '.vscode-test', 'signalwire-messaging-sandbox.vsix');
const STALE_CHUNKS = [path.join(ROOT, 'dist', 'chunk-STALE000.js'), path.join(ROOT, 'dist', 'webview', 'chunk-STALE000.js')];

describe('package (.vsix)', function () {
	this.timeout(120_000);
	let output = '';
	let entries: string[] = [];

	before(() => {
		// vsce does not create the output folder; on a fresh clone .vscode-test does not exist yet.
		fs.mkdirSync(path.dirname(VSIX_PATH), { recursive: true });
		// Chunks of an earlier build (their names change with their content): the build clears them.
		for (const stale of STALE_CHUNKS) {
			fs.mkdirSync(path.dirname(stale), { recursive: true });
			fs.writeFileSync(stale, 'module.exports = "an earlier build";\n');
		}
		const result = spawnSync('npm', ['run', 'package', '--', '-o', VSIX_PATH], { cwd: ROOT, encoding: 'utf8' });
		output = `${result.stdout}\n${result.stderr}`;
		assert.equal(result.status, 0, `npm run package failed:\n${output}`);
		const listing = spawnSync('unzip', ['-Z1', VSIX_PATH], { encoding: 'utf8' });
		assert.equal(listing.status, 0, listing.stderr);
		entries = listing.stdout.split('\n').filter(Boolean);
	});

	it('packages without warnings', () => {
		const warnings = output.split('\n').filter((line) => /WARNING|warning/.test(line));
		assert.deepEqual(warnings, []);
	});

	it('leaves no chunk of an earlier build behind, in dist/ or in the .vsix', () => {
		assert.deepEqual(STALE_CHUNKS.filter((stale) => fs.existsSync(stale)), []);
		assert.deepEqual(entries.filter((entry) => entry.includes('STALE')), []);
	});

	it('holds only the bundles, media, README, CHANGELOG, LICENSE and the manifest', () => {
		const unexpected = entries.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry)));
		assert.deepEqual(unexpected, [], `unexpected files in the .vsix: ${unexpected.join(', ')}`);
		for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/features.js', 'extension/dist/testing.js', 'extension/language-configuration.json', 'extension/syntaxes/smstest.tmLanguage.json', 'extension/snippets/smstest.code-snippets', 'extension/media/smstest-file.svg', 'extension/dist/webview/compose.js', 'extension/dist/webview/conversation.js', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/media/icon.png']) {
			assert.ok(entries.includes(required), `${required} is missing`);
		}
		assert.ok(!entries.some((e) => /\.map$|\/src\/|\/test\/|node_modules|\.vscode-test/.test(e)));
	});

	it('ships minified bundles without source maps', () => {
		const chunks = fs.readdirSync(path.join(ROOT, 'dist')).filter((file) => /^chunk-\w+\.js$/.test(file));
		assert.ok(chunks.length > 0, 'the production build splits dist/features.js and dist/testing.js into chunks');
		const webviewChunks = fs.readdirSync(path.join(ROOT, 'dist', 'webview')).filter((file) => /^chunk-\w+\.js$/.test(file)).map((chunk) => path.join('webview', chunk));
		assert.equal(webviewChunks.length, 1, 'the two webview scripts share one chunk');
		assert.deepEqual([...chunks, ...webviewChunks].map((chunk) => `extension/dist/${chunk}`).filter((entry) => !entries.includes(entry)), [], 'every chunk is in the .vsix');
		for (const file of ['extension.js', 'features.js', 'testing.js', path.join('webview', 'compose.js'), path.join('webview', 'conversation.js'), ...chunks, ...webviewChunks]) {
			const bundle = fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8');
			assert.ok(!bundle.includes('sourceMappingURL'), `${file}: no source map reference`);
			assert.ok(bundle.split('\n').length < 50, `${file}: minified`);
		}
	});

	it('activates from a small bundle that loads the rest on first use', () => {
		const activation = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
		assert.ok(activation.includes('require("./features.js")'), 'dist/extension.js requires the features bundle');
		assert.ok(!activation.includes('api/laml/2010-04-01'), 'the API client is not in the activation bundle');
		assert.ok(activation.length < 20 * 1024, `dist/extension.js is ${activation.length} bytes`);
	});

	it('keeps the conversation tests in their own bundle: neither activation nor the first command loads them', () => {
		const activation = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
		const features = fs.readFileSync(path.join(ROOT, 'dist', 'features.js'), 'utf8');
		const testing = fs.readFileSync(path.join(ROOT, 'dist', 'testing.js'), 'utf8');
		assert.ok(activation.includes('require("./testing.js")'), 'dist/extension.js requires the testing bundle (when a .smstest file is there)');
		assert.ok(activation.length < 12 * 1024, `dist/extension.js is ${activation.length} bytes (goal < 12 KB)`);
		for (const [name, bundle] of [['extension.js', activation], ['features.js', features]] as const) {
			assert.ok(!bundle.includes('createTestController'), `${name} holds no test controller`);
			assert.ok(!bundle.includes('require("./testing.js")') || name === 'extension.js', `${name} does not load the testing bundle`);
		}
		assert.ok(testing.includes('createTestController'), 'dist/testing.js holds the test controller');
	});

	it('says in its name and description that it is unofficial', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { displayName: string; description: string };
		const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
		const name = nls[manifest.displayName.replace(/%/g, '')];
		const description = nls[manifest.description.replace(/%/g, '')];
		assert.match(name, /unofficial/i);
		assert.match(description, /unofficial/i);
		assert.match(description, /not affiliated/i);
	});

	it('is installable: every %key% of the manifest has a text in package.nls.json', () => {
		const raw = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
		const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
		const keys = [...raw.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
		const missing = keys.filter((key) => !(key in nls));
		assert.deepEqual(missing, []);
	});
});
