/**
 * `--exec "<command>"`: starts the user's app with the local server's details in its environment,
 * waits until `--app-url` answers (any HTTP answer), and stops it (its whole process group) at the
 * end. What it prints is passed on, scrubbed.
 *
 * Its environment (README, "Conversation tests"): SIGNALWIRE_SPACE_URL and SIGNALWIRE_SPACE
 * (`127.0.0.1:PORT`, the host as the official SDK reads it), SIGNALWIRE_API_URL (the whole URL,
 * `http(s)://127.0.0.1:PORT`), SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SIGNING_KEY,
 * PORT (the port of --app-url), and with --https the CA file in NODE_EXTRA_CA_CERTS, SSL_CERT_FILE
 * and REQUESTS_CA_BUNDLE.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface StartedApp {
	stop(): Promise<void>;
}

export interface ExecEnvironment {
	url: string;
	projectId: string;
	token: string;
	signingKey: string;
	appUrl: string;
	/** With --https: the server's certificate (NODE_EXTRA_CA_CERTS), and a bundle of it and the usual roots. */
	caFile?: string;
	caBundleFile?: string;
}

export function appEnvironment(server: ExecEnvironment): Record<string, string> {
	const app = new URL(server.appUrl);
	const host = new URL(server.url).host;
	return {
		SIGNALWIRE_SPACE_URL: host,
		SIGNALWIRE_SPACE: host,
		SIGNALWIRE_API_URL: server.url,
		SIGNALWIRE_PROJECT_ID: server.projectId,
		SIGNALWIRE_API_TOKEN: server.token,
		SIGNALWIRE_SIGNING_KEY: server.signingKey,
		PORT: app.port || (app.protocol === 'https:' ? '443' : '80'),
		...(server.caFile ? { NODE_EXTRA_CA_CERTS: server.caFile } : {}),
		...(server.caBundleFile ? { SSL_CERT_FILE: server.caBundleFile, REQUESTS_CA_BUNDLE: server.caBundleFile } : {}),
	};
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		if (child.pid !== undefined) {
			process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
		}
	} catch {
		// already gone
	}
}

/** Starts the command; resolves once `appUrl` answers; rejects if the app exits first or `waitMs` passes. */
export async function startApp(
	command: string,
	server: ExecEnvironment,
	print: (text: string) => void,
	waitMs = 15_000,
): Promise<StartedApp> {
	const child = spawn(command, {
		shell: true,
		detached: process.platform !== 'win32',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, ...appEnvironment(server) },
	});
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => print(chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => print(chunk));
	let exited: string | undefined;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', (code, signal) => {
			exited = `the app exited (${signal ?? `code ${code}`})`;
			resolve();
		}),
	);
	child.once('error', (error) => {
		exited = `the app could not start: ${error.message}`;
	});
	const stop = async (): Promise<void> => {
		if (exited !== undefined) {
			return;
		}
		kill(child, 'SIGTERM');
		const timer = setTimeout(() => kill(child, 'SIGKILL'), 3000);
		await exit;
		clearTimeout(timer);
	};
	const deadline = Date.now() + waitMs;
	for (;;) {
		if (exited !== undefined) {
			throw new Error(`--exec: ${exited} before ${server.appUrl} answered`);
		}
		try {
			await fetch(server.appUrl, { method: 'GET', signal: AbortSignal.timeout(1000), redirect: 'manual' });
			return { stop };
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`--exec: ${server.appUrl} did not answer within ${waitMs / 1000} s`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
