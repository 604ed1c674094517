/**
 * The esbuild aliases of esbuild.js, applied to unit tests, so the code under test is the code that
 * ships: `sms-segments-calculator` gets src/core/graphemeSplitter.ts (Intl.Segmenter) in place of
 * `grapheme-splitter`. Only the library's own require is redirected; a test that imports
 * `grapheme-splitter` itself (to compare the two) still gets the real package.
 */
import Module from 'node:module';
import * as path from 'node:path';

const SHIM = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'graphemeSplitter.ts');

type Resolve = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (request, parent, ...rest) {
	if (request === 'grapheme-splitter' && parent?.filename?.includes(`${path.sep}sms-segments-calculator${path.sep}`)) {
		return resolve.call(this, SHIM, parent, ...rest);
	}
	return resolve.call(this, request, parent, ...rest);
};
