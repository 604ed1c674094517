import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shellQuote, toCurlCommand } from '../../src/core/curl';
import { formFields } from '../../src/core/messageForm';
import type { CreateMessageParams } from '../../src/core/types';

const PROJECT = 'ea108133-d6b3-407c-9536-9fad8a929a6a';
const TOKEN = 'PT037258e533e87ac63174ee136ed0798dc85d4f4f9e6d7191';
/** A body with everything bash could misread. */
const NASTY = `It's "$HOME" \`id\` $(echo pwned) !! !$ \\n \\ back\\slash\nline 2\r\n\ttab ' '' € 😀 ;|&<>*?[a] ~ #`;

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
const hasCurl = spawnSync('curl', ['--version']).status === 0;

/**
 * Runs the generated command in bash with `curl` replaced by a function that prints its
 * arguments, and returns those arguments exactly as bash parsed them. `interactive` feeds it to
 * an interactive bash (history expansion on), as when it is pasted into a terminal.
 */
function curlArgs(command: string, options: { interactive?: boolean; env?: Record<string, string> } = {}): string[] {
	const script = `curl() { printf '%s\\0' "$@"; }\n${command}\n`;
	const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', SIGNALWIRE_API_TOKEN: TOKEN, ...options.env };
	const result = options.interactive
		? spawnSync('bash', ['--norc', '--noprofile', '-i'], { input: script, env, encoding: 'utf8' })
		: spawnSync('bash', ['--norc', '--noprofile', '-c', script], { env, encoding: 'utf8' });
	assert.equal(result.status, 0, result.stderr);
	const out = result.stdout;
	assert.ok(out.endsWith('\0'), `no arguments printed: ${JSON.stringify(out)} ${result.stderr}`);
	return out.slice(0, -1).split('\0');
}

/** The values of every `--data-urlencode` argument. */
function dataArgs(args: string[]): string[] {
	return args.flatMap((arg, i) => (arg === '--data-urlencode' ? [args[i + 1]!] : []));
}

describe('toCurlCommand', () => {
	const params: CreateMessageParams = {
		to: '+15557654321',
		from: '+15551234567',
		body: 'Hello World!',
		mediaUrls: ['https://example.com/a.jpg', 'https://example.com/b.png?size=large&x=1'],
		statusCallback: 'https://example.com/cb',
		maxPrice: '0.05',
		validityPeriod: 600,
		sendAsMms: true,
	};

	it('looks like the documented command', () => {
		const command = toCurlCommand({ baseUrl: 'https://example.signalwire.com', projectId: PROJECT, params });
		assert.match(command, /^export SIGNALWIRE_SPACE_URL='example\.signalwire\.com'$/m);
		assert.match(command, new RegExp(`^export SIGNALWIRE_PROJECT_ID='${PROJECT}'$`, 'm'));
		assert.match(command, /curl -sS -X POST "https:\/\/\$SIGNALWIRE_SPACE_URL\/api\/laml\/2010-04-01\/Accounts\/\$SIGNALWIRE_PROJECT_ID\/Messages"/);
		assert.match(command, /-u "\$SIGNALWIRE_PROJECT_ID:\$\{SIGNALWIRE_API_TOKEN:\?[^}]*\}"/);
		assert.match(command, /-H 'Accept: application\/json'/);
		assert.match(command, /SIGNALWIRE_API_TOKEN/);
		assert.match(command, /^# .*token/im);
		assert.equal(command.split('\n').filter((l) => l.includes('--data-urlencode')).length, 9, 'one field per line');
		assert.equal(command.includes('\t'), false, 'no tabs: pasted into a terminal they trigger completion');
	});

	it('never contains a token', () => {
		const command = toCurlCommand({ baseUrl: 'example', projectId: PROJECT, params });
		assert.doesNotMatch(command, /PT[0-9a-f]{8,}/);
		assert.equal(command.includes(TOKEN), false);
		for (const line of command.split('\n')) {
			assert.doesNotMatch(line, /SIGNALWIRE_API_TOKEN=/, 'the token is never assigned');
		}
	});

	it('normalises the Space however it was typed', () => {
		for (const baseUrl of ['example', 'example.signalwire.com', 'https://example.signalwire.com/', ' https://example.signalwire.com/api/laml/2010-04-01 ']) {
			assert.match(toCurlCommand({ baseUrl, projectId: PROJECT, params }), /^export SIGNALWIRE_SPACE_URL='example\.signalwire\.com'$/m, baseUrl);
		}
		const loopback = toCurlCommand({ baseUrl: 'http://127.0.0.1:8787/', projectId: PROJECT, params });
		assert.match(loopback, /^export SIGNALWIRE_SPACE_URL='127\.0\.0\.1:8787'$/m);
		assert.match(loopback, /"http:\/\/\$SIGNALWIRE_SPACE_URL\/api\/laml/);
		assert.match(toCurlCommand({ baseUrl: 'localhost:8787', projectId: PROJECT, params }), /"http:\/\/\$SIGNALWIRE_SPACE_URL\/api\/laml/);
	});

	it('without a project ID, asks for it and stops if it is unset', function () {
		if (!hasBash) {
			this.skip();
		}
		const command = toCurlCommand({ baseUrl: 'example', params });
		assert.doesNotMatch(command, /^export SIGNALWIRE_PROJECT_ID=/m);
		assert.match(command, /^# Set SIGNALWIRE_PROJECT_ID/m);
		const args = curlArgs(command, { env: { SIGNALWIRE_PROJECT_ID: 'p-1' } });
		assert.equal(args[args.indexOf('-u') + 1], `p-1:${TOKEN}`);
		const unset = spawnSync('bash', ['--norc', '-c', `curl() { echo CALLED; }\n${command}`], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
		assert.notEqual(unset.status, 0);
		assert.doesNotMatch(unset.stdout, /CALLED/);
		assert.match(unset.stderr, /Set SIGNALWIRE_PROJECT_ID first/);
	});

	describe('in bash', () => {
		before(function () {
			if (!hasBash) {
				this.skip();
			}
		});

		it('passes every field exactly, MediaUrl repeated, in the SDK order', () => {
			const args = curlArgs(toCurlCommand({ baseUrl: 'example', projectId: PROJECT, params }));
			assert.equal(args[0], '-sS');
			assert.deepEqual(args.slice(1, 3), ['-X', 'POST']);
			assert.equal(args[3], `https://example.signalwire.com/api/laml/2010-04-01/Accounts/${PROJECT}/Messages`);
			assert.equal(args[args.indexOf('-u') + 1], `${PROJECT}:${TOKEN}`);
			assert.equal(args[args.indexOf('-H') + 1], 'Accept: application/json');
			assert.deepEqual(dataArgs(args), [
				'To=+15557654321',
				'From=+15551234567',
				'Body=Hello World!',
				'MediaUrl=https://example.com/a.jpg',
				'MediaUrl=https://example.com/b.png?size=large&x=1',
				'StatusCallback=https://example.com/cb',
				'MaxPrice=0.05',
				'ValidityPeriod=600',
				'SendAsMms=true',
			]);
		});

		it('keeps a body with quotes, $, backquotes, !, backslashes, CR/LF and tabs intact', () => {
			const command = toCurlCommand({ baseUrl: 'example', projectId: PROJECT, params: { to: '+15557654321', from: '+15551234567', body: NASTY } });
			assert.deepEqual(dataArgs(curlArgs(command)), ['To=+15557654321', 'From=+15551234567', `Body=${NASTY}`]);
		});

		it('survives being pasted into an interactive bash (history expansion on)', () => {
			const body = "Sale!! 50% off!!! Don't wait!$ \"now\"!\nReply STOP";
			const command = toCurlCommand({ baseUrl: 'example', projectId: PROJECT, params: { to: '+15557654321', from: '+15551234567', body, sendAsMms: false } });
			assert.deepEqual(dataArgs(curlArgs(command, { interactive: true })), ['To=+15557654321', 'From=+15551234567', `Body=${body}`, 'SendAsMms=false']);
		});

		it('stops with a message instead of sending an empty token', () => {
			const command = toCurlCommand({ baseUrl: 'example', projectId: PROJECT, params });
			const result = spawnSync('bash', ['--norc', '-c', `curl() { echo CALLED; }\n${command}`], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
			assert.notEqual(result.status, 0);
			assert.doesNotMatch(result.stdout, /CALLED/);
			assert.match(result.stderr, /Set SIGNALWIRE_API_TOKEN first/);
		});
	});

	it('really sends the request with curl (loopback server)', async function () {
		if (!hasBash || !hasCurl) {
			this.skip();
		}
		const received: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];
		const server = createServer((req, res) => {
			let body = '';
			req.setEncoding('utf8');
			req.on('data', (chunk: string) => (body += chunk));
			req.on('end', () => {
				received.push({ method: req.method, url: req.url, headers: req.headers, body });
				res.writeHead(201, { 'Content-Type': 'application/json' });
				res.end('{"status":"queued"}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const port = (server.address() as AddressInfo).port;
			const command = toCurlCommand({ baseUrl: `http://127.0.0.1:${port}`, projectId: PROJECT, params: { ...params, body: NASTY } });
			const output = await new Promise<string>((resolve, reject) => {
				const child = spawn('bash', ['--norc', '-c', command], { env: { PATH: process.env.PATH ?? '', SIGNALWIRE_API_TOKEN: TOKEN } });
				let stdout = '';
				let stderr = '';
				child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
				child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
				child.on('error', reject);
				child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
			});
			assert.equal(output, '{"status":"queued"}');
			assert.equal(received.length, 1);
			const [request] = received;
			assert.equal(request!.method, 'POST');
			assert.equal(request!.url, `/api/laml/2010-04-01/Accounts/${PROJECT}/Messages`);
			assert.equal(request!.headers.authorization, `Basic ${btoa(`${PROJECT}:${TOKEN}`)}`);
			assert.equal(request!.headers.accept, 'application/json');
			assert.equal(request!.headers['content-type'], 'application/x-www-form-urlencoded');
			const form = new URLSearchParams(request!.body);
			assert.equal(form.get('To'), '+15557654321');
			assert.equal(form.get('Body'), NASTY);
			assert.deepEqual(form.getAll('MediaUrl'), params.mediaUrls);
			assert.equal(form.get('SendAsMms'), 'true');
			assert.equal(form.get('ValidityPeriod'), '600');
			assert.doesNotMatch(request!.body, /\+15557654321/, 'the + is percent-encoded, not sent as a space');
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

describe('formFields', () => {
	it('only set fields, booleans as true/false, MediaUrl repeated', () => {
		assert.deepEqual(formFields({ to: '+15557654321', messagingServiceSid: 'x', mediaUrls: ['a', 'b'], sendAsMms: false, applicationSid: 'y' }), [
			['To', '+15557654321'],
			['MessagingServiceSid', 'x'],
			['MediaUrl', 'a'],
			['MediaUrl', 'b'],
			['ApplicationSid', 'y'],
			['SendAsMms', 'false'],
		]);
	});
});

describe('shellQuote', () => {
	it('single-quotes, writing a quote as \'\\\'\'', () => {
		assert.equal(shellQuote('plain'), "'plain'");
		assert.equal(shellQuote("it's"), "'it'\\''s'");
		assert.equal(shellQuote(''), "''");
		assert.equal(shellQuote('$HOME `id` "x" !'), "'$HOME `id` \"x\" !'");
	});

	it("uses $'…' for control characters", () => {
		assert.equal(shellQuote('a\nb'), "$'a\\nb'");
		assert.equal(shellQuote("it's\r\n\\\t\x07x"), "$'it\\'s\\r\\n\\\\\\t\\x07x'");
	});

	it('round-trips through bash', function () {
		if (!hasBash) {
			this.skip();
		}
		const values = [NASTY, "'", "''", '\\', '\n', '\x01\x1f\x7f', '$', '!', 'a\x0bb', 'é😀'];
		const script = `printf '%s\\0' ${values.map(shellQuote).join(' ')}`;
		const result = spawnSync('bash', ['--norc', '-c', script], { encoding: 'utf8' });
		assert.equal(result.status, 0, result.stderr);
		assert.deepEqual(result.stdout.slice(0, -1).split('\0'), values);
	});
});
