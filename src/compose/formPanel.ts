/**
 * One open compose form: its webview's HTML, the messages with its script (src/compose/protocol.ts,
 * capped by src/compose/outgoing.ts) and the draft it holds (the source of truth; saved through
 * the manager). The send itself is src/compose/composeSend.ts.
 */
import * as vscode from 'vscode';
import { profileLabel } from '../credentials/profile';
import { describeError } from '../errors/presentation';
import type { Services } from '../services';
import type { MessageDraft } from '../core/draft';
import { Disposable } from '../util/disposable';
import { createNonce } from '../util/ids';
import { readWebhookSettings } from '../webhooks/webhookService';
import { renderComposeHtml } from './composeHtml';
import { busyResult, notSignedInResult, sendDraft, toNumberOption } from './composeSend';
import { capForWebview, relevantNumbers } from './outgoing';
import {
	describeRejected,
	parseDraft,
	parseWebviewToExtensionMessage,
	type ExtensionToWebviewMessage,
	type ListenerInfo,
	type NumberOption,
	type SendMessage,
	type SendResultPayload,
	type WebviewToExtensionMessage,
} from './protocol';

const SAVE_DELAY_MS = 300;

export interface FormPanelCallbacks {
	saveDraft(draft: MessageDraft): Thenable<void>;
	/** Test mode only: hears every message posted to the webview. */
	onPosted?(message: ExtensionToWebviewMessage): void;
}

export class ComposeFormPanel extends Disposable {
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
		private readonly callbacks: FormPanelCallbacks,
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
		// The "Add StatusCallback to the webhook listener" box follows the listener and its setting.
		this.register(
			services.webhooks.onDidChange((change) => {
				if (change.kind === 'listener') {
					void this.postListener();
				} else if (change.kind === 'routes') {
					void this.postRoutedNumbers();
				}
			}),
		);
		this.register(
			vscode.workspace.onDidChangeConfiguration((event) => (event.affectsConfiguration('signalwire.webhooks.addStatusCallback') ? void this.postListener() : undefined)),
		);
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
		const l10n = vscode.l10n.bundle;
		const listener = await this.listenerInfo();
		this.post({
			type: 'init',
			draft: copyDraft(this.draft),
			numbers: this.numbers,
			profile: profile ? profileLabel(profile) : null,
			sending: this.sending,
			...(this.lastResult ? { lastResult: this.lastResult } : {}),
			...(l10n ? { l10n } : {}),
			...(listener ? { listener } : {}),
		});
	}

	/** The webhook listener as the form shows it, for the active profile; undefined when it is stopped or out of reach. */
	private async listenerInfo(): Promise<ListenerInfo | undefined> {
		const profile = await this.services.credentials.activeProfile();
		const statusCallbackUrl = profile ? this.services.webhooks.statusCallbackUrlFor(profile) : undefined;
		return statusCallbackUrl ? { statusCallbackUrl, addByDefault: readWebhookSettings().addStatusCallback } : undefined;
	}

	private async postListener(): Promise<void> {
		this.post({ type: 'listenerChanged', listener: (await this.listenerInfo()) ?? null });
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
			const all = (await this.services.numbers.messagingNumbers(profile)).map(toNumberOption);
			if (request === this.numbersRequest) {
				// The most relevant first, capped: the draft's From, then the recently used senders.
				this.numbers = markRouted(relevantNumbers(all, [this.draft.from, ...this.services.recents.senders()]), this.services.webhooks.routes.routedPhoneNumbers(profile));
				this.post({ type: 'numbers', numbers: this.numbers });
			}
		} catch (error) {
			this.services.logger.warn(`Compose: could not load the Space's phone numbers: ${describeError(error)}`);
			if (request === this.numbersRequest) {
				this.post({ type: 'numbers', numbers: this.numbers, error: describeError(error) });
			}
		}
	}

	/** A number was routed to the webhook listener or restored: the suggestions say which are routed. */
	private async postRoutedNumbers(): Promise<void> {
		const profile = await this.services.credentials.activeProfile();
		if (!profile || this.numbers.length === 0) {
			return;
		}
		this.numbers = markRouted(this.numbers, this.services.webhooks.routes.routedPhoneNumbers(profile));
		this.post({ type: 'numbers', numbers: this.numbers });
	}

	private async onCredentialsChanged(): Promise<void> {
		const profile = await this.services.credentials.activeProfile();
		this.numbers = [];
		this.post({ type: 'signedInChanged', profile: profile ? profileLabel(profile) : null });
		await this.postListener();
		await this.refreshNumbers();
	}

	private async send(message: SendMessage): Promise<void> {
		this.draft = message.draft;
		this.save();
		const { requestId } = message;
		if (this.sending) {
			this.services.logger.warn('Compose: a send is already in progress; ignored another Send.');
			this.finish(requestId, busyResult());
			return;
		}
		// Taken before the first await, so that a second Send (or an `init` posted meanwhile) sees it.
		this.sending = true;
		let result: SendResultPayload;
		try {
			const profile = await this.services.credentials.activeProfile();
			if (profile) {
				result = await sendDraft(this.services, profile, message.draft, message.addStatusCallback === undefined ? {} : { addStatusCallback: message.addStatusCallback });
			} else {
				this.post({ type: 'signedInChanged', profile: null });
				result = notSignedInResult();
			}
		} finally {
			this.sending = false;
		}
		this.finish(requestId, result);
	}

	private finish(requestId: string, result: SendResultPayload): void {
		this.lastResult = { ...result, requestId };
		this.post({ type: 'sendResult', requestId, result });
	}

	/** Posts to the webview once it is ready, capped to the protocol's limits (a longer text would be cut there anyway). */
	private post(message: ExtensionToWebviewMessage): void {
		if (!this.ready || this.isDisposed) {
			return;
		}
		const capped = capForWebview(message);
		this.callbacks.onPosted?.(capped);
		void this.panel.webview.postMessage(capped);
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
		return renderComposeHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: script, styleUri: style, lang: vscode.env.language });
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

/** The suggestions with `routed` set on the numbers whose inbound SMS go to the webhook listener (and only on them). */
function markRouted(numbers: readonly NumberOption[], routed: readonly string[]): NumberOption[] {
	return numbers.map(({ routed: _previous, ...number }) => (routed.includes(number.phoneNumber) ? { ...number, routed: true } : number));
}

/** A deep copy holding only the draft's known fields (drafts are edited in place elsewhere). */
export function copyDraft(draft: MessageDraft): MessageDraft {
	return parseDraft(JSON.parse(JSON.stringify(draft)) as unknown) ?? {};
}
