/**
 * The sizes of what ships (node esbuild.js --production, built in memory): activation loads
 * dist/extension.js alone, so it stays small; everything else is loaded on first use, in bundles
 * and chunks of at most 150 KB each (esbuild.js splits dist/features.js and dist/testing.js, and
 * the commands load on the first command). `npm run bench` prints the figures and the total.
 */
import * as assert from 'node:assert/strict';
import { DEVELOPMENT_ONLY_BUNDLES, distBundles } from './bundles';

const KB = 1024;
const ACTIVATION_LIMIT = 12 * KB;
const LAZY_LIMIT = 150 * KB;

describe('bundle sizes (production build)', function () {
	this.timeout(120_000);
	let shipped: Map<string, number>;
	let bundles: Map<string, string>;

	before(async () => {
		bundles = await distBundles(true);
		shipped = new Map([...bundles].filter(([file]) => !DEVELOPMENT_ONLY_BUNDLES.includes(file)).map(([file, text]) => [file, Buffer.byteLength(text)]));
	});

	it(`activation bundle dist/extension.js under ${ACTIVATION_LIMIT / KB} KB`, () => {
		const bytes = shipped.get('dist/extension.js');
		assert.ok(bytes !== undefined, 'dist/extension.js was built');
		assert.ok(bytes < ACTIVATION_LIMIT, `dist/extension.js is ${bytes} bytes`);
	});

	it(`every file loaded on first use under ${LAZY_LIMIT / KB} KB`, () => {
		assert.ok(shipped.has('dist/features.js') && shipped.has('dist/testing.js'), [...shipped.keys()].join(', '));
		for (const [file, bytes] of shipped) {
			assert.ok(bytes < LAZY_LIMIT, `${file} is ${bytes} bytes`);
		}
	});

	it('the commands are a chunk of their own, which dist/features.js requires on the first command only', () => {
		const commands = [...bundles].find(([file, text]) => file.startsWith('dist/chunk-') && /\bCOMMANDS:/.test(text));
		assert.ok(commands, 'a chunk exports COMMANDS (src/commands/registry.ts)');
		const name = commands[0].slice('dist/'.length);
		const features = bundles.get('dist/features.js') ?? '';
		const requires = features.split(`require("./${name}")`).length - 1;
		const lazy = features.split(new RegExp(`Promise\\.resolve\\(\\)\\.then\\(\\(\\)=>\\w*\\(?require\\("\\./${name.replace('.', '\\.')}"\\)`)).length - 1;
		assert.ok(requires > 0, 'dist/features.js requires the commands chunk');
		assert.equal(lazy, requires, 'only inside an import() turned into a require (runCommand), not when dist/features.js loads');
		assert.ok(!/\bCOMMANDS:/.test(features), 'the registry is not in dist/features.js');
	});
});
