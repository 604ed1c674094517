/**
 * The "Conversations" tree: one row per thread (own number ↔ other party), newest activity first,
 * with the other party, the last message's snippet and time, and the unread count. The view's
 * badge shows the unread replies; a failing poll is said once in the view's message.
 */
import * as vscode from 'vscode';
import type { ThreadKey, ThreadSummary } from '../core/conversations';
import { spaceName } from '../credentials/profile';
import type { ConversationQueries } from './conversationQueries';

/** What a row stands for; also the argument `signalwire.openConversation` gets from it. */
export interface ThreadNode extends ThreadKey {
	readonly kind: 'thread';
	readonly id: string;
}

export const THREAD_CONTEXT_VALUE = 'conversationThread';

export class ConversationsTreeProvider implements vscode.TreeDataProvider<ThreadNode>, vscode.Disposable {
	private readonly _onDidChangeTreeData = new vscode.EventEmitter<ThreadNode | undefined | void>();
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private readonly subscription: vscode.Disposable;
	private summaries = new Map<string, ThreadSummary>();
	private pending: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly replies: ConversationQueries) {
		this.subscription = replies.onDidChange(() => this.refreshSoon());
	}

	refresh(): void {
		this._onDidChangeTreeData.fire();
	}

	async getChildren(node?: ThreadNode): Promise<ThreadNode[]> {
		if (node) {
			return [];
		}
		await this.replies.ready();
		const threads = this.replies.threads();
		this.summaries = new Map(threads.map((thread) => [thread.id, thread]));
		return threads.map((thread) => ({
			kind: 'thread',
			id: thread.id,
			profileId: thread.profileId,
			ownNumber: thread.ownNumber,
			otherParty: thread.otherParty,
		}));
	}

	getTreeItem(node: ThreadNode): vscode.TreeItem {
		const summary = this.summaries.get(node.id);
		const item = new vscode.TreeItem(node.otherParty, vscode.TreeItemCollapsibleState.None);
		item.id = node.id;
		item.contextValue = THREAD_CONTEXT_VALUE;
		if (summary) {
			const time = new Date(summary.lastActivity).toLocaleString();
			const arrow = summary.lastDirection === 'inbound' ? '←' : '→';
			const description =
				summary.unread > 0
					? vscode.l10n.t('{0} new · {1} {2}', summary.unread, arrow, summary.lastSnippet)
					: `${arrow} ${summary.lastSnippet}`;
			item.description = summary.optedOut ? vscode.l10n.t('opted out · {0}', description) : description;
			const tooltip = new vscode.MarkdownString(undefined, false);
			tooltip.appendText(
				vscode.l10n.t('{0} ↔ {1} ({2})', node.ownNumber, node.otherParty, spaceOfProfile(node.profileId)),
			);
			tooltip.appendText('\n\n');
			tooltip.appendText(
				vscode.l10n.t('{0} messages, {1} unread · last {2}', summary.messageCount, summary.unread, time),
			);
			tooltip.appendText('\n\n');
			tooltip.appendText(summary.lastSnippet);
			if (summary.optedOut) {
				tooltip.appendText('\n\n');
				tooltip.appendText(
					vscode.l10n.t(
						'Opted out: {0} replied STOP, so sends to it fail (21610) until it texts START.',
						node.otherParty,
					),
				);
			}
			item.tooltip = tooltip;
			item.iconPath = new vscode.ThemeIcon(summary.unread > 0 ? 'comment-unresolved' : 'comment-discussion');
			item.accessibilityInformation = {
				label: vscode.l10n.t(
					'Conversation with {0} on {1}, {2} unread, last message: {3}',
					node.otherParty,
					node.ownNumber,
					summary.unread,
					summary.lastSnippet,
				),
			};
		}
		item.command = {
			command: 'signalwire.openConversation',
			title: vscode.l10n.t('Open Conversation'),
			arguments: [node],
		};
		return item;
	}

	dispose(): void {
		clearTimeout(this.pending);
		this.subscription.dispose();
		this._onDidChangeTreeData.dispose();
	}

	private refreshSoon(): void {
		this.pending ??= setTimeout(() => {
			this.pending = undefined;
			this.refresh();
		}, 50);
	}
}

/** Keeps the view's badge (unread replies) and message (a failing poll) up to date. */
export function describeConversationsView(
	view: vscode.TreeView<unknown>,
	replies: ConversationQueries,
): vscode.Disposable {
	const update = () => {
		const unread = replies.model.unreadTotal();
		view.badge = unread > 0 ? { value: unread, tooltip: vscode.l10n.t('{0} unread replies', unread) } : undefined;
		view.message = replies.pollProblem;
	};
	update();
	void replies.ready().then(update);
	const a = replies.onDidChange(update);
	const b = replies.onDidChangePollState(update);
	return { dispose: () => (a.dispose(), b.dispose()) };
}

/** The profile id is `spaceUrl|projectId` (src/credentials/profile.ts): the Space's short name. */
export function spaceOfProfile(profileId: string): string {
	const spaceUrl = profileId.split('|')[0] ?? profileId;
	try {
		return spaceName(spaceUrl);
	} catch {
		return spaceUrl;
	}
}
