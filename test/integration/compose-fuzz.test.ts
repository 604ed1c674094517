/**
 * The compose form's webview → extension channel inside the real VS Code, through the panel's
 * test hooks (src/compose/testHooks.ts ComposeTestHooks.deliver = what the webview posts):
 * 1,000 seeded malformed messages are each ignored and logged with nothing sent; the bad-input
 * table is refused before any request; a failed send keeps every field of the form; HTML in the
 * body, URLs and API error messages travels as plain text.
 */
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { parseWebviewToExtensionMessage, type ExtensionToWebviewMessage, type SendResultMessage } from '../../src/compose/protocol';
import type { TestApi } from '../../src/extension';
import type { SendOutcome } from '../../src/send/outcome';
import { BAD_INPUTS } from '../fixtures/badInputs';
import { FUZZ_SEED, malformedMessages } from '../fixtures/webviewFuzz';
import { activateExtension, sandbox, sandboxControl, signInToSandbox, waitUntil } from './helpers';

/** Every field, as the form's inputs hold them (numbers as text). */
const FULL_DRAFT = {
	to: '+15550100199',
	from: '+15550100100',
	body: 'compose keeps me',
	mediaUrls: ['https://example.com/a.jpg', 'https://example.com/b.png'],
	sendAsMms: true,
	statusCallback: 'https://example.com/status',
	validityPeriod: '600',
	maxPrice: '0.05',
	applicationSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

const XSS = '<img src=x onerror="alert(1)"><script>alert("xss")</script>';

describe('reliability: compose form channel (fuzz, bad input, failures)', () => {
	let api: TestApi;
	const warnings: string[] = [];
	const outcomes: SendOutcome[] = [];
	let restoreWarn: (() => void) | undefined;
	let listener: vscode.Disposable | undefined;
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);

	before(async function () {
		this.timeout(20_000);
		api = (await activateExtension()).exports as TestApi;
		assert.ok(api.hooks.compose, 'the TestApi exposes the compose hooks');
		await signInToSandbox();
		const logger = api.services.logger;
		const warn = logger.warn.bind(logger);
		logger.warn = (message: string, ...args: unknown[]) => {
			warnings.push(message);
			warn(message, ...args);
		};
		restoreWarn = () => {
			logger.warn = warn;
		};
		listener = api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		// The form loads the Space's numbers when its webview says `ready`: warm that cache, so that
		// no request at all reaches the sandbox during the fuzz.
		const profile = await api.services.credentials.activeProfile();
		assert.ok(profile);
		await api.services.numbers.messagingNumbers(profile);
		process.on('unhandledRejection', onUnhandled);
		assert.equal(await vscode.commands.executeCommand('signalwire.composeMessage', { to: '+15550100199', body: 'before the fuzz' }), true);
		assert.ok(api.hooks.compose.isOpen());
	});

	after(async () => {
		restoreWarn?.();
		listener?.dispose();
		process.off('unhandledRejection', onUnhandled);
		api.hooks.compose.close();
		await sandboxControl.faults({});
	});

	beforeEach(async () => {
		await sandboxControl.reset();
		warnings.length = 0;
		outcomes.length = 0;
		api.hooks.compose.clearPosted();
	});

	afterEach(() => {
		assert.deepEqual(unhandled, [], 'no unhandled rejection');
	});

	async function posts(): Promise<number> {
		return (await sandboxControl.requests()).filter((r) => r.method === 'POST').length;
	}

	function sendResult(requestId: string): SendResultMessage | undefined {
		return api.hooks.compose.posted().find((m: ExtensionToWebviewMessage): m is SendResultMessage => m.type === 'sendResult' && m.requestId === requestId);
	}

	/** Says `ready` as the webview would, so that the panel posts its answers (and the hooks record them). */
	async function beReady(): Promise<void> {
		await api.hooks.compose.deliver({ type: 'ready' });
		api.hooks.compose.clearPosted();
	}

	it('fuzz: 1,000 malformed messages are each ignored and logged; no crash, nothing sent, the draft unchanged', async function () {
		this.timeout(30_000);
		const before = api.hooks.compose.draft();
		assert.ok(before);
		const messages = malformedMessages(FUZZ_SEED, 1000);
		for (const message of messages) {
			await api.hooks.compose.deliver(message);
		}
		const ignored = warnings.filter((w) => /ignored an unknown or malformed message/.test(w));
		assert.equal(ignored.length, 1000, `each malformed message is logged once (${ignored.length})`);
		assert.equal(outcomes.length, 0, 'the sender was never called');
		assert.deepEqual(await sandboxControl.requests(), [], 'the sandbox received no request at all');
		assert.ok(api.hooks.compose.isOpen(), 'the panel is still open');
		assert.deepEqual(api.hooks.compose.draft(), before, 'the draft is unchanged');
		assert.deepEqual(
			api.hooks.compose.posted().filter((m) => m.type === 'sendResult'),
			[],
			'no send result was posted',
		);
		assert.ok(!ignored.some((w) => w.includes(sandbox().token)));
		console.log(`      compose fuzz: 1000 malformed messages delivered, ${ignored.length} warnings, 0 sends`);
	});

	it('bad input: the shared table sent from the form is refused before any request, naming field and rule', async () => {
		await beReady();
		const rows = BAD_INPUTS.filter((r) => !r.argumentOnly);
		assert.ok(rows.length >= 35);
		const failures: string[] = [];
		const refusedByProtocol: string[] = [];
		for (const [index, row] of rows.entries()) {
			const requestId = `bad-${index}`;
			const message = { type: 'send', requestId, draft: row.argument };
			const ignoredBefore = warnings.filter((w) => /ignored an unknown or malformed message/.test(w)).length;
			await api.hooks.compose.deliver(message);
			const answer = sendResult(requestId);
			if (parseWebviewToExtensionMessage(message) === undefined) {
				// The form cannot produce it (it holds at most 8 media rows): the channel's guard drops it, logged.
				refusedByProtocol.push(row.name);
				const ignoredAfter = warnings.filter((w) => /ignored an unknown or malformed message/.test(w)).length;
				if (answer || ignoredAfter !== ignoredBefore + 1) {
					failures.push(`${row.name}: not dropped and logged by the channel's guard`);
				}
				continue;
			}
			if (!answer || answer.result.ok) {
				failures.push(`${row.name}: ${answer ? 'sent' : 'no answer'}`);
				continue;
			}
			const text = answer.result.error.message;
			if (!text.includes(row.apiName) || !row.words.test(text)) {
				failures.push(`${row.name}: "${text}"`);
			}
		}
		assert.deepEqual(failures, []);
		assert.deepEqual(refusedByProtocol, ['9 media URLs'], 'only the 9 media URLs row is dropped by the guard, the rest by validation');
		assert.equal(outcomes.length, 0, 'the sender was never called');
		assert.equal(await posts(), 0, 'the sandbox received no POST');
		assert.equal(warnings.filter((w) => /refused to send an invalid draft/.test(w)).length, rows.length - refusedByProtocol.length, 'each refusal is logged');
	});

	it('a failed send keeps every field of the form (and its backup), and the attempt holds every request field', async () => {
		await beReady();
		await sandboxControl.faults({ apiError: { status: 422, code: 21610, message: 'The message was blocked by the user', times: 1, on: 'create' } });
		await api.hooks.compose.deliver({ type: 'send', requestId: 'keep-1', draft: FULL_DRAFT });
		const answer = sendResult('keep-1');
		assert.ok(answer && !answer.result.ok, 'the form is told the send failed');
		assert.equal(answer.result.error.code, 21610);
		assert.equal(answer.result.error.httpStatus, 422);
		assert.match(answer.result.error.hint ?? '', /opted out of messages from this number/, 'a plain explanation of the code');
		assert.deepEqual(api.hooks.compose.draft(), FULL_DRAFT, 'the form keeps every field for Edit and Retry');
		await waitUntil(() => isDeepStrictEqual(api.hooks.compose.storedDraft(), FULL_DRAFT), 20_000, 'the draft backup');
		assert.equal(await posts(), 1);
		assert.equal((await sandboxControl.messages()).length, 0);
		assert.equal(outcomes.length, 1);
		assert.deepEqual(outcomes[0].params, { ...FULL_DRAFT, validityPeriod: 600 }, 'the attempt holds every request field');
		assert.equal(outcomes[0].error?.code, 21610);
	});

	it('HTML in the body, a media URL and an API error message travels to the form as plain text', async () => {
		await beReady();
		const apiMessage = `Blocked: ${XSS}<b>bold</b>`;
		await sandboxControl.faults({ apiError: { status: 422, code: 21610, message: apiMessage, times: 1, on: 'create' } });
		const draft = { ...FULL_DRAFT, body: `Hi ${XSS}`, mediaUrls: ['https://example.com/x.png?q="><svg/onload=alert(1)>'] };
		await api.hooks.compose.deliver({ type: 'send', requestId: 'xss-1', draft });
		const answer = sendResult('xss-1');
		assert.ok(answer && !answer.result.ok);
		assert.ok(answer.result.error.message.includes(XSS), `the API's text arrives verbatim, as text: ${answer.result.error.message}`);
		assert.deepEqual(api.hooks.compose.draft(), draft, 'the payloads stay in the draft exactly as typed');
		const [post] = (await sandboxControl.requests()).filter((r) => r.method === 'POST');
		assert.deepEqual(post.form.Body, [`Hi ${XSS}`], 'the body is sent as typed');
	});
});
