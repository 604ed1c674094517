/**
 * The test observer's record: what a panel posted to its webview, oldest first, the last `max`
 * only. The integration suite reads it through the test hooks (src/compose/testHooks.ts,
 * src/replies/testHooks.ts); panels feed it through their host's observer
 * (src/webview/panelHost.ts). Kept apart so that a build without test hooks can leave it out.
 * Pure: no `vscode`.
 */
export class PostLog<T> {
	private readonly entries: T[] = [];

	constructor(private readonly max: number) {}

	record(message: T): void {
		this.entries.push(message);
		if (this.entries.length > this.max) {
			this.entries.shift();
		}
	}

	/** A copy, oldest first. */
	list(): T[] {
		return [...this.entries];
	}

	clear(): void {
		this.entries.length = 0;
	}
}
