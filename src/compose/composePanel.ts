/**
 * The compose form: one webview panel at a time, its HTML (strict CSP, nonce from crypto), the
 * message routing with the webview (src/compose/protocol.ts) and the send through the one
 * MessageSender. The draft lives here (the source of truth), in the webview's state (for the
 * serializer after a window reload) and in workspaceState (a backup for a fresh panel).
 */
import * as vscode from 'vscode';
import { explainErrorCode } from '../core/errorCodes';
import { validateMessage } from '../core/validation';
import { profileLabel } from '../credentials/profile';
import { describeError, failureFromError, moreInfoUrl } from '../send/errorPresentation';
import type { Services } from '../services';
import type { IncomingPhoneNumber } from '../core/types';
import type { MessageDraft } from '../core/draft';
import { Disposable } from '../util/disposable';
import { createNonce } from '../util/ids';
import { renderComposeHtml } from './composeHtml';
import {
	COMPOSE_VIEW_TYPE,
	describeRejected,
	parseDraft,
	parseWebviewToExtensionMessage,
	type ExtensionToWebviewMessage,
	type NumberOption,
	type SendErrorInfo,
	type SendMessage,
	type SendResultPayload,
	type WebviewToExtensionMessage,
} from './protocol';

/** workspaceState key of the last draft (a backup; drafts hold no secrets). */
export const COMPOSE_DRAFT_KEY = 'signalwire.compose.lastDraft';
const SAVE_DELAY_MS = 300;
const MAX_RECORDED_POSTS = 100;

/** What the integration suite may do with the compose form (exposed in test mode only). */
export interface ComposeTestHooks {
	isOpen(): boolean;
	/** How many panels were created or restored so far (one at a time: reuse keeps it). */
	panelsCreated(): number;
	/** Delivers a message to the open panel's handler as if the webview had posted it; resolves when handled. */
	deliver(message: unknown): Promise<void>;
	/** What the open panel posted to its webview, oldest first. */
	posted(): ExtensionToWebviewMessage[];
	clearPosted(): void;
	/** The open panel's current draft. */
	draft(): MessageDraft | undefined;
	/** The backup in workspaceState. */
	storedDraft(): MessageDraft | undefined;
	/** Restores a panel as VS Code does after a window reload. */
	restore(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
	close(): void;
}

/**
 * Opens, reuses and restores the compose panel. Registered as the WebviewPanelSerializer of
 * {@link COMPOSE_VIEW_TYPE}.
 */
export class ComposePanelManager extends Disposable implements vscode.WebviewPanelSerializer {
	private current: ComposePanel | undefined;
	private created = 0;
	private readonly postedLog: ExtensionToWebviewMessage[] = [];

	constructor(private readonly services: Services) {
		super();
	}

	/** Opens the form (or reveals the open one); a given draft replaces the form's content. */
	async open(draft?: MessageDraft): Promise<boolean> {
		if (this.current) {
			if (draft) {
				this.current.setDraft(draft);
			}
			this.current.reveal();
			return true;
		}
		const panel = vscode.window.createWebviewPanel(COMPOSE_VIEW_TYPE, vscode.l10n.t('Compose Message'), vscode.ViewColumn.Active, {
			...this.webviewOptions(),
			enableFindWidget: false,
		});
		this.attach(panel, draft ?? this.storedDraft() ?? {});
		return true;
	}

	/** VS Code calls this after a window reload for a panel that was open; `state` is the webview's `setState`. */
	async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
		if (this.current) {
			// One form at a time: the open one already holds the draft.
			panel.dispose();
			this.current.reveal();
			return;
		}
		panel.webview.options = this.webviewOptions();
		const fromState = typeof state === 'object' && state !== null && !Array.isArray(state) ? parseDraft((state as Record<string, unknown>).draft) : undefined;
		if (state !== undefined && state !== null && !fromState) {
			this.services.logger.warn('Compose: the restored form state was not a valid draft; using the last saved draft.');
		}
		this.attach(panel, fromState ?? this.storedDraft() ?? {});
	}

	get testHooks(): ComposeTestHooks {
		return {
			isOpen: () => this.current !== undefined,
			panelsCreated: () => this.created,
			deliver: async (message) => {
				if (!this.current) {
					throw new Error('the compose form is not open');
				}
				await this.current.handleMessage(message);
			},
			posted: () => [...this.postedLog],
			clearPosted: () => {
				this.postedLog.length = 0;
			},
			draft: () => this.current?.currentDraft(),
			storedDraft: () => this.storedDraft(),
			restore: (panel, state) => this.deserializeWebviewPanel(panel, state),
			close: () => this.current?.close(),
		};
	}

	private attach(panel: vscode.WebviewPanel, draft: MessageDraft): void {
		this.created++;
		this.postedLog.length = 0;
		const composePanel = new ComposePanel(panel, this.services, copyDraft(draft), {
			onPosted: (message) => {
				this.postedLog.push(message);
				if (this.postedLog.length > MAX_RECORDED_POSTS) {
					this.postedLog.shift();
				}
			},
			saveDraft: (saved) => this.services.context.workspaceState.update(COMPOSE_DRAFT_KEY, saved),
		});
		this.current = composePanel;
		composePanel.onDidDispose(() => {
			if (this.current === composePanel) {
				this.current = undefined;
			}
		});
	}

	private storedDraft(): MessageDraft | undefined {
		return parseDraft(this.services.context.workspaceState.get<unknown>(COMPOSE_DRAFT_KEY));
	}

	private webviewOptions(): vscode.WebviewOptions {
		const root = this.services.context.extensionUri;
		return {
			enableScripts: true,
			enableCommandUris: false,
			localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'webview'), vscode.Uri.joinPath(root, 'media')],
		};
	}

	/**
	 * Leaves the panel itself alone: on a window reload or shutdown VS Code keeps it for the
	 * serializer. Only the pending draft is saved and the listeners go.
	 */
	override dispose(): void {
		this.current?.dispose();
		super.dispose();
	}
}

interface PanelCallbacks {
	onPosted(message: ExtensionToWebviewMessage): void;
	saveDraft(draft: MessageDraft): Thenable<void>;
}

/** One open compose panel. */
class ComposePanel extends Disposable {
	private readonly _onDidDispose = this.register(new vscode.EventEmitter<void>());
	readonly onDidDispose = this._onDidDispose.event;

	/** The webview's script has said `ready` and the panel has not been hidden since. */
	private ready = false;
	private sending = false;
	private numbers: NumberOption[] = [];
	private numbersRequest = 0;
	private lastResult: (SendResultPayload & { requestId: string }) | undefined;
	private saveTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly panel: vscode.WebviewPanel,
		private readonly services: Services,
		private draft: MessageDraft,
		private readonly callbacks: PanelCallbacks,
	) {
		super();
		panel.webview.html = this.html();
		this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.handleMessage(message)));
		this.register(
			panel.onDidChangeViewState(() => {
				// A hidden panel's webview is destroyed (no retainContextWhenHidden); it says `ready` again when shown.
				if (!panel.visible) {
					this.ready = false;
				}
			}),
		);
		this.register(services.credentials.onDidChange(() => void this.onCredentialsChanged()));
		this.register(panel.onDidDispose(() => this.dispose()));
		this.save();
	}

	currentDraft(): MessageDraft {
		return copyDraft(this.draft);
	}

	reveal(): void {
		this.panel.reveal(undefined, false);
	}

	close(): void {
		this.panel.dispose();
	}

	/** Replaces the form's content (the command was run again with a draft). */
	setDraft(draft: MessageDraft): void {
		this.draft = copyDraft(draft);
		this.save();
		if (this.ready) {
			void this.postInit();
		}
	}

	/** Handles one message from the webview. Never throws: bad messages are logged and ignored. */
	async handleMessage(value: unknown): Promise<void> {
		const message = parseWebviewToExtensionMessage(value);
		if (!message) {
			this.services.logger.warn(`Compose: ignored an unknown or malformed message from the form (${describeRejected(value)}).`);
			return;
		}
		try {
			await this.route(message);
		} catch (error) {
			this.services.logger.error(`Compose: handling "${message.type}" failed: ${describeError(error)}`);
		}
	}

	private async route(message: WebviewToExtensionMessage): Promise<void> {
		switch (message.type) {
			case 'ready':
				this.ready = true;
				await this.postInit();
				await this.refreshNumbers();
				return;
			case 'draftChanged':
				this.draft = message.draft;
				this.scheduleSave();
				return;
			case 'send':
				await this.send(message);
				return;
			case 'signIn':
				await vscode.commands.executeCommand('signalwire.signIn');
				return;
		}
	}

	private async postInit(): Promise<void> {
		const profile = await this.services.credentials.activeProfile();
		this.post({
			type: 'init',
			draft: copyDraft(this.draft),
			numbers: this.numbers,
			profile: profile ? profileLabel(profile) : null,
			sending: this.sending,
			...(this.lastResult ? { lastResult: this.lastResult } : {}),
		});
	}

	private async refreshNumbers(): Promise<void> {
		const request = ++this.numbersRequest;
		const profile = await this.services.credentials.activeProfile();
		if (!profile) {
			this.numbers = [];
			this.post({ type: 'numbers', numbers: [] });
			return;
		}
		try {
			const numbers = (await this.services.numbers.messagingNumbers(profile)).map(toOption);
			if (request === this.numbersRequest) {
				this.numbers = numbers;
				this.post({ type: 'numbers', numbers });
			}
		} catch (error) {
			this.services.logger.warn(`Compose: could not load the Space's phone numbers: ${describeError(error)}`);
			if (request === this.numbersRequest) {
				this.post({ type: 'numbers', numbers: this.numbers, error: describeError(error) });
			}
		}
	}

	private async onCredentialsChanged(): Promise<void> {
		const profile = await this.services.credentials.activeProfile();
		this.numbers = [];
		this.post({ type: 'signedInChanged', profile: profile ? profileLabel(profile) : null });
		await this.refreshNumbers();
	}

	private async send(message: SendMessage): Promise<void> {
		this.draft = message.draft;
		this.save();
		const { requestId } = message;
		if (this.sending) {
			this.services.logger.warn('Compose: a send is already in progress; ignored another Send.');
			this.finish(requestId, { ok: false, error: { message: vscode.l10n.t('A send is already in progress: wait for its result.') } });
			return;
		}
		// Taken before the first await, so that a second Send (or an `init` posted meanwhile) sees it.
		this.sending = true;
		let result: SendResultPayload;
		try {
			result = await this.sendValidated(message.draft);
		} finally {
			this.sending = false;
		}
		this.finish(requestId, result);
	}

	private async sendValidated(draft: MessageDraft): Promise<SendResultPayload> {
		const profile = await this.services.credentials.activeProfile();
		if (!profile) {
			this.post({ type: 'signedInChanged', profile: null });
			return { ok: false, error: { message: vscode.l10n.t('Not signed in: sign in to a SignalWire Space to send.') } };
		}
		const validation = validateMessage(draft);
		if (!validation.ok) {
			// The form disables Send while invalid; this guards against a stale or forged message.
			this.services.logger.warn(`Compose: refused to send an invalid draft: ${validation.problems.map((p) => p.rule).join(', ')}`);
			return { ok: false, error: { message: validation.problems.map((p) => p.message).join(' ') } };
		}
		let sent;
		try {
			sent = await this.services.sender.send(profile, validation.params);
		} catch (error) {
			// No client (the token is gone) or a failure before the request.
			this.services.logger.error(`Compose: sending failed: ${describeError(error)}`);
			return { ok: false, error: errorInfo(error) };
		}
		const { outcome, error } = sent;
		if (!outcome.message) {
			return { ok: false, error: errorInfo(error ?? outcome.error) };
		}
		// The message has gone out: remembering the numbers must not turn that into a failure.
		void this.services.recents.remember(validation.params.from, validation.params.to).catch((rememberError: unknown) => {
			this.services.logger.warn(`Compose: could not remember the recent numbers: ${describeError(rememberError)}`);
		});
		return { ok: true, sid: outcome.message.sid, status: outcome.message.status, to: outcome.message.to };
	}

	private finish(requestId: string, result: SendResultPayload): void {
		this.lastResult = { ...result, requestId };
		this.post({ type: 'sendResult', requestId, result });
	}

	private post(message: ExtensionToWebviewMessage): void {
		if (!this.ready || this.isDisposed) {
			return;
		}
		this.callbacks.onPosted(message);
		void this.panel.webview.postMessage(message);
	}

	private scheduleSave(): void {
		clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
	}

	private save(): void {
		clearTimeout(this.saveTimer);
		this.saveTimer = undefined;
		void Promise.resolve(this.callbacks.saveDraft(copyDraft(this.draft))).catch((error: unknown) =>
			this.services.logger.warn(`Compose: could not save the draft: ${describeError(error)}`),
		);
	}

	private html(): string {
		const webview = this.panel.webview;
		const root = this.services.context.extensionUri;
		const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview', 'compose.js')).toString();
		const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'compose.css')).toString();
		return renderComposeHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: script, styleUri: style });
	}

	override dispose(): void {
		if (this.isDisposed) {
			return;
		}
		if (this.saveTimer !== undefined) {
			this.save();
		}
		this._onDidDispose.fire();
		super.dispose();
	}
}

function toOption(number: IncomingPhoneNumber): NumberOption {
	return { phoneNumber: number.phone_number, friendlyName: number.friendly_name, sms: number.capabilities.sms, mms: number.capabilities.mms };
}

function errorInfo(error: unknown): SendErrorInfo {
	const failure = failureFromError(error);
	const link = moreInfoUrl(error) ?? failure.moreInfo;
	const explained = failure.code !== undefined ? explainErrorCode(failure.code) : undefined;
	const hint = explained ? [explained.explanation, explained.action].filter(Boolean).join(' ') : undefined;
	return {
		message: failure.message,
		...(failure.code !== undefined ? { code: failure.code } : {}),
		...(failure.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
		...(link ? { moreInfo: link } : {}),
		...(hint ? { hint } : {}),
	};
}

/** A deep copy holding only the draft's known fields (drafts are edited in place elsewhere). */
function copyDraft(draft: MessageDraft): MessageDraft {
	return parseDraft(JSON.parse(JSON.stringify(draft)) as unknown) ?? {};
}
