/**
 * Opens the VS Code workbench served by code-server in Debian's Chromium, driven by playwright-core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './codeServer';

export interface Workbench {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

export interface WorkbenchOptions {
	profileDir: string;
	/** Receives the extension host's console output (smoke-test driver runs only). */
	onAutomationLog?: (text: string) => void;
	/** Receives the exit code of a test suite run in the extension host. */
	onAutomationExit?: (code: number) => void;
	/** Browser console lines go here. */
	consoleLogFile?: string;
	colorScheme?: 'light' | 'dark';
	viewport?: { width: number; height: number };
	/** Keep what an earlier browser left in profileDir (local storage, IndexedDB) instead of starting empty. */
	keepProfile?: boolean;
}

export async function openWorkbench(url: string, options: WorkbenchOptions): Promise<Workbench> {
	if (!options.keepProfile) {
		fs.rmSync(options.profileDir, { recursive: true, force: true });
	}
	fs.mkdirSync(options.profileDir, { recursive: true });
	const context = await chromium.launchPersistentContext(options.profileDir, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: options.viewport ?? { width: 1280, height: 800 },
		colorScheme: options.colorScheme ?? 'dark',
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const consoleLines: string[] = [];
	page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
	page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
	await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown[]) => {
		const text = Array.isArray(args) ? util.format(...(args as unknown[])) : String(args);
		options.onAutomationLog?.(text);
	});
	await page.exposeFunction('codeAutomationExit', (code: number) => {
		options.onAutomationExit?.(code);
	});
	await page.goto(url);
	return {
		context,
		page,
		async close() {
			if (options.consoleLogFile) {
				fs.mkdirSync(path.dirname(options.consoleLogFile), { recursive: true });
				fs.writeFileSync(options.consoleLogFile, consoleLines.join('\n'));
			}
			await context.close().catch(() => undefined);
		},
	};
}
