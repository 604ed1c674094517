/**
 * The conversation page's fixed labels and its translations: the extension sends its l10n bundle
 * (`vscode.l10n.bundle`) in `init`, and the script configures @vscode/l10n with it, as the compose
 * form does (src/compose/webview/main.ts). No DOM: unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';

export interface PageLabels {
	reply: string;
	replyPlaceholder: string;
	attach: string;
	send: string;
}

/** Configures @vscode/l10n with the extension's bundle; without one (English) the source strings stay. */
export function useTranslations(bundle: Record<string, string> | undefined): void {
	if (bundle) {
		l10n.config({ contents: bundle });
	}
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
