/**
 * What each step of "SignalWire: Send Message..." shows and accepts: the items of its pickers, the
 * checks of its input boxes, the confirmation summary. No `vscode` import (texts go through
 * `@vscode/l10n`); the steps themselves are in ./sendPrompts.ts. Each check uses the per-field
 * entry points of core/validation.ts: a step checks only what it asks.
 */
import * as l10n from '@vscode/l10n';
import type { MessageDraft } from '../core/draft';
import { normalizePhoneNumber } from '../core/phone';
import { describeMeasure, measureBody } from '../core/segments';
import { MAX_BODY_CHARACTERS, MAX_MEDIA_URLS, type IncomingPhoneNumber } from '../core/types';
import { checkBody, checkFrom, checkMediaUrls, checkMessagingServiceSid, checkTo } from '../core/validation';

/** The shape of a quick-pick item (structurally a `vscode.QuickPickItem`), with what choosing it means. */
export interface Choice<T extends string> {
	choice: T;
	/** The value chosen (a phone number), when the item stands for one. */
	value?: string;
	label: string;
	description?: string;
	detail?: string;
	alwaysShow?: boolean;
}

/** A message for an input box: `error` blocks accepting, `info` does not. */
export interface StepMessage {
	message: string;
	severity: 'error' | 'info';
}

export function sendTitle(): string {
	return l10n.t('SignalWire: Send Message');
}

// ---- Step 1: From ------------------------------------------------------------------------------

export type FromChoice = Choice<'number' | 'other' | 'group' | 'error'>;

/**
 * The From picker: the Space's numbers (recently used first, with their capabilities and whether
 * their inbound SMS are routed to the webhook listener, `routed`), recent
 * senders not among them, a warning when the lookup failed, then "Enter another number..." and
 * "Use a number group...".
 */
export function fromItems(
	numbers: readonly IncomingPhoneNumber[],
	recent: readonly string[],
	lookupError?: string,
	routed: readonly string[] = [],
): FromChoice[] {
	const items: FromChoice[] = [];
	const ordered = [...numbers].sort((a, b) => rank(recent, a.phone_number) - rank(recent, b.phone_number));
	for (const n of ordered) {
		items.push({
			choice: 'number',
			value: n.phone_number,
			label: n.phone_number,
			description: [
				n.friendly_name !== n.phone_number ? n.friendly_name : '',
				n.capabilities.mms ? l10n.t('SMS · MMS') : l10n.t('SMS only'),
				recent.includes(n.phone_number) ? l10n.t('recently used') : '',
				routed.includes(n.phone_number) ? l10n.t('inbound SMS routed to the webhook listener') : '',
			]
				.filter(Boolean)
				.join(' · '),
		});
	}
	for (const r of recent.filter((r) => !numbers.some((n) => n.phone_number === r))) {
		items.push({ choice: 'number', value: r, label: r, description: l10n.t('recently used') });
	}
	if (lookupError) {
		items.push({
			choice: 'error',
			label: `$(warning) ${l10n.t('Could not load your numbers')}`,
			detail: lookupError,
		});
	}
	items.push({ choice: 'other', label: `$(edit) ${l10n.t('Enter another number...')}` });
	items.push({ choice: 'group', label: `$(organization) ${l10n.t('Use a number group (MessagingServiceSid)...')}` });
	return items;
}

/** "Enter another number...": required, read in the national format of `country`, then E.164. */
export function senderProblem(text: string, country: string): string | undefined {
	if (!text.trim()) {
		return l10n.t('From is required.');
	}
	const normalized = normalizePhoneNumber(text, country);
	if (!normalized.ok) {
		return l10n.t('From: {0}', normalized.message);
	}
	return checkFrom(normalized.e164).problems[0]?.message;
}

/** "Use a number group...": required, a UUID. */
export function groupProblem(text: string): string | undefined {
	if (!text.trim()) {
		return l10n.t('MessagingServiceSid is required: the number group ID, a UUID.');
	}
	return checkMessagingServiceSid(text).problems[0]?.message;
}

/** What a typed number becomes: E.164 when it can be read, or the text as typed. */
export function normalizeOrKeep(value: string, country: string): string {
	const normalized = normalizePhoneNumber(value, country);
	return normalized.ok ? normalized.e164 : value.trim();
}

// ---- Step 2: To ---------------------------------------------------------------------------------

export type ToChoice = Choice<'recent' | 'typed' | 'invalid'>;

export function recipientItems(recents: readonly string[]): ToChoice[] {
	return recents.map((r) => ({ choice: 'recent', value: r, label: r, description: l10n.t('recent recipient') }));
}

/** The item for what is typed in the To picker: the E.164 it becomes, or why it cannot be used. */
export function typedRecipientItem(value: string, country: string): ToChoice | undefined {
	if (!value.trim()) {
		return undefined;
	}
	const normalized = normalizePhoneNumber(value, country);
	if (!normalized.ok) {
		return {
			choice: 'invalid',
			label: `$(error) ${value}`,
			detail: l10n.t('To: {0}', normalized.message),
			alwaysShow: true,
		};
	}
	const problem = checkTo(normalized.e164).problems[0]?.message;
	if (problem) {
		return { choice: 'invalid', label: `$(error) ${value}`, detail: problem, alwaysShow: true };
	}
	return {
		choice: 'typed',
		value: normalized.e164,
		label: `$(arrow-right) ${normalized.e164}`,
		description: normalized.e164 !== value.trim() ? l10n.t('from "{0}"', value.trim()) : '',
		alwaysShow: true,
	};
}

export function recipientPlaceholder(country: string): string {
	return l10n.t('Send to which number? Type it (E.164, or national format for {0})', country);
}

// ---- Step 3: Body -------------------------------------------------------------------------------

/**
 * The Body input's message: a problem (too long) blocks; otherwise the segment meter, or a note
 * that media will be needed. An empty Body is allowed here: the media step asks for media then.
 */
export function bodyMessage(text: string): StepMessage {
	const problem = checkBody(text, { required: false }).problems[0]?.message;
	if (problem) {
		return { message: problem, severity: 'error' };
	}
	if (!text) {
		return { message: l10n.t('No text: you will need to attach media.'), severity: 'info' };
	}
	return {
		message: l10n.t('{0} · limit {1}', describeMeasure(measureBody(text)), MAX_BODY_CHARACTERS),
		severity: 'info',
	};
}

// ---- Step 4: Media ------------------------------------------------------------------------------

export type MediaChoice = Choice<'none' | 'attach' | 'keep'>;

export function mediaItems(draft: MessageDraft): MediaChoice[] {
	const count = draft.mediaUrls?.filter((u) => u.trim()).length ?? 0;
	const items: MediaChoice[] = [];
	if (count > 0) {
		items.push({
			choice: 'keep',
			label: `$(check) ${count === 1 ? l10n.t('Keep 1 media URL') : l10n.t('Keep {0} media URLs', count)}`,
			...(draft.mediaUrls ? { detail: draft.mediaUrls.join(', ') } : {}),
		});
	}
	if (draft.body) {
		items.push({
			choice: 'none',
			label: `$(circle-slash) ${l10n.t('No media')}`,
			description: l10n.t('send an SMS'),
		});
	}
	items.push({
		choice: 'attach',
		label: `$(file-media) ${l10n.t('Attach media URLs...')}`,
		description: l10n.t('up to {0}, sent as MMS', MAX_MEDIA_URLS),
	});
	return items;
}

export function mediaPlaceholder(draft: MessageDraft): string {
	return draft.body ? l10n.t('Attach media?') : l10n.t('A message without text needs at least one media URL');
}

export function mediaPrompt(): string {
	return l10n.t('Up to {0} media URLs (http or https), separated by commas', MAX_MEDIA_URLS);
}

/** The media URLs input: at least one when the message has no text, each a valid http(s) URL. */
export function mediaProblem(text: string, hasBody: boolean): string | undefined {
	const urls = splitUrls(text);
	if (urls.length === 0 && !hasBody) {
		return l10n.t('Enter at least one media URL: the message has no text.');
	}
	return checkMediaUrls(urls).problems[0]?.message;
}

export function splitUrls(text: string): string[] {
	return text
		.split(/[,\s]+/)
		.map((u) => u.trim())
		.filter(Boolean);
}

// ---- Step 5: Confirm ----------------------------------------------------------------------------

/** `+15550100100 → +15550100199` (or `group <sid> → …`), and one line of what is sent. */
export function confirmSummary(draft: MessageDraft): { summary: string; detail: string } {
	const body = draft.body ?? '';
	const media = draft.mediaUrls?.length ?? 0;
	const sender = draft.from ?? l10n.t('group {0}', draft.messagingServiceSid ?? '');
	const summary = `${sender} → ${draft.to ?? ''}`;
	let kind: string;
	if (media > 0) {
		kind = l10n.t('MMS · {0} media', media);
	} else {
		const measure = measureBody(body);
		kind =
			measure.segments === 1
				? l10n.t('1 segment · {0}', measure.encoding)
				: l10n.t('{0} segments · {1}', measure.segments, measure.encoding);
	}
	const text = body ? `"${body.length > 60 ? body.slice(0, 60) + '…' : body}"` : l10n.t('no text');
	return { summary, detail: [kind, text].join(' · ') };
}

export function confirmPlaceholder(summary: string): string {
	return l10n.t('Send {0}?', summary);
}

function rank(recent: readonly string[], number: string): number {
	const index = recent.indexOf(number);
	return index < 0 ? recent.length : index;
}
