/**
 * The Debian packages a real VS Code needs here: Chromium (the browser the workbench runs in) and
 * the Kerberos headers + pkg-config that code-server's native `kerberos` module builds against.
 * `npm test` and `npm start` install them when they can (root with apt-get, as in CI); otherwise
 * they stop with the one command to run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

interface Requirement {
	pkg: string;
	why: string;
	present: () => boolean;
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const REQUIREMENTS: Requirement[] = [
	{ pkg: 'chromium', why: 'the browser the VS Code workbench runs in', present: () => fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
	{ pkg: 'libkrb5-dev', why: "headers for code-server's kerberos module", present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') },
	{ pkg: 'pkg-config', why: "code-server's native modules build with it", present: () => onPath('pkg-config') },
];

function log(message: string): void {
	process.stderr.write(`[system] ${message}\n`);
}

/** Installs the missing packages with apt-get when running as root; otherwise throws with the command. */
export function ensureSystemPackages(): void {
	const missing = REQUIREMENTS.filter((r) => !r.present());
	if (missing.length === 0) {
		return;
	}
	const names = missing.map((r) => r.pkg);
	const command = `apt-get install -y --no-install-recommends ${names.join(' ')}`;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !onPath('apt-get')) {
		throw new Error(
			`Missing Debian packages: ${missing.map((r) => `${r.pkg} (${r.why})`).join(', ')}.\nInstall them with: sudo ${command}`,
		);
	}
	log(`installing ${names.join(', ')} with apt-get...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...names]]) {
		const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
		if (result.status !== 0) {
			throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
		}
	}
	const still = REQUIREMENTS.filter((r) => !r.present()).map((r) => r.pkg);
	if (still.length > 0) {
		throw new Error(`apt-get installed ${names.join(', ')} but ${still.join(', ')} is still missing`);
	}
}
