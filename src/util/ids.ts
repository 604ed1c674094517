/** A random id from the platform's CSPRNG (Node and browsers alike). */
export function randomId(): string {
	return globalThis.crypto.randomUUID();
}

/** A nonce for a webview's Content-Security-Policy. */
export function createNonce(): string {
	const bytes = new Uint8Array(18);
	globalThis.crypto.getRandomValues(bytes);
	return btoa(String.fromCharCode(...bytes));
}
