/**
 * Shared by the in-host benchmark suites (loaded by VS Code's extension host through
 * extensionTestsPath, built by bench/vscodeHost.ts). Results go out as one `BENCH {json}` line on
 * the console, which reaches the runner through the workbench's codeAutomationLog.
 */
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';

export const EXTENSION_ID = 'sms-devtools-community.signalwire-messaging-sandbox';

export function report(result: Record<string, unknown>): void {
	console.log(`BENCH ${JSON.stringify(result)}`);
}

export function extension(): vscode.Extension<TestApi | undefined> {
	const found = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
	if (!found) {
		throw new Error(`extension ${EXTENSION_ID} is not loaded`);
	}
	return found;
}

export function pause(milliseconds: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
