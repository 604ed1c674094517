/**
 * How a Body is split into SMS segments, with `sms-segments-calculator` (Twilio DevEd, MIT), which
 * follows the rules of docs/api-notes.md, "Segments". Smart encoding stays off: SignalWire
 * documents no such feature. Pure: no `vscode`, no Node-only APIs (bundled into the webview
 * script); the words of the counter go through `@vscode/l10n`.
 */
import * as l10n from '@vscode/l10n';
import { SegmentedMessage } from 'sms-segments-calculator';
import UnicodeToGsm from 'sms-segments-calculator/dist/libs/UnicodeToGSM';

export type BodyEncoding = 'GSM-7' | 'UCS-2';

export interface BodyMeasure {
	encoding: BodyEncoding;
	/** 0 for an empty body. */
	segments: number;
	/** Code points, as validation counts them against the 1,600 limit. */
	characters: number;
	/**
	 * What fills the segments: GSM-7 septets (extension characters such as € count 2) or UCS-2
	 * UTF-16 code units (an emoji counts 2). For UCS-2 this is NOT the library's
	 * `numberOfCharacters`, which counts graphemes there; we count units so that `units` and
	 * `perSegment` are in the same currency.
	 */
	units: number;
	/** Units per segment: 160 / 153 (GSM-7, single / concatenated) or 70 / 67 (UCS-2). */
	perSegment: number;
	/** Units that still fit in the last segment before another one starts. */
	remainingInSegment: number;
	/** The characters that force UCS-2, each once, in order of first appearance. */
	nonGsmCharacters: string[];
}

const BITS_PER_SEGMENT = 1120;
const BITS_PER_UNIT: Readonly<Record<BodyEncoding, number>> = { 'GSM-7': 7, 'UCS-2': 16 };
const PER_SEGMENT: Readonly<Record<BodyEncoding, { single: number; concatenated: number }>> = {
	'GSM-7': { single: 160, concatenated: 153 },
	'UCS-2': { single: 70, concatenated: 67 },
};

/** Encoding, segments and counts of a Body. An empty body is GSM-7 with 0 segments. */
export function measureBody(body: string): BodyMeasure {
	return measureSimpleBody(body) ?? measureComplexBody(body) ?? measureBodyWithLibrary(body);
}

/**
 * Anything that can make one grapheme out of several code points (combining marks, joiners,
 * variation selectors, flags, skin tones, Hangul jamo, tags, prepended marks) or a lone surrogate.
 */
// The class lists joiners and emoji modifiers on purpose: their presence is what is detected.
const COMPLEX_TEXT =
	// eslint-disable-next-line no-misleading-character-class
	/[\p{M}\u200c\u200d\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u{E0000}-\u{E007F}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u{110BD}\u{110CD}]|\p{Cs}/u;

/**
 * The library's result, computed without building its per-character objects, for text where
 * every code point is its own grapheme (nearly all typed text). It uses the library's own GSM-7
 * table and packing rule (a character never splits across segments; concatenated segments lose
 * 48 bits to the UDH), and a property test checks it against the library on thousands of random
 * bodies. Anything else goes to the library. The library takes ~8 ms for 1,600 characters: too
 * slow to run on every keystroke of the compose form.
 */
export function measureSimpleBody(body: string): BodyMeasure | undefined {
	if (!body || COMPLEX_TEXT.test(body)) {
		return undefined;
	}
	const sizes: number[] = [];
	const nonGsm: string[] = [];
	let gsm = true;
	for (const char of body) {
		const septets = UnicodeToGsm[char.codePointAt(0) as number]?.length;
		if (septets === undefined) {
			gsm = false;
			if (!nonGsm.includes(char)) {
				nonGsm.push(char);
			}
		}
		sizes.push(septets ?? 0);
	}
	const encoding: BodyEncoding = gsm ? 'GSM-7' : 'UCS-2';
	let units = 0;
	if (gsm) {
		for (const size of sizes) {
			units += size;
		}
	} else {
		units = body.length;
	}
	const { single, concatenated } = PER_SEGMENT[encoding];
	if (units <= single) {
		return {
			encoding,
			segments: 1,
			characters: sizes.length,
			units,
			perSegment: single,
			remainingInSegment: single - units,
			nonGsmCharacters: nonGsm,
		};
	}
	// Greedy packing into concatenated segments; a character never splits.
	let segments = 1;
	let used = 0;
	let index = 0;
	for (const char of body) {
		const size = gsm ? sizes[index] : char.length;
		index++;
		if (used + size > concatenated) {
			segments++;
			used = 0;
		}
		used += size;
	}
	return {
		encoding,
		segments,
		characters: sizes.length,
		units,
		perSegment: concatenated,
		remainingInSegment: concatenated - used,
		nonGsmCharacters: nonGsm,
	};
}

let graphemeSegmenter: Intl.Segmenter | undefined;

/**
 * The library's result for text with multi-code-point graphemes (emoji ZWJ sequences, flags, skin
 * tones, combining marks), without its per-character objects. Such text is always UCS-2 in the
 * library (a grapheme of two or more UTF-16 units is never GSM-7, nor is a lone joiner or mark),
 * every grapheme costs its UTF-16 units and never splits across segments. Graphemes come from
 * `Intl.Segmenter`, as in the library's bundled splitter (src/core/graphemeSplitter.ts). A grapheme
 * longer than a segment, or a lone surrogate, goes to the library. Property-tested against it.
 */
export function measureComplexBody(body: string): BodyMeasure | undefined {
	if (!body || /\p{Cs}/u.test(body.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
		return undefined;
	}
	graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
	const { single, concatenated } = PER_SEGMENT['UCS-2'];
	const sizes: number[] = [];
	const nonGsm = new Set<string>();
	for (const { segment } of graphemeSegmenter.segment(body)) {
		if (segment === '\r\n') {
			// The library splits CRLF back into two GSM-7 characters.
			sizes.push(1, 1);
			continue;
		}
		if (segment.length > concatenated) {
			return undefined;
		}
		if (segment.length > 1 || UnicodeToGsm[segment.charCodeAt(0)] === undefined) {
			nonGsm.add(segment);
		}
		sizes.push(segment.length);
	}
	if (nonGsm.size === 0) {
		return undefined;
	}
	const units = body.length;
	const characters = [...body].length;
	const nonGsmCharacters = [...nonGsm];
	if (units <= single) {
		return {
			encoding: 'UCS-2',
			segments: 1,
			characters,
			units,
			perSegment: single,
			remainingInSegment: single - units,
			nonGsmCharacters,
		};
	}
	let segments = 1;
	let used = 0;
	for (const size of sizes) {
		if (used + size > concatenated) {
			segments++;
			used = 0;
		}
		used += size;
	}
	return {
		encoding: 'UCS-2',
		segments,
		characters,
		units,
		perSegment: concatenated,
		remainingInSegment: concatenated - used,
		nonGsmCharacters,
	};
}

/** The reference: `sms-segments-calculator` itself. */
export function measureBodyWithLibrary(body: string): BodyMeasure {
	if (!body) {
		return {
			encoding: 'GSM-7',
			segments: 0,
			characters: 0,
			units: 0,
			perSegment: PER_SEGMENT['GSM-7'].single,
			remainingInSegment: PER_SEGMENT['GSM-7'].single,
			nonGsmCharacters: [],
		};
	}
	const message = new SegmentedMessage(body, 'auto', false);
	const encoding: BodyEncoding = message.encodingName;
	const segments = message.segmentsCount;
	// GSM-7: the library's septet count; UCS-2: UTF-16 code units (the library counts graphemes).
	const units = encoding === 'GSM-7' ? message.numberOfCharacters : body.length;
	const last = message.segments[message.segments.length - 1];
	const freeBits = last ? last.freeSizeInBits() : BITS_PER_SEGMENT;
	return {
		encoding,
		segments,
		characters: [...body].length,
		units,
		perSegment: segments > 1 ? PER_SEGMENT[encoding].concatenated : PER_SEGMENT[encoding].single,
		remainingInSegment: Math.max(0, Math.floor(freeBits / BITS_PER_UNIT[encoding])),
		nonGsmCharacters: [...new Set(message.getNonGsmCharacters())],
	};
}

/**
 * Typographic characters with a GSM-7 equivalent, for a one-click "use GSM-7 characters" fix.
 * Every replacement is itself in the GSM-7 basic table.
 */
export const GSM_REPLACEMENTS: Readonly<Record<string, string>> = {
	'\u2018': "'", // ‘ left single quotation mark
	'\u2019': "'", // ’ right single quotation mark (apostrophe)
	'\u201A': "'", // ‚ single low-9 quotation mark
	'\u201B': "'", // ‛ single high-reversed-9 quotation mark
	'\u2032': "'", // ′ prime
	'\u201C': '"', // “ left double quotation mark
	'\u201D': '"', // ” right double quotation mark
	'\u201E': '"', // „ double low-9 quotation mark
	'\u201F': '"', // ‟ double high-reversed-9 quotation mark
	'\u2033': '"', // ″ double prime
	'\u2010': '-', // ‐ hyphen
	'\u2011': '-', // ‑ non-breaking hyphen
	'\u2012': '-', // ‒ figure dash
	'\u2013': '-', // – en dash
	'\u2014': '-', // — em dash
	'\u2212': '-', // − minus sign
	'\u2026': '...', // … horizontal ellipsis
	'\u00A0': ' ', // no-break space
	'\u2007': ' ', // figure space
	'\u2009': ' ', // thin space
	'\u202F': ' ', // narrow no-break space
};

const REPLACEABLE = new RegExp(`[${Object.keys(GSM_REPLACEMENTS).join('')}]`, 'gu');

/** Replaces smart quotes, dashes, the ellipsis and odd spaces with their GSM-7 equivalents. */
export function replaceSmartCharacters(body: string): string {
	return body.replace(REPLACEABLE, (char) => GSM_REPLACEMENTS[char] ?? char);
}

/** At most this many offending characters are named by {@link describeMeasure}. */
const MAX_NAMED_CHARACTERS = 5;

/**
 * One line for the form or a quick pick, e.g. `42/160 · GSM-7 · 1 segment` or
 * `12/70 · UCS-2 (because of ’ 😀) · 1 segment`. The first number is the units used, the
 * second what the current segments hold (used + remaining in the last segment).
 */
export function describeMeasure(m: BodyMeasure): string {
	const capacity = m.units + m.remainingInSegment;
	let encoding: string = m.encoding;
	if (m.encoding === 'UCS-2' && m.nonGsmCharacters.length > 0) {
		const named = m.nonGsmCharacters.slice(0, MAX_NAMED_CHARACTERS).map(displayCharacter).join(' ');
		const more = m.nonGsmCharacters.length > MAX_NAMED_CHARACTERS ? ' …' : '';
		encoding = l10n.t('UCS-2 (because of {0})', `${named}${more}`);
	}
	const segments = m.segments === 1 ? l10n.t('{0} segment', m.segments) : l10n.t('{0} segments', m.segments);
	return `${m.units}/${capacity} · ${encoding} · ${segments}`;
}

/** Names of the characters that force UCS-2 without being visible; looked up when shown. */
const INVISIBLE_NAMES: Readonly<Record<string, () => string>> = {
	'\t': () => l10n.t('tab'),
	'\u00A0': () => l10n.t('no-break space'),
	'\u200B': () => l10n.t('zero-width space'),
	'\u2007': () => l10n.t('figure space'),
	'\u2009': () => l10n.t('thin space'),
	'\u202F': () => l10n.t('narrow no-break space'),
	'\uFEFF': () => l10n.t('byte order mark'),
};

/**
 * How a character that forces UCS-2 is shown (in the counter and the compose form's chips): itself,
 * or a name or code point when it cannot be seen (tab, odd spaces, controls, a lone combining mark).
 */
export function displayCharacter(char: string): string {
	const name = Object.prototype.hasOwnProperty.call(INVISIBLE_NAMES, char) ? INVISIBLE_NAMES[char] : undefined;
	if (name) {
		return name();
	}
	if (/^[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{M}]$/u.test(char)) {
		return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
	}
	return char;
}
