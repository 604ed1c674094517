/**
 * Secrets never appear in any output (README, "Conversation tests"): the API token, the Signing
 * Key and the values of `--secret NAME` variables are replaced by `***` in every reporter's text,
 * in the live lines and in what a `--exec` app prints.
 */
export class Scrubber {
	#secrets: string[] = [];

	/** Adds secret values (ones shorter than 4 characters are ignored: they would hide ordinary text). */
	add(...values: Array<string | undefined>): void {
		for (const value of values) {
			if (value !== undefined && value.length >= 4 && !this.#secrets.includes(value)) {
				this.#secrets.push(value);
				// Percent- and base64-encoded forms could be echoed back too (a URL, a Basic header).
				this.#secrets.push(encodeURIComponent(value));
			}
		}
		this.#secrets = [...new Set(this.#secrets)].sort((a, b) => b.length - a.length);
	}

	scrub(text: string): string {
		let out = text;
		for (const secret of this.#secrets) {
			if (out.includes(secret)) {
				out = out.split(secret).join('***');
			}
		}
		return out;
	}
}
