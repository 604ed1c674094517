/**
 * The "Add StatusCallback to the webhook listener" box: shown while the listener runs, ticked by
 * default as the setting `signalwire.webhooks.addStatusCallback` says until the user ticks it
 * themselves. Its value travels with Send (src/compose/protocol.ts, `addStatusCallback`).
 */
import * as l10n from '@vscode/l10n';
import type { ListenerInfo } from '../protocol';
import { byId } from '../../webview/script/dom';
import type { FormState } from './state';

export class ListenerToggle {
	private readonly box = byId('listener-callback', HTMLElement);
	readonly checkbox = byId('addStatusCallback', HTMLInputElement);
	private readonly hint = byId('listener-callback-hint', HTMLElement);

	constructor(private readonly state: FormState) {
		this.checkbox.addEventListener('change', () => {
			this.state.addStatusCallback = this.checkbox.checked;
		});
	}

	/** Shows the listener (or hides the box when it is not running). */
	set(listener: ListenerInfo | null): void {
		this.state.listener = listener;
		this.box.hidden = listener === null;
		this.checkbox.checked = listener !== null && (this.state.addStatusCallback ?? listener.addByDefault);
		this.hint.textContent = listener
			? l10n.t(
					'Status callbacks go to {0} and show up in the Webhooks view. A StatusCallback typed under Advanced is used instead.',
					listener.statusCallbackUrl,
				)
			: '';
	}

	/** What Send carries: the box's value while it is shown; undefined otherwise (the setting decides). */
	value(): boolean | undefined {
		return this.state.listener === null ? undefined : this.checkbox.checked;
	}
}
