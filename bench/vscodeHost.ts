/**
 * Activation and memory, measured inside a real VS Code: code-server's extension host with the
 * workbench open in headless Chromium (scripts/lib/), the extension loaded from this folder
 * (extensionDevelopmentPath, so the production dist/extension.js that the bundle step built) and a
 * tiny suite from bench/host/ as extensionTestsPath. One code-server; a fresh Chromium per window load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ensureCodeServer, prepareRunDir, remoteUri, ROOT, startCodeServer, workbenchUrl, type RunningCodeServer } from '../scripts/lib/codeServer';
import { openWorkbench, type Workbench } from '../scripts/lib/workbench';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { errorText, mb, median, ms, type Row } from './stats';
import { FIRST_PAINT_GOAL_MS, FIRST_PROMPT_GOAL_MS, firstCommandRows, type FirstCommandReport, type PanelFirstReport } from './firstCommandRows';
import { sandboxHostEnv } from '../scripts/lib/sandboxEnv';

const WINDOW_LOADS = Number(process.env.BENCH_WINDOW_LOADS ?? 5);
const LOAD_TIMEOUT_MS = 90_000;
const MEMORY_TIMEOUT_MS = 420_000;
export const ACTIVATION_GOAL_MS = 20;
const FIRST_COMMAND_TIMEOUT_MS = 180_000;
/** BENCH_HOST_SUITES=activation,memory,firstCommand runs some of the in-host suites (default: all). */
const HOST_SUITES = new Set((process.env.BENCH_HOST_SUITES ?? 'activation,memory,firstCommand').split(',').map((s) => s.trim()));
const OUT_DIR = path.join(ROOT, 'out', 'bench', 'host');

interface ActivationReport {
	kind: 'activation';
	activationMs?: number;
	wallMs: number;
	wasActive: boolean;
}

interface MemoryReport {
	kind: 'memory';
	sends: number;
	headline: number;
	warmup: number;
	before: number;
	curve: { sends: number; heapUsed: number }[];
	afterClear: number;
	historyEntries?: number;
	stillFollowed: number;
	followWaitMs: number;
	gc: string;
	failures: number;
	firstError: string;
	sendSeconds: number;
}

/** Things to stop on the way out, even after Ctrl+C. */
const cleanups = new Set<() => Promise<void>>();

async function cleanUp(): Promise<void> {
	for (const cleanup of [...cleanups].reverse()) {
		cleanups.delete(cleanup);
		await cleanup().catch(() => undefined);
	}
}

function onSignal(): void {
	void cleanUp().finally(() => process.exit(130));
}

async function buildSuites(): Promise<void> {
	const dir = path.join(ROOT, 'bench', 'host');
	const entries = ['activation.ts', 'memory.ts', 'firstCommand.ts', 'firstCommandSignedIn.ts', 'firstCommandPanel.ts'].map((file) => path.join(dir, file));
	await esbuild.build({
		entryPoints: entries,
		outdir: OUT_DIR,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node18',
		external: ['vscode'],
		logLevel: 'silent',
	});
}

/** Opens one window with `suite` as extensionTestsPath; resolves with its BENCH report. */
async function loadWindow<T>(server: RunningCodeServer, runDir: string, workspace: string, suite: string, label: string, timeoutMs: number): Promise<T> {
	const lines: string[] = [];
	let report: T | undefined;
	let resolveDone: (code: number) => void = () => undefined;
	const done = new Promise<number>((resolve) => (resolveDone = resolve));
	const url = workbenchUrl(server, workspace, [
		['extensionDevelopmentPath', remoteUri(server, ROOT)],
		['extensionTestsPath', remoteUri(server, path.join(OUT_DIR, `${suite}.js`))],
		['skipWelcome', 'true'],
		['skipReleaseNotes', 'true'],
	]);
	let workbench: Workbench | undefined;
	const close = async (): Promise<void> => {
		await workbench?.close();
	};
	cleanups.add(close);
	let timer: NodeJS.Timeout | undefined;
	try {
		workbench = await openWorkbench(url, {
			profileDir: path.join(runDir, `chromium-${label}`),
			consoleLogFile: path.join(runDir, `browser-console-${label}.log`),
			onAutomationLog: (text) => {
				lines.push(text);
				const match = /^BENCH (\{.*\})$/.exec(text.trim());
				if (match) {
					report = JSON.parse(match[1]) as T;
				}
			},
			onAutomationExit: (code) => resolveDone(code),
		});
		const code = await Promise.race([done, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-2), timeoutMs)))]);
		if (code === -2) {
			await workbench.page.screenshot({ path: path.join(runDir, `timeout-${label}.png`) }).catch(() => undefined);
			throw new Error(`${label}: no result within ${timeoutMs / 1000} s (see ${runDir})`);
		}
		if (!report) {
			throw new Error(`${label}: the suite exited with ${code} and no result: ${lines.filter((l) => /error|Error/.test(l)).slice(-1)[0] ?? ''}`);
		}
		return report;
	} finally {
		clearTimeout(timer);
		fs.writeFileSync(path.join(runDir, `suite-output-${label}.log`), lines.join('\n'));
		cleanups.delete(close);
		await close();
	}
}

function memoryRows(memory: MemoryReport): Row[] {
	const at = (sends: number): number => memory.curve.find((c) => c.sends === sends)?.heapUsed ?? Number.NaN;
	const headline = at(memory.headline);
	const half = at(memory.headline / 2);
	const last = memory.curve[memory.curve.length - 1];
	const growth = headline - memory.before;
	const firstHalf = half - memory.before;
	const secondHalf = headline - half;
	const beyond = last.heapUsed - headline;
	const extra = last.sends - memory.headline;
	const signed = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
	const rows: Row[] = [
		{
			area: 'Memory',
			what: `extension host heap growth after ${memory.headline} sends (heapUsed, after GC)`,
			figure: signed(growth),
			goal: extra > 0 ? 'bounded (verdict: last row)' : 'bounded',
			...(extra > 0 ? {} : { met: memory.failures === 0 && (growth < 2 * 1024 * 1024 || secondHalf < 0.5 * Math.max(firstHalf, 1)) }),
			compared: `heapUsed ${mb(memory.before)} before → ${memory.curve.map((c) => `${mb(c.heapUsed)} (${c.sends})`).join(' → ')}; gc: ${memory.gc}`,
			raw: { ...memory, growth, firstHalf, secondHalf, beyond },
		},
		{
			area: 'Memory',
			what: `growth sends 1–${memory.headline / 2} vs ${memory.headline / 2 + 1}–${memory.headline}`,
			figure: `${signed(firstHalf)} vs ${signed(secondHalf)}`,
			goal: '',
			compared: `the history keeps up to its cap (signalwire.history.maxEntries, default 1,000): it holds ${memory.historyEntries ?? 'n/a'} entries at the end; ${memory.failures} failed sends${memory.firstError ? ` (first: ${memory.firstError.slice(0, 80)})` : ''}; ${((memory.sendSeconds * 1000) / Math.max(1, memory.sends)).toFixed(2)} ms per send, 4 in flight`,
		},
	];
	if (extra > 0) {
		rows.push({
			area: 'Memory',
			what: `growth over ${extra} more sends (${memory.headline + 1}–${last.sends}), history at its cap`,
			figure: signed(beyond),
			goal: '',
			compared: `${(beyond / extra / 1024).toFixed(2)} KB/send vs ${(growth / memory.headline / 1024).toFixed(2)} KB/send over the first ${memory.headline} (heap noise of the host: ±1–2 MB between checkpoints); ${memory.stillFollowed} still followed after ${(memory.followWaitMs / 1000).toFixed(0)} s of waiting`,
			raw: { beyond, extra },
		});
	}
	// Every success leaves a notification open (its promise pending in the extension host): what
	// is left once they are closed is what the extension itself keeps.
	const retained = memory.afterClear - memory.before;
	rows.push({
		area: 'Memory',
		what: `heap after ${last.sends} sends and "Clear All Notifications", vs before`,
		figure: signed(retained),
		goal: 'bounded: < 2 MB',
		compared: `what the extension keeps. The open success notifications (one per send, warm-up included) held ${mb(last.heapUsed - memory.afterClear)}, ≈${((last.heapUsed - memory.afterClear) / (last.sends + memory.warmup) / 1024).toFixed(1)} KB each, until cleared; history entries held: ${memory.historyEntries ?? 'n/a'}`,
		met: memory.failures === 0 && retained < 2 * 1024 * 1024,
		raw: { retained, freedByClear: last.heapUsed - memory.afterClear },
	});
	return rows;
}

export async function benchHost(log: (line: string) => void): Promise<Row[]> {
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const rows: Row[] = [];
	try {
		if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
			throw new Error('dist/extension.js is missing (the bundle step builds it)');
		}
		await buildSuites();
		const install = ensureCodeServer();
		const runDir = path.join(ROOT, '.vscode-test', 'runs', 'bench');
		prepareRunDir(runDir);
		const workspace = path.join(runDir, 'workspace');
		fs.mkdirSync(workspace, { recursive: true });
		// Statuses advance one step per fetch: the memory figure follows each message to its end.
		const sandbox: Sandbox = await startSandbox({ statusProgression: 'fetch' });
		cleanups.add(() => sandbox.close());
		const server = await startCodeServer(install, {
			runDir,
			smokeTestDriver: true,
			logFile: path.join(runDir, 'code-server.log'),
			env: sandboxHostEnv(sandbox, runDir),
		});
		cleanups.add(() => server.stop());

		if (HOST_SUITES.has('activation')) {
			const activations: ActivationReport[] = [];
			for (let i = 1; i <= WINDOW_LOADS; i++) {
				const started = Date.now();
				const result = await loadWindow<ActivationReport>(server, runDir, workspace, 'activation', `activation-${i}`, LOAD_TIMEOUT_MS);
				activations.push(result);
				log(
					`activation: window ${i}/${WINDOW_LOADS}: activate() ${result.activationMs !== undefined ? ms(result.activationMs) : 'n/a'}, Extension.activate() ${ms(result.wallMs)}${result.wasActive ? ' (already active)' : ''} · ${((Date.now() - started) / 1000).toFixed(1)} s`,
				);
			}
			const inside = activations.map((a) => a.activationMs).filter((v): v is number => typeof v === 'number');
			const cold = activations.filter((a) => !a.wasActive).map((a) => a.wallMs);
			const insideMedian = median(inside);
			rows.push({
				area: 'Activation',
				what: `time inside activate(), median of ${inside.length} window loads`,
				figure: ms(insideMedian),
				goal: `< ${ACTIVATION_GOAL_MS} ms`,
				compared: `limit ${ACTIVATION_GOAL_MS} ms; each load: ${inside.map((v) => v.toFixed(2)).join(', ')} ms`,
				met: inside.length > 0 && insideMedian < ACTIVATION_GOAL_MS,
				raw: { activations },
			});
			rows.push({
				area: 'Activation',
				what: 'Extension.activate() seen from the host (code load + activate), median',
				figure: cold.length > 0 ? ms(median(cold)) : 'n/a',
				goal: '',
				compared:
					cold.length > 0
						? `${cold.length} of ${activations.length} loads were not yet active (onStartupFinished had not fired); incl. require() of the bundle`
						: 'the extension was already active (onStartupFinished) in every load',
				raw: { cold },
			});
		}

		if (HOST_SUITES.has('firstCommand')) {
			// Before the memory suite: its first try is a signed-out first command.
			log('first command: Send Message to its first prompt, Open Conversation to the panel\'s first paint');
			// Three windows: Send Message first, signed out and signed in (a one-time code, not a command); Open Conversation first.
			const first = await loadWindow<FirstCommandReport>(server, runDir, workspace, 'firstCommand', 'first-command-signed-out', FIRST_COMMAND_TIMEOUT_MS);
			const second = await loadWindow<FirstCommandReport>(server, runDir, workspace, 'firstCommandSignedIn', 'first-command-signed-in', FIRST_COMMAND_TIMEOUT_MS);
			const panelFirst = await loadWindow<PanelFirstReport>(server, runDir, workspace, 'firstCommandPanel', 'first-command-panel', FIRST_COMMAND_TIMEOUT_MS);
			rows.push(...firstCommandRows([first, second], panelFirst, ROOT));
		}

		if (HOST_SUITES.has('memory')) {
			log(`memory: signing in and sending ${process.env.BENCH_MEMORY_SENDS ?? 2000} messages through signalwire.sendMessage, 4 at a time`);
			const memory = await loadWindow<MemoryReport>(server, runDir, workspace, 'memory', 'memory', MEMORY_TIMEOUT_MS);
			rows.push(...memoryRows(memory));
		}
	} catch (error) {
		log(`host: ${errorText(error)}`);
		if (HOST_SUITES.has('activation') && !rows.some((r) => r.area === 'Activation')) {
			rows.push({ area: 'Activation', what: 'time inside activate()', figure: 'error', goal: `< ${ACTIVATION_GOAL_MS} ms`, compared: errorText(error), met: false });
		}
		if (HOST_SUITES.has('firstCommand') && !rows.some((r) => r.area === 'First command')) {
			rows.push({ area: 'First command', what: 'Send Message to its first prompt', figure: 'error', goal: `< ${FIRST_PROMPT_GOAL_MS} ms`, compared: errorText(error), met: false });
			rows.push({ area: 'First command', what: 'Open Conversation to the panel\'s first paint', figure: 'error', goal: `< ${FIRST_PAINT_GOAL_MS} ms`, compared: errorText(error), met: false });
		}
		if (HOST_SUITES.has('memory') && !rows.some((r) => r.area === 'Memory')) {
			rows.push({ area: 'Memory', what: 'extension host heap growth after 1,000 sends', figure: 'error', goal: 'bounded', compared: errorText(error), met: false });
		}
	} finally {
		await cleanUp();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
	return rows;
}
