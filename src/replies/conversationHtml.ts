/**
 * A conversation panel's HTML: static markup, a strict CSP and one nonce'd script. The only
 * dynamic values are the URIs, the nonce and the CSP source (all escaped); the script adds every
 * label, bubble and piece of user text with textContent. Pure: no `vscode` (the title goes through
 * `@vscode/l10n`, configured from VS Code's bundle by src/features.ts).
 */
import * as l10n from '@vscode/l10n';
import { attr, pageHead } from '../util/webviewPage';

export interface ConversationHtmlInput {
	cspSource: string;
	nonce: string;
	scriptUri: string;
	styleUri: string;
}

export function renderConversationHtml({ cspSource, nonce, scriptUri, styleUri }: ConversationHtmlInput): string {
	return [
		...pageHead({ cspSource, nonce, styleUri, title: l10n.t('Conversation'), lang: 'en' }),
		'<main class="conversation">',
		'<header class="conversation-header"><h1 id="title"></h1><p id="subtitle" class="subtitle"></p></header>',
		'<p id="hidden-note" class="hint" hidden></p>',
		'<ol id="bubbles" class="bubbles" aria-live="polite"></ol>',
		'<form id="reply" class="reply" novalidate autocomplete="off">',
		'<button type="button" id="new-messages" class="new-messages" hidden></button>',
		'<label id="body-label" for="body" class="visually-hidden"></label>',
		'<textarea id="body" rows="3" aria-describedby="meter body-error"></textarea>',
		'<p id="meter" class="hint"></p>',
		'<p id="body-error" class="error" role="alert"></p>',
		'<ol id="media-list" class="media-list"></ol>',
		'<p id="media-error" class="error" role="alert"></p>',
		'<div class="actions">',
		'<button type="button" id="attach" class="button secondary"></button>',
		'<button type="button" id="send" class="button primary" disabled></button>',
		'</div>',
		'<div id="result" class="result" role="status" aria-live="polite"></div>',
		'</form>',
		'</main>',
		`<script type="module" nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>`,
		'</body>',
		'</html>',
	].join('');
}
