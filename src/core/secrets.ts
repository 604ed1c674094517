/**
 * Defence in depth for logs and exports: replaces every occurrence of a known secret with `***`.
 * The token should never reach a log in the first place; this catches mistakes.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret) {
			result = result.split(secret).join('***');
		}
	}
	return result;
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
 * URL-safe alphabet and without padding). Short values are left out: masking them would mangle text.
 */
export function credentialForms(projectId: string, token: string): string[] {
	if (!token || token.length < 4) {
		return [];
	}
	const basic = basicCredentials(projectId, token);
	const forms = [
		token,
		encodeURIComponent(token),
		basic,
		basic.replace(/=+$/, ''),
		basic.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
	];
	// Longest first, so a longer form is masked whole before a shorter one inside it.
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}
