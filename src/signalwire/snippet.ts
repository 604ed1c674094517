/**
 * A short, single-line, tag-free excerpt of an answer's body for an error message, without the
 * token. No `vscode` import.
 */
import { maskShownText } from '../core/secrets';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	nbsp: ' ',
};

/** A short, single-line, tag-free excerpt of a body, without the token. */
export function snippetOf(text: string, secrets?: string | readonly string[]): string {
	let s = text;
	if (/<[a-z!/]/i.test(s)) {
		s = s.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
		s = s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, entity: string) => HTML_ENTITIES[entity] ?? ' ');
	}
	// eslint-disable-next-line no-control-regex
	const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
	s = s.replace(controls, ' ').replace(/\s+/g, ' ').trim();
	// Character references are decoded before masking: a token written as `&#80;&#84;…` is masked too.
	s = maskShownText(s, typeof secrets === 'string' ? [secrets] : (secrets ?? []));
	return s.length > 160 ? `${s.slice(0, 159)}…` : s;
}
