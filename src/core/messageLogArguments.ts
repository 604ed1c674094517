/**
 * The arguments of an import from the Space's message log (`signalwire.importFromSpace` and its
 * prompts): a date range and optional From, To, Status and direction, checked before any request.
 * The list's `DateSent<` is exclusive, so an inclusive `until` becomes the next day
 * (docs/api-notes.md, "Listing and paging"). Pure: no `vscode`.
 */
import * as l10n from '@vscode/l10n';
import type { MessageStatus } from './types';

export type MessageDirectionFilter = 'inbound' | 'outbound';

export interface ImportArguments {
	/** `YYYY-MM-DD`, inclusive. */
	since: string;
	/** `YYYY-MM-DD`, inclusive. Default: no upper bound. */
	until?: string;
	from?: string;
	to?: string;
	status?: string;
	direction?: MessageDirectionFilter;
}

/** What the list request gets, and what is filtered locally (the API has no direction filter). */
export interface ImportQuery {
	dateSentAfter: string;
	dateSentBefore?: string;
	from?: string;
	to?: string;
	status?: string;
	direction?: MessageDirectionFilter;
}

export type ImportArgumentsResult = { ok: true; query: ImportQuery } | { ok: false; problems: string[] };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const STATUSES: readonly MessageStatus[] = [
	'queued',
	'initiated',
	'sending',
	'sent',
	'delivered',
	'undelivered',
	'failed',
	'receiving',
	'received',
	'accepted',
	'scheduled',
	'canceled',
];
const KNOWN_KEYS = new Set(['since', 'until', 'from', 'to', 'status', 'direction']);

/** A real calendar day `YYYY-MM-DD` as UTC midnight (ms), or undefined. */
export function parseDay(value: string): number | undefined {
	const match = DAY.exec(value);
	if (!match) {
		return undefined;
	}
	const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return new Date(time).toISOString().slice(0, 10) === value ? time : undefined;
}

function day(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/** Checks an argument object (untrusted: from another extension or a task) and builds the query. */
export function checkImportArguments(value: unknown): ImportArgumentsResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {
			ok: false,
			problems: [l10n.t('The argument must be an object like {0}.', '{ "since": "2026-01-31" }')],
		};
	}
	const record = value as Record<string, unknown>;
	const problems: string[] = [];
	for (const key of Object.keys(record)) {
		if (!KNOWN_KEYS.has(key)) {
			problems.push(l10n.t('Unknown field "{0}": use since, until, from, to, status or direction.', key));
		}
	}
	const text = (key: string): string | undefined => {
		const field = record[key];
		if (field === undefined || field === null || field === '') {
			return undefined;
		}
		if (typeof field !== 'string') {
			problems.push(l10n.t('{0} must be a string.', key));
			return undefined;
		}
		return field.trim();
	};
	const since = text('since');
	const until = text('until');
	const from = text('from');
	const to = text('to');
	const status = text('status');
	const direction = text('direction');
	const sinceTime = since === undefined ? undefined : parseDay(since);
	if (since === undefined) {
		problems.push(l10n.t('since is required: a date YYYY-MM-DD (UTC).'));
	} else if (sinceTime === undefined) {
		problems.push(l10n.t('since must be a date YYYY-MM-DD (UTC), e.g. 2026-01-31; got "{0}".', since));
	}
	const untilTime = until === undefined ? undefined : parseDay(until);
	if (until !== undefined && untilTime === undefined) {
		problems.push(l10n.t('until must be a date YYYY-MM-DD (UTC), e.g. 2026-01-31; got "{0}".', until));
	}
	if (sinceTime !== undefined && untilTime !== undefined && untilTime < sinceTime) {
		problems.push(l10n.t('until ({0}) must not be before since ({1}).', until ?? '', since ?? ''));
	}
	for (const [name, number] of [
		['from', from],
		['to', to],
	] as const) {
		if (number !== undefined && !E164.test(number)) {
			problems.push(l10n.t('{0} must be an E.164 number like +15551234567; got "{1}".', name, number));
		}
	}
	if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
		problems.push(l10n.t('status must be one of {0}; got "{1}".', STATUSES.join(', '), status));
	}
	if (direction !== undefined && direction !== 'inbound' && direction !== 'outbound') {
		problems.push(l10n.t('direction must be "inbound" or "outbound"; got "{0}".', direction));
	}
	if (problems.length > 0 || sinceTime === undefined) {
		return { ok: false, problems };
	}
	return {
		ok: true,
		query: {
			dateSentAfter: day(sinceTime),
			...(untilTime !== undefined ? { dateSentBefore: day(untilTime + 86_400_000) } : {}),
			...(from ? { from } : {}),
			...(to ? { to } : {}),
			...(status ? { status } : {}),
			...(direction === 'inbound' || direction === 'outbound' ? { direction } : {}),
		},
	};
}

/** Whether a message's direction matches the filter (`outbound-api`, `outbound-reply`… are outbound). */
export function matchesDirection(direction: string, filter: MessageDirectionFilter | undefined): boolean {
	if (!filter) {
		return true;
	}
	return filter === 'inbound' ? direction === 'inbound' : direction.startsWith('outbound');
}

/**
 * A date range as typed in the import prompt: `YYYY-MM-DD..YYYY-MM-DD` (or one day). Returns the
 * inclusive bounds, or a message naming the rule.
 */
export function parseDateRange(input: string): { since: string; until: string } | { problem: string } {
	const [first, second, ...rest] = input
		.trim()
		.split('..')
		.map((part) => part.trim());
	const since = first ?? '';
	const until = second ?? since;
	if (rest.length > 0 || parseDay(since) === undefined || parseDay(until) === undefined) {
		return { problem: l10n.t('Type a range YYYY-MM-DD..YYYY-MM-DD (UTC), e.g. 2026-01-01..2026-01-31.') };
	}
	if ((parseDay(until) ?? 0) < (parseDay(since) ?? 0)) {
		return { problem: l10n.t('The range ends before it starts.') };
	}
	return { since, until };
}

/** The quick ranges of the import prompt, relative to `now`: today, the last 7 and 30 days (UTC). */
export function quickRange(days: 1 | 7 | 30, now: number): { since: string; until: string } {
	return { since: day(now - (days - 1) * 86_400_000), until: day(now) };
}

/** Thrown (before any request) for a bad import argument; `problems` names each field and rule. */
export class ImportArgumentError extends Error {
	readonly kind = 'validation';
	constructor(readonly problems: readonly string[]) {
		super(l10n.t('Nothing was imported: {0}', problems.join(' ')));
		this.name = 'ImportArgumentError';
	}
}
