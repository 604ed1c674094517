/**
 * Reads the `<Message>` verbs of a cXML answer to an inbound-message webhook (docs/api-notes.md,
 * "Webhooks and signatures"): `<Response><Message>text</Message></Response>`, or a Message with
 * `<Body>` and `<Media>` children, with optional `to` and `from` attributes. Anything else in the
 * document is ignored. The answer is untrusted: bounded, no entity expansion beyond the five XML
 * entities and numeric references.
 */

export interface CxmlMessage {
	to?: string;
	from?: string;
	body: string | null;
	mediaUrls: string[];
}

/** At most this many Message verbs are honoured per answer. */
const MAX_MESSAGES = 10;

export function decodeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
		const lower = entity.toLowerCase();
		if (lower.startsWith('#')) {
			const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
	});
}

function attributes(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const match of text.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
		out[match[1].toLowerCase()] = decodeXml(match[3] ?? match[4] ?? '');
	}
	return out;
}

/** The Message verbs of a cXML document (none when it is not a `<Response>`). */
export function readCxmlMessages(document: string): CxmlMessage[] {
	if (!/<Response(\s[^>]*)?>/.test(document)) {
		return [];
	}
	const out: CxmlMessage[] = [];
	for (const match of document.matchAll(/<Message(\s[^>]*)?(?:\/>|>([\s\S]*?)<\/Message\s*>)/g)) {
		if (out.length >= MAX_MESSAGES) {
			break;
		}
		const attrs = attributes(match[1] ?? '');
		const inner = match[2] ?? '';
		const mediaUrls = [...inner.matchAll(/<Media(?:\s[^>]*)?>([\s\S]*?)<\/Media\s*>/g)].map((m) => decodeXml(m[1].trim())).filter((url) => url !== '');
		const bodyElement = /<Body(?:\s[^>]*)?>([\s\S]*?)<\/Body\s*>/.exec(inner);
		const hasChildren = bodyElement !== null || mediaUrls.length > 0;
		const text = hasChildren ? (bodyElement?.[1] ?? '') : inner;
		const body = decodeXml(text.trim());
		out.push({
			...(attrs.to ? { to: attrs.to } : {}),
			...(attrs.from ? { from: attrs.from } : {}),
			body: body === '' ? null : body,
			mediaUrls,
		});
	}
	return out;
}
