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
