import * as vscode from 'vscode';

/**
 * The extension's settings. None of them says where requests go or with which credentials:
 * Space, Project ID and token come only from SecretStorage (a cloned workspace cannot redirect them).
 */
export interface ExtensionSettings {
	timeoutMs: number;
	defaultCountry: string;
	confirmBeforeSend: boolean;
	historyMaxEntries: number;
	statusFollowLimitMs: number;
	/** How long after a send the Space is polled for replies (0: only while a conversation is visible). */
	repliesListenMs: number;
	/** Whether a new reply shows a notification. */
	repliesNotify: boolean;
}

export function readSettings(): ExtensionSettings {
	const config = vscode.workspace.getConfiguration('signalwire');
	return {
		timeoutMs: clamp(config.get<number>('requestTimeoutSeconds', 30), 1, 300) * 1000,
		defaultCountry: config.get<string>('defaultCountry', 'US'),
		confirmBeforeSend: config.get<boolean>('confirmBeforeSend', true),
		historyMaxEntries: clamp(config.get<number>('history.maxEntries', 1000), 10, 100_000),
		statusFollowLimitMs: clamp(config.get<number>('history.followStatusMinutes', 10), 0, 24 * 60) * 60_000,
		repliesListenMs: clamp(config.get<number>('replies.listenMinutes', 15), 0, 24 * 60) * 60_000,
		repliesNotify: config.get<boolean>('replies.notify', true),
	};
}

function clamp(value: number, min: number, max: number): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
