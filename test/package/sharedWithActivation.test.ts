/**
 * In production the lazily loaded bundles require src/core/secrets.ts from dist/extension.js
 * (esbuild.js, sharedWithActivationPlugin; the re-export at the end of src/extension.ts). An
 * external import is not checked by esbuild: this checks that every name they read from
 * dist/extension.js is one of its exports, and that src/extension.ts re-exports every name any
 * file imports from src/core/secrets.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { distBundles } from './bundles';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
	});
}

describe('bundles: what dist/extension.js shares with the lazily loaded bundles', () => {
	it('every name the other bundles read from dist/extension.js is exported by it', async () => {
		const bundles = await distBundles(true);
		const extension = bundles.get('dist/extension.js') ?? '';
		const exported = new Set([...extension.matchAll(/(\w+):\(\)=>/g)].map((m) => m[1]));
		let reads = 0;
		for (const [file, text] of bundles) {
			if (file === 'dist/extension.js') {
				continue;
			}
			for (const [, variable] of text.matchAll(/([\w$]+)=require\("\.\/extension\.js"\)/g)) {
				const escaped = variable.replace(/\$/g, '\\$');
				for (const [, name] of text.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\.(\\w+)`, 'g'))) {
					reads++;
					assert.ok(exported.has(name), `${file} reads ${name} from dist/extension.js, which does not export it`);
				}
			}
		}
		assert.ok(reads > 0, 'the production bundles read the secret masking from dist/extension.js');
	});

	it('src/extension.ts re-exports every name imported from src/core/secrets.ts', () => {
		const entry = fs.readFileSync(path.join(ROOT, 'src/extension.ts'), 'utf8');
		const reexport = /export \{([^}]*)\} from '\.\/core\/secrets'/.exec(entry);
		assert.ok(reexport, 'src/extension.ts re-exports src/core/secrets.ts');
		const shared = new Set(reexport[1].split(',').map((name) => name.trim()).filter(Boolean));
		for (const file of sourceFiles(path.join(ROOT, 'src'))) {
			const text = fs.readFileSync(file, 'utf8');
			for (const [, names] of text.matchAll(/import \{([^}]*)\} from '(?:\.\.?\/)+(?:core\/)?secrets'/g)) {
				for (const name of names.split(',').map((n) => n.replace(/^type\s+/, '').trim()).filter(Boolean)) {
					assert.ok(shared.has(name), `${path.relative(ROOT, file)} imports ${name} from src/core/secrets.ts`);
				}
			}
		}
	});
});
