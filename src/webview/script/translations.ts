/**
 * The webview scripts' translations: the extension sends its l10n bundle (`vscode.l10n.bundle`)
 * in `init` (read by src/util/messageGuards.ts, `readMessageL10n`), and each script configures
 * @vscode/l10n with it. No DOM, no `vscode`: unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';

/** Configures @vscode/l10n with the extension's bundle; without one (English) the source strings stay. */
export function useTranslations(bundle: Record<string, string> | undefined): void {
	if (bundle) {
		l10n.config({ contents: bundle });
	}
}
