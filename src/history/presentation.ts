/**
 * What the history shows about an entry: label, description, the fields of an expanded item and
 * the Markdown of its tooltip, with every piece of user or API text escaped. Pure: no `vscode`
 * (strings go through `@vscode/l10n`, configured from VS Code's bundle by src/features.ts).
 */
import * as l10n from '@vscode/l10n';
import { formFields } from '../core/messageForm';
import { ERROR_CODES_URL, explainErrorCode } from '../core/errorCodes';
import { isInbound } from '../core/conversations';
import { truncate } from '../core/format';
import { entryState, isMms, type EntryState, type HistoryEntry } from './entry';

/**
 * Text made inert for Markdown: every ASCII punctuation character is backslash-escaped (CommonMark
 * allows it for all of them), so no emphasis, link, image, autolink, HTML tag, entity, code span
 * or theme icon can come out of it; line breaks become spaces (one line, no block syntax).
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/\r\n|\r|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A message received by the Space (read from its log or found by polling), not sent. */
export function isReceived(entry: HistoryEntry): boolean {
	return entry.message !== undefined && isInbound(entry.message);
}

/** The other party (the tree item's label): the recipient of a send, the sender of a received message. */
export function entryLabel(entry: HistoryEntry): string {
	if (isReceived(entry)) {
		return entry.message?.from || entry.params.from || '?';
	}
	return entry.params.to || entry.message?.to || '?';
}

/** How the entry came and what SignalWire did to it: `imported`, `received`, `deleted at SignalWire`. */
export function entryMarks(entry: HistoryEntry): string[] {
	return [
		...(entry.testRun ? [l10n.t('test run')] : []),
		...(entry.origin === 'imported' ? [l10n.t('imported')] : []),
		...(isReceived(entry) ? [l10n.t('received')] : []),
		...(entry.deletedAt !== undefined ? [l10n.t('deleted at SignalWire')] : []),
	];
}

/** The marks, then a body snippet or what the message carries instead (the tree item's description). */
export function entryDescription(entry: HistoryEntry, max = 40): string {
	const marks = entryMarks(entry);
	return marks.length > 0 ? l10n.t('{0} · {1}', marks.join(' · '), bodySnippet(entry, max)) : bodySnippet(entry, max);
}

/**
 * A Messages view row's description: the direction and the status word first (a narrow sidebar
 * cuts the end, not them), then the marks and the body: `→ delivered · Hello`,
 * `← received · imported · Hi`. The direction arrows are the Conversations view's.
 */
export function entryRowDescription(entry: HistoryEntry, max = 40): string {
	const received = isReceived(entry);
	const marks = entryMarks(entry).filter((mark) => !(received && mark === l10n.t('received')));
	return [`${received ? '←' : '→'} ${statusText(entry)}`, ...marks, bodySnippet(entry, max)].join(' · ');
}

function bodySnippet(entry: HistoryEntry, max: number): string {
	if (entry.redactedAt !== undefined) {
		return l10n.t('(body redacted at SignalWire)');
	}
	const body = entry.params.body ?? '';
	if (body.trim()) {
		return truncate(body.trim(), max);
	}
	const media = entry.params.mediaUrls?.length ?? entry.message?.num_media ?? 0;
	return media > 0 ? l10n.t('({0} media)', media) : l10n.t('(no text)');
}

/** Where an entry that is not a send came from, in words. */
function originText(entry: HistoryEntry): string | undefined {
	if (entry.origin === 'imported') {
		return l10n.t("imported from the Space's message log");
	}
	return entry.origin === 'reply' ? l10n.t('a reply found by checking for replies') : undefined;
}

/** The status in words: `delivered`, `failed (30003)`, `API error 21211 (HTTP 422)`, `network error`. */
export function statusText(entry: HistoryEntry): string {
	if (entry.message) {
		return entry.message.error_code
			? `${entry.message.status} (${entry.message.error_code})`
			: entry.message.status;
	}
	const error = entry.error;
	if (!error) {
		return l10n.t('unknown');
	}
	if (error.kind === 'api') {
		const code = error.code !== undefined ? ` ${error.code}` : '';
		return error.httpStatus !== undefined
			? l10n.t('API error{0} (HTTP {1})', code, error.httpStatus)
			: l10n.t('API error{0}', code);
	}
	return l10n.t('{0} error', error.kind);
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
	const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
	return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
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
export function entryFields(entry: HistoryEntry): EntryField[] {
	const fields: EntryField[] = [];
	const add = (key: string, label: string, value: string | number | null | undefined, url?: string) => {
		if (value !== undefined && value !== null && String(value) !== '') {
			fields.push({ key, label, value: String(value), ...(url ? { url } : {}) });
		}
	};
	const { params, message, error } = entry;
	add('status', l10n.t('Status'), statusText(entry));
	const explained = errorExplanation(entry);
	if (explained) {
		add('errorCode', l10n.t('Error'), explained.text);
	}
	if (error) {
		add('errorMessage', l10n.t('API message'), error.message);
	} else if (message?.error_message) {
		add('errorMessage', l10n.t('Error message'), message.error_message);
	}
	if (explained) {
		add('moreInfo', l10n.t('More information'), explained.url, explained.url);
	}
	add('to', l10n.t('To'), params.to);
	add('from', l10n.t('From'), params.from ?? message?.from);
	add('messagingServiceSid', l10n.t('Number group'), params.messagingServiceSid);
	add('origin', l10n.t('Origin'), originText(entry));
	if (entry.deletedAt !== undefined) {
		add('deletedAt', l10n.t('Deleted at SignalWire'), formatTimestamp(entry.deletedAt));
	}
	add(
		'body',
		l10n.t('Body'),
		entry.redactedAt !== undefined
			? l10n.t('(redacted at SignalWire)')
			: params.body !== undefined
				? truncate(params.body, 200)
				: undefined,
	);
	(params.mediaUrls ?? []).forEach((url, index) => add(`media${index}`, l10n.t('Media {0}', index + 1), url));
	if (message) {
		add('segments', l10n.t('Segments'), message.num_segments);
		add(
			'price',
			l10n.t('Price'),
			message.price !== null ? `${message.price} ${message.price_unit ?? ''}`.trim() : undefined,
		);
		add('sid', l10n.t('SID'), message.sid);
	}
	add('type', l10n.t('Type'), isMms(entry) ? 'MMS' : 'SMS');
	add('space', l10n.t('Space'), entry.profile.spaceUrl);
	add('project', l10n.t('Project'), entry.profile.projectId);
	add('createdAt', isReceived(entry) ? l10n.t('Received at') : l10n.t('Sent at'), formatTimestamp(entry.createdAt));
	add('updatedAt', l10n.t('Updated at'), formatTimestamp(entry.updatedAt));
	if (entry.following) {
		add('following', l10n.t('Delivery status'), l10n.t('following...'));
	}
	return fields;
}

/**
 * The tooltip as Markdown: labels bold, every value escaped with {@link escapeMarkdown}; the only
 * link is SignalWire's error-code page. Render it with `isTrusted: false` and `supportHtml: false`.
 */
export function tooltipMarkdown(entry: HistoryEntry): string {
	const lines: string[] = [];
	const row = (label: string, value: string | number | null | undefined) => {
		if (value !== undefined && value !== null && String(value) !== '') {
			lines.push(`**${escapeMarkdown(label)}** ${escapeMarkdown(String(value))}`);
		}
	};
	const { params, message, error } = entry;
	if (entry.deletedAt !== undefined) {
		row(l10n.t('Deleted at SignalWire'), formatTimestamp(entry.deletedAt));
	}
	row(l10n.t('Origin'), originText(entry));
	row(l10n.t('From'), params.from ?? message?.from ?? params.messagingServiceSid);
	row(l10n.t('To'), params.to);
	row(l10n.t('Status'), statusText(entry));
	if (message) {
		row(l10n.t('Segments'), message.num_segments);
	}
	const media = params.mediaUrls?.length ?? message?.num_media ?? 0;
	if (media > 0) {
		row(l10n.t('Media'), media);
	}
	if (message && message.price !== null) {
		row(l10n.t('Price'), `${message.price} ${message.price_unit ?? ''}`.trim());
	}
	const explained = errorExplanation(entry);
	if (explained) {
		const more = `[${escapeMarkdown(l10n.t('More information'))}](${explained.url})`;
		lines.push(`**${escapeMarkdown(l10n.t('Error'))}** ${escapeMarkdown(explained.text)} ${more}`);
	}
	if (error) {
		row(l10n.t('API message'), error.message);
	} else if (message?.error_message) {
		row(l10n.t('Error message'), message.error_message);
	}
	if (message) {
		row(l10n.t('SID'), message.sid);
	}
	row(isReceived(entry) ? l10n.t('Received at') : l10n.t('Sent at'), formatTimestamp(entry.createdAt));
	const body = entry.redactedAt !== undefined ? l10n.t('(body redacted at SignalWire)') : params.body;
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
		form[name] =
			existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	const marks = {
		...(entry.origin ? { origin: entry.origin } : {}),
		...(entry.deletedAt !== undefined ? { deletedAtSignalWire: new Date(entry.deletedAt).toISOString() } : {}),
		...(entry.redactedAt !== undefined ? { redactedAtSignalWire: new Date(entry.redactedAt).toISOString() } : {}),
	};
	if (entry.origin) {
		// Read from the Space: there was no request from VS Code to show.
		return {
			id: entry.id,
			...marks,
			space: entry.profile.spaceUrl,
			projectId: entry.profile.projectId,
			message: entry.message ?? null,
		};
	}
	return {
		id: entry.id,
		...marks,
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
