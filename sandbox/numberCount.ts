/**
 * A Space with many phone numbers, for tests of what the extension does with them (the compose
 * form's From suggestions): `POST /__sandbox/numbers {"count": 2500}` gives the project `count`
 * numbers, the fixed SANDBOX_NUMBERS first, then generated ones (+15552000000, +15552000001…,
 * SMS and MMS). `POST /__sandbox/reset` (or `{"count": null}`) puts the fixed numbers back.
 */
import { ControlInputError } from './control';
import { SANDBOX_NUMBERS, type NumberBook, type SandboxNumber } from './numbers';

/** The most numbers a project can be given (more than the extension lists: 20 pages of 400). */
export const MAX_NUMBER_COUNT = 10_000;

function generatedNumber(index: number): SandboxNumber {
	const local = String(index).padStart(4, '0');
	return Object.freeze({
		sid: `0e8a1b52-7d1c-4c55-9a0e-${(0x200000000000 + index).toString(16)}`,
		phoneNumber: `+1555200${local}`,
		friendlyName: `(555) 200-${local}`,
		capabilities: Object.freeze({ voice: false, sms: true, mms: true, fax: false }),
	});
}

/**
 * Gives the book's project `count` numbers (`{"count": n}`; `null` = the fixed ones); below the
 * fixed numbers' count, the first `count` fixed ones. Throws ControlInputError for a bad count.
 */
export function setNumberCount(book: NumberBook, input: unknown): { count: number } {
	const count = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>).count : undefined;
	if (count === null) {
		book.replaceNumbers(SANDBOX_NUMBERS);
		return { count: SANDBOX_NUMBERS.length };
	}
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_NUMBER_COUNT) {
		throw new ControlInputError(`count: needs a whole number from 0 to ${MAX_NUMBER_COUNT} (or null for the fixed numbers)`);
	}
	const extra = Array.from({ length: Math.max(0, count - SANDBOX_NUMBERS.length) }, (_, i) => generatedNumber(i));
	book.replaceNumbers([...SANDBOX_NUMBERS.slice(0, count), ...extra]);
	return { count };
}
