/**
 * The compose form's HTML: static markup, a strict CSP and one nonce'd script. The only dynamic
 * values are the URIs, the nonce and the CSP source (all escaped); everything the user types is
 * added later by the script with textContent/value. Pure: no `vscode` (unit-tested in Node); its
 * labels go through @vscode/l10n (configured from the extension's bundle) and are escaped too.
 */
import * as l10n from '@vscode/l10n';
import { attr, pageHead } from '../util/webviewPage';
import { MAX_TEXT_LENGTH } from './protocol';

/** The longest text a field takes (the protocol's limit: a longer draft would not reach the extension). */
const MAX = `maxlength="${MAX_TEXT_LENGTH}"`;

/** A text box of the form: capped, no spell check, described by its error line (and any hints). */
function textInput(id: string, extra: readonly string[] = [], describedBy = `${id}-error`): string {
	const attributes = [`id="${id}"`, `name="${id}"`, 'type="text"', MAX, ...extra, 'spellcheck="false"'];
	return `<input ${attributes.join(' ')} aria-describedby="${describedBy}">`;
}

export interface ComposeHtmlInput {
	cspSource: string;
	nonce: string;
	scriptUri: string;
	styleUri: string;
	/** The display language (`vscode.env.language`); default `en`. */
	lang?: string;
}

/** The form's static markup. Dynamic content is added by the script with textContent/value only. */
export function renderComposeHtml({ cspSource, nonce, scriptUri, styleUri, lang = 'en' }: ComposeHtmlInput): string {
	const signInText = attr(
		l10n.t('You are not signed in to a SignalWire Space. Sign in to load your numbers and send.'),
	);
	const fromHint = attr(
		l10n.t(
			"One of your Space's messaging numbers, or any number in E.164 (+15551234567). To use a number group instead, leave From empty and set MessagingServiceSid under Advanced.",
		),
	);
	const ucs2Label = attr(l10n.t('These characters force UCS-2 (70 characters per segment instead of 160):'));
	const mediaHint = attr(
		l10n.t('Up to 8 http(s) URLs; a message with media is sent as MMS. https image URLs are previewed.'),
	);
	// One line per element, joined without newlines: the minified bundle stays on a few lines.
	return [
		...pageHead({ cspSource, nonce, styleUri, title: l10n.t('Compose Message'), lang }),
		'<main class="compose" aria-labelledby="compose-title">',
		'<header class="compose-header">',
		`<h1 id="compose-title">${attr(l10n.t('Compose Message'))}</h1>`,
		'<p id="profile" class="profile" hidden></p>',
		'</header>',
		'<section id="signin-banner" class="banner" aria-labelledby="signin-text" hidden>',
		`<p id="signin-text">${signInText}</p>`,
		`<button type="button" id="sign-in" class="button">${attr(l10n.t('Sign In'))}</button>`,
		'</section>',
		'<form id="form" class="form" novalidate autocomplete="off">',
		'<div class="field">',
		`<label for="from">${attr(l10n.t('From'))}</label>`,
		textInput('from', ['list="from-numbers"', 'inputmode="tel"'], 'from-error from-hint'),
		'<datalist id="from-numbers"></datalist>',
		'<p id="from-error" class="error"></p>',
		`<p id="from-hint" class="hint">${fromHint}</p>`,
		'<p id="numbers-status" class="hint" role="status"></p>',
		'</div>',
		'<div class="field">',
		`<label for="to">${attr(l10n.t('To'))}</label>`,
		textInput('to', ['inputmode="tel"', 'placeholder="+15551234567"']),
		'<p id="to-error" class="error"></p>',
		'</div>',
		'<div class="field">',
		`<label for="body">${attr(l10n.t('Body'))}</label>`,
		`<textarea id="body" name="body" ${MAX} rows="6" aria-describedby="body-error meter-summary"></textarea>`,
		'<p id="body-error" class="error"></p>',
		'<div id="meter" class="meter">',
		'<p id="meter-summary" class="meter-summary"></p>',
		'<div id="ucs2" class="ucs2" hidden>',
		`<p id="ucs2-label" class="ucs2-label">${ucs2Label}</p>`,
		'<ul id="ucs2-chars" class="chips" aria-labelledby="ucs2-label"></ul>',
		'<button type="button" id="replace-smart" class="button secondary">',
		`${attr(l10n.t('Replace Smart Quotes and Dashes'))}</button>`,
		'</div>',
		'<p id="meter-status" class="hint" role="status"></p>',
		'</div>',
		'</div>',
		'<fieldset class="field media" aria-describedby="media-hint mediaUrls-error">',
		`<legend>${attr(l10n.t('Media URLs'))}</legend>`,
		`<p id="media-hint" class="hint">${mediaHint}</p>`,
		'<ol id="media-list" class="media-list"></ol>',
		`<button type="button" id="add-media" class="button secondary">${attr(l10n.t('Add Media URL'))}</button>`,
		'<p id="media-status" class="hint" role="status"></p>',
		'<p id="mediaUrls-error" class="error"></p>',
		'</fieldset>',
		'<details id="advanced" class="advanced">',
		`<summary>${attr(l10n.t('Advanced'))}</summary>`,
		'<div class="advanced-body">',
		'<div class="field checkbox">',
		'<input id="sendAsMms" name="sendAsMms" type="checkbox" aria-describedby="sendAsMms-error">',
		`<label for="sendAsMms">${attr(l10n.t('SendAsMms: send as MMS even without media'))}</label>`,
		'<p id="sendAsMms-error" class="error"></p>',
		'</div>',
		'<div class="field">',
		'<label for="statusCallback">StatusCallback</label>',
		textInput('statusCallback', ['inputmode="url"', 'placeholder="https://example.com/status"']),
		'<p id="statusCallback-error" class="error"></p>',
		'</div>',
		'<div class="field">',
		`<label for="validityPeriod">${attr(l10n.t('ValidityPeriod (seconds)'))}</label>`,
		textInput('validityPeriod', ['inputmode="numeric"', `placeholder="${attr(l10n.t('1 to 172800'))}"`]),
		'<p id="validityPeriod-error" class="error"></p>',
		'</div>',
		'<div class="field">',
		`<label for="maxPrice">${attr(l10n.t('MaxPrice (USD)'))}</label>`,
		textInput('maxPrice', ['inputmode="decimal"', 'placeholder="0.0075"']),
		'<p id="maxPrice-error" class="error"></p>',
		'</div>',
		'<div class="field">',
		'<label for="applicationSid">ApplicationSid</label>',
		textInput('applicationSid'),
		'<p id="applicationSid-error" class="error"></p>',
		'</div>',
		'<div class="field">',
		`<label for="messagingServiceSid">${attr(l10n.t('MessagingServiceSid (number group)'))}</label>`,
		textInput('messagingServiceSid'),
		'<p id="messagingServiceSid-error" class="error"></p>',
		'</div>',
		'</div>',
		'</details>',
		'<div id="listener-callback" class="field checkbox" hidden>',
		'<input id="addStatusCallback" name="addStatusCallback" type="checkbox" aria-describedby="listener-callback-hint">',
		`<label for="addStatusCallback">${attr(l10n.t('Add StatusCallback to the webhook listener'))}</label>`,
		'<p id="listener-callback-hint" class="hint"></p>',
		'</div>',
		'<div class="actions">',
		'<button type="button" id="send" class="button primary" aria-describedby="send-hint" disabled>',
		`${attr(l10n.t('Send'))}</button>`,
		'<p id="send-hint" class="hint"></p>',
		'</div>',
		'<div id="result" class="result" role="status" aria-live="polite"></div>',
		'</form>',
		'</main>',
		`<script type="module" nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>`,
		'</body>',
		'</html>',
	].join('');
}
