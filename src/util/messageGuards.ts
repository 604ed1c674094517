/**
 * The one set of guards both webview protocols use (the compose form's, src/compose/protocol.ts,
 * and a conversation panel's, src/replies/protocol.ts), both ways: plain-object and own-key reads
 * that never follow a polluted prototype; request ids, links and text lists as the extension
 * checks them; the tolerant reads of the webviews that cut an over-long text with "…" and say
 * which part they cut (never its value); and the one l10n reader of an `init`.
 * Pure: no `vscode`, no DOM (bundled into both webview scripts).
 */

/** Longest text any message field carries (a Body is at most 1,600 characters; this is lenient). */
export const MAX_TEXT_LENGTH = 20_000;

export type Plain = Record<string, unknown>;

/** Hears a part of a message that was dropped or cut (its name, never its value). */
export type DroppedPart = (part: string) => void;

/** A plain object (not an array, not a class instance, not null). */
export function isPlainObject(value: unknown): value is Plain {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return false;
	}
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/** Reads an own property only: never one inherited through a polluted prototype. */
export function own(object: Plain, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** A string of at most `max` characters. */
export function isText(value: unknown, max = MAX_TEXT_LENGTH): value is string {
	return typeof value === 'string' && value.length <= max;
}

/**
 * Cuts a text to at most `max` characters, ending with "…" when cut (never splitting a surrogate
 * pair). What the extension does to every text it posts, and a webview to every text it reads.
 */
export function cutText(text: string, max = MAX_TEXT_LENGTH): string {
	if (text.length <= max) {
		return text;
	}
	let end = Math.max(0, max - 1);
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) {
		end--;
	}
	return `${text.slice(0, end)}…`;
}

/** The webviews' request ids are short. */
export const MAX_REQUEST_ID_LENGTH = 100;

/** A request id as a webview makes them (short, non-empty); the `sendResult` carries it back. */
export function isRequestId(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_REQUEST_ID_LENGTH;
}

/** An http: or https: URL (by its scheme; what a webview may ask the extension to open). */
export function isHttpUrl(value: string): boolean {
	return /^https?:\/\//i.test(value);
}

/** A link is never cut (a cut URL points elsewhere): a string of at most `max` characters, else undefined. */
export function readLink(value: unknown, max: number): string | undefined {
	return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** A fresh array of at most `maxItems` strings of at most `maxLength` characters each; undefined for anything else. */
export function readTextList(value: unknown, maxItems: number, maxLength = MAX_TEXT_LENGTH): string[] | undefined {
	if (!Array.isArray(value) || value.length > maxItems || !value.every((item) => isText(item, maxLength))) {
		return undefined;
	}
	return [...(value as string[])];
}

/** A string, cut to `max` (reported as `part (cut)`); undefined for anything else. */
export function readText(
	value: unknown,
	part: string,
	dropped: DroppedPart,
	max = MAX_TEXT_LENGTH,
): string | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}
	if (value.length > max) {
		dropped(`${part} (cut)`);
	}
	return cutText(value, max);
}

/** A short description of a rejected message for the log: its type (if a string) and its shape, never its text. */
export function describeRejected(value: unknown): string {
	if (!isPlainObject(value)) {
		if (value === null || value === undefined) {
			return String(value);
		}
		return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
	}
	const type = own(value, 'type');
	const keys = Object.keys(value)
		.slice(0, 10)
		.map((k) => (k.length > 30 ? `${k.slice(0, 30)}…` : k));
	const typeText =
		typeof type === 'string'
			? JSON.stringify(type.length > 40 ? `${type.slice(0, 40)}…` : type)
			: type === undefined
				? 'missing'
				: `(${typeof type})`;
	return `type ${typeText}, keys [${keys.join(', ')}]`;
}

/** At most this many translations travel in an `init` (the extension has a few hundred strings). */
export const MAX_L10N_ENTRIES = 5000;

/**
 * The l10n bundle of an `init`, as both webviews read it: the string entries of a plain object,
 * each key and text within {@link MAX_TEXT_LENGTH}; other entries, and those past
 * {@link MAX_L10N_ENTRIES}, are dropped (and said through `dropped`).
 */
export function readL10n(value: unknown, dropped: DroppedPart): Record<string, string> | undefined {
	if (!isPlainObject(value)) {
		dropped('l10n');
		return undefined;
	}
	const bundle: Record<string, string> = {};
	const entries = Object.entries(value);
	for (const [key, text] of entries.slice(0, MAX_L10N_ENTRIES)) {
		if (
			typeof text === 'string' &&
			key.length <= MAX_TEXT_LENGTH &&
			text.length <= MAX_TEXT_LENGTH &&
			key !== '__proto__'
		) {
			bundle[key] = text;
		} else {
			dropped('l10n entry');
		}
	}
	if (entries.length > MAX_L10N_ENTRIES) {
		dropped(`l10n (${entries.length - MAX_L10N_ENTRIES} over ${MAX_L10N_ENTRIES})`);
	}
	return bundle;
}

/**
 * The `l10n` of a message (an `init`) as both webviews read it: absent is fine (English: nothing
 * is said), anything else goes through {@link readL10n}.
 */
export function readMessageL10n(message: Plain, dropped: DroppedPart): Record<string, string> | undefined {
	const value = own(message, 'l10n');
	return value === undefined ? undefined : readL10n(value, dropped);
}
