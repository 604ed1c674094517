/**
 * Small formatting helpers for the tree, notifications and logs. Pure: no `vscode`, no Node-only
 * APIs. English and locale-independent (tests and screenshots are stable) unless the extension
 * has configured `@vscode/l10n` with a translated bundle (src/features.ts).
 */
import * as l10n from '@vscode/l10n';
import type { Message } from './types';
import { maskSecrets } from './secrets';

/** Day and month abbreviations, looked up when a date is formatted (so they follow the bundle). */
const WEEKDAYS = [
	() => l10n.t('Sun'),
	() => l10n.t('Mon'),
	() => l10n.t('Tue'),
	() => l10n.t('Wed'),
	() => l10n.t('Thu'),
	() => l10n.t('Fri'),
	() => l10n.t('Sat'),
] as const;
const MONTHS = [
	() => l10n.t('Jan'),
	() => l10n.t('Feb'),
	() => l10n.t('Mar'),
	() => l10n.t('Apr'),
	() => l10n.t('May'),
	() => l10n.t('Jun'),
	() => l10n.t('Jul'),
	() => l10n.t('Aug'),
	() => l10n.t('Sep'),
	() => l10n.t('Oct'),
	() => l10n.t('Nov'),
	() => l10n.t('Dec'),
] as const;

/**
 * One line: `queued · +15551234567 → +15557654321 · 2 segments · 1 media · SID 0a059168…`.
 * A failed or undelivered message shows its code: `failed (30003)`. Media is left out when none.
 */
export function formatMessageSummary(message: Message): string {
	const status = message.error_code ? `${message.status} (${message.error_code})` : message.status;
	const parts = [status, `${message.from || '?'} → ${message.to || '?'}`, segmentCount(message.num_segments ?? 0)];
	if (message.num_media > 0) {
		parts.push(l10n.t('{0} media', message.num_media));
	}
	if (message.sid) {
		parts.push(l10n.t('SID {0}', shortSid(message.sid)));
	}
	return parts.join(' · ');
}

/** The first block of a UUID SID and an ellipsis (`0a059168…`); short SIDs as they are. */
export function shortSid(sid: string): string {
	return sid.length > 9 ? `${sid.slice(0, 8)}…` : sid;
}

/**
 * A heading for grouping by local calendar day: `Today`, `Yesterday`, or e.g. `Tue, 24 Nov 2026`
 * (also for future dates).
 */
export function formatRelativeDay(date: Date, now: Date): string {
	const day = startOfLocalDay(date);
	const today = startOfLocalDay(now);
	const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
	if (day.getTime() === today.getTime()) {
		return l10n.t('Today');
	}
	if (day.getTime() === yesterday.getTime()) {
		return l10n.t('Yesterday');
	}
	return l10n.t({
		message: '{0}, {1} {2} {3}',
		args: [WEEKDAYS[date.getDay()](), date.getDate(), MONTHS[date.getMonth()](), date.getFullYear()],
		comment: ['A day heading: weekday, day of the month, month, year, e.g. "Tue, 24 Nov 2026".'],
	});
}

/**
 * One line of at most `max` characters (code points): line breaks and the spaces around them
 * become one space, and a cut ends with `…` (counted in `max`).
 */
export function truncate(text: string, max: number): string {
	const oneLine = text.replace(/[ \t]*(?:\r\n|\r|\n)+[ \t]*/g, ' ');
	const chars = [...oneLine];
	if (chars.length <= max) {
		return oneLine;
	}
	if (max <= 0) {
		return '';
	}
	return `${chars
		.slice(0, max - 1)
		.join('')
		.trimEnd()}…`;
}

/**
 * Replaces every occurrence of the token (and of its URL-encoded form) with `***`. Defence in
 * depth for logs: the token should never get there. An empty token changes nothing.
 */
export function maskToken(text: string, token: string): string {
	if (!token) {
		return text;
	}
	const encoded = encodeURIComponent(token);
	return maskSecrets(text, encoded === token ? [token] : [token, encoded]);
}

/** `850 ms`, `1.2 s`, `42 s`, `2 min 5 s`, `1 h 3 min`. Negative or non-finite → `0 ms`. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) {
		return l10n.t('{0} ms', 0);
	}
	if (ms < 999.5) {
		return l10n.t('{0} ms', Math.round(ms));
	}
	if (ms < 10_000) {
		const seconds = Math.round(ms / 100) / 10;
		return l10n.t('{0} s', seconds.toFixed(1).replace(/\.0$/, ''));
	}
	const totalSeconds = Math.floor(ms / 1000);
	if (totalSeconds < 60) {
		return l10n.t('{0} s', totalSeconds);
	}
	const totalMinutes = Math.floor(totalSeconds / 60);
	if (totalMinutes < 60) {
		const seconds = totalSeconds % 60;
		return seconds ? l10n.t('{0} min {1} s', totalMinutes, seconds) : l10n.t('{0} min', totalMinutes);
	}
	const hours = Math.floor(totalMinutes / 60);
	const minutes = totalMinutes % 60;
	return minutes ? l10n.t('{0} h {1} min', hours, minutes) : l10n.t('{0} h', hours);
}

function segmentCount(n: number): string {
	return n === 1 ? l10n.t('{0} segment', n) : l10n.t('{0} segments', n);
}

function startOfLocalDay(date: Date): Date {
	return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}
