/**
 * The compose form inside the real VS Code: the panel opens pre-filled, and messages delivered to
 * its handler as if from the webview send through the one MessageSender to the local server.
 * What the panel posts stays within the protocol's limits, whatever the Space and the API send:
 * a Space of 2,500 numbers and a 50,000-character API error do not wedge the form.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionToWebviewMessage } from '../../src/compose/protocol';
import { COMPOSE_VIEW_TYPE, MAX_NUMBERS, MAX_TEXT_LENGTH } from '../../src/compose/protocol';
import { isExtensionToWebviewMessage } from '../../src/compose/readExtensionMessage';
import type { TestApi } from '../../src/extension';
import type { SendOutcome } from '../../src/send/outcome';
import { activateExtension, countWindowCalls, sandbox, sandboxControl, signInToSandbox, waitUntil } from './helpers';

const FROM = '+15550100100';
const TO = '+15550100199';
const MEDIA = ['https://example.com/a.jpg', 'https://example.com/b.png?x=1&y=2', 'https://example.com/c.gif'];

const DRAFT = {
	from: FROM,
	to: TO,
	body: 'Compose test ’quoted’',
	mediaUrls: [...MEDIA],
	statusCallback: 'https://example.com/status',
	validityPeriod: '600',
	maxPrice: '0.05',
};

describe('compose form', () => {
	let api: TestApi;
	const warnings: string[] = [];
	let originalWarn: TestApi['services']['logger']['warn'];

	function posted<T extends ExtensionToWebviewMessage['type']>(type: T): Array<Extract<ExtensionToWebviewMessage, { type: T }>> {
		return api.hooks.compose.posted().filter((m): m is Extract<ExtensionToWebviewMessage, { type: T }> => m.type === type);
	}

	/**
	 * Waits until the restored panel's own form has loaded and said `ready` (the extension answers
	 * with `init`), so that the test does not close a panel the workbench is still showing.
	 */
	async function formLoaded(): Promise<void> {
		await waitUntil(() => posted('init').length > 0, 20_000, 'the restored form to load');
	}

	async function openReady(argument?: unknown): Promise<void> {
		await vscode.commands.executeCommand('signalwire.composeMessage', argument);
		assert.ok(api.hooks.compose.isOpen(), 'the form is open');
		await api.hooks.compose.deliver({ type: 'ready' });
	}

	before(async () => {
		api = (await activateExtension()).exports as TestApi;
		await signInToSandbox();
		const logger = api.services.logger;
		originalWarn = logger.warn;
		logger.warn = (message: string, ...args: unknown[]) => {
			warnings.push(message);
			originalWarn.call(logger, message, ...args);
		};
	});

	after(async () => {
		api.services.logger.warn = originalWarn;
		api.hooks.compose.close();
		await sandboxControl.faults({});
	});

	beforeEach(async () => {
		await sandboxControl.reset();
		api.hooks.compose.clearPosted();
	});

	it('contributes the command with the SignalWire category and the edit icon', () => {
		const extension = vscode.extensions.getExtension('sms-devtools-community.signalwire-messaging-sandbox');
		const command = (extension?.packageJSON.contributes.commands as Array<Record<string, string>>).find((c) => c.command === 'signalwire.composeMessage');
		assert.ok(command, 'signalwire.composeMessage is contributed');
		assert.equal(command.category, 'SignalWire');
		assert.equal(command.icon, '$(edit)');
		assert.ok((extension?.packageJSON.activationEvents as string[]).includes(`onWebviewPanel:${COMPOSE_VIEW_TYPE}`));
	});

	it('opens pre-filled from the command and answers ready with init, then the Space\'s numbers', async () => {
		await openReady(DRAFT);
		const [init] = posted('init');
		assert.ok(init, 'init was posted after ready');
		assert.deepEqual(init.draft, DRAFT);
		assert.match(init.profile ?? '', /127\.0\.0\.1/);
		assert.equal(init.sending, false);
		await waitUntil(() => posted('numbers').length > 0, 10_000, 'the numbers');
		const numbers = posted('numbers').at(-1)?.numbers.map((n) => n.phoneNumber) ?? [];
		assert.ok(numbers.includes(FROM), `messaging numbers: ${numbers.join(', ')}`);
		assert.ok(!numbers.includes('+15550100103'), 'a voice-only number is not offered');
		const serialized = JSON.stringify(api.hooks.compose.posted());
		assert.ok(!serialized.includes(sandbox().token), 'the webview never sees the token');
	});

	it('reuses the one panel: a new draft replaces the form\'s, no draft keeps it', async () => {
		await openReady(DRAFT);
		const created = api.hooks.compose.panelsCreated();
		await vscode.commands.executeCommand('signalwire.composeMessage', { to: '+15550100198', body: 'second' });
		assert.equal(api.hooks.compose.panelsCreated(), created, 'no second panel');
		assert.deepEqual(api.hooks.compose.draft(), { to: '+15550100198', body: 'second' });
		assert.deepEqual(posted('init').at(-1)?.draft, { to: '+15550100198', body: 'second' }, 'the open form got the new draft');
		await vscode.commands.executeCommand('signalwire.composeMessage');
		assert.equal(api.hooks.compose.panelsCreated(), created);
		assert.deepEqual(api.hooks.compose.draft(), { to: '+15550100198', body: 'second' }, 'no argument keeps the draft');
	});

	it('sends via the protocol: the server records exactly the 3 MediaUrl, the form gets the SID and status', async () => {
		await openReady(DRAFT);
		const outcomes: SendOutcome[] = [];
		const listener = api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		try {
			await api.hooks.compose.deliver({ type: 'send', requestId: 'r-media', draft: DRAFT });
		} finally {
			listener.dispose();
		}
		const [result] = posted('sendResult');
		assert.ok(result, 'a sendResult was posted');
		assert.equal(result.requestId, 'r-media');
		assert.ok(result.result.ok, `the send succeeded: ${JSON.stringify(result.result)}`);
		const posts = (await sandboxControl.requests()).filter((r) => r.method === 'POST');
		assert.equal(posts.length, 1, 'one create request');
		assert.deepEqual(posts[0].form.MediaUrl, MEDIA);
		assert.deepEqual(posts[0].form.Body, [DRAFT.body]);
		assert.deepEqual(posts[0].form.StatusCallback, [DRAFT.statusCallback]);
		assert.deepEqual(posts[0].form.ValidityPeriod, ['600']);
		assert.deepEqual(posts[0].form.MaxPrice, ['0.05']);
		const [created] = await sandboxControl.messages();
		assert.equal(result.result.sid, created.sid);
		assert.equal(result.result.status, created.status);
		assert.equal(result.result.to, TO);
		assert.equal(outcomes.length, 1, 'the sender told its listeners (history records it)');
		assert.equal(outcomes[0].message?.sid, created.sid);
		assert.deepEqual(api.hooks.compose.draft(), DRAFT, 'the form keeps the message after sending');
	});

	it('shows an API error\'s code and message and keeps every field', async () => {
		await openReady(DRAFT);
		const draft = { ...DRAFT, sendAsMms: true, applicationSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
		await api.hooks.compose.deliver({ type: 'draftChanged', draft });
		await sandboxControl.faults({ apiError: { status: 422, code: 21211, message: "The 'To' number provided has an invalid format", times: 1 } });
		await api.hooks.compose.deliver({ type: 'send', requestId: 'r-error', draft });
		const [result] = posted('sendResult');
		assert.ok(result && !result.result.ok, 'the send failed');
		assert.equal(result.requestId, 'r-error');
		assert.equal(result.result.error.code, 21211);
		assert.equal(result.result.error.httpStatus, 422);
		assert.match(result.result.error.message, /'To' number provided has an invalid format/);
		assert.ok(result.result.error.hint, 'the code is explained');
		assert.deepEqual(api.hooks.compose.draft(), draft, 'the draft is kept as it was');
		assert.deepEqual(api.hooks.compose.storedDraft(), draft, 'and saved');
		assert.equal((await sandboxControl.messages()).length, 0);
		await api.hooks.compose.deliver({ type: 'ready' });
		const init = posted('init').at(-1);
		assert.deepEqual(init?.draft, draft, 'a reloaded webview gets the same fields back');
		assert.equal(init?.lastResult?.ok, false, 'and the error');
	});

	it('ignores and logs malformed and unknown messages, never throws, and sends nothing', async () => {
		await openReady(DRAFT);
		api.hooks.compose.clearPosted();
		const before = warnings.length;
		const bad: unknown[] = [
			undefined,
			null,
			'send',
			42,
			[{ type: 'send' }],
			{},
			{ type: 'sendAll' },
			{ type: 'init', draft: {}, numbers: [], profile: null, sending: false },
			{ type: 'send', draft: DRAFT },
			{ type: 'send', requestId: 'x', draft: { ...DRAFT, to: 15550100199 } },
			{ type: 'send', requestId: 'x', draft: { ...DRAFT, mediaUrls: Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`) } },
			{ type: 'send', requestId: 'x', draft: { ...DRAFT, mediaUrls: [1, 2, 3] } },
			{ type: 'draftChanged', draft: { body: { toString: 'x' } } },
			JSON.parse('{"type":"send","requestId":"x","__proto__":{"draft":{"to":"+15550100199"}}}'),
		];
		for (const message of bad) {
			await api.hooks.compose.deliver(message);
		}
		assert.equal(warnings.length - before, bad.length, `one warning per ignored message: ${warnings.slice(before).join(' | ')}`);
		assert.ok(warnings.slice(before).every((w) => /ignored an unknown or malformed message/.test(w)));
		assert.deepEqual(api.hooks.compose.posted(), [], 'nothing was answered');
		assert.deepEqual(api.hooks.compose.draft(), DRAFT, 'the draft is untouched');
		assert.equal((await sandboxControl.requests()).length, 0, 'nothing was sent');
	});

	it('refuses a well-formed but invalid draft without a request', async () => {
		await openReady(DRAFT);
		await api.hooks.compose.deliver({ type: 'send', requestId: 'r-invalid', draft: { ...DRAFT, to: '555' } });
		const [result] = posted('sendResult');
		assert.ok(result && !result.result.ok);
		assert.match(result.result.error.message, /To must be a phone number in E\.164/);
		assert.equal((await sandboxControl.requests()).length, 0);
	});

	it('keeps the draft: in workspaceState for a new panel, and from the webview state after a reload', async () => {
		await openReady(DRAFT);
		const typed = { to: TO, body: 'half-typed', mediaUrls: [''] };
		await api.hooks.compose.deliver({ type: 'draftChanged', draft: typed });
		await waitUntil(() => JSON.stringify(api.hooks.compose.storedDraft()) === JSON.stringify(typed), 20_000, 'the saved draft');
		api.hooks.compose.close();
		assert.equal(api.hooks.compose.isOpen(), false);
		await openReady();
		assert.deepEqual(posted('init').at(-1)?.draft, typed, 'a new form starts from the saved draft');
		api.hooks.compose.close();

		const restored = { to: TO, body: 'from the webview state' };
		const panel = vscode.window.createWebviewPanel(COMPOSE_VIEW_TYPE, 'Compose Message', vscode.ViewColumn.Active, {});
		await api.hooks.compose.restore(panel, { draft: restored, advancedOpen: false, touched: [] });
		assert.ok(api.hooks.compose.isOpen());
		assert.deepEqual(api.hooks.compose.draft(), restored);
		assert.ok(panel.webview.options.enableScripts, 'the restored panel runs its script');
		assert.equal(panel.webview.options.localResourceRoots?.length, 2);
		await formLoaded();
		api.hooks.compose.close();

		const broken = vscode.window.createWebviewPanel(COMPOSE_VIEW_TYPE, 'Compose Message', vscode.ViewColumn.Active, {});
		await api.hooks.compose.restore(broken, { draft: { to: ['not', 'a', 'string'] } });
		assert.deepEqual(api.hooks.compose.draft(), restored, 'a bad state falls back to the saved draft');
		await formLoaded();
		api.hooks.compose.close();
	});

	it('is the palette flow\'s "Attach media URLs..." hand-off', async () => {
		assert.ok(api.services.openComposeForm, 'activate() sets services.openComposeForm');
		const draft = { from: FROM, to: TO, body: 'from the palette' };
		assert.equal(await api.services.openComposeForm(draft), true);
		draft.body = 'edited later by the prompts';
		assert.deepEqual(api.hooks.compose.draft(), { from: FROM, to: TO, body: 'from the palette' }, 'the form holds a copy');
	});

	it('says when not signed in, and the Sign In message runs the sign-in command', async () => {
		await openReady(DRAFT);
		const { url, projectId } = sandbox();
		await vscode.commands.executeCommand('signalwire.signOut', { space: url, projectId });
		try {
			await waitUntil(() => posted('signedInChanged').some((m) => m.profile === null), 20_000, 'signedInChanged(null)');
			api.hooks.compose.clearPosted();
			await api.hooks.compose.deliver({ type: 'send', requestId: 'r-signed-out', draft: DRAFT });
			const [result] = posted('sendResult');
			assert.ok(result && !result.result.ok);
			assert.match(result.result.error.message, /Not signed in/);
			assert.equal((await sandboxControl.requests()).length, 0);

			// The form's Sign In runs the interactive sign-in: its first prompt waits until cancelled.
			let settled = false;
			const prompted = countWindowCalls('showInputBox');
			let handled: Promise<void>;
			try {
				handled = api.hooks.compose.deliver({ type: 'signIn' }).then(() => {
					settled = true;
				});
				await waitUntil(() => prompted.count > 0, 20_000, 'the first sign-in prompt');
			} finally {
				prompted.restore();
			}
			assert.equal(settled, false, 'the sign-in prompt is waiting for input');
			// Close it until the sign-in ends: a close before the workbench has drawn the prompt closes nothing.
			const closePrompt = async () => {
				if (!settled) {
					await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
				}
				return settled;
			};
			await waitUntil(closePrompt, 20_000, 'the sign-in cancelled by closing its prompt');
			await handled;
			assert.equal(await api.services.credentials.activeProfile(), undefined, 'cancelled: still signed out');
		} finally {
			await signInToSandbox();
		}
		await waitUntil(() => posted('signedInChanged').some((m) => m.profile !== null), 20_000, 'signedInChanged(profile)');
	});

	/** Gives the local server's project `count` numbers (null: the fixed ones) and forgets the extension's cached list. */
	async function setNumberCount(count: number | null): Promise<void> {
		const answer = await fetch(`${sandbox().url}/__sandbox/numbers`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: JSON.stringify({ count }) });
		assert.equal(answer.status, 200, 'the number-count control route');
		api.services.numbers.clear();
	}

	it('a Space of 2,500 numbers: the form gets the 1,000 most relevant, the draft\'s From first, in messages it reads whole', async function () {
		this.timeout(30_000);
		await setNumberCount(2500);
		try {
			const from = '+15552002400'; // far beyond the first 1,000
			await openReady({ from, to: TO, body: 'many numbers' });
			await waitUntil(() => posted('numbers').length > 0, 20_000, 'the numbers');
			const numbers = posted('numbers').at(-1)!;
			assert.equal(numbers.numbers.length, MAX_NUMBERS);
			assert.equal(numbers.numbers[0].phoneNumber, from, 'the draft\'s From is kept and comes first');
			assert.ok(isExtensionToWebviewMessage(numbers), 'the webview reads the numbers whole');
			// The webview is reloaded: its init carries the list it already has.
			await api.hooks.compose.deliver({ type: 'ready' });
			const init = posted('init').at(-1)!;
			assert.equal(init.numbers.length, MAX_NUMBERS);
			assert.ok(isExtensionToWebviewMessage(init), 'the webview reads the init whole: the form initialises');
			await api.hooks.compose.deliver({ type: 'send', requestId: 'r-many', draft: { from, to: TO, body: 'many numbers' } });
			const [result] = posted('sendResult');
			assert.ok(result?.result.ok, 'a send from the 2,401st number works');
		} finally {
			await setNumberCount(null);
		}
	});

	it('passes on an https more_info only: a vscode: or file: link from the server is dropped', async () => {
		// A code we do not explain, so that no link of ours stands in for the server's.
		for (const moreInfo of ['vscode://evil.extension/run', 'file:///etc/passwd']) {
			await openReady(DRAFT);
			await sandboxControl.faults({ apiError: { status: 400, code: 99999, body: { code: 99999, message: 'Refused', more_info: moreInfo, status: 400 }, times: 1 } });
			await api.hooks.compose.deliver({ type: 'send', requestId: `r-link-${moreInfo.length}`, draft: DRAFT });
			const result = posted('sendResult').at(-1);
			assert.ok(result && !result.result.ok, 'the send failed');
			assert.equal(result.result.error.moreInfo, undefined);
		}
	});

	it('a 50,000-character API error reaches the form cut with "…", in a result it reads whole (the send ends)', async () => {
		await openReady(DRAFT);
		const apiMessage = `Refused: ${'x'.repeat(49_991)}`;
		assert.equal(apiMessage.length, 50_000);
		await sandboxControl.faults({ apiError: { status: 422, code: 21211, message: apiMessage, times: 1 } });
		await api.hooks.compose.deliver({ type: 'send', requestId: 'r-long', draft: DRAFT });
		const [result] = posted('sendResult');
		assert.ok(result && !result.result.ok, 'the send failed');
		assert.ok(isExtensionToWebviewMessage(result), 'the webview reads the result whole: "Sending…" ends');
		const { message } = result.result.error;
		assert.ok(message.length <= MAX_TEXT_LENGTH, `${message.length} characters`);
		assert.ok(message.startsWith('Refused: xxx'), message.slice(0, 40));
		assert.equal(result.result.error.code, 21211);
		await api.hooks.compose.deliver({ type: 'ready' });
		assert.ok(isExtensionToWebviewMessage(posted('init').at(-1)), 'a reloaded form gets the last result within the limits too');
		assert.deepEqual(api.hooks.compose.draft(), DRAFT, 'the draft is kept');
	});
});
