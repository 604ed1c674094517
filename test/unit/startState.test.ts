import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { portIsFree, readStartState, writeStartState, type StartState } from '../../scripts/lib/startState';

const STATE: StartState = {
	sandbox: { port: 43210, token: `PT${'a1'.repeat(24)}`, signingKey: `PSK_${'b2'.repeat(24)}` },
	codeServer: { port: 43211 },
};

describe('npm start state (scripts/lib/startState.ts)', () => {
	let dir: string;
	let file: string;

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-state-'));
		file = path.join(dir, 'npm-start', 'state.json');
	});

	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('writes a state it reads back, the file 0600 in a 0700 folder', () => {
		writeStartState(file, STATE);
		assert.deepEqual(readStartState(file), STATE);
		assert.equal(fs.statSync(file).mode & 0o777, 0o600);
		assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
		assert.deepEqual(fs.readdirSync(path.dirname(file)), ['state.json'], 'no temporary file left');
	});

	it('makes an existing, wider folder and file user-only', () => {
		fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
		fs.chmodSync(path.dirname(file), 0o755);
		fs.writeFileSync(file, '{}', { mode: 0o644 });
		writeStartState(file, STATE);
		assert.equal(fs.statSync(file).mode & 0o777, 0o600);
		assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
	});

	it('reads no state from a missing, broken or tampered file', () => {
		assert.equal(readStartState(file), undefined);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		for (const text of [
			'not json',
			'null',
			JSON.stringify({ sandbox: { ...STATE.sandbox, port: 70000 } }),
			JSON.stringify({ sandbox: { ...STATE.sandbox, token: 'x' } }),
			JSON.stringify({ sandbox: { ...STATE.sandbox, signingKey: 42 } }),
		]) {
			fs.writeFileSync(file, text);
			assert.equal(readStartState(file), undefined, text);
		}
		fs.writeFileSync(file, JSON.stringify({ sandbox: STATE.sandbox, codeServer: { port: 'x' } }));
		assert.deepEqual(readStartState(file), { sandbox: STATE.sandbox, codeServer: undefined });
	});

	it('tells a free port from one that is taken', async () => {
		const server = net.createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as net.AddressInfo).port;
		assert.equal(await portIsFree(port), false);
		await new Promise<void>((resolve) => server.close(() => resolve()));
		assert.equal(await portIsFree(port), true);
	});
});
