/**
 * The cXML the listener answers an inbound-message webhook with: an empty `<Response/>`, or a reply
 * as `<Response><Message>…</Message></Response>` (https://developer.signalwire.com/compatibility-api/cxml/messaging/).
 * No `vscode` import.
 */

const XML_ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/** What XML 1.0 cannot carry: control characters, U+FFFE/U+FFFF and unpaired surrogates. */
const NOT_IN_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Escapes text for an XML element or attribute. Characters XML 1.0 cannot carry at all (control
 * characters other than tab, newline and carriage return, lone surrogates, U+FFFE, U+FFFF) are dropped.
 */
export function escapeXml(text: string): string {
	return text.replace(NOT_IN_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** The answer to an inbound message: empty, or one reply Message when `reply` has text. */
export function inboundResponse(reply?: string): string {
	const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
	if (reply === undefined || reply.trim() === '') {
		return `${declaration}<Response/>`;
	}
	return `${declaration}<Response><Message>${escapeXml(reply)}</Message></Response>`;
}
