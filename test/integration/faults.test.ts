/**
 * The fault table (test/fixtures/faultCases.ts) through the argument form of
 * `signalwire.sendMessage`, inside the real VS Code, against the sandbox's misbehaviour switches.
 * For each: a typed error whose message names the cause in plain words, the notification the user
 * sees (with "Edit and Retry"), no session.unhandled rejection, no duplicate message on the server, and
 * the attempt as recorded for history holding every request field.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { explainErrorCode } from '../../src/core/errorCodes';
import { truncate } from '../../src/core/format';
import type { SendOutcome } from '../../src/send/outcome';
import { escapeMarkdown } from '../../src/history/presentation';
import { assertMatchesFailure, FAULT_CASES, NO_MARKUP, UNKNOWN_SPACE, type FaultCase } from '../fixtures/faultCases';
import { MARKUP_PAYLOADS } from '../fixtures/markupPayloads';
import { sandbox, sandboxControl, signInToSandbox, useQuietSession, waitUntil } from './helpers';
import { outputLogFiles, outputLogText } from './logFiles';
import { captureWindow, type CapturedWindow } from './windowCapture';

const ARGUMENT = {
	to: '+15550100199',
	from: '+15550100100',
	body: 'fault table <b>bold</b> & "quotes"',
	mediaUrls: ['https://example.com/cat.jpg'],
	sendAsMms: true,
	statusCallback: 'https://example.com/status',
	validityPeriod: 600,
	maxPrice: '0.05',
	applicationSid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

/** The params the argument validates to (what the attempt must record). */
const PARAMS = { ...ARGUMENT };

interface RejectedWith {
	name?: string;
	kind?: string;
	httpStatus?: number;
	code?: unknown;
	reason?: string;
	message: string;
}

async function settle(promise: Thenable<unknown>): Promise<{ value?: unknown; error?: RejectedWith }> {
	try {
		return { value: await promise };
	} catch (error) {
		return { error: error as RejectedWith };
	}
}

async function posts(): Promise<number> {
	return (await sandboxControl.requests()).filter((r) => r.method === 'POST').length;
}

describe('reliability: faults through the argument form of Send Message', () => {
	// The messages of the rows that succeed are not followed: no status fetches reach later tests.
	const session = useQuietSession();
	let window: CapturedWindow;

	before(() => {
		window = captureWindow();
	});

	after(async () => {
		window.restore();
		await sandboxControl.faults({});
		const config = vscode.workspace.getConfiguration('signalwire');
		await config.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
		await signInToSandbox();
	});

	beforeEach(async () => {
		await sandboxControl.reset();
		window.clear();
	});

	afterEach(async () => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.deepEqual(session.unhandled, [], 'no session.unhandled rejection');
	});

	/** Makes the active profile point at a host that does not resolve; returns how to undo it. */
	async function useUnknownSpace(): Promise<() => Promise<void>> {
		const original = await session.api.services.credentials.activeProfile();
		assert.ok(original, 'signed in to the sandbox');
		const ghost = await session.api.services.credentials.save(UNKNOWN_SPACE, sandbox().projectId, `PT${'0c'.repeat(24)}`);
		return async () => {
			await session.api.services.credentials.remove(ghost);
			await session.api.services.credentials.setActive(original);
		};
	}

	async function runCase(row: FaultCase): Promise<void> {
		await sandboxControl.faults(row.faults);
		const config = vscode.workspace.getConfiguration('signalwire');
		if (row.shortTimeout) {
			await config.update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
		}
		const undo = row.unknownSpace ? await useUnknownSpace() : undefined;
		const outcomes: SendOutcome[] = [];
		const listener = session.api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		const historyBefore = new Set(session.api.history.entries({}).map((e) => e.id));
		const started = Date.now();
		let result: { value?: unknown; error?: RejectedWith };
		try {
			result = await settle(vscode.commands.executeCommand('signalwire.sendMessage', ARGUMENT));
		} finally {
			listener.dispose();
			await undo?.();
			if (row.shortTimeout) {
				await config.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
			}
		}
		const elapsed = Date.now() - started;

		assert.equal(await posts(), row.posts, 'POSTs that reached the server');
		assert.equal((await sandboxControl.messages()).length, row.messages, 'messages on the server (never a duplicate)');
		if (row.minElapsedMs !== undefined) {
			assert.ok(elapsed >= row.minElapsedMs, `waited only ${elapsed} ms`);
		}
		assert.equal(outcomes.length, 1, 'the attempt was recorded once');
		const [outcome] = outcomes;
		assert.deepEqual(outcome.params, PARAMS, 'the recorded attempt holds every request field (Edit and Resend can rebuild it)');
		const { token } = sandbox();

		// The history recorded the attempt once, with every request field and its outcome.
		const added = session.api.history.entries({}).filter((e) => !historyBefore.has(e.id));
		assert.deepEqual(
			added.map((e) => e.id),
			[outcome.id],
			'exactly one new history entry',
		);
		const entry = added[0]!;
		assert.deepEqual(entry.params, PARAMS, 'the history entry holds every request field');
		assert.ok(!JSON.stringify(entry).includes(token), 'the history entry holds no token');
		if (row.failure) {
			assert.equal(entry.message, undefined, 'no message was created');
			assert.equal(entry.error?.kind, row.failure.kind);
			if (row.failure.kind === 'api') {
				assert.equal(entry.error?.httpStatus, row.failure.httpStatus);
				assert.equal(entry.error?.code, row.failure.code);
			} else {
				// Other kinds keep the plain message, which names the cause (and the HTTP status if any).
				for (const words of row.failure.words) {
					assert.match(entry.error?.message ?? '', words);
				}
			}
			assert.equal(entry.following, undefined, 'a failed request is not followed');
		} else {
			assert.equal(entry.error, undefined);
			assert.equal(entry.message?.sid, outcome.message?.sid);
		}

		if (!row.failure) {
			assert.equal(result.error, undefined, `unexpected failure: ${result.error?.message}`);
			assert.equal((result.value as { sid?: string }).sid, outcome.message?.sid);
			assert.equal(window.errors.length, 0, 'no error shown');
			return;
		}
		const expected = row.failure;
		const error = result.error;
		assert.ok(error, 'the command rejected');
		assert.equal(error.kind, expected.kind, `${error.name}: ${error.message}`);
		assertMatchesFailure(error, expected);
		assert.ok(!error.message.includes(token), 'the message holds the token');

		// The failure as recorded (what history stores).
		assert.ok(outcome.error, 'the attempt records the failure');
		assert.equal(outcome.error.kind, expected.kind);
		assert.equal(outcome.message, undefined);
		if (expected.kind === 'api') {
			assert.equal(outcome.error.httpStatus, expected.httpStatus);
			assert.equal(outcome.error.code, expected.code);
		}
		assert.ok(!JSON.stringify(outcome).includes(token));

		// The notification: plain words, "Edit and Retry" (for an opt-out, which only the recipient
		// undoes, Open Conversation), "More Info" for API errors.
		assert.equal(window.errors.length, 1, `one error notification: ${JSON.stringify(window.errors)}`);
		const [shown] = window.errors;
		const optedOut = expected.kind === 'api' && expected.code === 21610;
		assert.ok(shown.actions.includes(optedOut ? 'Open Conversation' : 'Edit and Retry'), `actions: ${shown.actions.join(', ')}`);
		assert.equal(shown.actions.includes('Edit and Retry'), !optedOut, `actions: ${shown.actions.join(', ')}`);
		assert.ok(shown.actions.includes('Show Details'));
		assert.doesNotMatch(shown.text, NO_MARKUP);
		assert.ok(!shown.text.includes(token));
		if (expected.kind === 'api') {
			assert.ok(shown.text.includes(`SignalWire error ${expected.code} (HTTP ${expected.httpStatus})`), shown.text);
			const explained = explainErrorCode(expected.code);
			if (explained) {
				assert.ok(shown.text.includes(explained.explanation), `explained in plain words: ${shown.text}`);
			}
			assert.ok(shown.actions.includes('More Info'));
		} else {
			assert.equal(shown.text, error.message);
		}
	}

	for (const row of FAULT_CASES) {
		it(`faults: ${row.name}`, async () => {
			await runCase(row);
		});
	}

	it('faults: "Edit and Retry" after a 422 re-sends every field as first typed (the palette flow, accepted step by step)', async function () {
		this.timeout(30_000);
		await sandboxControl.faults({ apiError: { status: 422, code: 21617, message: 'The concatenated message body exceeds the allowed character limit', times: 1, on: 'create' } });
		window.answerNextError('Edit and Retry');
		const result = await settle(vscode.commands.executeCommand('signalwire.sendMessage', ARGUMENT));
		assert.equal(result.error?.code, 21617);
		// The prompts open pre-filled with the same draft: accept each step as it is.
		await window.acceptInputsUntil(async () => (await posts()) >= 2, 20_000);
		await waitUntil(async () => (await sandboxControl.messages()).length === 1, 20_000, 'the re-sent message');
		const [first, second] = (await sandboxControl.requests()).filter((r) => r.method === 'POST');
		assert.deepEqual(second.form, first.form, 'the retry sent exactly the fields of the first attempt');
		for (const name of ['To', 'From', 'Body', 'MediaUrl', 'SendAsMms', 'StatusCallback', 'ValidityPeriod', 'MaxPrice', 'ApplicationSid']) {
			assert.ok(second.form[name]?.length, `the retry kept ${name}`);
		}
		assert.ok(window.accepted >= 4, `accepted ${window.accepted} steps`);
	});

	it(`faults: markup in ${MARKUP_PAYLOADS.length} API error messages and bodies is escaped in the history tooltip, text in the notification, verbatim in the output`, async function () {
		this.timeout(30_000);
		const outcomes: SendOutcome[] = [];
		const listener = session.api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		try {
			for (const payload of MARKUP_PAYLOADS) {
				await sandboxControl.faults({ apiError: { status: 422, code: 21610, message: `Refused: ${payload}`, times: 1, on: 'create' } });
				const result = await settle(vscode.commands.executeCommand('signalwire.sendMessage', { to: ARGUMENT.to, from: ARGUMENT.from, body: `Body ${payload}` }));
				assert.ok(result.error?.message.includes(`Refused: ${payload}`), 'the error carries the API text as it is');
			}
		} finally {
			listener.dispose();
		}
		assert.equal(outcomes.length, MARKUP_PAYLOADS.length);
		const provider = session.api.historyTree;
		for (const [index, payload] of MARKUP_PAYLOADS.entries()) {
			const node = { kind: 'entry', id: outcomes[index]!.id } as const;
			const item = await Promise.resolve(provider.resolveTreeItem(provider.getTreeItem(node), node));
			const tooltip = item?.tooltip;
			assert.ok(tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
			assert.ok(!tooltip.isTrusted, 'the tooltip cannot run commands');
			assert.ok(!tooltip.supportHtml, 'the tooltip renders no HTML');
			assert.ok(tooltip.value.includes(escapeMarkdown(`Refused: ${payload}`)), `the API text is escaped: ${tooltip.value}`);
			assert.ok(tooltip.value.includes(escapeMarkdown(truncate(`Body ${payload}`, 300))), `the body is escaped: ${tooltip.value}`);
			if (/[<[`*_!]/.test(payload)) {
				assert.ok(!tooltip.value.includes(payload.replace(/\n/g, ' ')), 'no raw markup in the tooltip');
			}
		}
		// The notification is plain text by nature; it shows the API's text as it came.
		assert.ok(window.errors.every((shown, index) => shown.text.includes(`Refused: ${MARKUP_PAYLOADS[index]}`)));
		if (outputLogFiles().length > 0) {
			await waitUntil(() => outputLogText().includes(`Refused: ${MARKUP_PAYLOADS[MARKUP_PAYLOADS.length - 1]}`), 20_000, 'the output log to be written');
			const log = outputLogText();
			for (const payload of MARKUP_PAYLOADS) {
				assert.ok(log.includes(`Refused: ${payload}`), `the output holds the API text verbatim: ${payload}`);
			}
		}
	});

	it('faults: after a failure, the history entry rebuilds the request: "Resend" and "Edit and Resend" send every field again', async function () {
		this.timeout(30_000);
		await sandboxControl.faults({ status502Html: { times: 1, on: 'create' } });
		const outcomes: SendOutcome[] = [];
		const listener = session.api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		try {
			const failed = await settle(vscode.commands.executeCommand('signalwire.sendMessage', ARGUMENT));
			assert.equal(failed.error?.kind, 'unexpected-response');
			const entry = session.api.history.get(outcomes[0]!.id);
			assert.ok(entry?.error, 'the failure is in the history');

			const resent = await vscode.commands.executeCommand<{ sid: string }>('signalwire.history.resend', { id: entry.id, confirm: false });
			assert.ok(resent?.sid, 'Resend sent it');

			const edited = vscode.commands.executeCommand<{ sid: string } | undefined>('signalwire.history.editAndResend', entry.id);
			await window.acceptInputsUntil(async () => (await posts()) >= 3, 20_000);
			assert.ok((await edited)?.sid, 'Edit and Resend sent it');

			const [first, second, third] = (await sandboxControl.requests()).filter((r) => r.method === 'POST');
			assert.deepEqual(second.form, first.form, 'Resend sent exactly the fields of the failed attempt');
			assert.deepEqual(third.form, first.form, 'Edit and Resend (accepted as pre-filled) sent exactly the same fields');
			assert.equal((await sandboxControl.messages()).length, 2, 'two messages, no duplicate');
			assert.equal(outcomes.length, 3);
			for (const outcome of outcomes.slice(1)) {
				assert.deepEqual(session.api.history.get(outcome.id)?.params, PARAMS, 'each resend is its own history entry with every field');
			}
		} finally {
			listener.dispose();
		}
	});
});
