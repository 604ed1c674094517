/**
 * The conversation page's fixed labels, in the language @vscode/l10n is configured with (the
 * bundle of `init`, src/webview/script/translations.ts, as the compose form does). No DOM:
 * unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';

export interface PageLabels {
	reply: string;
	replyPlaceholder: string;
	attach: string;
	send: string;
}

/** The fixed labels, in the language @vscode/l10n is configured with. */
export function pageLabels(): PageLabels {
	return {
		reply: l10n.t('Reply'),
		replyPlaceholder: l10n.t('Reply… (Ctrl+Enter to send)'),
		attach: l10n.t('Attach Media URL'),
		send: l10n.t('Send'),
	};
}
