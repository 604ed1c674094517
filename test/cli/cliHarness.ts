/**
 * Runs the built `sms-sandbox` (cli/dist/sms-sandbox.js, built once per process by esbuild.js
 * --cli) as a user would, and collects what it printed and its exit code.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'cli', 'dist', 'sms-sandbox.js');

let built = false;
export function buildCli(): void {
	if (built) {
		return;
	}
	const result = spawnSync(process.execPath, ['esbuild.js', '--cli'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`node esbuild.js --cli failed:\n${result.stdout}\n${result.stderr}`);
	}
	built = true;
}

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function runCli(
	args: string[],
	options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const env = { ...process.env, NO_COLOR: '1', ...options.env };
		const child = spawn(process.execPath, [CLI, ...args], {
			cwd: options.cwd ?? ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}
