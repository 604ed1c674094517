/**
 * The committed string bundle (l10n/bundle.l10n.json) holds exactly the strings the sources
 * pass to `vscode.l10n.t` and to `@vscode/l10n`'s `l10n.t` (pure modules, the webview script).
 * Extracted with the same library `npm run l10n` runs (@vscode/l10n-dev): when this fails, run
 * `npm run l10n` and commit the bundle.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import * as l10n from '@vscode/l10n';
import { explainErrorCode } from '../../src/core/errorCodes';
import { formatRelativeDay } from '../../src/core/format';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			return sourceFiles(full);
		}
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

function readBundle(): l10nJsonFormat {
	return JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as l10nJsonFormat;
}

async function extract(files: string[]): Promise<l10nJsonFormat> {
	return getL10nJson(files.map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: path.extname(file) })));
}

describe('l10n bundle', function () {
	// tree-sitter parses every file of src/: about a second on a loaded 2-core machine.
	this.timeout(60_000);

	let extracted: l10nJsonFormat;
	let committed: l10nJsonFormat;
	before(async () => {
		extracted = await extract(sourceFiles(path.join(ROOT, 'src')));
		committed = readBundle();
	});

	it('extracts both vscode.l10n.t and @vscode/l10n strings (the extraction itself works)', async () => {
		const sample = await extract([]);
		assert.deepEqual(sample, {});
		const both = await getL10nJson([
			{ extension: '.ts', contents: "import * as vscode from 'vscode';\nvscode.l10n.t('Host {0}', 1);" },
			{ extension: '.ts', contents: "import * as l10n from '@vscode/l10n';\nexport const f = () => l10n.t('Pure {0}', 2);" },
		]);
		assert.deepEqual(Object.keys(both).sort(), ['Host {0}', 'Pure {0}']);
	});

	it('sees every @vscode/l10n import: only `import * as l10n` (the exporter skips a named `t`)', () => {
		const hidden = sourceFiles(path.join(ROOT, 'src')).filter((file) => {
			const text = fs.readFileSync(file, 'utf8');
			const imports = [...text.matchAll(/^import\s+([^;]*?)\s+from\s+['"]@vscode\/l10n['"]/gm)].map((m) => m[1]);
			return imports.some((clause) => clause !== '* as l10n' && !clause.startsWith('type '));
		});
		assert.deepEqual(hidden.map((file) => path.relative(ROOT, file)), []);
	});

	it('sees every l10n.t call: a literal first argument, no function passing strings on to it', () => {
		const hidden = sourceFiles(path.join(ROOT, 'src')).flatMap((file) => {
			const text = fs.readFileSync(file, 'utf8');
			// The first argument may start on the next line (a formatted long call); it must be a literal.
			return [...text.matchAll(/\bl10n\.t\((?!\s*(?:['"{]|`[^`$]*`))/g)].map((match) => `${path.relative(ROOT, file)}:${text.slice(0, match.index).split('\n').length}`);
		});
		assert.deepEqual(hidden, [], 'the exporter extracts only literal strings; these pass a variable on to l10n.t');
	});

	it('has every string of src/ (run `npm run l10n` if not)', () => {
		const missing = Object.keys(extracted).filter((key) => !(key in committed));
		assert.deepEqual(missing, [], `strings missing from l10n/bundle.l10n.json: ${JSON.stringify(missing, null, 1)}`);
	});

	it('has no string that src/ no longer uses, and the same text for each', () => {
		const stale = Object.keys(committed).filter((key) => !(key in extracted));
		assert.deepEqual(stale, [], `strings in l10n/bundle.l10n.json that src/ no longer uses: ${JSON.stringify(stale, null, 1)}`);
		assert.deepEqual(committed, extracted);
	});

	it('holds the pure modules\' strings (error codes, formatting)', () => {
		for (const key of ['Authentication failed', 'Today', 'Yesterday']) {
			assert.ok(key in committed, key);
		}
	});
});

describe('l10n in the pure modules', () => {
	afterEach(() => l10n.config({ contents: {} }));

	it('translates at call time with the bundle configured after the module loaded', () => {
		assert.equal(explainErrorCode(20003)?.title, 'Authentication failed');
		l10n.config({ contents: { 'Authentication failed': 'Authentifizierung fehlgeschlagen', Today: 'Heute' } });
		assert.equal(explainErrorCode(20003)?.title, 'Authentifizierung fehlgeschlagen');
		const now = new Date(2026, 10, 30, 12);
		assert.equal(formatRelativeDay(now, now), 'Heute');
	});

	it('formats a day heading with the bundle\'s pattern and names', () => {
		const heading = Object.keys(readBundle()).find((key) => key.startsWith('{0}, {1} {2} {3}/'));
		assert.ok(heading);
		l10n.config({ contents: { Tue: 'Di', Nov: 'Nov.', [heading]: { message: '{0}, {1}. {2} {3}', comment: [] } } });
		const now = new Date(2026, 10, 30, 12);
		assert.equal(formatRelativeDay(new Date(2026, 10, 24, 9), now), 'Di, 24. Nov. 2026');
	});

	it('falls back to English for a string the bundle lacks', () => {
		l10n.config({ contents: { Today: 'Heute' } });
		assert.equal(explainErrorCode(21211)?.title, 'Invalid To number');
	});
});
