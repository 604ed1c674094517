/**
 * The local server alone until SIGINT/SIGTERM: `npm run sandbox` (sandbox/cli.ts) and
 * `sms-sandbox serve` (cli/src/main.ts). See sandbox/README.md.
 *   [--port N] [--host 127.0.0.1|::1] [--project-id UUID] [--token T] [--signing-key K]
 *   [--status-progression time|fetch] [--status-step-ms N] [--reply-delay-ms N]
 * Prints one line of JSON first: {"url":…,"projectId":…,"token":…,"signingKey":…}.
 */
import { startSandbox, type SandboxOptions } from './server';

const USAGE =
	'usage: npm run sandbox -- [--port N] [--host 127.0.0.1|::1] [--project-id UUID] [--token T] [--signing-key K] [--status-progression time|fetch] [--status-step-ms N] [--reply-delay-ms N]';

function wholeNumber(flag: string, text: string, max: number): number {
	const n = Number(text);
	if (!/^\d+$/.test(text) || n > max) {
		throw new Error(`${flag} must be a whole number from 0 to ${max}`);
	}
	return n;
}

export function parseServeArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) {
				throw new Error(`${flag} needs a value`);
			}
			return v;
		};
		switch (flag) {
			case '--port':
				options.port = wholeNumber(flag, value(), 65535);
				break;
			case '--host':
				options.host = value();
				break;
			case '--project-id':
				options.projectId = value();
				break;
			case '--token':
				options.token = value();
				break;
			case '--signing-key':
				options.signingKey = value();
				break;
			case '--status-progression': {
				const mode = value();
				if (mode !== 'time' && mode !== 'fetch') {
					throw new Error('--status-progression must be time or fetch');
				}
				options.statusProgression = mode;
				break;
			}
			case '--status-step-ms':
				options.statusStepMs = wholeNumber(flag, value(), 600_000);
				break;
			case '--reply-delay-ms':
				options.replyDelayMs = wholeNumber(flag, value(), 600_000);
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
		}
	}
	return options;
}

/** Starts the server and keeps it until SIGINT/SIGTERM. Throws for bad arguments. */
export async function serve(argv: string[]): Promise<void> {
	const sandbox = await startSandbox(parseServeArgs(argv));
	console.log(JSON.stringify({ url: sandbox.url, projectId: sandbox.projectId, token: sandbox.token, signingKey: sandbox.signingKey }));
	let stopping = false;
	const stop = (): void => {
		if (stopping) {
			return;
		}
		stopping = true;
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
