/**
 * The "Messages" tree: day groups (Today, Yesterday, dates; newest first), one item per send
 * (recipient, body snippet, status icon and colour, Markdown tooltip), and its fields when expanded.
 * The root asks the history to load (the first time); tooltips are built only when shown.
 */
import * as vscode from 'vscode';
import { spaceName } from '../credentials/profile';
import type { HistoryService } from './historyService';
import type { HistoryGroup } from './dayIndex';
import { entryState, type HistoryEntry } from './entry';
import {
	STATE_ICONS,
	entryDescription,
	entryFields,
	entryRowDescription,
	entryLabel,
	isReceived,
	statusText,
	tooltipMarkdown,
	type EntryField,
} from './presentation';

export interface DayNode {
	readonly kind: 'day';
	readonly day: number;
}

export interface EntryNode {
	readonly kind: 'entry';
	readonly id: string;
}

export interface FieldNode {
	readonly kind: 'field';
	readonly entryId: string;
	readonly field: EntryField;
}

export type HistoryNode = DayNode | EntryNode | FieldNode;

/**
 * What `view/item/context` menus match: `historyEntry.<state>` for a send (`historyEntry.error`
 * has no SID), then `.imported` or `.reply` for a message read from the Space (never resent), then
 * `.deleted` once it was deleted at SignalWire (nothing left to fetch, redact or delete there).
 */
export function entryContextValue(state: string, entry: Pick<HistoryEntry, 'origin' | 'deletedAt'> = {}): string {
	const origin = entry.origin ? `.${entry.origin}` : '';
	const deleted = entry.deletedAt !== undefined ? '.deleted' : '';
	return `historyEntry.${state}${origin}${deleted}`;
}

/** A message received by the Space, and one deleted at SignalWire (instead of the status icon). */
const RECEIVED_ICON = { icon: 'mail', color: 'charts.blue' };
const DELETED_ICON = { icon: 'trash', color: 'descriptionForeground' };

export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
	private readonly _onDidChangeTreeData = new vscode.EventEmitter<HistoryNode | undefined | void>();
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	/** Nodes handed out, kept so that a change can name the same object VS Code knows. */
	private readonly dayNodes = new Map<number, DayNode>();
	private readonly entryNodes = new Map<string, EntryNode>();
	private readonly subscription: vscode.Disposable;
	/** The root as last returned: label and count per day, and the newest day (expanded). */
	private groups = new Map<number, HistoryGroup>();
	private newestDay: number | undefined;
	private pending: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly history: HistoryService) {
		this.subscription = history.onDidChange((change) => {
			if (change.kind === 'updated' && this.entryNodes.has(change.id)) {
				this.refresh(this.entryNodes.get(change.id));
			} else if (change.kind !== 'updated') {
				this.refreshSoon();
			}
		});
	}

	/** Redraws a node, or everything. */
	refresh(node?: HistoryNode): void {
		if (!node) {
			clearTimeout(this.pending);
			this.pending = undefined;
			this.prune();
		}
		this._onDidChangeTreeData.fire(node);
	}

	/** Redraws everything once for a burst of sends (or another window's batch). */
	private refreshSoon(): void {
		this.pending ??= setTimeout(() => this.refresh(), 30);
	}

	async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
		await this.history.ready();
		if (!node) {
			const groups = this.history.groups(new Date());
			this.groups = new Map(groups.map((group) => [group.day, group]));
			this.newestDay = groups[0]?.day;
			return groups.map((group) => this.dayNode(group.day));
		}
		if (node.kind === 'day') {
			return this.history.idsOfDay(node.day).map((id) => this.entryNode(id));
		}
		if (node.kind === 'entry') {
			const entry = this.history.get(node.id);
			return entry ? entryFields(entry).map((field) => ({ kind: 'field', entryId: node.id, field })) : [];
		}
		return [];
	}

	getParent(node: HistoryNode): HistoryNode | undefined {
		if (node.kind === 'field') {
			return this.entryNode(node.entryId);
		}
		if (node.kind === 'entry') {
			const day = this.history.dayOfEntry(node.id);
			return day !== undefined ? this.dayNode(day) : undefined;
		}
		return undefined;
	}

	getTreeItem(node: HistoryNode): vscode.TreeItem {
		switch (node.kind) {
			case 'day':
				return this.dayItem(node);
			case 'entry':
				return this.entryItem(node);
			case 'field':
				return this.fieldItem(node);
		}
	}

	/** The tooltip, built when the item is hovered (not for every item of a large group). */
	resolveTreeItem(item: vscode.TreeItem, node: HistoryNode): vscode.TreeItem {
		if (node.kind === 'entry') {
			const entry = this.history.get(node.id);
			if (entry) {
				const untrusted = vscode.l10n.t(
					'This entry names a Space or project that is not the one signed in under its profile (a damaged or edited history file): its status is not followed or refreshed, and it cannot be resent.',
				);
				const warning = this.history.isUntrusted(entry) ? `${untrusted}\n\n` : '';
				item.tooltip = markdown(warning + tooltipMarkdown(entry));
			}
		}
		return item;
	}

	dispose(): void {
		clearTimeout(this.pending);
		this.subscription.dispose();
		this._onDidChangeTreeData.dispose();
	}

	private dayItem(node: DayNode): vscode.TreeItem {
		const group = this.groups.get(node.day);
		const label = group?.label ?? new Date(node.day).toDateString();
		const state =
			this.newestDay === node.day
				? vscode.TreeItemCollapsibleState.Expanded
				: vscode.TreeItemCollapsibleState.Collapsed;
		const item = new vscode.TreeItem(label, state);
		item.id = `day:${node.day}`;
		item.description = group ? String(group.count) : undefined;
		item.contextValue = 'historyDay';
		item.iconPath = new vscode.ThemeIcon('calendar');
		return item;
	}

	private entryItem(node: EntryNode): vscode.TreeItem {
		const entry = this.history.get(node.id);
		if (!entry) {
			const gone = new vscode.TreeItem(vscode.l10n.t('(deleted)'), vscode.TreeItemCollapsibleState.None);
			gone.id = `entry:${node.id}`;
			return gone;
		}
		const state = entryState(entry);
		const item = new vscode.TreeItem(entryLabel(entry), vscode.TreeItemCollapsibleState.Collapsed);
		item.id = `entry:${entry.id}`;
		item.description = entryRowDescription(entry);
		const { icon, color } =
			entry.deletedAt !== undefined ? DELETED_ICON : isReceived(entry) ? RECEIVED_ICON : STATE_ICONS[state];
		const spinning = entry.following && (state === 'queued' || state === 'sending');
		item.iconPath = new vscode.ThemeIcon(spinning ? 'sync~spin' : icon, new vscode.ThemeColor(color));
		item.contextValue = entryContextValue(state, entry);
		const [who, status, text] = [entryLabel(entry), statusText(entry), entryDescription(entry)];
		item.accessibilityInformation = {
			label: isReceived(entry)
				? vscode.l10n.t('From {0}, {1}: {2}', who, status, text)
				: vscode.l10n.t('To {0}, {1}: {2}', who, status, text),
		};
		return item;
	}

	private fieldItem(node: FieldNode): vscode.TreeItem {
		const { field } = node;
		const item = new vscode.TreeItem(field.label, vscode.TreeItemCollapsibleState.None);
		item.id = `entry:${node.entryId}:${field.key}`;
		item.description = field.value;
		item.tooltip = field.value;
		item.contextValue = `historyField.${field.key}`;
		if (field.url) {
			item.iconPath = new vscode.ThemeIcon('link-external');
			item.command = { command: 'vscode.open', title: field.label, arguments: [vscode.Uri.parse(field.url)] };
		}
		return item;
	}

	private dayNode(day: number): DayNode {
		let node = this.dayNodes.get(day);
		if (!node) {
			node = { kind: 'day', day };
			this.dayNodes.set(day, node);
		}
		return node;
	}

	private entryNode(id: string): EntryNode {
		let node = this.entryNodes.get(id);
		if (!node) {
			node = { kind: 'entry', id };
			this.entryNodes.set(id, node);
		}
		return node;
	}

	/** Forgets nodes of entries that are gone. */
	private prune(): void {
		for (const id of this.entryNodes.keys()) {
			if (!this.history.has(id)) {
				this.entryNodes.delete(id);
			}
		}
	}
}

/** Markdown that cannot run commands or render HTML (its user text is escaped as well). */
function markdown(value: string): vscode.MarkdownString {
	const md = new vscode.MarkdownString(value, false);
	md.isTrusted = false;
	md.supportHtml = false;
	return md;
}

/** Keeps the Messages view's description on the Space it is filtered by. */
export function describeHistoryView(view: vscode.TreeView<unknown>, history: HistoryService): vscode.Disposable {
	const describe = () => {
		const space = history.filter.spaceUrl;
		view.description = space ? safeSpaceName(space) : undefined;
	};
	describe();
	return history.onDidChangeFilter(describe);
}

function safeSpaceName(spaceUrl: string): string {
	try {
		return spaceName(spaceUrl);
	} catch {
		return spaceUrl;
	}
}
