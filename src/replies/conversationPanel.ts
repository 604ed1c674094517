/**
 * Conversation panels: one webview panel per thread (opening it again reveals it), the routing of
 * the typed protocol (./protocol.ts) and the reply box's send: From the thread's own number To the
 * other party, through the one MessageSender. Its page (strict CSP, nonce from crypto), the ready
 * handshake, gated posting and error routing are the shared webview host's
 * (src/webview/panelHost.ts). While a panel is visible its Space is polled and its thread is read
 * (./replyService.ts).
 */
import * as vscode from 'vscode';
import { threadId, type ThreadKey } from '../core/conversations';
import { explainErrorCode } from '../core/errorCodes';
import { validateMessage } from '../core/validation';
import { failureFromError, moreInfoUrl } from '../errors/presentation';
import type { Services } from '../services';
import { Disposable } from '../util/disposable';
import { randomId } from '../util/ids';
import { WebviewPanelHost, webviewOptions } from '../webview/panelHost';
import { threadBubbles } from './bubbles';
import { renderConversationHtml } from './conversationHtml';
import { spaceOfProfile } from './conversationsTreeProvider';
import { deleteInteractively, redactInteractively, showMediaInteractively } from './messageActions';
import { capConversationMessage } from './outgoing';
import {
	CONVERSATION_VIEW_TYPE,
	parseConversationWebviewMessage,
	type ConversationExtensionMessage,
	type ConversationWebviewMessage,
	type ReplyError,
} from './protocol';
import type { ReplyService } from './replyService';
import { createConversationTestHooks, type ConversationTestHooks, type ConversationTestObserver } from './testHooks';

export class ConversationPanelManager extends Disposable {
	private readonly panels = new Map<string, ConversationPanel>();
	/** The translations a panel's script gets (VS Code's display language). */
	private l10nBundle = (): Record<string, string> | undefined => vscode.l10n.bundle;

	/** Test mode only (the extension runs its integration tests): what the hooks record. */
	private readonly testObserver: ConversationTestObserver | undefined;

	/** `testHooks`: handed in by test builds in test mode only; gets the panels' hooks. */
	constructor(
		private readonly services: Services,
		private readonly replies: ReplyService,
		testHooks?: { conversations?: ConversationTestHooks },
	) {
		super();
		replies.openConversation = (key) => this.open(key);
		// The define inline (not in a variable), so that the minifier sees `false &&` and drops the rest.
		if ((typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) && testHooks) {
			const { hooks, observer } = createConversationTestHooks({
				isOpen: (key) => this.panels.has(threadId(key)),
				isVisible: (key) => this.panels.get(threadId(key))?.visible ?? false,
				deliver: (key, message) => {
					const found = this.panels.get(threadId(key));
					if (!found) {
						throw new Error('that conversation is not open');
					}
					return found.handleMessage(message);
				},
				close: (key) => this.panels.get(threadId(key))?.close(),
				useL10nBundle: (bundle) => {
					this.l10nBundle = bundle ? () => bundle : () => vscode.l10n.bundle;
				},
				threadId,
			});
			testHooks.conversations = hooks;
			this.testObserver = observer;
		}
	}

	/** Opens the thread's panel, or reveals it. */
	async open(key: ThreadKey): Promise<void> {
		await this.replies.ready();
		const id = threadId(key);
		const existing = this.panels.get(id);
		if (existing) {
			existing.reveal();
			return;
		}
		const panel = vscode.window.createWebviewPanel(
			CONVERSATION_VIEW_TYPE,
			vscode.l10n.t('{0} ↔ {1}', key.otherParty, key.ownNumber),
			vscode.ViewColumn.Active,
			{
				...webviewOptions(this.services.context.extensionUri),
				enableFindWidget: true,
			},
		);
		const observer = this.testObserver;
		observer?.panelCreated(id);
		const onPosted = observer ? (message: ConversationExtensionMessage) => observer.posted(id, message) : undefined;
		const thread = { profileId: key.profileId, ownNumber: key.ownNumber, otherParty: key.otherParty };
		const conversation = new ConversationPanel(
			panel,
			thread,
			this.services,
			this.replies,
			this.l10nBundle,
			onPosted,
		);
		this.panels.set(id, conversation);
		conversation.onDidDispose(() => {
			if (this.panels.get(id) === conversation) {
				this.panels.delete(id);
			}
		});
	}

	/** The thread of the panel in front (the active editor), if a conversation is. */
	activeThread(): ThreadKey | undefined {
		return [...this.panels.values()].find((panel) => panel.active)?.thread;
	}

	override dispose(): void {
		for (const panel of this.panels.values()) {
			panel.dispose();
		}
		this.panels.clear();
		super.dispose();
	}
}

class ConversationPanel extends Disposable {
	private readonly _onDidDispose = this.register(new vscode.EventEmitter<void>());
	readonly onDidDispose = this._onDidDispose.event;
	private readonly host: WebviewPanelHost<ConversationWebviewMessage, ConversationExtensionMessage>;
	private readonly panelId = randomId();
	private sending = false;
	private draft = { body: '', mediaUrls: [] as string[] };
	private lastVersion = -1;

	constructor(
		private readonly panel: vscode.WebviewPanel,
		private readonly key: ThreadKey,
		private readonly services: Services,
		private readonly replies: ReplyService,
		private readonly l10nBundle: () => Record<string, string> | undefined,
		/** Test mode only: told each message posted to the webview. */
		onPosted?: (message: ConversationExtensionMessage) => void,
	) {
		super();
		this.host = this.register(
			new WebviewPanelHost(panel, {
				name: 'Conversation',
				source: 'the panel',
				logger: services.logger,
				extensionUri: services.context.extensionUri,
				script: 'conversation.js',
				style: 'conversation.css',
				render: renderConversationHtml,
				parse: parseConversationWebviewMessage,
				cap: capConversationMessage,
				route: (message) => this.route(message),
				...(onPosted ? { observer: onPosted } : {}),
			}),
		);
		// After the host's own listener: a hidden panel is no longer ready when its thread is marked hidden.
		this.register(
			panel.onDidChangeViewState(() => this.replies.setThreadVisible(this.key, this.panelId, panel.visible)),
		);
		this.register(replies.onDidChange(() => this.postBubbles()));
		this.register(panel.onDidDispose(() => this.dispose()));
		this.replies.setThreadVisible(this.key, this.panelId, panel.visible);
	}

	get visible(): boolean {
		return !this.isDisposed && this.panel.visible;
	}

	get active(): boolean {
		return !this.isDisposed && this.panel.active;
	}

	get thread(): ThreadKey {
		return { ...this.key };
	}

	reveal(): void {
		this.panel.reveal(undefined, false);
	}

	close(): void {
		this.panel.dispose();
	}

	/** Handles one message from the webview (the test hooks deliver through it too). Never throws. */
	handleMessage(value: unknown): Promise<void> {
		return this.host.handleMessage(value);
	}

	private async route(message: ConversationWebviewMessage): Promise<void> {
		switch (message.type) {
			case 'ready':
				this.postInit();
				return;
			case 'draftChanged':
				this.draft = { body: message.body, mediaUrls: message.mediaUrls };
				return;
			case 'send':
				await this.send(message.requestId, message.body, message.mediaUrls);
				return;
			case 'openLink':
				await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
				return;
			case 'action':
				await this.action(message.action, message.sid);
				return;
		}
	}

	private async action(action: 'delete' | 'redact' | 'showMedia' | 'copySid', sid: string): Promise<void> {
		if (!this.replies.messagesOf(this.key).some((known) => known.message.sid === sid)) {
			this.services.logger.warn(`Conversation: ignored an action on ${sid}, which is not in this thread.`);
			return;
		}
		switch (action) {
			case 'delete':
				await deleteInteractively(this.services, this.replies, sid);
				return;
			case 'redact':
				await redactInteractively(this.services, this.replies, sid);
				return;
			case 'showMedia':
				await showMediaInteractively(this.services, this.replies, sid);
				return;
			case 'copySid':
				await vscode.env.clipboard.writeText(sid);
				vscode.window.setStatusBarMessage(vscode.l10n.t('Copied SID {0}', sid), 3000);
				return;
		}
	}

	private async send(requestId: string, body: string, mediaUrls: string[]): Promise<void> {
		this.draft = { body, mediaUrls };
		if (this.sending) {
			this.post({
				type: 'sendResult',
				requestId,
				ok: false,
				error: { message: vscode.l10n.t('A reply is already being sent: wait for its result.') },
			});
			return;
		}
		this.sending = true;
		try {
			const error = await this.sendValidated(requestId, body, mediaUrls);
			if (error) {
				this.post({ type: 'sendResult', requestId, ok: false, error });
			}
		} finally {
			this.sending = false;
		}
	}

	/** Sends; posts the success itself, returns the error to post otherwise. */
	private async sendValidated(requestId: string, body: string, mediaUrls: string[]): Promise<ReplyError | undefined> {
		const profile = await this.replies.profile(this.key.profileId);
		if (!profile) {
			return {
				message: vscode.l10n.t('Not signed in to the Space of this conversation: sign in to it to reply.'),
			};
		}
		const validation = validateMessage({ from: this.key.ownNumber, to: this.key.otherParty, body, mediaUrls });
		if (!validation.ok) {
			return { message: validation.problems.map((problem) => problem.message).join(' ') };
		}
		let sent;
		try {
			sent = await this.services.sender.send(profile, validation.params);
		} catch (error) {
			return errorInfo(error);
		}
		const { outcome, error } = sent;
		if (!outcome.message) {
			return errorInfo(error ?? outcome.error);
		}
		this.replies.addSent(profile.id, outcome.message, validation.params.mediaUrls, outcome.id);
		this.draft = { body: '', mediaUrls: [] };
		this.post({
			type: 'sendResult',
			requestId,
			ok: true,
			sid: outcome.message.sid,
			status: outcome.message.status,
		});
		return undefined;
	}

	private postInit(): void {
		const { bubbles, hidden } = threadBubbles(this.replies.messagesOf(this.key));
		this.lastVersion = this.replies.model.version;
		const l10n = this.l10nBundle();
		this.post({
			type: 'init',
			thread: {
				ownNumber: this.key.ownNumber,
				otherParty: this.key.otherParty,
				space: spaceOfProfile(this.key.profileId),
			},
			bubbles,
			hidden,
			draft: { body: this.draft.body, mediaUrls: [...this.draft.mediaUrls] },
			sending: this.sending,
			...(l10n ? { l10n } : {}),
		});
		if (this.panel.visible) {
			this.replies.markRead(this.key);
		}
	}

	private postBubbles(): void {
		if (!this.host.isReady || this.replies.model.version === this.lastVersion) {
			return;
		}
		this.lastVersion = this.replies.model.version;
		const { bubbles, hidden } = threadBubbles(this.replies.messagesOf(this.key));
		this.post({ type: 'bubbles', bubbles, hidden });
		if (this.panel.visible) {
			this.replies.markRead(this.key);
		}
	}

	/** Posts once the webview is ready, capped (src/webview/panelHost.ts). */
	private post(message: ConversationExtensionMessage): void {
		this.host.post(message);
	}

	override dispose(): void {
		if (this.isDisposed) {
			return;
		}
		this.replies.setThreadVisible(this.key, this.panelId, false);
		this._onDidDispose.fire();
		super.dispose();
	}
}

function errorInfo(error: unknown): ReplyError {
	const failure = failureFromError(error);
	const link = moreInfoUrl(error) ?? failure.moreInfo;
	const explained = failure.code !== undefined ? explainErrorCode(failure.code) : undefined;
	const hint = explained ? [explained.explanation, explained.action].filter(Boolean).join(' ') : undefined;
	const code =
		failure.code !== undefined ? vscode.l10n.t('Error {0}: {1}', failure.code, failure.message) : failure.message;
	return { message: code, ...(hint ? { hint } : {}), ...(link ? { moreInfo: link } : {}) };
}
