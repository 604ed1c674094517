/**
 * The `DateSent`, `DateSent<` and `DateSent>` filters of the message list (docs/api-notes.md,
 * "Listing and paging"). Each takes a date (`2018-08-13`, a UTC day) or an ISO 8601 date-time
 * (`2018-08-13T00:00:00Z`, the form the official SDK sends). In a query string `DateSent<=X` is
 * the name `DateSent<` with the value `X`, so both bounds include their value:
 *   DateSent=D    sent on the UTC day of D (the time part of a date-time is ignored)
 *   DateSent<D    sent on day D or before; DateSent<T  sent at instant T or before
 *   DateSent>D    sent on day D or after;  DateSent>T  sent at instant T or after
 * A message not sent yet (no `date_sent`) is compared by its `date_created`.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An instant range [from, to] in epoch ms (either end open). */
export interface SentRange {
	from: number;
	to: number;
}

export interface DateFilterError {
	status: number;
	code: number;
	message: string;
}

interface Parsed {
	/** Start of the value's UTC day. */
	dayStart: number;
	/** The exact instant for a date-time, else undefined. */
	instant?: number;
}

function parse(value: string): Parsed | undefined {
	const date = DATE_ONLY.exec(value);
	if (date) {
		const dayStart = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
		const check = new Date(dayStart);
		return check.getUTCDate() === Number(date[3]) && check.getUTCMonth() === Number(date[2]) - 1 ? { dayStart } : undefined;
	}
	if (DATE_TIME.test(value)) {
		const instant = Date.parse(value);
		if (Number.isNaN(instant)) {
			return undefined;
		}
		return { dayStart: Math.floor(instant / DAY_MS) * DAY_MS, instant };
	}
	return undefined;
}

/** Reads the three filters into one inclusive range, or an error naming the bad parameter. */
export function readSentRange(query: URLSearchParams): SentRange | DateFilterError | undefined {
	let range: SentRange | undefined;
	const narrow = (from: number, to: number): void => {
		range = { from: Math.max(range?.from ?? -Infinity, from), to: Math.min(range?.to ?? Infinity, to) };
	};
	for (const name of ['DateSent', 'DateSent<', 'DateSent>']) {
		const value = query.get(name);
		if (value === null || value === '') {
			continue;
		}
		const parsed = parse(value);
		if (!parsed) {
			return { status: 400, code: 10000, message: `The argument ${name} ${value} is invalid: use a date (YYYY-MM-DD) or an ISO 8601 date-time.` };
		}
		if (name === 'DateSent') {
			narrow(parsed.dayStart, parsed.dayStart + DAY_MS - 1);
		} else if (name === 'DateSent<') {
			narrow(-Infinity, parsed.instant ?? parsed.dayStart + DAY_MS - 1);
		} else {
			narrow(parsed.instant ?? parsed.dayStart, Infinity);
		}
	}
	return range;
}

export function isDateFilterError(value: unknown): value is DateFilterError {
	return typeof value === 'object' && value !== null && 'code' in value;
}

/** Whether a message's sent time (RFC 2822, second precision) is in the range. */
export function sentWithin(dateSent: string | null, dateCreated: string, range: SentRange): boolean {
	const at = Date.parse(dateSent ?? dateCreated);
	return at >= range.from && at <= range.to;
}
