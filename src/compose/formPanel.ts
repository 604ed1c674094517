/**
 * One open compose form: the messages with its script (src/compose/protocol.ts, capped by
 * src/compose/outgoing.ts) and the draft it holds (the source of truth; saved through the
 * manager). Its page, the ready handshake, gated posting and error routing are the shared webview
 * host's (src/webview/panelHost.ts). The send itself is src/compose/composeSend.ts.
 */
import * as vscode from 'vscode';
import { profileLabel } from '../credentials/profile';
import { describeError } from '../errors/presentation';
import type { Services } from '../services';
import type { MessageDraft } from '../core/draft';
import { Disposable } from '../util/disposable';
import { WebviewPanelHost, type PostObserver } from '../webview/panelHost';
import { readWebhookSettings } from '../webhooks/webhookService';
import { renderComposeHtml } from './composeHtml';
import { busyResult, notSignedInResult, sendDraft, toNumberOption } from './composeSend';
import { capForWebview, relevantNumbers } from './outgoing';
import {
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
	onPosted?: PostObserver<ExtensionToWebviewMessage>;
}

export class ComposeFormPanel extends Disposable {
	private readonly _onDidDispose = this.register(new vscode.EventEmitter<void>());
	readonly onDidDispose = this._onDidDispose.event;

	private readonly host: WebviewPanelHost<WebviewToExtensionMessage, ExtensionToWebviewMessage>;
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
		this.host = this.register(
			new WebviewPanelHost(panel, {
				name: 'Compose',
				source: 'the form',
				logger: services.logger,
				extensionUri: services.context.extensionUri,
				script: 'compose.js',
				style: 'compose.css',
				render: (page) => renderComposeHtml({ ...page, lang: vscode.env.language }),
				parse: parseWebviewToExtensionMessage,
				cap: capForWebview,
				route: (message) => this.route(message),
				...(callbacks.onPosted ? { observer: callbacks.onPosted } : {}),
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
			vscode.workspace.onDidChangeConfiguration((event) =>
				event.affectsConfiguration('signalwire.webhooks.addStatusCallback')
					? void this.postListener()
					: undefined,
			),
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
		if (this.host.isReady) {
			void this.postInit();
		}
	}

	/** Handles one message from the webview (the test hooks deliver through it too). Never throws. */
	handleMessage(value: unknown): Promise<void> {
		return this.host.handleMessage(value);
	}

	private async route(message: WebviewToExtensionMessage): Promise<void> {
		switch (message.type) {
			case 'ready':
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

	/**
	 * The webhook listener as the form shows it, for the active profile; undefined when it is stopped or out of reach.
	 */
	private async listenerInfo(): Promise<ListenerInfo | undefined> {
		const profile = await this.services.credentials.activeProfile();
		const statusCallbackUrl = profile ? this.services.webhooks.statusCallbackUrlFor(profile) : undefined;
		return statusCallbackUrl
			? { statusCallbackUrl, addByDefault: readWebhookSettings().addStatusCallback }
			: undefined;
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
				this.numbers = markRouted(
					relevantNumbers(all, [this.draft.from, ...this.services.recents.senders()]),
					this.services.webhooks.routes.routedPhoneNumbers(profile),
				);
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
				result = await sendDraft(
					this.services,
					profile,
					message.draft,
					message.addStatusCallback === undefined ? {} : { addStatusCallback: message.addStatusCallback },
				);
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

	/** Posts once the webview is ready, capped (src/webview/panelHost.ts). */
	private post(message: ExtensionToWebviewMessage): void {
		this.host.post(message);
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
	return numbers.map(({ routed: _previous, ...number }) =>
		routed.includes(number.phoneNumber) ? { ...number, routed: true } : number,
	);
}

/** A deep copy holding only the draft's known fields (drafts are edited in place elsewhere). */
export function copyDraft(draft: MessageDraft): MessageDraft {
	return parseDraft(JSON.parse(JSON.stringify(draft)) as unknown) ?? {};
}
