/**
 * Helpers for the integration suite: the extension under test and the local SignalWire-compatible
 * server (started by the runner; reached through its loopback control API).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { RecordedRequest } from '../../sandbox/server';

export const EXTENSION_ID = 'sms-devtools-community.signalwire-messaging-sandbox';

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
	await extension.activate();
	return extension;
}

export interface SandboxInfo {
	url: string;
	projectId: string;
	token: string;
}

export function sandbox(): SandboxInfo {
	const url = process.env.SIGNALWIRE_SANDBOX_URL;
	const projectId = process.env.SIGNALWIRE_SANDBOX_PROJECT_ID;
	const token = process.env.SIGNALWIRE_SANDBOX_TOKEN;
	assert.ok(url && projectId && token, 'the runner must start the sandbox and set SIGNALWIRE_SANDBOX_URL/PROJECT_ID/TOKEN');
	return { url, projectId, token };
}

/** One API request as the local server recorded it (`GET /__sandbox/requests`). */
export type { RecordedRequest };

async function control<T>(path: string, init?: RequestInit): Promise<T> {
	const headers = { ...(init?.headers as Record<string, string> | undefined), 'x-sandbox-control': '1' };
	const response = await fetch(`${sandbox().url}/__sandbox/${path}`, { ...init, headers });
	assert.ok(response.ok, `sandbox control ${path} answered ${response.status}`);
	const text = await response.text();
	return (text ? JSON.parse(text) : undefined) as T;
}

export const sandboxControl = {
	requests: () => control<RecordedRequest[]>('requests'),
	messages: () => control<Array<Record<string, unknown>>>('messages'),
	reset: () => control<void>('reset', { method: 'POST' }),
	faults: (faults: Record<string, unknown>) =>
		control<void>('faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) }),
	/** An inbound message from a phone outside to one of the project's numbers (answers the created Message). */
	inject: (message: { from: string; to: string; body?: string; mediaUrls?: string[] }) =>
		control<{ sid: string }>('inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) }),
};

/** Signs in to the sandbox through the command's argument form. */
export async function signInToSandbox(): Promise<void> {
	const { url, projectId, token } = sandbox();
	await vscode.commands.executeCommand('signalwire.signIn', { space: url, projectId, token });
}

/**
 * Waits until `check` holds, polling every 50 ms. `timeoutMs` only bounds a failure (the wait ends
 * as soon as the state holds): keep it generous, a loaded machine is slow.
 */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/**
 * Counts the extension's calls of a `vscode.window` prompt until `restore`: the suite shares the
 * extension's `vscode` API object (see windowCapture.ts), so a test knows when a prompt was asked
 * for instead of guessing with a delay.
 */
export function countWindowCalls(name: 'showInputBox' | 'showQuickPick'): { readonly count: number; restore(): void } {
	const win = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
	const original = win[name];
	let count = 0;
	win[name] = (...args: unknown[]) => {
		count++;
		return original.apply(vscode.window, args);
	};
	return {
		get count() {
			return count;
		},
		restore: () => {
			win[name] = original;
		},
	};
}

/**
 * Sets a global `signalwire.*` setting for a suite and returns what puts the previous global value
 * back (the suite-wide default set in index.ts, or none), so suites do not leak settings.
 */
export async function overrideSetting(key: string, value: unknown): Promise<() => Promise<void>> {
	const config = vscode.workspace.getConfiguration('signalwire');
	const previous = config.inspect(key)?.globalValue;
	await config.update(key, value, vscode.ConfigurationTarget.Global);
	return () => Promise.resolve(vscode.workspace.getConfiguration('signalwire').update(key, previous, vscode.ConfigurationTarget.Global));
}

export interface QuietSession {
	/** The test API (set by the suite's first `before`). */
	readonly api: TestApi;
	/** Unhandled promise rejections seen while the suite ran. */
	readonly unhandled: unknown[];
}

/**
 * The shared setup of the reliability suites, registered as mocha hooks of the calling suite:
 * activated and signed in to the local server, status following off (so no background fetches
 * reach other suites' request counts), the history loaded, and unhandled rejections collected.
 * Everything is put back afterwards.
 */
export function useQuietSession(options: { resetSandbox?: boolean } = {}): QuietSession {
	const session = { api: undefined as unknown as TestApi, unhandled: [] as unknown[] };
	const onUnhandled = (reason: unknown) => session.unhandled.push(reason);
	let restoreFollowMinutes: () => Promise<void> = async () => {};
	before(async () => {
		session.api = (await activateExtension()).exports as TestApi;
		await signInToSandbox();
		if (options.resetSandbox) {
			await sandboxControl.reset();
		}
		restoreFollowMinutes = await overrideSetting('history.followStatusMinutes', 0);
		await session.api.history.ready();
		process.on('unhandledRejection', onUnhandled);
	});
	after(async () => {
		process.off('unhandledRejection', onUnhandled);
		await restoreFollowMinutes();
	});
	return session;
}
