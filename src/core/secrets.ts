/**
 * Defence in depth for logs, errors and exports: replaces every occurrence of a known secret with
 * `***`, whatever percent-encoding it travels in. The token should never reach a log in the first
 * place; this catches mistakes. Pure: no `vscode`, no Node-only APIs.
 */

/**
 * Secrets shorter than this are not masked on their own: a 4-character "secret" like `http` or
 * `1555` would mangle unrelated text. Sign-in refuses tokens this short (see `checkTokenFormat`),
 * and the Basic credential value is always long (it holds the project UUID).
 */
export const MIN_MASKED_SECRET_LENGTH = 8;

/** What replaces a secret. */
export const MASK = '***';

/**
 * Replaces every occurrence of each secret in `text` with `***`: as written, and in every
 * percent-encoded spelling (upper- or lower-case hex, any subset of characters encoded, e.g. the
 * `%21 %27 %28 %29 %7E` that `URLSearchParams` writes and `encodeURIComponent` does not). Also
 * masks the value of any `Basic …`/`Bearer …` credential written in the text, known or not.
 * Secrets shorter than {@link MIN_MASKED_SECRET_LENGTH} are skipped.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
	// Case-insensitive (see secretsPattern): the whole token lower- or upper-cased is masked too.
	const pattern = secretsPattern(secrets);
	const masked = pattern ? text.replace(pattern, MASK) : text;
	return masked.replace(AUTHORIZATION_VALUE, (_, scheme: string) => `${scheme} ${MASK}`);
}

/**
 * Masks first, then shortens to at most `maxChars` characters (code points) with `…`: cutting
 * first could leave part of a secret that no longer matches in full.
 */
export function maskAndShorten(text: string, secrets: Iterable<string>, maxChars: number): string {
	return shorten(maskShownText(text, secrets), maxChars);
}

/**
 * Masks a text that is shown (an error message, an excerpt of an error page): when the token is
 * written there as HTML character references (`&#80;&#84;…`, `&#x50;`, `&amp;#80;`), the text is
 * decoded first and the decoded text masked; otherwise it is masked as it is (and left undecoded).
 */
export function maskShownText(text: string, secrets: Iterable<string>): string {
	const list = Array.from(secrets);
	const decoded = decodeCharacterReferences(text);
	if (decoded !== text) {
		const pattern = secretsPattern(list);
		if (pattern) {
			pattern.lastIndex = 0;
			if (pattern.test(decoded)) {
				pattern.lastIndex = 0;
				return maskSecrets(decoded, list);
			}
		}
	}
	return maskSecrets(text, list);
}

/** Named character references of HTML for the characters an excerpt or a token may hold. */
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	period: '.',
	lowbar: '_',
	UnderBar: '_',
	hyphen: '-',
	dash: '-',
	colon: ':',
	sol: '/',
	bsol: '\\',
	plus: '+',
	equals: '=',
	excl: '!',
	num: '#',
	dollar: '$',
	percnt: '%',
	lpar: '(',
	rpar: ')',
	ast: '*',
	comma: ',',
	semi: ';',
	quest: '?',
	commat: '@',
	lsqb: '[',
	rsqb: ']',
	lcub: '{',
	rcub: '}',
	verbar: '|',
	vert: '|',
	Hat: '^',
	grave: '`',
	tilde: '~',
	NewLine: '\n',
	Tab: '\t',
};

const CHARACTER_REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

/**
 * Decodes HTML character references: decimal and hexadecimal ones (with or without the `;`) and
 * the named ones of {@link NAMED_REFERENCES}; again while a pass changes something (at most 3
 * passes: `&amp;#80;` is `&#80;` is `P`). Unknown names and invalid code points are left as written.
 */
export function decodeCharacterReferences(text: string): string {
	let current = text;
	for (let pass = 0; pass < 3 && current.includes('&'); pass++) {
		const next = current.replace(
			CHARACTER_REFERENCE,
			(whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
				if (name !== undefined) {
					return Object.prototype.hasOwnProperty.call(NAMED_REFERENCES, name)
						? NAMED_REFERENCES[name]!
						: whole;
				}
				const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
				return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
					? String.fromCodePoint(code)
					: whole;
			},
		);
		if (next === current) {
			break;
		}
		current = next;
	}
	return current;
}

/** `text` cut to at most `maxChars` code points, the last one `…` when it was cut. */
export function shorten(text: string, maxChars: number): string {
	if (text.length <= maxChars) {
		return text;
	}
	if (maxChars <= 0) {
		return '';
	}
	let kept = '';
	let keptBeforeLast = '';
	let count = 0;
	for (const char of text) {
		if (count === maxChars) {
			return `${keptBeforeLast}…`;
		}
		keptBeforeLast = kept;
		kept += char;
		count++;
	}
	return text;
}

/** The base64 of `projectId:token` (UTF-8), as the Authorization header carries it after `Basic `. */
export function basicCredentials(projectId: string, token: string): string {
	const bytes = new TextEncoder().encode(`${projectId}:${token}`);
	let binary = '';
	for (const byte of bytes) {
		binary += String.fromCharCode(byte);
	}
	return btoa(binary);
}

/**
 * Every form in which a token can travel and be echoed back: raw, URL-encoded (a query string or
 * form body), and inside the Authorization header as base64 of `projectId:token` (also in its
 * URL-safe alphabet and without padding). The Basic forms are always given, whatever the token's
 * length; the token's own forms only from {@link MIN_MASKED_SECRET_LENGTH} characters (shorter
 * ones would mangle text). Other percent-encodings are matched by {@link maskSecrets} itself.
 */
export function credentialForms(projectId: string, token: string): string[] {
	if (!token && !projectId) {
		return [];
	}
	const basic = basicCredentials(projectId, token);
	const forms = [basic, basic.replace(/=+$/, ''), basic.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')];
	if (token.length >= MIN_MASKED_SECRET_LENGTH) {
		forms.push(token, encodeURIComponent(token));
	}
	// Longest first, so a longer form is masked whole before a shorter one inside it.
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

// ---------------------------------------------------------------------------------------------

/**
 * `Basic <value>` / `Bearer <value>`: at least 20 characters with a digit, so not a word of a
 * sentence ("Basic Authentication is required").
 */
const AUTHORIZATION_VALUE = /\b(Basic|Bearer)\s+(?=[A-Za-z0-9+/_\-.~%]*\d)[A-Za-z0-9+/_\-.~%]{20,}=*/gi;

/** The last few compiled patterns (the logger and a client each ask with the same list every time). */
const patternCache = new Map<string, RegExp | undefined>();
const PATTERN_CACHE_SIZE = 8;

function secretsPattern(secrets: Iterable<string>): RegExp | undefined {
	const list = [
		...new Set(Array.from(secrets).filter((s) => typeof s === 'string' && s.length >= MIN_MASKED_SECRET_LENGTH)),
	].sort((a, b) => b.length - a.length);
	if (list.length === 0) {
		return undefined;
	}
	const key = list.join('\u0000');
	if (patternCache.has(key)) {
		return patternCache.get(key);
	}
	// `i`: a token written lower- or upper-cased is still the token (the hex of percent-encodings too).
	const pattern = new RegExp(list.map(spellings).join('|'), 'gi');
	if (patternCache.size >= PATTERN_CACHE_SIZE) {
		patternCache.delete(patternCache.keys().next().value as string);
	}
	patternCache.set(key, pattern);
	return pattern;
}

/** A regex source matching `secret` with any of its characters percent-encoded (any hex case). */
function spellings(secret: string): string {
	const encoder = new TextEncoder();
	let source = '';
	for (const char of secret) {
		const encoded = Array.from(encoder.encode(char), (byte) => `%${hexEitherCase(byte)}`).join('');
		source += `(?:${escapeRegExp(char)}|${encoded}${char === ' ' ? '|\\+' : ''})`;
	}
	return source;
}

function hexEitherCase(byte: number): string {
	return Array.from(byte.toString(16).padStart(2, '0'), (digit) =>
		/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit,
	).join('');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
