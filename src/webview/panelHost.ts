/**
 * The one webview host of the extension's panels (the compose form, src/compose/formPanel.ts, and
 * a conversation, src/replies/conversationPanel.ts). It owns what every panel does alike:
 *
 * - the page: its HTML from a pure renderer (strict CSP with a crypto nonce, src/util/webviewPage.ts)
 *   and the webview options (scripts, no command links, only dist/webview and media as local roots);
 * - the ready handshake and capped posting (src/webview/postGate.ts, pure): nothing is posted
 *   before the script's `ready`, after the panel is hidden (its webview is destroyed; it says
 *   `ready` again when shown) or after it is disposed; a message is cut to its protocol's limits
 *   before it is posted, and the capped message is what the test observer hears;
 * - error routing: a message the protocol's guard refuses is logged (its shape, never its text)
 *   and ignored; a handler that throws is logged and the panel carries on.
 */
import * as vscode from 'vscode';
import { describeError } from '../errors/presentation';
import { Disposable } from '../util/disposable';
import { createNonce } from '../util/ids';
import type { Logger } from '../util/logger';
import { describeRejected } from '../util/messageGuards';
import { PostGate } from './postGate';

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
		localResourceRoots: [
			vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
			vscode.Uri.joinPath(extensionUri, 'media'),
		],
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
	private readonly gate: PostGate<Out>;

	constructor(
		readonly panel: vscode.WebviewPanel,
		private readonly options: PanelHostOptions<In, Out>,
	) {
		super();
		this.gate = new PostGate((message) => void panel.webview.postMessage(message), options.cap, options.observer);
		panel.webview.html = this.html();
		this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.handleMessage(message)));
		this.register(
			panel.onDidChangeViewState(() => {
				if (!panel.visible) {
					this.gate.hidden();
				}
			}),
		);
	}

	/** The webview is there to hear a post (it said `ready`, is not hidden since, and the panel is open). */
	get isReady(): boolean {
		return this.gate.isReady;
	}

	/** Handles one message from the webview. Never throws: bad messages are logged and ignored. */
	async handleMessage(value: unknown): Promise<void> {
		const { name, source, logger } = this.options;
		const message = this.options.parse(value);
		if (!message) {
			logger.warn(
				`${name}: ignored an unknown or malformed message from ${source} (${describeRejected(value)}).`,
			);
			return;
		}
		if (message.type === 'ready') {
			this.gate.opened();
		}
		try {
			await this.options.route(message);
		} catch (error) {
			logger.error(`${name}: handling "${message.type}" failed: ${describeError(error)}`);
		}
	}

	/** Posts once the webview is ready (and never after dispose), capped to the protocol's limits. */
	post(message: Out): void {
		this.gate.post(message);
	}

	override dispose(): void {
		this.gate.close();
		super.dispose();
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
