/**
 * What `npm start` keeps between runs (`.vscode-test/npm-start/state.json`, git-ignored like all of
 * `.vscode-test/`): the local server's port, token and Signing Key, and code-server's port (the
 * browser origin, under which the web workbench keeps its stored secrets). The folder is 0700 and
 * the file 0600: readable by the user only. `npm start -- --fresh` deletes it.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface StartState {
	sandbox: { port: number; token: string; signingKey: string };
	codeServer?: { port: number };
}

function isPort(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65536;
}

/** The saved state, or undefined when there is none or it is not one `writeStartState` wrote. */
export function readStartState(file: string): StartState | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
	const state = parsed as Partial<StartState> | null;
	const sandbox = state?.sandbox;
	if (
		!sandbox ||
		!isPort(sandbox.port) ||
		typeof sandbox.token !== 'string' ||
		!/^PT[0-9a-f]{16,}$/.test(sandbox.token) ||
		typeof sandbox.signingKey !== 'string' ||
		!/^PSK_[0-9a-f]{16,}$/.test(sandbox.signingKey)
	) {
		return undefined;
	}
	const codeServer = state.codeServer && isPort(state.codeServer.port) ? { port: state.codeServer.port } : undefined;
	return { sandbox: { port: sandbox.port, token: sandbox.token, signingKey: sandbox.signingKey }, codeServer };
}

/** Writes the state readable by the user only (folder 0700, file 0600, also when they existed). */
export function writeStartState(file: string, state: StartState): void {
	const dir = path.dirname(file);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	fs.chmodSync(dir, 0o700);
	const temporary = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temporary, `${JSON.stringify(state, null, '\t')}\n`, { mode: 0o600 });
	fs.chmodSync(temporary, 0o600);
	fs.renameSync(temporary, file);
}

/** Whether nothing listens on 127.0.0.1:`port` (and it may be bound). */
export async function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}
