/**
 * The requests the listener received in this window session, newest first, at most
 * {@link MAX_WEBHOOK_REQUESTS}: the oldest go first. Nothing is written to disk. No `vscode` import.
 */
import type { WebhookRequestRecord } from './requests';

export const MAX_WEBHOOK_REQUESTS = 500;

export class WebhookRequestLog {
	/** Oldest first internally (cheap appends); read newest first. */
	private readonly records: WebhookRequestRecord[] = [];
	private readonly listeners = new Set<(record: WebhookRequestRecord | undefined) => void>();
	private lastId = 0;

	constructor(private readonly capacity = MAX_WEBHOOK_REQUESTS) {}

	get size(): number {
		return this.records.length;
	}

	/** An id for the next record (unique in the session, also across listener restarts). */
	nextId(): number {
		return ++this.lastId;
	}

	add(record: WebhookRequestRecord): void {
		this.records.push(record);
		if (this.records.length > this.capacity) {
			this.records.splice(0, this.records.length - this.capacity);
		}
		this.emit(record);
	}

	/** Newest first; at most `limit`. */
	newestFirst(limit = this.capacity): WebhookRequestRecord[] {
		const result: WebhookRequestRecord[] = [];
		for (let index = this.records.length - 1; index >= 0 && result.length < limit; index--) {
			const record = this.records[index];
			if (record) {
				result.push(record);
			}
		}
		return result;
	}

	get(id: number): WebhookRequestRecord | undefined {
		return this.records.find((record) => record.id === id);
	}

	clear(): void {
		this.records.length = 0;
		this.emit(undefined);
	}

	/** Called with each new record, or `undefined` after a clear. Returns what unsubscribes. */
	onDidChange(listener: (record: WebhookRequestRecord | undefined) => void): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	private emit(record: WebhookRequestRecord | undefined): void {
		for (const listener of this.listeners) {
			listener(record);
		}
	}
}
