/**
 * Runs the sandbox until SIGINT/SIGTERM:
 *   npx tsx sandbox/cli.ts [--port N] [--host 127.0.0.1|::1] [--project-id UUID] [--token T]
 * Prints one line of JSON: {"url":…,"projectId":…,"token":…}.
 */
import { startSandbox, type SandboxOptions } from './server';

function parseArgs(argv: string[]): SandboxOptions {
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
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535) {
					throw new Error('--port must be a whole number from 0 to 65535');
				}
				options.port = port;
				break;
			}
			case '--host':
				options.host = value();
				break;
			case '--project-id':
				options.projectId = value();
				break;
			case '--token':
				options.token = value();
				break;
			case '--help':
			case '-h':
				console.log('usage: tsx sandbox/cli.ts [--port N] [--host 127.0.0.1|::1] [--project-id UUID] [--token T]');
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${argv[i]}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	console.log(JSON.stringify({ url: sandbox.url, projectId: sandbox.projectId, token: sandbox.token }));
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

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
