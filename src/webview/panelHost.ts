/**
 * The one webview host of the extension's panels (the compose form, src/compose/formPanel.ts, and
 * a conversation, src/replies/conversationPanel.ts). It owns what every panel does alike:
 *
 * - the page: its HTML from a pure renderer (strict CSP with a crypto nonce, src/util/webviewPage.ts)
 *   and the webview options (scripts, no command links, only dist/webview and media as local roots);
 * - the ready handshake: a panel's webview is destroyed when it is hidden (no
 *   retainContextWhenHidden) and its script says `ready` again when shown; nothing is posted
 *   before that `ready`, nor after the panel is disposed;
 * - capped posting: a message is cut to its protocol's limits before it is posted (a longer text
 *   would be cut by the webview anyway), and the capped message is what the test observer hears;
 * - error routing: a message the protocol's guard refuses is logged (its shape, never its text)
 *   and ignored; a handler that throws is logged and the panel carries on.
 */
import * as vscode from 'vscode';
import { describeError } from '../errors/presentation';
import { Disposable } from '../util/disposable';
import { createNonce } from '../util/ids';
import type { Logger } from '../util/logger';
import { describeRejected } from '../util/messageGuards';

/** What a page's pure renderer gets (src/compose/composeHtml.ts, src/replies/conversationHtml.ts). */
export interface PageInput {
	cspSource: string;
	nonce: string;
	scriptUri: string;
	styleUri: string;
}

/** The options of every webview panel of the extension; `enableFindWidget` is the panel's own choice. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
	return {
		enableScripts: true,
		enableCommandUris: false,
		localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
	};
}

export interface PanelHostOptions<In extends { type: string }, Out> {
	/** The log's name of the panel ("Compose", "Conversation"). */
	name: string;
	/** What the log calls the webview ("the form", "the panel"). */
	source: string;
	logger: Logger;
	extensionUri: vscode.Uri;
	/** The script under dist/webview/ and the stylesheet under media/. */
	script: string;
	style: string;
	render(page: PageInput): string;
	/** The protocol's guard for webview → extension: undefined refuses the whole message. */
	parse(value: unknown): In | undefined;
	/** The protocol's cap for extension → webview. */
	cap(message: Out): Out;
	/** Handles one accepted message (after the host has noted a `ready`). */
	route(message: In): Promise<void>;
	/** The test observer ({@link PostObserver}): absent outside test mode. */
	observer?: PostObserver<Out>;
}

/**
 * Hears every message a panel posts to its webview, as capped: what the integration suite reads
 * (src/webview/postLog.ts keeps them). Only test mode sets one.
 */
export type PostObserver<Out> = (message: Out) => void;

export class WebviewPanelHost<In extends { type: string }, Out> extends Disposable {
	/** The webview's script has said `ready` and the panel has not been hidden since. */
	private ready = false;

	constructor(
		readonly panel: vscode.WebviewPanel,
		private readonly options: PanelHostOptions<In, Out>,
	) {
		super();
		panel.webview.html = this.html();
		this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.handleMessage(message)));
		this.register(
			panel.onDidChangeViewState(() => {
				// A hidden panel's webview is destroyed; it says `ready` again when shown.
				if (!panel.visible) {
					this.ready = false;
				}
			}),
		);
	}

	/** The webview is there to hear a post (it said `ready`, is not hidden since, and the panel is open). */
	get isReady(): boolean {
		return this.ready && !this.isDisposed;
	}

	/** Handles one message from the webview. Never throws: bad messages are logged and ignored. */
	async handleMessage(value: unknown): Promise<void> {
		const { name, source, logger } = this.options;
		const message = this.options.parse(value);
		if (!message) {
			logger.warn(`${name}: ignored an unknown or malformed message from ${source} (${describeRejected(value)}).`);
			return;
		}
		if (message.type === 'ready') {
			this.ready = true;
		}
		try {
			await this.options.route(message);
		} catch (error) {
			logger.error(`${name}: handling "${message.type}" failed: ${describeError(error)}`);
		}
	}

	/** Posts once the webview is ready (and never after dispose), capped to the protocol's limits. */
	post(message: Out): void {
		if (!this.isReady) {
			return;
		}
		const capped = this.options.cap(message);
		this.options.observer?.(capped);
		void this.panel.webview.postMessage(capped);
	}

	private html(): string {
		const { webview } = this.panel;
		const { extensionUri, script, style } = this.options;
		return this.options.render({
			cspSource: webview.cspSource,
			nonce: createNonce(),
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', script)).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', style)).toString(),
		});
	}
}
