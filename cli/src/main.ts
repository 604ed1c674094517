/**
 * `sms-sandbox`: runs `.smstest` conversation tests (README, "Conversation tests"), or serves the
 * local SignalWire-compatible server alone. Exit code 0 when all passed, 1 on failures, 2 on a
 * usage or parse error (nothing is sent then).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serve } from '../../sandbox/serve';
import { rootCertificates } from 'node:tls';
import * as os from 'node:os';
import { makeLoopbackCertificate } from '../../sandbox/certificate';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { hasErrors, parseScenarios } from '../../src/scenarios/parse';
import { LocalTarget } from '../../src/scenarios/localTarget';
import { fetchTrusting } from '../../src/scenarios/trustingFetch';
import type { Target } from '../../src/scenarios/runTypes';
import { parseArgs, USAGE, UsageError, type TestOptions } from './args';
import { startApp, type StartedApp } from './exec';
import { expandPatterns } from './files';
import { jsonReport } from './json';
import { junitReport } from './junit';
import { LiveReporter } from './live';
import { runAll, select, type Selection } from './runner';
import { Scrubber } from './scrub';
import { openSpaceTarget } from './space';
import { errorText } from '../../src/errors/errorText';

export interface Io {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	env: NodeJS.ProcessEnv;
	cwd: string;
}

const defaultIo: Io = {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	env: process.env,
	cwd: process.cwd(),
};

/** Runs `sms-sandbox test …`; resolves with the exit code. */
export async function runTests(options: TestOptions, io: Io = defaultIo): Promise<number> {
	const scrubber = new Scrubber();
	const out = (text: string): void => io.stdout(scrubber.scrub(text));
	const err = (text: string): void => io.stderr(scrubber.scrub(text));
	const vars: Record<string, string> = {};
	for (const [name, value] of Object.entries(io.env)) {
		if (value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
			vars[name] = value;
		}
	}
	Object.assign(vars, options.vars);
	for (const name of options.secrets) {
		if (vars[name] === undefined) {
			err(`sms-sandbox: --secret ${name}: no --var ${name}=… and no environment variable ${name}\n`);
			return 2;
		}
		scrubber.add(vars[name]);
	}
	scrubber.add(io.env.SIGNALWIRE_API_TOKEN, io.env.SIGNALWIRE_SIGNING_KEY);

	const { files, unmatched } = expandPatterns(options.patterns, io.cwd);
	if (unmatched.length > 0) {
		err(`sms-sandbox: nothing matches ${unmatched.map((p) => JSON.stringify(p)).join(', ')}\n`);
		return 2;
	}
	const all: Selection[] = [];
	let broken = false;
	for (const file of files) {
		const text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
		const parsed = parseScenarios(text, {
			path: file,
			isKnownVariable: (name) => name in vars,
			unknownVariables: 'error',
		});
		for (const d of parsed.diagnostics) {
			err(`${file}:${d.line + 1}:${d.column + 1}: ${d.severity}: ${d.message}\n`);
		}
		broken ||= hasErrors(parsed);
		parsed.file.scenarios.forEach((scenario) => all.push({ file, scenario }));
	}
	if (broken) {
		err('sms-sandbox: the files have errors: nothing was sent.\n');
		return 2;
	}
	if (options.grep && select(all, options.grep, undefined).length === 0) {
		err(`sms-sandbox: no scenario matches --grep ${options.grep.source}\n`);
		return 2;
	}
	const selected = select(all, options.grep, options.shard);
	// Reports go to --output, else to stdout (and the live lines to stderr then).
	const live = new LiveReporter((line) => (options.reporter === 'live' || options.output ? out : err)(`${line}\n`), {
		color: options.color,
		parallel: options.parallel > 1,
	});

	let sandbox: Sandbox | undefined;
	let app: StartedApp | undefined;
	let target: Target;
	const started = Date.now();
	let certDir: string | undefined;
	const stopAll = async (): Promise<void> => {
		await app?.stop();
		await sandbox?.close();
		if (certDir) {
			fs.rmSync(certDir, { recursive: true, force: true });
		}
	};
	const onSignal = (): void => void stopAll().finally(() => process.exit(130));
	process.once('SIGINT', onSignal);
	try {
		if (options.target === 'local') {
			const tls = options.https ? makeLoopbackCertificate() : undefined;
			let ca: { caFile: string; caBundleFile: string } | undefined;
			if (tls) {
				certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-sandbox-ca-'));
				ca = { caFile: path.join(certDir, 'sms-sandbox-ca.pem'), caBundleFile: path.join(certDir, 'ca-bundle.pem') };
				fs.writeFileSync(ca.caFile, tls.cert);
				fs.writeFileSync(ca.caBundleFile, [...rootCertificates, tls.cert].join('\n'));
			}
			sandbox = await startSandbox({
				replyDelayMs: options.replyDelayMs,
				statusStepMs: options.statusStepMs,
				...(tls ? { tls } : {}),
			});
			scrubber.add(sandbox.token, sandbox.signingKey);
			target = new LocalTarget(sandbox, tls ? { fetch: fetchTrusting(tls.cert) } : {});
			if (options.exec) {
				err(`sms-sandbox: starting ${options.exec}${ca ? ` (the server's CA: ${ca.caFile})` : ''}\n`);
				app = await startApp(options.exec, { ...sandbox, appUrl: options.appUrl!, ...ca }, (text) => err(text));
			}
		} else {
			const space = await openSpaceTarget(options, selected, vars, io.env, err);
			if (typeof space === 'number') {
				return space;
			}
			scrubber.add(space.token);
			target = space.target;
		}
		const records = await runAll(selected, target, {
			parallel: options.parallel,
			bail: options.bail,
			vars,
			...(options.appUrl ? { appUrl: options.appUrl } : {}),
			...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
			onScenarioStart: (s) => live.scenarioStart(s),
			onStep: (s, e) => live.step(s, e),
			onScenarioEnd: (s, r) => live.scenarioEnd(s, r),
		});
		const totalMs = Date.now() - started;
		live.summary(records, totalMs);
		if (options.reporter !== 'live') {
			const report = options.reporter === 'junit' ? junitReport(records, totalMs) : jsonReport(records, totalMs);
			if (options.output) {
				fs.mkdirSync(path.dirname(path.resolve(io.cwd, options.output)), { recursive: true });
				fs.writeFileSync(path.resolve(io.cwd, options.output), scrubber.scrub(report));
			} else {
				out(report);
			}
		}
		return records.every((r) => r.result?.status === 'passed') ? 0 : 1;
	} catch (error) {
		err(`sms-sandbox: ${errorText(error)}\n`);
		return 2;
	} finally {
		process.off('SIGINT', onSignal);
		await stopAll();
	}
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number | 'serving'> {
	let options: ReturnType<typeof parseArgs>;
	try {
		options = parseArgs(argv, io.env);
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr(`sms-sandbox: ${error.message}\n(sms-sandbox --help for the options)\n`);
			return 2;
		}
		throw error;
	}
	if (options.command === 'help') {
		io.stdout(`${USAGE}\n`);
		return 0;
	}
	if (options.command === 'serve') {
		try {
			await serve(options.argv);
		} catch (error) {
			io.stderr(`sms-sandbox serve: ${errorText(error)}\n`);
			return 2;
		}
		return 'serving';
	}
	return runTests(options, io);
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => {
			if (code !== 'serving') {
				process.exitCode = code;
			}
		},
		(error: unknown) => {
			console.error(error);
			process.exitCode = 2;
		},
	);
}
