/**
 * Bundle: the production build that ships (dist/extension.js, dist/features.js,
 * dist/webview/compose.js), minified and gzipped, all of it together and the activation bundle
 * against their goals and against the figures before issue 11's work, the .vsix, and what each
 * bundle is made of (esbuild metafile, bytes per package).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { ROOT } from '../scripts/lib/codeServer';
import { errorText, kb, type Row } from './stats';

/** Activation loads dist/extension.js alone: what starts with VS Code. */
export const EXTENSION_BUNDLE_GOAL_BYTES = 12 * 1024;
/** All shipped JavaScript in dist/. */
export const ALL_JS_GOAL_BYTES = 120 * 1024;
/** The same production build before issue 11 (commit fed1e57): 7,819 + 147,406 + 37,350 bytes. */
export const BEFORE = { allJsBytes: 192_575, extensionBytes: 7_819, commit: 'fed1e57' } as const;
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

interface BundleSpec {
	label: string;
	file: string;
	goalBytes?: number;
	/** Built for `npm start` only; not in the .vsix. */
	developmentOnly: boolean;
	options: esbuild.BuildOptions;
}

/** esbuild.js's own production options, for the metafile; esbuild.js itself builds dist/. */
function specs(): BundleSpec[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild.js is a CommonJS script
	const { buildOptions, DEVELOPMENT_ONLY_BUNDLES } = require('../esbuild.js') as {
		buildOptions: (o: { production: boolean; tests: boolean }) => esbuild.BuildOptions[];
		DEVELOPMENT_ONLY_BUNDLES: string[];
	};
	return buildOptions({ production: true, tests: false }).map((options) => {
		const label = options.outfile ?? '?';
		return {
			label,
			file: path.join(ROOT, label),
			developmentOnly: DEVELOPMENT_ONLY_BUNDLES.includes(label),
			// Activation loads dist/extension.js alone; the goal is about what starts with VS Code.
			...(label === 'dist/extension.js' ? { goalBytes: EXTENSION_BUNDLE_GOAL_BYTES } : {}),
			options: { ...options, outfile: undefined },
		};
	});
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

async function contributorsOf(spec: BundleSpec): Promise<{ total: number; contributors: Contributor[]; files: Contributor[] }> {
	const result = await esbuild.build({ ...spec.options, absWorkingDir: ROOT, outfile: 'out/bench/metafile.js', write: false, metafile: true, logLevel: 'silent' });
	const output = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith('.js'));
	if (!output) {
		throw new Error('esbuild produced no output');
	}
	const [, meta] = output;
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

/** A size against its goal and against the same figure before issue 11. */
function sizeRow(what: string, bytes: number, goalBytes: number, beforeBytes: number, note: string): Row {
	const change = ((bytes - beforeBytes) / beforeBytes) * 100;
	return {
		area: 'Bundle',
		what,
		figure: kb(bytes),
		goal: `< ${kb(goalBytes)}`,
		met: bytes < goalBytes,
		compared: `before ${kb(beforeBytes)} (${BEFORE.commit}), ${change >= 0 ? '+' : ''}${change.toFixed(0)}%; ${note}`,
		raw: { bytes, beforeBytes, goalBytes },
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
	const shipped = { minified: 0, gzipped: 0, count: 0 };
	let activationBytes: number | undefined;
	for (const spec of specs()) {
		if (!fs.existsSync(spec.file)) {
			rows.push({ area: 'Bundle', what: `${spec.label} (minified)`, figure: 'n/a', goal: '', compared: 'not built' });
			continue;
		}
		const minified = fs.readFileSync(spec.file);
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
		}
		const gzipped = gzipSync(minified, { level: 9 }).length;
		shipped.minified += minified.length;
		shipped.gzipped += gzipped;
		shipped.count += 1;
		let meta: { total: number; contributors: Contributor[]; files: Contributor[] } | undefined;
		try {
			meta = await contributorsOf(spec);
			contributors[spec.label] = meta.contributors.slice(0, TOP_CONTRIBUTORS);
			files[spec.label] = meta.files.slice(0, TOP_CONTRIBUTORS);
		} catch (error) {
			log(`bundle: metafile of ${spec.label} failed: ${errorText(error)}`);
		}
		const top = meta?.contributors[0];
		rows.push({
			area: 'Bundle',
			what: `${spec.label} (minified)`,
			figure: kb(minified.length),
			goal: spec.goalBytes ? `< ${kb(spec.goalBytes)}` : '',
			compared: spec.goalBytes
				? `limit ${kb(spec.goalBytes)}${top ? `; largest input: ${top.name} ${kb(top.bytes)}` : ''}`
				: top
					? `largest input: ${top.name} ${kb(top.bytes)}`
					: '',
			...(spec.goalBytes ? { met: minified.length < spec.goalBytes } : {}),
			raw: { bytes: minified.length, metafileBytes: meta?.total },
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
		rows.push(sizeRow('All dist JavaScript shipped (minified)', shipped.minified, ALL_JS_GOAL_BYTES, BEFORE.allJsBytes, `${shipped.count} bundles, ${kb(shipped.gzipped)} gzipped`));
	}
	if (activationBytes !== undefined) {
		rows.push(sizeRow('Activation bundle dist/extension.js (minified)', activationBytes, EXTENSION_BUNDLE_GOAL_BYTES, BEFORE.extensionBytes, 'loaded alone at activation'));
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
