/**
 * The body meter's wording shared by both webviews (the compose form's meter,
 * src/compose/webview/meter.ts, and a conversation's reply box, src/replies/webview/main.ts):
 * characters out of the limit, and what a message with media (or SendAsMms) is: one MMS, not
 * split into SMS segments. No DOM, no `vscode`: unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';
import { MAX_BODY_CHARACTERS } from '../../core/types';

function formatCount(value: number): string {
	return value.toLocaleString('en-US');
}

/** `27/1,600 characters`. */
export function charactersText(characters: number): string {
	return l10n.t('{0}/{1} characters', formatCount(characters), formatCount(MAX_BODY_CHARACTERS));
}

/** The meter of a body sent as one MMS: with `mediaCount` media, or none (SendAsMms). */
export function mmsMeterText(characters: number, mediaCount: number): string {
	return mediaCount > 0
		? l10n.t(
				'{0} · MMS with {1} media: one message, not split into SMS segments',
				charactersText(characters),
				mediaCount,
			)
		: l10n.t('{0} · MMS: one message, not split into SMS segments', charactersText(characters));
}
