/**
 * The command line of `sms-sandbox` (README, "Conversation tests"):
 *   sms-sandbox test <files or globs...> [options]
 *   sms-sandbox serve [--port N] [--host H] [--reply-delay-ms N] [--status-step-ms N] …
 * A usage error is a UsageError (exit code 2).
 */
export class UsageError extends Error {}

export type ReporterName = 'live' | 'junit' | 'json';

export interface TestOptions {
	command: 'test';
	patterns: string[];
	target: 'local' | 'space';
	appUrl?: string;
	exec?: string;
	vars: Record<string, string>;
	/** Names of variables whose values are secret (never printed). */
	secrets: string[];
	timeoutMs?: number;
	parallel: number;
	shard?: { index: number; count: number };
	grep?: RegExp;
	bail: boolean;
	reporter: ReporterName;
	output?: string;
	maxSends: number;
	/** Local server timings (ms). */
	replyDelayMs: number;
	statusStepMs: number;
	/** Space target: time between two list requests per tester number (ms). */
	pollMs: number;
	/** Space target: time between two sends from one number (ms). */
	sendGapMs: number;
	color: boolean;
	/** Local target: serve https with a certificate made at start (its path goes to the --exec app). */
	https: boolean;
}

export interface ServeOptions {
	command: 'serve';
	argv: string[];
}

export interface HelpOptions {
	command: 'help';
}

export const USAGE = `usage: sms-sandbox test <files or globs...> [options]
       sms-sandbox serve [--port N] [--host 127.0.0.1|::1] [--reply-delay-ms N] [--status-step-ms N] ...

Runs .smstest conversation tests against the local SignalWire-compatible server (default) or a
SignalWire Space (--target space, with SIGNALWIRE_SPACE, SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN).

test options:
  --target local|space      where the messages go (default local)
  --app-url URL             the app that answers the number under test (when a scenario has no app:)
  --exec "<command>"        start the app with the local server's details in its environment, wait for
                            --app-url to answer, run, then stop it
  --var NAME=value          a variable for \${NAME} (repeatable)
  --secret NAME             a variable (or environment variable) whose value is never printed (repeatable)
  --timeout 10s             the wait of expectations when a scenario has no timeout:
  --parallel N              run up to N scenarios at once (on distinct tester/number pairs)
  --shard i/n               run the i-th of n shares of the scenarios (for a CI matrix)
  --grep PATTERN            run the scenarios whose "file > name" matches (a regex, case-insensitive)
  --bail                    stop at the first failed scenario
  --reporter live|junit|json and --output FILE (junit/json go to stdout without --output)
  --max-sends N             space target: refuse a run that could send more than N messages (default 50)
  --https                   local target: serve https with a certificate made at start for 127.0.0.1 and
                            localhost; --exec gets its path in NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, REQUESTS_CA_BUNDLE
  --reply-delay-ms N, --status-step-ms N   local server timings (default 100 and 100)
  --poll-ms N               space target: time between two list requests per tester (default 1000)
  --send-gap-ms N           space target: time between two sends from one number (default 1000)
Exit code: 0 all passed, 1 failures, 2 usage or parse error.`;

function duration(flag: string, text: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
	if (!m) {
		throw new UsageError(`${flag} expects a duration such as 10s or 500ms, not "${text}"`);
	}
	return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000));
}

function whole(flag: string, text: string, min: number, max: number): number {
	if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
		throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, not "${text}"`);
	}
	return Number(text);
}

export function parseArgs(
	argv: string[],
	env: NodeJS.ProcessEnv = process.env,
): TestOptions | ServeOptions | HelpOptions {
	const [command, ...rest] = argv;
	if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
		return { command: 'help' };
	}
	if (command === 'serve') {
		return { command: 'serve', argv: rest };
	}
	if (command !== 'test') {
		throw new UsageError(`unknown command "${command}": expected "test" or "serve"`);
	}
	const options: TestOptions = {
		command: 'test',
		patterns: [],
		target: 'local',
		vars: {},
		secrets: [],
		parallel: 1,
		bail: false,
		reporter: 'live',
		maxSends: 50,
		replyDelayMs: 100,
		statusStepMs: 100,
		pollMs: 1000,
		sendGapMs: 1000,
		color: Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined,
		https: false,
	};
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (!arg.startsWith('--')) {
			options.patterns.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const flag = eq > 0 && !arg.startsWith('--var=') ? arg.slice(0, eq) : arg.startsWith('--var=') ? '--var' : arg;
		const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
		const value = (): string => {
			const v = inline ?? rest[++i];
			if (v === undefined) {
				throw new UsageError(`${flag} needs a value`);
			}
			return v;
		};
		switch (flag) {
			case '--target': {
				const t = value();
				if (t !== 'local' && t !== 'space') {
					throw new UsageError(`--target expects local or space, not "${t}"`);
				}
				options.target = t;
				break;
			}
			case '--app-url': {
				const url = value();
				if (!/^https?:\/\/[^\s/]+/i.test(url)) {
					throw new UsageError(`--app-url expects an http:// or https:// URL, not "${url}"`);
				}
				options.appUrl = url;
				break;
			}
			case '--exec':
				options.exec = value();
				break;
			case '--var': {
				const pair = value();
				const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
				if (!m) {
					throw new UsageError(
						`--var expects NAME=value (a name of letters, digits and _), not "${pair.split('=')[0]}"`,
					);
				}
				options.vars[m[1]] = m[2];
				break;
			}
			case '--secret': {
				const name = value();
				if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
					throw new UsageError(`--secret expects a variable name, not "${name}"`);
				}
				options.secrets.push(name);
				break;
			}
			case '--timeout':
				options.timeoutMs = duration(flag, value());
				break;
			case '--parallel':
				options.parallel = whole(flag, value(), 1, 64);
				break;
			case '--shard': {
				const text = value();
				const m = /^(\d+)\/(\d+)$/.exec(text);
				if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
					throw new UsageError(`--shard expects i/n with 1 <= i <= n, such as 2/4, not "${text}"`);
				}
				options.shard = { index: Number(m[1]), count: Number(m[2]) };
				break;
			}
			case '--grep': {
				const text = value();
				try {
					options.grep = new RegExp(text, 'i');
				} catch {
					throw new UsageError(`--grep expects a regex, not "${text}"`);
				}
				break;
			}
			case '--bail':
				options.bail = true;
				break;
			case '--reporter': {
				const r = value();
				if (r !== 'live' && r !== 'junit' && r !== 'json') {
					throw new UsageError(`--reporter expects live, junit or json, not "${r}"`);
				}
				options.reporter = r;
				break;
			}
			case '--output':
				options.output = value();
				break;
			case '--max-sends':
				options.maxSends = whole(flag, value(), 0, 100_000);
				break;
			case '--reply-delay-ms':
				options.replyDelayMs = whole(flag, value(), 0, 600_000);
				break;
			case '--status-step-ms':
				options.statusStepMs = whole(flag, value(), 0, 600_000);
				break;
			case '--poll-ms':
				options.pollMs = whole(flag, value(), 100, 600_000);
				break;
			case '--send-gap-ms':
				options.sendGapMs = whole(flag, value(), 0, 600_000);
				break;
			case '--https':
				options.https = true;
				break;
			case '--no-color':
				options.color = false;
				break;
			default:
				throw new UsageError(`unknown option ${flag}`);
		}
	}
	if (options.patterns.length === 0) {
		throw new UsageError('sms-sandbox test needs at least one .smstest file or glob');
	}
	if (options.exec !== undefined && options.appUrl === undefined) {
		throw new UsageError('--exec needs --app-url: the URL the started app answers on');
	}
	if (options.https && options.target !== 'local') {
		throw new UsageError('--https works with the local target only');
	}
	if (options.exec !== undefined && options.target !== 'local') {
		throw new UsageError('--exec works with the local target only');
	}
	return options;
}
