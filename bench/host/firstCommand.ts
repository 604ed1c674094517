/**
 * In-host suite: how soon the first commands answer, on the production build (what ships).
 *
 * - Send Message (`signalwire.sendMessage`, no argument): from executeCommand to the first prompt's
 *   `show()` (src/util/multiStepInput.ts creates it with `vscode.window.createQuickPick`/`createInputBox`).
 * - Open Conversation (`signalwire.openConversation` with `{ ownNumber, otherParty }`): from
 *   executeCommand to the panel's first paint, i.e. the `init` the extension posts after the
 *   webview's `ready` (src/replies/conversationPanel.ts; the webview renders synchronously on
 *   `init`, src/replies/webview/main.ts).
 * - What the first command requires: the dist/ files that enter Node's require cache.
 *
 * No test hooks: the production build has none (src/testHooks.ts). This suite loads from the
 * extension's own folder, so the extension host hands it the same `vscode` API object as the
 * extension; it wraps `window.createQuickPick`, `createInputBox`, `showInformationMessage` and
 * `createWebviewPanel` on that object to hear the prompts and the panel. The wrappers only record
 * a time and pass through.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, pause, report } from './common';

const TRIES = Number(process.env.BENCH_FIRST_COMMAND_TRIES ?? 7);
const WAIT_MS = 20_000;
const OWN = '+15550100100';
const OTHER = '+15550100199';

/** `readyAt`: when the webview said `ready` (a paint only). */
type Listener = (at: number, what: string, close: () => void, readyAt?: number) => void;

/** Who hears the next prompt / paint. */
let onPrompt: Listener | undefined;
let onPaint: Listener | undefined;

function instrument(): void {
	const window = vscode.window as unknown as Record<string, unknown>;
	const wrapShow = <T extends { show(): void; hide(): void }>(input: T, what: string): T => {
		const show = input.show.bind(input);
		input.show = () => {
			const at = performance.now();
			show();
			onPrompt?.(at, what, () => input.hide());
		};
		return input;
	};
	const createQuickPick = vscode.window.createQuickPick.bind(vscode.window);
	window.createQuickPick = () => wrapShow(createQuickPick(), 'quick pick');
	const createInputBox = vscode.window.createInputBox.bind(vscode.window);
	window.createInputBox = () => wrapShow(createInputBox(), 'input box');
	// A signed-out first send asks to sign in with a notification: dismissed at once here.
	const showInformationMessage = vscode.window.showInformationMessage.bind(vscode.window) as (...args: unknown[]) => Thenable<unknown>;
	window.showInformationMessage = (...args: unknown[]) => {
		const at = performance.now();
		if (onPrompt) {
			onPrompt(at, `notification "${String(args[0])}"`, () => undefined);
			return Promise.resolve(undefined);
		}
		return showInformationMessage(...args);
	};
	const createWebviewPanel = vscode.window.createWebviewPanel.bind(vscode.window) as (...args: unknown[]) => vscode.WebviewPanel;
	window.createWebviewPanel = (...args: unknown[]) => {
		const panel = createWebviewPanel(...args);
		const webview = panel.webview as unknown as { postMessage(message: unknown): Thenable<boolean> };
		const postMessage = webview.postMessage.bind(webview);
		// Registered before the panel's own handler (src/webview/panelHost.ts), so heard first.
		let readyAt: number | undefined;
		panel.webview.onDidReceiveMessage((message: { type?: string }) => {
			if (readyAt === undefined && message?.type === 'ready') {
				readyAt = performance.now();
			}
		});
		webview.postMessage = (message: unknown) => {
			const at = performance.now();
			const result = postMessage(message);
			if (readyAt !== undefined && (message as { type?: string })?.type === 'init') {
				onPaint?.(at, 'init', () => panel.dispose(), readyAt);
			}
			return result;
		};
		return panel;
	};
}

/** The dist/ files in Node's require cache (the extension's bundles and chunks loaded so far). */
function loadedDist(dist: string): string[] {
	return Object.keys(require.cache)
		.filter((file) => file.startsWith(dist + path.sep))
		.map((file) => path.relative(path.dirname(dist), file).split(path.sep).join('/'))
		.sort();
}

interface Try {
	ms: number;
	what: string;
	/** A paint: from executeCommand to the webview's `ready`. */
	readyMs?: number;
}

/** Runs `command`, resolves with the time to the first `listen`ed event (then closes what it showed). */
async function timeTo(which: 'prompt' | 'paint', command: () => Thenable<unknown>): Promise<Try> {
	let resolveSeen: (t: Try) => void = () => undefined;
	const seen = new Promise<Try>((resolve) => (resolveSeen = resolve));
	const started = performance.now();
	let close: () => void = () => undefined;
	const listener: Listener = (at, what, closeIt, readyAt) => {
		close = closeIt;
		resolveSeen({ ms: at - started, what, ...(readyAt !== undefined ? { readyMs: readyAt - started } : {}) });
	};
	if (which === 'prompt') {
		onPrompt = listener;
	} else {
		onPaint = listener;
	}
	const running = Promise.resolve(command()).then(
		() => undefined,
		(error: unknown) => error,
	);
	let timer: NodeJS.Timeout | undefined;
	try {
		const result = await Promise.race([seen, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), WAIT_MS)))]);
		if (!result) {
			throw new Error(`no ${which} within ${WAIT_MS / 1000} s`);
		}
		onPrompt = undefined;
		onPaint = undefined;
		close();
		const error = await running;
		if (error) {
			throw error;
		}
		return result;
	} finally {
		clearTimeout(timer);
		onPrompt = undefined;
		onPaint = undefined;
	}
}

/** Window 1 (this file as extensionTestsPath): the first command signed out. */
export function run(): Promise<void> {
	return measure('signedOut');
}

/**
 * Window 2 (firstCommandSignedIn.ts): signed in before the first command without loading the
 * features, through npm start's one-time code (TestApi.devSignIn, dist/devSignIn.js only).
 */
export function runSignedIn(): Promise<void> {
	return measure('signedIn');
}

/** Window 3 (firstCommandPanel.ts): signed in as window 2, Open Conversation as the first command, one try. */
export function runPanelFirst(): Promise<void> {
	return measure('panelFirst');
}

async function measure(mode: 'signedOut' | 'signedIn' | 'panelFirst'): Promise<void> {
	const url = process.env.SIGNALWIRE_SANDBOX_URL;
	const projectId = process.env.SIGNALWIRE_SANDBOX_PROJECT_ID;
	const token = process.env.SIGNALWIRE_SANDBOX_TOKEN;
	if (!url || !projectId || !token) {
		throw new Error('the runner must set SIGNALWIRE_SANDBOX_URL/PROJECT_ID/TOKEN');
	}
	const ext = extension();
	const api = await ext.activate();
	const dist = path.join(ext.extensionPath, 'dist');
	await fetch(`${url}/__sandbox/reset`, { method: 'POST', headers: { 'x-sandbox-control': '1' } });
	if (mode !== 'signedOut') {
		const answer = await fetch(`${url}/__sandbox/sign-in-codes`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-control': '1' }, body: '{}' });
		const { code } = (await answer.json()) as { code: string };
		const profile = await api?.devSignIn(vscode.ExtensionMode.Development, { SIGNALWIRE_DEV_SIGN_IN_URL: url, SIGNALWIRE_DEV_SIGN_IN_CODE: code });
		if (!profile) {
			throw new Error('the one-time code did not sign in');
		}
	}
	instrument();
	const featuresBefore = (api as { featuresLoaded?: boolean } | undefined)?.featuresLoaded;
	const before = loadedDist(dist);

	// Cold: the window's first command. Signed out (a fresh install) its first prompt is a
	// notification that asks to sign in; signed in, step 1's quick pick.
	const open = (): Thenable<unknown> => vscode.commands.executeCommand('signalwire.openConversation', { ownNumber: OWN, otherParty: OTHER });
	if (mode === 'panelFirst') {
		// A thread with nothing in it yet: the features are what this measures.
		const coldPanel = await timeTo('paint', open);
		const loadedByOpen = loadedDist(dist).filter((file) => !before.includes(file));
		report({ kind: 'firstCommand', mode, featuresBefore, before, loadedByOpen, coldPanel });
		return;
	}
	const cold = await timeTo('prompt', () => vscode.commands.executeCommand('signalwire.sendMessage'));
	const loadedBySend = loadedDist(dist).filter((file) => !before.includes(file));

	await vscode.commands.executeCommand('signalwire.signIn', { space: url, projectId, token });
	// The first signed-in try (the number lookup's first request, the prompt code's first run).
	const firstSignedIn = await timeTo('prompt', () => vscode.commands.executeCommand('signalwire.sendMessage'));
	const send: Try[] = [];
	for (let i = 0; i < TRIES; i++) {
		await pause(200);
		send.push(await timeTo('prompt', () => vscode.commands.executeCommand('signalwire.sendMessage')));
	}

	// One message so that the thread has something to show.
	await vscode.commands.executeCommand('signalwire.sendMessage', { to: OTHER, from: OWN, body: 'bench' });
	const afterSend = loadedDist(dist);
	const firstPanel = await timeTo('paint', open);
	const panel: Try[] = [];
	for (let i = 0; i < TRIES; i++) {
		await pause(300);
		panel.push(await timeTo('paint', open));
	}
	const loadedByOpen = loadedDist(dist).filter((file) => !afterSend.includes(file));
	await vscode.commands.executeCommand('notifications.clearAll');
	await fetch(`${url}/__sandbox/reset`, { method: 'POST', headers: { 'x-sandbox-control': '1' } });
	report({ kind: 'firstCommand', mode, featuresBefore, before, loadedBySend, loadedByOpen, cold, firstSignedIn, send, firstPanel, panel });
}
