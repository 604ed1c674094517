/**
 * `npm run test:soak`: runs the UI suite and the integration suite several times in a row while
 * `nice -n 19 yes > /dev/null` keeps a core busy (the load a shared CI machine has), to show that
 * no test depends on timing. Builds once, runs the suites one at a time (UI and integration in
 * turn, so that a run cut short still has figures for both), prints each run's counts and
 * duration, stops the load at the end (also on Ctrl+C or an error) and exits non-zero if any run
 * failed. Runs after the first of each suite load their files shuffled (UI_SHUFFLE,
 * INTEGRATION_SHUFFLE; the seed is printed to replay the order).
 *
 *   npm run test:soak                                   # 5 UI runs, 3 integration runs, 1 busy core
 *   npm run test:soak -- --ui=2 --integration=1 --load=2
 *   SOAK_UI_RUNS=0 SOAK_INTEGRATION_RUNS=5 SOAK_SHUFFLE=all npm run test:soak
 *
 * Options (flag or environment): --ui / SOAK_UI_RUNS, --integration / SOAK_INTEGRATION_RUNS,
 * --load / SOAK_LOAD (busy processes), --shuffle / SOAK_SHUFFLE (`after-first`, `all` or `none`).
 * Logs, and the test-results/failures/ report of each failed UI run, go to test-results/soak/<time>/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lib/codeServer';

interface Options {
	ui: number;
	integration: number;
	load: number;
	shuffle: 'after-first' | 'all' | 'none';
}

function readOptions(argv: string[]): Options {
	const flag = (name: string): string | undefined => {
		const prefix = `--${name}=`;
		return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
	};
	const count = (name: string, env: string, fallback: number): number => {
		const raw = flag(name) ?? process.env[env];
		if (raw === undefined || raw === '') {
			return fallback;
		}
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 0) {
			throw new Error(`--${name} (${env}) must be a whole number, not "${raw}"`);
		}
		return value;
	};
	const shuffle = flag('shuffle') ?? process.env.SOAK_SHUFFLE ?? 'after-first';
	if (shuffle !== 'after-first' && shuffle !== 'all' && shuffle !== 'none') {
		throw new Error(`--shuffle (SOAK_SHUFFLE) is after-first, all or none, not "${shuffle}"`);
	}
	const unknown = argv.filter((arg) => !/^--(ui|integration|load|shuffle)=/.test(arg));
	if (unknown.length > 0) {
		throw new Error(`unknown arguments: ${unknown.join(' ')}`);
	}
	return { ui: count('ui', 'SOAK_UI_RUNS', 5), integration: count('integration', 'SOAK_INTEGRATION_RUNS', 3), load: count('load', 'SOAK_LOAD', 1), shuffle };
}

interface RunResult {
	name: string;
	passed: number;
	failed: number;
	seconds: number;
	exitCode: number;
	note: string;
}

const loadProcesses: ChildProcess[] = [];

function startLoad(count: number): void {
	for (let i = 0; i < count; i++) {
		// `nice -n 19 yes > /dev/null`: one process keeps one core busy at the lowest priority.
		const child = spawn('nice', ['-n', '19', 'yes'], { stdio: ['ignore', 'ignore', 'ignore'] });
		child.on('error', (error) => console.error(`soak: the load process failed: ${error.message}`));
		loadProcesses.push(child);
	}
}

function stopLoad(): void {
	for (const child of loadProcesses.splice(0)) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}
	}
}

let current: ChildProcess | undefined;

/** The process ids under `root` (children first found through /proc), deepest last. */
function descendants(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const name of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		try {
			// The parent is the 4th field of /proc/<pid>/stat, after the command in parentheses.
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
		} catch {
			// gone
		}
	}
	const found: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		for (const child of children.get(queue.shift()!) ?? []) {
			found.push(child);
			queue.push(child);
		}
	}
	return found;
}

/**
 * Stops the running suite and everything it started: code-server and Chromium run in process
 * groups of their own, so each process of the tree is signalled by its id.
 */
function stopCurrent(): void {
	const pid = current?.pid;
	if (!pid) {
		return;
	}
	for (const id of [pid, ...descendants(pid)]) {
		try {
			process.kill(id, 'SIGKILL');
		} catch {
			// already gone
		}
	}
}

function runLogged(command: string[], logFile: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const [program, ...args] = command;
		const log = fs.createWriteStream(logFile);
		const child = spawn(program, args, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		current = child;
		let output = '';
		const take = (chunk: Buffer, to: NodeJS.WriteStream) => {
			output += chunk.toString();
			log.write(chunk);
			to.write(chunk);
		};
		child.stdout?.on('data', (chunk: Buffer) => take(chunk, process.stdout));
		child.stderr?.on('data', (chunk: Buffer) => take(chunk, process.stderr));
		child.on('close', (code) => {
			current = undefined;
			log.end();
			resolve({ code: code ?? 1, output });
		});
	});
}

async function runSuite(kind: 'ui' | 'integration', index: number, dir: string, options: Options): Promise<RunResult> {
	const name = `${kind} #${index}`;
	const env: NodeJS.ProcessEnv = {};
	let note = '';
	if (options.shuffle === 'all' || (options.shuffle === 'after-first' && index > 1)) {
		const seed = Math.floor(Math.random() * 2 ** 31);
		const variable = kind === 'ui' ? 'UI_SHUFFLE' : 'INTEGRATION_SHUFFLE';
		env[variable] = String(seed);
		note = `shuffled, ${variable}=${seed}`;
	}
	console.log(`\n=== soak: ${name}${note ? ` (${note})` : ''}, started ${new Date().toISOString()}`);
	const script = kind === 'ui' ? 'scripts/run-ui.ts' : 'scripts/run-integration.ts';
	const started = Date.now();
	const { code, output } = await runLogged(['npx', 'tsx', script], path.join(dir, `${kind}-${index}.log`), env);
	const seconds = (Date.now() - started) / 1000;
	const summary = new RegExp(`^${kind}: (\\d+) passed, (\\d+) failed`, 'm').exec(output);
	const passed = summary ? Number(summary[1]) : 0;
	const failed = summary ? Number(summary[2]) : 1;
	const failures = path.join(ROOT, 'test-results', 'failures');
	if (kind === 'ui' && fs.existsSync(failures)) {
		fs.renameSync(failures, path.join(dir, `ui-${index}-failures`));
	}
	// The titles as mocha's spec reporter marks them in the run, before its "N failing" summary.
	const inRun = output.split(/^\s+\d+ failing$/m)[0] ?? '';
	const failedTitles = [...inRun.matchAll(/^\s+\d+\) (.+)$/gm)].map((m) => m[1].trim());
	if (failedTitles.length > 0) {
		note = [note, `failed: ${[...new Set(failedTitles)].join(' | ')}`].filter(Boolean).join('; ');
	}
	return { name, passed, failed: code !== 0 && failed === 0 ? 1 : failed, seconds, exitCode: code, note };
}

function line(result: RunResult): string {
	const status = result.exitCode === 0 && result.failed === 0 ? 'ok' : 'FAILED';
	return `${result.name.padEnd(16)} ${status.padEnd(7)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(3)} failed ${result.seconds.toFixed(0).padStart(6)} s${result.note ? `  ${result.note}` : ''}`;
}

async function main(): Promise<number> {
	const options = readOptions(process.argv.slice(2));
	const dir = path.join(ROOT, 'test-results', 'soak', new Date().toISOString().replace(/[:.]/g, '-'));
	fs.mkdirSync(dir, { recursive: true });
	console.log(`soak: ${options.ui} UI run(s), ${options.integration} integration run(s), ${options.load} busy core(s), shuffle ${options.shuffle}; logs in ${path.relative(ROOT, dir)}`);

	// Build once, as npm test does: the .vsix first (its production build replaces dist/), then the
	// bundle with the integration suite. The UI suite's installed-.vsix test reuses this .vsix.
	const vsix = path.join(ROOT, '.vscode-test', 'signalwire-messaging-sandbox.vsix');
	fs.mkdirSync(path.dirname(vsix), { recursive: true });
	for (const command of [['npm', 'run', 'package', '--', '-o', vsix], ['node', 'esbuild.js', '--tests']]) {
		console.log(`soak: ${command.join(' ')}`);
		const built = spawnSync(command[0], command.slice(1), { cwd: ROOT, stdio: 'inherit' });
		if (built.status !== 0) {
			console.error(`soak: ${command.join(' ')} failed`);
			return 1;
		}
	}

	startLoad(options.load);
	const results: RunResult[] = [];
	const started = Date.now();
	try {
		// In turn (ui, integration, ui, integration, ...), the rest of the longer list at the end.
		const plan: Array<'ui' | 'integration'> = [];
		for (let i = 0; i < Math.max(options.ui, options.integration); i++) {
			if (i < options.ui) {
				plan.push('ui');
			}
			if (i < options.integration) {
				plan.push('integration');
			}
		}
		const counts = { ui: 0, integration: 0 };
		for (const kind of plan) {
			const result = await runSuite(kind, ++counts[kind], dir, options);
			results.push(result);
			console.log(`soak: ${line(result)}`);
		}
	} finally {
		stopLoad();
	}
	const failedRuns = results.filter((r) => r.exitCode !== 0 || r.failed > 0);
	const summary = [
		`soak: ${results.length} run(s) in ${((Date.now() - started) / 60_000).toFixed(1)} min under ${options.load} busy core(s) (nice -n 19 yes)`,
		...results.map(line),
		`soak: ${results.length - failedRuns.length} of ${results.length} runs green; ${results.reduce((n, r) => n + r.passed, 0)} tests passed, ${results.reduce((n, r) => n + r.failed, 0)} failed`,
	].join('\n');
	fs.writeFileSync(path.join(dir, 'summary.txt'), `${summary}\n`);
	console.log(`\n=== soak summary\n${summary}`);
	return failedRuns.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		console.error(`soak: ${signal}: stopping the load and the running suite`);
		stopLoad();
		stopCurrent();
		process.exit(130);
	});
}

main().then(
	(code) => {
		stopLoad();
		process.exit(code);
	},
	(error: unknown) => {
		stopLoad();
		console.error(error);
		process.exit(1);
	},
);
