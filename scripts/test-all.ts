/**
 * `npm test`: type-check, lint, unit tests, then the integration and UI suites inside a real
 * VS Code (code-server + Chromium here; installed on first use under .vscode-test/).
 * Ends with one line `tests: N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { ROOT } from './lib/codeServer';

interface Step {
	name: string;
	command: string[];
	/** Reads "N passed, M failed" counts from the step's output. */
	counts?: (output: string) => { passed: number; failed: number } | undefined;
}

const mochaCounts = (output: string) => {
	const passing = /(\d+) passing/.exec(output);
	if (!passing) {
		return undefined;
	}
	const failing = /(\d+) failing/.exec(output);
	return { passed: Number(passing[1]), failed: failing ? Number(failing[1]) : 0 };
};

const summaryCounts = (label: string) => (output: string) => {
	const match = new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, 'm').exec(output);
	return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
};

const STEPS: Step[] = [
	{ name: 'type-check', command: ['npx', 'tsc', '--noEmit', '-p', '.'] },
	{ name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
	{ name: 'unit', command: ['npx', 'mocha'], counts: mochaCounts },
	{ name: 'package', command: ['npx', 'mocha', '--no-config', '--require', 'tsx/cjs', '--timeout', '120000', 'test/package/*.test.ts'], counts: mochaCounts },
	{ name: 'build', command: ['node', 'esbuild.js', '--tests'] },
	{ name: 'integration', command: ['npx', 'tsx', 'scripts/run-integration.ts'], counts: summaryCounts('integration') },
	{ name: 'ui', command: ['npx', 'tsx', 'scripts/run-ui.ts'], counts: summaryCounts('ui') },
];

function run(step: Step): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const [command, ...args] = step.command;
		const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			process.stderr.write(chunk);
		});
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

async function main(): Promise<number> {
	const only = process.argv.slice(2);
	let passed = 0;
	let failed = 0;
	const lines: string[] = [];
	for (const step of STEPS) {
		if (only.length > 0 && !only.includes(step.name)) {
			continue;
		}
		const started = Date.now();
		console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
		const { code, output } = await run(step);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		const counts = step.counts?.(output);
		if (counts) {
			passed += counts.passed;
			failed += counts.failed;
		}
		const status = code === 0 ? 'ok' : `FAILED (exit ${code})`;
		lines.push(`${step.name.padEnd(12)} ${status.padEnd(18)} ${seconds.padStart(6)} s${counts ? `  ${counts.passed} passed, ${counts.failed} failed` : ''}`);
		if (code !== 0) {
			if (!counts || counts.failed === 0) {
				failed += 1;
			}
			if (step.name === 'build') {
				break;
			}
		}
	}
	console.log('\n=== summary');
	console.log(lines.join('\n'));
	console.log(`tests: ${passed} passed, ${failed} failed`);
	return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
