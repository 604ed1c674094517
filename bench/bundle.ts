/**
 * Bundle: the production build that ships (dist/extension.js, dist/features.js, dist/testing.js,
 * the chunks they share or load on first use, dist/webview/*.js), minified and gzipped, all of it
 * together, the activation bundle and the largest file loaded on first use against their goals
 * and against the figures before issue 11's work and before the split, the .vsix, and what each
 * file is made of (esbuild metafile, bytes per package).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { ROOT } from '../scripts/lib/codeServer';
import { kb, type Row } from './stats';

/** Activation loads dist/extension.js alone: what starts with VS Code. */
export const EXTENSION_BUNDLE_GOAL_BYTES = 12 * 1024;
/** All shipped JavaScript in dist/ (issue "The house, second floor"). */
export const ALL_JS_GOAL_BYTES = 400 * 1024;
/** Any one file loaded after activation (a bundle or a chunk). */
export const LAZY_FILE_GOAL_BYTES = 150 * 1024;
/** The same production build before issue 11 (commit fed1e57): 7,819 + 147,406 + 37,350 bytes. */
export const BEFORE = { allJsBytes: 192_575, extensionBytes: 7_819, commit: 'fed1e57' } as const;
/**
 * Before dist/features.js and dist/testing.js were split (commit 56d1261): 11,958 (extension) +
 * 255,894 (features) + 132,590 (testing) + 36,631 + 27,225 (webviews) bytes.
 */
export const BEFORE_SPLIT = { allJsBytes: 464_298, largestLazyBytes: 255_894, commit: '56d1261' } as const;
const TOP_CONTRIBUTORS = 8;

export interface Contributor {
	name: string;
	bytes: number;
}

export interface BundleResult {
	rows: Row[];
	/** Per bundle: the biggest inputs, grouped by package (node_modules) or source folder. */
	contributors: Record<string, Contributor[]>;
	/** Per bundle: the biggest single input files. */
	files: Record<string, Contributor[]>;
}

/** One JavaScript file of the production build, as esbuild.js writes it to dist/. */
interface OutputSpec {
	label: string;
	bytes: number;
	goalBytes?: number;
	/** Built for `npm start` only; not in the .vsix. */
	developmentOnly: boolean;
	meta: { total: number; contributors: Contributor[]; files: Contributor[] };
}

/**
 * esbuild.js's own production options, built again in memory with a metafile: every JavaScript
 * file they write (the split build writes several) with its final bytes and its inputs.
 */
async function productionOutputs(): Promise<OutputSpec[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is a CommonJS script
	const { buildOptions, DEVELOPMENT_ONLY_BUNDLES } = require('../esbuild.js') as {
		buildOptions: (o: { production: boolean; tests: boolean }) => esbuild.BuildOptions[];
		DEVELOPMENT_ONLY_BUNDLES: string[];
	};
	const specs: OutputSpec[] = [];
	for (const options of buildOptions({ production: true, tests: false })) {
		const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' });
		for (const file of result.outputFiles.filter((output) => output.path.endsWith('.js'))) {
			const label = path.relative(ROOT, file.path).split(path.sep).join('/');
			const meta = result.metafile.outputs[label];
			if (!meta) {
				throw new Error(`esbuild's metafile does not name ${label}`);
			}
			specs.push({
				label,
				bytes: file.contents.length,
				developmentOnly: DEVELOPMENT_ONLY_BUNDLES.includes(label),
				// Activation loads dist/extension.js alone; everything else is loaded on first use.
				goalBytes: label === 'dist/extension.js' ? EXTENSION_BUNDLE_GOAL_BYTES : LAZY_FILE_GOAL_BYTES,
				meta: contributorsOf(meta),
			});
		}
	}
	return specs.sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label));
}

/** extension.js, features.js, testing.js, the chunks, the rest (webviews, development only). */
function order(label: string): number {
	const known = ['dist/extension.js', 'dist/features.js', 'dist/testing.js'].indexOf(label);
	return known >= 0 ? known : label.startsWith('dist/chunk-') ? 3 : 4;
}

/** `node_modules/@scope/pkg/x.js` → `@scope/pkg`; `src/signalwire/client.ts` → `src/signalwire/`. */
export function groupOf(input: string): string {
	const parts = input.split('/');
	const nm = parts.lastIndexOf('node_modules');
	if (nm >= 0) {
		return parts[nm + 1]?.startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1];
	}
	return parts.length > 2 ? `${parts.slice(0, 2).join('/')}/` : parts[0];
}

function contributorsOf(meta: esbuild.Metafile['outputs'][string]): { total: number; contributors: Contributor[]; files: Contributor[] } {
	const groups = new Map<string, number>();
	let attributed = 0;
	for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
		const name = groupOf(input);
		groups.set(name, (groups.get(name) ?? 0) + bytesInOutput);
		attributed += bytesInOutput;
	}
	if (meta.bytes > attributed) {
		groups.set('(esbuild wrappers, runtime)', meta.bytes - attributed);
	}
	const contributors = [...groups].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
	const files = Object.entries(meta.inputs)
		.map(([name, { bytesInOutput }]) => ({ name, bytes: bytesInOutput }))
		.sort((a, b) => b.bytes - a.bytes);
	return { total: meta.bytes, contributors, files };
}

function runProductionBuild(): void {
	const result = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`node esbuild.js --production failed: ${result.stderr || result.stdout}`);
	}
}

/** Packages the .vsix into a temporary folder; 'n/a' with the reason when vsce refuses. */
function packageVsix(): { bytes?: number; reason?: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-bench-vsix-'));
	try {
		const out = path.join(dir, 'x.vsix');
		const result = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '-o', out], {
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 180_000,
			env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
		});
		if (result.status === 0 && fs.existsSync(out)) {
			return { bytes: fs.statSync(out).size };
		}
		const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
		const line = text.split('\n').find((l) => /ERROR|Error|error/.test(l)) ?? text.trim().split('\n').pop() ?? `exit ${result.status}`;
		return { reason: stripAnsi(line).trim().slice(0, 160) };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** A size against its goal and against the same figure before (issue 11, or the split). */
function sizeRow(what: string, bytes: number, goalBytes: number, before: { bytes: number; commit: string }[], note: string): Row {
	const changes = before.map(({ bytes: beforeBytes, commit }) => {
		const change = ((bytes - beforeBytes) / beforeBytes) * 100;
		return `before ${kb(beforeBytes)} (${commit}), ${change >= 0 ? '+' : ''}${change.toFixed(0)}%`;
	});
	return {
		area: 'Bundle',
		what,
		figure: kb(bytes),
		goal: `< ${kb(goalBytes)}`,
		met: bytes < goalBytes,
		compared: `${changes.join('; ')}; ${note}`,
		raw: { bytes, before, goalBytes },
	};
}

/** Removes terminal colour codes (ESC [ … m). */
function stripAnsi(text: string): string {
	const escape = String.fromCharCode(27);
	return text.split(escape).map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');
}

export async function benchBundle(log: (line: string) => void): Promise<BundleResult> {
	const rows: Row[] = [];
	const contributors: Record<string, Contributor[]> = {};
	const files: Record<string, Contributor[]> = {};
	log('bundle: node esbuild.js --production');
	runProductionBuild();
	const shipped = { minified: 0, gzipped: 0, count: 0, largestLazy: 0, largestLazyLabel: '' };
	let activationBytes: number | undefined;
	for (const spec of await productionOutputs()) {
		const minified = fs.readFileSync(path.join(ROOT, spec.label));
		if (minified.length !== spec.bytes) {
			log(`bundle: ${spec.label} on disk (${minified.length} bytes) differs from esbuild.js's options built again (${spec.bytes} bytes)`);
		}
		if (spec.developmentOnly) {
			rows.push({
				area: 'Bundle',
				what: `${spec.label} (minified)`,
				figure: kb(minified.length),
				goal: '',
				compared: 'development only (npm start), not in the .vsix, not counted below',
				raw: { bytes: minified.length },
			});
			continue;
		}
		if (spec.label === 'dist/extension.js') {
			activationBytes = minified.length;
		} else if (minified.length > shipped.largestLazy) {
			shipped.largestLazy = minified.length;
			shipped.largestLazyLabel = spec.label;
		}
		const gzipped = gzipSync(minified, { level: 9 }).length;
		shipped.minified += minified.length;
		shipped.gzipped += gzipped;
		shipped.count += 1;
		contributors[spec.label] = spec.meta.contributors.slice(0, TOP_CONTRIBUTORS);
		files[spec.label] = spec.meta.files.slice(0, TOP_CONTRIBUTORS);
		const top = spec.meta.contributors[0];
		rows.push({
			area: 'Bundle',
			what: `${spec.label} (minified)`,
			figure: kb(minified.length),
			goal: spec.goalBytes ? `< ${kb(spec.goalBytes)}` : '',
			compared: `limit ${kb(spec.goalBytes ?? 0)}${top ? `; largest input: ${top.name} ${kb(top.bytes)}` : ''}`,
			...(spec.goalBytes ? { met: minified.length < spec.goalBytes } : {}),
			raw: { bytes: minified.length, metafileBytes: spec.meta.total },
		});
		rows.push({
			area: 'Bundle',
			what: `${spec.label} (gzip -9)`,
			figure: kb(gzipped),
			goal: '',
			compared: `${((gzipped / minified.length) * 100).toFixed(0)}% of minified`,
			raw: { bytes: gzipped },
		});
	}
	if (shipped.count > 0) {
		rows.push(
			sizeRow(
				'All dist JavaScript shipped (minified)',
				shipped.minified,
				ALL_JS_GOAL_BYTES,
				[
					{ bytes: BEFORE.allJsBytes, commit: BEFORE.commit },
					{ bytes: BEFORE_SPLIT.allJsBytes, commit: BEFORE_SPLIT.commit },
				],
				`${shipped.count} files, ${kb(shipped.gzipped)} gzipped`,
			),
		);
		rows.push(
			sizeRow(
				'Largest file loaded on first use (minified)',
				shipped.largestLazy,
				LAZY_FILE_GOAL_BYTES,
				[{ bytes: BEFORE_SPLIT.largestLazyBytes, commit: `${BEFORE_SPLIT.commit}, dist/features.js` }],
				shipped.largestLazyLabel,
			),
		);
	}
	if (activationBytes !== undefined) {
		rows.push(sizeRow('Activation bundle dist/extension.js (minified)', activationBytes, EXTENSION_BUNDLE_GOAL_BYTES, [{ bytes: BEFORE.extensionBytes, commit: BEFORE.commit }], 'loaded alone at activation'));
	}
	log('bundle: npx vsce package --no-dependencies');
	const vsix = packageVsix();
	rows.push({
		area: 'Bundle',
		what: '.vsix (vsce package)',
		figure: vsix.bytes !== undefined ? kb(vsix.bytes) : 'n/a',
		goal: '',
		compared: vsix.bytes !== undefined ? 'whole package (bundles, icon, README, l10n)' : `vsce failed: ${vsix.reason}`,
		raw: vsix,
	});
	return { rows, contributors, files };
}
