/**
 * Pure helpers of the compose webview (no DOM, no `vscode`): the state kept with
 * `vscode.setState`, which URLs get a thumbnail, how a character is shown in a chip.
 */
import { parseDraft } from '../protocol';
import { displayCharacter, GSM_REPLACEMENTS } from '../../core/segments';
import type { MessageDraft } from '../../core/draft';

/** What the webview keeps with `setState` (the serializer reads `draft` after a window reload). */
export interface PersistedState {
	draft: MessageDraft;
	advancedOpen: boolean;
	/** Keys of the fields the user has edited (their problems are shown). */
	touched: string[];
}

/** Reads a state saved by an earlier run of the script; undefined when it is not one. */
export function parsePersistedState(value: unknown): PersistedState | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return undefined;
	}
	const record = value as Record<string, unknown>;
	const draft = parseDraft(Object.prototype.hasOwnProperty.call(record, 'draft') ? record.draft : undefined);
	if (!draft) {
		return undefined;
	}
	const touched = Array.isArray(record.touched)
		? record.touched.filter((t): t is string => typeof t === 'string' && t.length < 40).slice(0, 50)
		: [];
	return { draft, advancedOpen: record.advancedOpen === true, touched };
}

const IMAGE_PATH = /\.(png|jpe?g|gif|webp|bmp|avif|svg|ico)$/i;

/**
 * The URL to preview as a thumbnail, or undefined. Only https: URLs whose path looks like an
 * image: the CSP allows no other images from the web (http: would be blocked anyway).
 */
export function previewableImageUrl(text: string): string | undefined {
	const trimmed = text.trim();
	if (!trimmed) {
		return undefined;
	}
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'https:' || !url.hostname || !IMAGE_PATH.test(url.pathname)) {
		return undefined;
	}
	return url.href;
}

/** True for an absolute http: URL (no preview: the CSP allows only https: images). */
export function isPlainHttpUrl(text: string): boolean {
	try {
		return new URL(text.trim()).protocol === 'http:';
	} catch {
		return false;
	}
}

/** A documentation link from the API, when it is safe to link: http(s) only. */
export function safeLink(text: string | undefined): string | undefined {
	if (!text) {
		return undefined;
	}
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
	} catch {
		return undefined;
	}
}

/** How a character that forces UCS-2 is shown in a chip: itself, or a name when it cannot be seen. */
export const chipText = displayCharacter;

/** `U+2019`, or several for a sequence. */
export function codePoints(text: string): string {
	return [...text].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** How many characters {@link replaceSmartCharacters} would replace. */
export function countReplaceable(body: string): number {
	let count = 0;
	for (const char of body) {
		if (Object.prototype.hasOwnProperty.call(GSM_REPLACEMENTS, char)) {
			count++;
		}
	}
	return count;
}

/** Splits pasted text into URLs when it holds several (separated by spaces, commas or lines). */
export function splitPastedUrls(text: string): string[] {
	const parts = text
		.split(/[\s,]+/)
		.map((p) => p.trim())
		.filter(Boolean);
	return parts.length > 1 && parts.every((p) => /^[a-z][a-z0-9+.-]*:/i.test(p)) ? parts : [];
}

/** A random id for a send request (getRandomValues works outside secure contexts too). */
export function newRequestId(): string {
	const bytes = new Uint8Array(12);
	globalThis.crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
