/**
 * The ready handshake and the gated, capped post of a webview panel (src/webview/panelHost.ts
 * drives it from VS Code's events). A panel's webview is destroyed when it is hidden (no
 * retainContextWhenHidden) and its script says `ready` again when shown: nothing is posted before
 * that `ready`, after a hide until the next one, or after the panel is closed. A message is cut to
 * its protocol's limits before it is posted, and the cut message is what the observer (the test
 * observer, src/webview/postLog.ts) hears. Pure: no `vscode` (unit-tested in Node).
 */
export class PostGate<Out> {
	private ready = false;
	private closed = false;

	/**
	 * `send` posts to the webview; `cap` cuts a message to the protocol's limits; `observer`, when
	 * given, hears each message posted, as capped.
	 */
	constructor(
		private readonly send: (message: Out) => void,
		private readonly cap: (message: Out) => Out,
		private readonly observer?: (message: Out) => void,
	) {}

	/** The webview's script has said `ready` and the panel has not been hidden or closed since. */
	get isReady(): boolean {
		return this.ready && !this.closed;
	}

	/** The script said `ready`. */
	opened(): void {
		this.ready = true;
	}

	/** The panel was hidden: its webview is gone until it says `ready` again. */
	hidden(): void {
		this.ready = false;
	}

	/** The panel is disposed: nothing is posted any more. */
	close(): void {
		this.closed = true;
	}

	/** Posts when ready, capped; otherwise drops the message (the next `ready` gets a fresh `init`). */
	post(message: Out): void {
		if (!this.isReady) {
			return;
		}
		const capped = this.cap(message);
		this.observer?.(capped);
		this.send(capped);
	}
}
