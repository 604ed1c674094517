/**
 * The Webhooks view: every request the listener received in this session, newest first, with its
 * time, kind, key fields and a signature badge (the icon). A click opens it as read-only JSON.
 * Bursts redraw once (a short debounce).
 */
import * as vscode from 'vscode';
import { requestRow, requestTooltip, signatureLabel } from './presentation';
import type { SignatureState } from './requests';
import type { WebhookService } from './webhookService';

/** A request, by its id in the session log. */
export interface WebhookRequestNode {
	readonly kind: 'webhookRequest';
	readonly id: number;
}

/** A number routed to the running listener (shown above the requests). */
export interface RoutedNumberNode {
	readonly kind: 'routedNumber';
	readonly phoneNumber: string;
	/** The SmsUrl Stop puts back ('' for none). */
	readonly previousSmsUrl: string;
}

export type WebhookNode = WebhookRequestNode | RoutedNumberNode;

const BADGES: Record<SignatureState, vscode.ThemeIcon> = {
	valid: new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed')),
	invalid: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
	unchecked: new vscode.ThemeIcon('circle-large-outline'),
};

/** Redraws at most this often during a burst. */
const REDRAW_DELAY_MS = 50;

export class WebhookTreeProvider implements vscode.TreeDataProvider<WebhookNode>, vscode.Disposable {
	private readonly _onDidChangeTreeData = new vscode.EventEmitter<WebhookNode | undefined | void>();
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private readonly subscription: vscode.Disposable;
	private pending: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly webhooks: WebhookService) {
		this.subscription = webhooks.onDidChange(() => this.refreshSoon());
	}

	refreshSoon(): void {
		this.pending ??= setTimeout(() => {
			this.pending = undefined;
			this._onDidChangeTreeData.fire();
		}, REDRAW_DELAY_MS);
	}

	getChildren(element?: WebhookNode): WebhookNode[] {
		if (element) {
			return [];
		}
		const localUrl = this.webhooks.localUrl;
		const routed: RoutedNumberNode[] = localUrl
			? this.webhooks.routes
					.saved()
					.filter((route) => route.listenerUrl === localUrl)
					.map((route) => ({
						kind: 'routedNumber',
						phoneNumber: route.phoneNumber,
						previousSmsUrl: route.previous.smsUrl,
					}))
			: [];
		const requests = this.webhooks.log
			.newestFirst()
			.map((record): WebhookRequestNode => ({ kind: 'webhookRequest', id: record.id }));
		return [...routed, ...requests];
	}

	getTreeItem(node: WebhookNode): vscode.TreeItem {
		if (node.kind === 'routedNumber') {
			return routedNumberItem(node);
		}
		const record = this.webhooks.log.get(node.id);
		if (!record) {
			return new vscode.TreeItem(vscode.l10n.t('(no longer kept)'));
		}
		const row = requestRow(record);
		const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
		item.id = `webhook-${record.id}`;
		item.description = row.description;
		item.iconPath = BADGES[record.signature.state];
		item.contextValue = 'webhookRequest';
		item.accessibilityInformation = {
			label: `${row.label}, ${row.description}, ${signatureLabel(record.signature.state)}`,
		};
		item.command = {
			command: 'signalwire.webhooks.openRequest',
			title: vscode.l10n.t('Open Request'),
			arguments: [node],
		};
		return item;
	}

	/** The tooltip, built only when VS Code shows it. */
	resolveTreeItem(item: vscode.TreeItem, node: WebhookNode): vscode.TreeItem {
		const record = node.kind === 'webhookRequest' ? this.webhooks.log.get(node.id) : undefined;
		if (record) {
			item.tooltip = requestTooltip(record);
		}
		return item;
	}

	dispose(): void {
		clearTimeout(this.pending);
		this.subscription.dispose();
		this._onDidChangeTreeData.dispose();
	}
}

/**
 * Says in the view, while no signed-in Space has a Signing Key, that callbacks are unverified (and
 * so change the Messages view unchecked), and offers Set Signing Key in its title bar.
 */
export function describeWebhooksView(view: vscode.TreeView<unknown>, webhooks: WebhookService): vscode.Disposable {
	const describe = () => {
		const unverified = !webhooks.signingKeys.anyKey;
		view.message = unverified
			? vscode.l10n.t(
					'Callbacks are unverified: no Signing Key is set. Set one (the key icon) to apply only signed callbacks.',
				)
			: undefined;
		void vscode.commands.executeCommand('setContext', 'signalwire.webhooks.unverified', unverified);
	};
	void webhooks.signingKeys.ready().then(describe);
	return webhooks.signingKeys.onDidReload(describe);
}

/** A routed number's row: inbound SMS to it come here until Stop puts back its previous SmsUrl. */
function routedNumberItem(node: RoutedNumberNode): vscode.TreeItem {
	const item = new vscode.TreeItem(node.phoneNumber, vscode.TreeItemCollapsibleState.None);
	item.id = `routed-${node.phoneNumber}`;
	const previous = node.previousSmsUrl || vscode.l10n.t('(none)');
	item.description = vscode.l10n.t('routed here · Stop restores SmsUrl {0}', previous);
	item.tooltip = vscode.l10n.t(
		'Inbound SMS to {0} come to this listener. Stopping it puts back its previous SmsUrl: {1}.',
		node.phoneNumber,
		previous,
	);
	item.iconPath = new vscode.ThemeIcon('arrow-swap');
	item.contextValue = 'webhookRoutedNumber';
	item.accessibilityInformation = {
		label: vscode.l10n.t('{0}, routed here; Stop restores SmsUrl {1}', node.phoneNumber, previous),
	};
	return item;
}
