/**
 * The compose form's panel manager: one webview panel at a time, opened, reused and restored
 * after a window reload (the WebviewPanelSerializer). The open form is src/compose/formPanel.ts.
 * The draft lives in the open form (the source of truth), in the webview's state (for the
 * serializer after a window reload) and in workspaceState (a backup for a fresh panel).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { MessageDraft } from '../core/draft';
import { Disposable } from '../util/disposable';
import { webviewOptions } from '../webview/panelHost';
import { ComposeFormPanel, copyDraft } from './formPanel';
import { COMPOSE_VIEW_TYPE, parseDraft } from './protocol';
import { createComposeTestHooks, type ComposeTestHooks, type ComposeTestObserver } from './testHooks';

/** workspaceState key of the last draft (a backup; drafts hold no secrets). */
export const COMPOSE_DRAFT_KEY = 'signalwire.compose.lastDraft';

/**
 * Opens, reuses and restores the compose panel. Registered as the WebviewPanelSerializer of
 * {@link COMPOSE_VIEW_TYPE}.
 */
export class ComposePanelManager extends Disposable implements vscode.WebviewPanelSerializer {
	private current: ComposeFormPanel | undefined;
	/** Test mode only (the extension runs its integration tests): what the hooks record. */
	private readonly testObserver: ComposeTestObserver | undefined;

	/** `testHooks`: handed in by test builds in test mode only (src/features.ts); gets the form's hooks. */
	constructor(
		private readonly services: Services,
		testHooks?: { compose?: ComposeTestHooks },
	) {
		super();
		// The define inline (not in a variable), so that the minifier sees `false &&` and drops the rest.
		if ((typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) && testHooks) {
			const { hooks, observer } = createComposeTestHooks({
				isOpen: () => this.current !== undefined,
				deliver: async (message) => {
					if (!this.current) {
						throw new Error('the compose form is not open');
					}
					await this.current.handleMessage(message);
				},
				draft: () => this.current?.currentDraft(),
				storedDraft: () => this.storedDraft(),
				restore: (panel, state) => this.deserializeWebviewPanel(panel, state),
				close: () => this.current?.close(),
			});
			testHooks.compose = hooks;
			this.testObserver = observer;
		}
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
		const panel = vscode.window.createWebviewPanel(
			COMPOSE_VIEW_TYPE,
			vscode.l10n.t('Compose Message'),
			vscode.ViewColumn.Active,
			{
				...webviewOptions(this.services.context.extensionUri),
				enableFindWidget: false,
			},
		);
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
		panel.webview.options = webviewOptions(this.services.context.extensionUri);
		const fromState =
			typeof state === 'object' && state !== null && !Array.isArray(state)
				? parseDraft((state as Record<string, unknown>).draft)
				: undefined;
		if (state !== undefined && state !== null && !fromState) {
			this.services.logger.warn(
				'Compose: the restored form state was not a valid draft; using the last saved draft.',
			);
		}
		this.attach(panel, fromState ?? this.storedDraft() ?? {});
	}

	private attach(panel: vscode.WebviewPanel, draft: MessageDraft): void {
		const observer = this.testObserver;
		observer?.panelCreated();
		const form = new ComposeFormPanel(panel, this.services, copyDraft(draft), {
			saveDraft: (saved) => this.services.context.workspaceState.update(COMPOSE_DRAFT_KEY, saved),
			...(observer ? { onPosted: (message) => observer.posted(message) } : {}),
		});
		this.current = form;
		form.onDidDispose(() => {
			if (this.current === form) {
				this.current = undefined;
			}
		});
	}

	private storedDraft(): MessageDraft | undefined {
		return parseDraft(this.services.context.workspaceState.get<unknown>(COMPOSE_DRAFT_KEY));
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
