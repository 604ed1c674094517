/**
 * A conversation panel's script (bundled by esbuild into dist/webview/conversation.js, an IIFE).
 * Every dynamic part of the page is built with createElement/textContent: message bodies, numbers,
 * URLs and API error text are never parsed as HTML. The reply box uses the extension's own pure
 * validation and segment meter (src/core/). Messages from the extension are checked
 * (../protocol.ts) before they touch the page. Its strings go through @vscode/l10n, configured
 * with the bundle the extension sends in `init` (src/webview/script/translations.ts). What the
 * script remembers between events is one state object (./state.ts); the door to the extension,
 * `byId` and the MMS meter's wording are shared with the compose form (src/webview/script/).
 */
import * as l10n from '@vscode/l10n';
import { describeMeasure, measureBody } from '../../core/segments';
import { MAX_MEDIA_URLS } from '../../core/types';
import { validateMessage } from '../../core/validation';
import { connectToExtension } from '../../webview/script/channel';
import { byId, textElement as text } from '../../webview/script/dom';
import { mmsMeterText } from '../../webview/script/meterText';
import { useTranslations } from '../../webview/script/translations';
import type { Bubble, ConversationWebviewMessage } from '../protocol';
import { parseConversationExtensionMessage, type ReceivedConversationMessage } from '../readExtensionMessage';
import { pageLabels } from './labels';
import { createConversationState, readSavedReply, type SavedReply } from './state';

const extension = connectToExtension<ConversationWebviewMessage, ReceivedConversationMessage, SavedReply>(
	'conversation',
	parseConversationExtensionMessage,
);

const title = byId('title', HTMLHeadingElement);
const subtitle = byId('subtitle', HTMLParagraphElement);
const hiddenNote = byId('hidden-note', HTMLParagraphElement);
const list = byId('bubbles', HTMLOListElement);
const body = byId('body', HTMLTextAreaElement);
const bodyLabel = byId('body-label', HTMLLabelElement);
const meter = byId('meter', HTMLParagraphElement);
const bodyError = byId('body-error', HTMLParagraphElement);
const mediaList = byId('media-list', HTMLOListElement);
const mediaError = byId('media-error', HTMLParagraphElement);
const attach = byId('attach', HTMLButtonElement);
const send = byId('send', HTMLButtonElement);
const result = byId('result', HTMLDivElement);
const newMessages = byId('new-messages', HTMLButtonElement);

const state = createConversationState();

/** The fixed labels, again once `init` brought the translations. */
function applyLabels(): void {
	const labels = pageLabels();
	bodyLabel.textContent = labels.reply;
	body.placeholder = labels.replyPlaceholder;
	attach.textContent = labels.attach;
	send.textContent = labels.send;
	newMessages.textContent = l10n.t('New messages ↓');
}
applyLabels();

function statusLabel(bubble: Bubble): string {
	if (bubble.deleted) {
		return l10n.t('deleted at SignalWire');
	}
	return bubble.status;
}

function renderBubble(bubble: Bubble): HTMLLIElement {
	const item = document.createElement('li');
	item.className = `bubble ${bubble.direction}${bubble.deleted ? ' deleted' : ''}`;
	item.dataset.sid = bubble.sid;
	item.dataset.status = bubble.status;
	item.tabIndex = 0;
	const who = bubble.direction === 'inbound' ? (state.thread?.otherParty ?? '') : l10n.t('You');
	item.setAttribute('aria-label', l10n.t('{0}, {1}: {2}', who, statusLabel(bubble), bubble.body ?? ''));
	if (bubble.deleted) {
		item.append(text('p', 'body muted', l10n.t('(deleted at SignalWire)')));
	} else if (bubble.redacted && !bubble.body) {
		item.append(text('p', 'body muted', l10n.t('(body redacted)')));
	} else if (bubble.body) {
		item.append(text('p', 'body', bubble.body));
	}
	if (bubble.media.length > 0) {
		const media = document.createElement('div');
		media.className = 'media';
		for (const entry of bubble.media) {
			if (entry.image) {
				const image = document.createElement('img');
				image.src = entry.url;
				image.alt = l10n.t('Media: {0}', entry.url);
				image.loading = 'lazy';
				media.append(image);
			} else {
				const link = document.createElement('a');
				link.href = '#';
				link.textContent = entry.url;
				link.addEventListener('click', (event) => {
					event.preventDefault();
					extension.post({ type: 'openLink', url: entry.url });
				});
				media.append(link);
			}
		}
		item.append(media);
	} else if (bubble.numMedia > 0 && !bubble.deleted) {
		item.append(text('p', 'meta', l10n.t('{0} media (Show Media lists them)', bubble.numMedia)));
	}
	// The time on each bubble; the date once per day, on the separator above its first bubble.
	const clock: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
	const time = bubble.time ? new Date(bubble.time).toLocaleTimeString(undefined, clock) : '';
	const segments =
		bubble.segments === 1
			? l10n.t('1 segment')
			: bubble.segments > 1
				? l10n.t('{0} segments', bubble.segments)
				: '';
	const origin = bubble.origin === 'imported' ? l10n.t('imported') : '';
	const meta = text('p', 'meta', [statusLabel(bubble), time, segments, origin].filter(Boolean).join(' · '));
	if (bubble.time) {
		meta.title = new Date(bubble.time).toLocaleString();
	}
	item.append(meta);
	if (bubble.error) {
		item.append(text('p', 'error', bubble.error));
	}
	if (!bubble.deleted) {
		const actions = document.createElement('div');
		actions.className = 'bubble-actions';
		const buttons: Array<[string, 'copySid' | 'showMedia' | 'redact' | 'delete']> = [
			[l10n.t('Copy SID'), 'copySid'],
			...(bubble.numMedia > 0 || bubble.media.length > 0
				? ([[l10n.t('Show Media'), 'showMedia']] as Array<[string, 'showMedia']>)
				: []),
			[l10n.t('Redact Body...'), 'redact'],
			[l10n.t('Delete at SignalWire...'), 'delete'],
		];
		for (const [label, action] of buttons) {
			const button = document.createElement('button');
			button.type = 'button';
			button.className = 'link-button';
			button.textContent = label;
			button.addEventListener('click', () => extension.post({ type: 'action', action, sid: bubble.sid }));
			actions.append(button);
		}
		item.append(actions);
	}
	return item;
}

/** A day's separator: its date, once, above the first bubble of the day. */
function daySeparator(day: Date): HTMLLIElement {
	const item = document.createElement('li');
	item.className = 'day-separator';
	item.setAttribute('role', 'separator');
	const format: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' };
	item.textContent = day.toLocaleDateString(undefined, format);
	return item;
}

function withDaySeparators(bubbles: Bubble[]): HTMLLIElement[] {
	const items: HTMLLIElement[] = [];
	let lastDay = '';
	for (const bubble of bubbles) {
		const date = bubble.time ? new Date(bubble.time) : undefined;
		const day = date ? date.toDateString() : '';
		if (date && day !== lastDay) {
			items.push(daySeparator(date));
			lastDay = day;
		}
		items.push(renderBubble(bubble));
	}
	return items;
}

/** Whether the newest message is in view (the page scrolled to its end, give or take a line). */
function isAtBottom(): boolean {
	return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 40;
}

/** The newest message above the reply box (which sticks to the bottom, so it is always in view itself). */
function scrollToNewest(): void {
	window.scrollTo(0, document.documentElement.scrollHeight);
	newMessages.hidden = true;
}

function renderBubbles(bubbles: Bubble[], hidden: number, opening = false): void {
	const previous = state.newestSid;
	state.newestSid = bubbles.at(-1)?.sid;
	list.replaceChildren(...withDaySeparators(bubbles));
	hiddenNote.hidden = hidden === 0;
	hiddenNote.textContent = hidden > 0 ? l10n.t('{0} earlier messages are not shown.', hidden) : '';
	if (opening || state.following) {
		scrollToNewest();
	} else if (state.newestSid !== previous) {
		newMessages.hidden = false;
	}
}

window.addEventListener('scroll', () => {
	state.following = isAtBottom();
	if (state.following) {
		newMessages.hidden = true;
	}
});
// The page's height changes with its width (wrapping), images and the reply box: stay at the newest while following.
window.addEventListener('resize', () => state.following && scrollToNewest());
new ResizeObserver(() => state.following && scrollToNewest()).observe(list);
newMessages.addEventListener('click', () => {
	scrollToNewest();
	state.following = true;
});

function renderMedia(): void {
	mediaList.replaceChildren(
		...state.mediaUrls.map((url, index) => {
			const row = document.createElement('li');
			const input = document.createElement('input');
			input.type = 'text';
			input.value = url;
			input.placeholder = 'https://example.com/image.png';
			input.setAttribute('aria-label', l10n.t('Media URL {0}', index + 1));
			input.addEventListener('input', () => {
				state.mediaUrls[index] = input.value;
				changed();
			});
			const remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'button secondary';
			remove.textContent = l10n.t('Remove');
			remove.addEventListener('click', () => {
				state.mediaUrls.splice(index, 1);
				renderMedia();
				changed();
			});
			row.append(input, remove);
			return row;
		}),
	);
	attach.disabled = state.mediaUrls.length >= MAX_MEDIA_URLS;
}

/** Blank lines at the start or end of a reply: sent as typed, so the meter says so. */
function blankEdges(value: string): string | undefined {
	const starts = /^[ \t]*\r?\n/.test(value) && value.trim() !== '';
	const ends = /\r?\n[ \t]*$/.test(value) && value.trim() !== '';
	if (starts && ends) {
		return l10n.t('starts and ends with a blank line (sent as typed)');
	}
	if (starts) {
		return l10n.t('starts with a blank line (sent as typed)');
	}
	return ends ? l10n.t('ends with a blank line (sent as typed)') : undefined;
}

/** Validates the reply as the extension will, and updates the meter and Send. */
function check(): boolean {
	const urls = state.mediaUrls.filter((url) => url.trim() !== '');
	const validation = validateMessage({
		from: state.thread?.ownNumber ?? '',
		to: state.thread?.otherParty ?? '',
		body: body.value,
		mediaUrls: urls,
	});
	// An empty box is not an error to show (Send stays disabled); everything else is said at once.
	const empty = body.value === '' && urls.length === 0;
	const problems = validation.ok || empty ? [] : validation.problems;
	bodyError.textContent = problems
		.filter((p) => p.field === 'body')
		.map((p) => p.message)
		.join(' ');
	mediaError.textContent = problems
		.filter((p) => p.field === 'mediaUrls')
		.map((p) => p.message)
		.join(' ');
	const m = measureBody(body.value);
	meter.textContent = urls.length > 0 ? mmsMeterText(m.characters, urls.length) : describeMeasure(m);
	const blank = blankEdges(body.value);
	if (blank) {
		meter.textContent += ` · ${blank}`;
	}
	const ok = validation.ok && state.thread !== undefined;
	send.disabled = !ok || state.pendingRequest !== undefined;
	return ok;
}

function changed(): void {
	result.replaceChildren();
	check();
	extension.saveState({ body: body.value, mediaUrls: state.mediaUrls });
	extension.post({ type: 'draftChanged', body: body.value, mediaUrls: state.mediaUrls.slice(0, MAX_MEDIA_URLS + 8) });
}

function submit(): void {
	if (!check() || state.pendingRequest !== undefined) {
		return;
	}
	state.pendingRequest = `r${Date.now()}-${Math.random().toString(36).slice(2)}`;
	send.disabled = true;
	result.replaceChildren(text('p', 'hint', l10n.t('Sending…')));
	extension.post({
		type: 'send',
		requestId: state.pendingRequest,
		body: body.value,
		mediaUrls: state.mediaUrls.filter((url) => url.trim() !== ''),
	});
}

body.addEventListener('input', changed);
attach.addEventListener('click', () => {
	if (state.mediaUrls.length < MAX_MEDIA_URLS) {
		state.mediaUrls.push('');
		renderMedia();
		const inputs = mediaList.querySelectorAll('input');
		inputs[inputs.length - 1]?.focus();
		check();
	}
});
send.addEventListener('click', submit);
document.addEventListener('keydown', (event) => {
	if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
		event.preventDefault();
		submit();
	}
});

extension.onMessage((message) => {
	switch (message.type) {
		case 'init': {
			useTranslations(message.l10n);
			applyLabels();
			state.thread = message.thread;
			title.textContent = message.thread.otherParty;
			subtitle.textContent = l10n.t(
				'Conversation with your number {0} ({1})',
				message.thread.ownNumber,
				message.thread.space,
			);
			const saved = readSavedReply(extension.savedState());
			body.value = message.draft?.body || saved.body || '';
			state.mediaUrls =
				message.draft && message.draft.mediaUrls.length > 0 ? message.draft.mediaUrls : (saved.mediaUrls ?? []);
			renderMedia();
			renderBubbles(message.bubbles, message.hidden, true);
			state.pendingRequest = message.sending ? 'pending' : undefined;
			check();
			return;
		}
		case 'bubbles':
			renderBubbles(message.bubbles, message.hidden);
			return;
		case 'sendResult': {
			if (message.requestId !== state.pendingRequest) {
				return;
			}
			state.pendingRequest = undefined;
			if (message.ok) {
				body.value = '';
				state.mediaUrls = [];
				renderMedia();
				extension.saveState({ body: '', mediaUrls: [] });
				result.replaceChildren(
					text('p', 'hint', l10n.t('Sent (SID {0}); its status follows in the bubble.', message.sid)),
				);
			} else {
				const parts = [
					text('p', 'error', message.error.message || l10n.t("The reply's result could not be read.")),
				];
				if (message.error.hint) {
					parts.push(text('p', 'hint', message.error.hint));
				}
				const moreInfo = message.error.moreInfo;
				if (moreInfo) {
					const link = document.createElement('a');
					link.href = '#';
					link.textContent = l10n.t('More info');
					link.addEventListener('click', (event) => {
						event.preventDefault();
						extension.post({ type: 'openLink', url: moreInfo });
					});
					parts.push(link);
				}
				result.replaceChildren(...parts);
			}
			check();
			body.focus();
			return;
		}
	}
});

check();
body.focus();
extension.post({ type: 'ready' });
