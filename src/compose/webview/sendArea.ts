/**
 * The end of the form: Send, the hint beside it (what to fix, or the shortcut), and the result
 * area under it (Sending…, the SID and status, or the error with its explanation and link).
 */
import * as l10n from '@vscode/l10n';
import { API_FIELD_NAMES, type FieldProblem } from '../../core/validation';
import type { SendResultPayload } from '../protocol';
import { byId, paragraph } from '../../webview/script/dom';
import { safeLink } from './model';
import { isSending, type FormState } from './state';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

export class SendArea {
	readonly button = byId('send', HTMLButtonElement);
	private readonly hint = byId('send-hint', HTMLElement);
	private readonly result = byId('result', HTMLElement);

	constructor(private readonly state: FormState) {}

	/** Send is enabled only when signed in, nothing is wrong and no send is in flight; the hint says why not. */
	update(problems: readonly FieldProblem[]): void {
		const sending = isSending(this.state);
		const { profile } = this.state;
		this.button.disabled = problems.length > 0 || sending || profile === null || profile === undefined;
		if (sending) {
			this.hint.textContent = l10n.t('Sending…');
		} else if (profile === null) {
			this.hint.textContent = l10n.t('Sign in to send.');
		} else if (problems.length > 0) {
			const names = [...new Set(problems.map((p) => API_FIELD_NAMES[p.field]))];
			this.hint.textContent = l10n.t('To send, fix: {0}.', names.join(', '));
		} else {
			this.hint.textContent = isMac ? l10n.t('⌘+Enter sends.') : l10n.t('Ctrl+Enter sends.');
		}
	}

	showSending(): void {
		this.result.className = 'result';
		this.result.replaceChildren(paragraph(l10n.t('Sending…')));
	}

	/** Shows a send's result; `undefined` is a result the form could not read (the send has ended). */
	showResult(payload: SendResultPayload | undefined): void {
		if (!payload) {
			this.result.className = 'result is-error';
			this.result.replaceChildren(
				paragraph(
					l10n.t(
						'The form could not read the result of this send. See the Messages view and the SignalWire output channel.',
					),
				),
			);
			return;
		}
		if (payload.ok) {
			this.result.className = 'result is-success';
			const sid = document.createElement('code');
			sid.id = 'result-sid';
			sid.textContent = payload.sid;
			const line = paragraph(l10n.t('Sent to {0}. Status when accepted: ', payload.to));
			const status = document.createElement('strong');
			status.id = 'result-status';
			status.textContent = payload.status;
			line.append(status);
			const sidLine = paragraph(l10n.t('SID '));
			sidLine.append(sid);
			this.result.replaceChildren(
				line,
				sidLine,
				paragraph(l10n.t('Follow its delivery in the Messages view (SMS Sandbox in the activity bar).')),
			);
			return;
		}
		const { error } = payload;
		this.result.className = 'result is-error';
		const parts: string[] = [];
		if (error.code !== undefined) {
			parts.push(l10n.t('SignalWire error {0}', error.code));
		}
		if (error.httpStatus !== undefined) {
			parts.push(l10n.t('HTTP {0}', error.httpStatus));
		}
		const title = document.createElement('p');
		title.className = 'result-title';
		title.id = 'result-title';
		title.textContent = parts.length > 0 ? l10n.t('Not sent: {0}', parts.join(' · ')) : l10n.t('Not sent');
		const message = paragraph(error.message);
		message.id = 'result-message';
		const children: HTMLElement[] = [title, message];
		if (error.hint) {
			const hint = paragraph(error.hint);
			hint.className = 'hint';
			children.push(hint);
		}
		const link = safeLink(error.moreInfo);
		if (link) {
			const anchor = document.createElement('a');
			anchor.href = link;
			anchor.textContent = l10n.t('More info about this error');
			const line = document.createElement('p');
			line.append(anchor);
			children.push(line);
		}
		children.push(paragraph(l10n.t('Your message is unchanged: fix it and send again.')));
		this.result.replaceChildren(...children);
	}

	/** Brings the result into view: Ctrl+Enter may have been pressed far above it. */
	reveal(): void {
		this.result.scrollIntoView({ block: 'nearest' });
	}
}
