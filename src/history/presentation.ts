/**
 * What the history shows about an entry: label, description, the fields of an expanded item and
 * the Markdown of its tooltip, with every piece of user or API text escaped. Pure: no `vscode`
 * (strings go through a translate function the caller passes, `vscode.l10n.t` in the extension).
 */
import { formFields } from '../core/curl';
import { ERROR_CODES_URL, explainErrorCode } from '../core/errorCodes';
import { truncate } from '../core/format';
import { entryState, isMms, type EntryState, type HistoryEntry } from './entry';

/** `vscode.l10n.t`'s shape: `{0}`-style placeholders. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Replaces `{0}`, `{1}`… (what `vscode.l10n.t` does without a translation). */
export const untranslated: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (match, index: string) => (index in args ? String(args[Number(index)]) : match));

/**
 * Text made inert for Markdown: every ASCII punctuation character is backslash-escaped (CommonMark
 * allows it for all of them), so no emphasis, link, image, autolink, HTML tag, entity, code span
 * or theme icon can come out of it; line breaks become spaces (one line, no block syntax).
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/\r\n|\r|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** The recipient (the tree item's label). */
export function entryLabel(entry: HistoryEntry): string {
	return entry.params.to || entry.message?.to || '?';
}

/** A body snippet, or what the message carries instead (the tree item's description). */
export function entryDescription(entry: HistoryEntry, t: Translate = untranslated, max = 40): string {
	const body = entry.params.body ?? '';
	if (body.trim()) {
		return truncate(body.trim(), max);
	}
	const media = entry.params.mediaUrls?.length ?? entry.message?.num_media ?? 0;
	return media > 0 ? t('({0} media)', media) : t('(no text)');
}

/** The status in words: `delivered`, `failed (30003)`, `API error 21211 (HTTP 422)`, `network error`. */
export function statusText(entry: HistoryEntry, t: Translate = untranslated): string {
	if (entry.message) {
		return entry.message.error_code ? `${entry.message.status} (${entry.message.error_code})` : entry.message.status;
	}
	const error = entry.error;
	if (!error) {
		return t('unknown');
	}
	if (error.kind === 'api') {
		const code = error.code !== undefined ? ` ${error.code}` : '';
		return error.httpStatus !== undefined ? t('API error{0} (HTTP {1})', code, error.httpStatus) : t('API error{0}', code);
	}
	return t('{0} error', error.kind);
}

/** The error code of an entry: the message's `error_code`, or the API error's code. */
export function errorCodeOf(entry: HistoryEntry): string | undefined {
	if (entry.message?.error_code) {
		return entry.message.error_code;
	}
	return entry.error?.code !== undefined ? String(entry.error.code) : undefined;
}

/** `30003 Handset unreachable: The phone … Try …`, or undefined when there is no code. */
export function errorExplanation(entry: HistoryEntry): { code: string; text: string; url: string } | undefined {
	const code = errorCodeOf(entry);
	if (!code) {
		return undefined;
	}
	const explained = explainErrorCode(code);
	if (!explained) {
		return { code, text: code, url: ERROR_CODES_URL };
	}
	const action = explained.action ? ` ${explained.action}` : '';
	return { code, text: `${code} ${explained.title}: ${explained.explanation}${action}`, url: explained.moreInfoUrl };
}

/** `2025-01-06 12:00:05` in local time (stable, locale-independent). */
export function formatTimestamp(timestamp: number): string {
	const d = new Date(timestamp);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** One row of an expanded item. `url` makes it a link. */
export interface EntryField {
	/** Stable key (for tree ids). */
	key: string;
	label: string;
	value: string;
	url?: string;
}

/** The rows shown under an expanded item, in reading order. Empty values are left out. */
export function entryFields(entry: HistoryEntry, t: Translate = untranslated): EntryField[] {
	const fields: EntryField[] = [];
	const add = (key: string, label: string, value: string | number | null | undefined, url?: string) => {
		if (value !== undefined && value !== null && String(value) !== '') {
			fields.push({ key, label, value: String(value), ...(url ? { url } : {}) });
		}
	};
	const { params, message, error } = entry;
	add('status', t('Status'), statusText(entry, t));
	const explained = errorExplanation(entry);
	if (explained) {
		add('errorCode', t('Error'), explained.text);
	}
	if (error) {
		add('errorMessage', t('API message'), error.message);
	} else if (message?.error_message) {
		add('errorMessage', t('Error message'), message.error_message);
	}
	if (explained) {
		add('moreInfo', t('More information'), explained.url, explained.url);
	}
	add('to', t('To'), params.to);
	add('from', t('From'), params.from ?? message?.from);
	add('messagingServiceSid', t('Number group'), params.messagingServiceSid);
	add('body', t('Body'), params.body !== undefined ? truncate(params.body, 200) : undefined);
	(params.mediaUrls ?? []).forEach((url, index) => add(`media${index}`, t('Media {0}', index + 1), url));
	if (message) {
		add('segments', t('Segments'), message.num_segments);
		add('price', t('Price'), message.price !== null ? `${message.price} ${message.price_unit ?? ''}`.trim() : undefined);
		add('sid', t('SID'), message.sid);
	}
	add('type', t('Type'), isMms(entry) ? 'MMS' : 'SMS');
	add('space', t('Space'), entry.profile.spaceUrl);
	add('project', t('Project'), entry.profile.projectId);
	add('createdAt', t('Sent at'), formatTimestamp(entry.createdAt));
	add('updatedAt', t('Updated at'), formatTimestamp(entry.updatedAt));
	if (entry.following) {
		add('following', t('Delivery status'), t('following...'));
	}
	return fields;
}

/**
 * The tooltip as Markdown: labels bold, every value escaped with {@link escapeMarkdown}; the only
 * link is SignalWire's error-code page. Render it with `isTrusted: false` and `supportHtml: false`.
 */
export function tooltipMarkdown(entry: HistoryEntry, t: Translate = untranslated): string {
	const lines: string[] = [];
	const row = (label: string, value: string | number | null | undefined) => {
		if (value !== undefined && value !== null && String(value) !== '') {
			lines.push(`**${escapeMarkdown(label)}** ${escapeMarkdown(String(value))}`);
		}
	};
	const { params, message, error } = entry;
	row(t('From'), params.from ?? message?.from ?? params.messagingServiceSid);
	row(t('To'), params.to);
	row(t('Status'), statusText(entry, t));
	if (message) {
		row(t('Segments'), message.num_segments);
	}
	const media = params.mediaUrls?.length ?? message?.num_media ?? 0;
	if (media > 0) {
		row(t('Media'), media);
	}
	if (message && message.price !== null) {
		row(t('Price'), `${message.price} ${message.price_unit ?? ''}`.trim());
	}
	const explained = errorExplanation(entry);
	if (explained) {
		lines.push(`**${escapeMarkdown(t('Error'))}** ${escapeMarkdown(explained.text)} [${escapeMarkdown(t('More information'))}](${explained.url})`);
	}
	if (error) {
		row(t('API message'), error.message);
	} else if (message?.error_message) {
		row(t('Error message'), message.error_message);
	}
	if (message) {
		row(t('SID'), message.sid);
	}
	row(t('Sent at'), formatTimestamp(entry.createdAt));
	const body = params.body;
	const text = lines.join('  \n');
	return body ? `${text}\n\n---\n\n${escapeMarkdown(truncate(body, 300))}` : text;
}

/**
 * The full request and response of an entry, for "Open as JSON": the request as sent (URL, form
 * fields, never the token), the Message as last fetched or the error.
 */
export function entryDocument(entry: HistoryEntry): Record<string, unknown> {
	const form: Record<string, string | string[]> = {};
	for (const [name, value] of formFields(entry.params)) {
		const existing = form[name];
		form[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return {
		id: entry.id,
		sentAt: new Date(entry.createdAt).toISOString(),
		updatedAt: new Date(entry.updatedAt).toISOString(),
		space: entry.profile.spaceUrl,
		projectId: entry.profile.projectId,
		request: {
			method: 'POST',
			url: `${entry.profile.spaceUrl}/api/laml/2010-04-01/Accounts/${entry.profile.projectId}/Messages`,
			contentType: 'application/x-www-form-urlencoded',
			form,
		},
		response: entry.message ?? null,
		error: entry.error ?? null,
		...(entry.following ? { following: true } : {}),
	};
}

/** The codicon and theme colour of each state. */
export const STATE_ICONS: Readonly<Record<EntryState, { icon: string; color: string }>> = {
	queued: { icon: 'clock', color: 'charts.yellow' },
	sending: { icon: 'sync', color: 'charts.yellow' },
	sent: { icon: 'check', color: 'charts.blue' },
	delivered: { icon: 'pass-filled', color: 'charts.green' },
	undelivered: { icon: 'warning', color: 'charts.orange' },
	failed: { icon: 'error', color: 'errorForeground' },
	error: { icon: 'circle-slash', color: 'errorForeground' },
	unknown: { icon: 'question', color: 'descriptionForeground' },
};

export { entryState };
