/**
 * Where replies and imported messages are kept: `conversations.json` in the extension's global
 * storage (sends from VS Code stay in the history journal, src/history/). The file is untrusted
 * input when read (src/core/conversations.ts parses it). Writes are batched and atomic
 * (a temporary file, then a rename). No `vscode` import.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseKnownMessages, type KnownMessage } from '../core/conversations';

export const CONVERSATIONS_FILE_NAME = 'conversations.json';
const FORMAT_VERSION = 1;
const WRITE_DELAY_MS = 250;

export class ConversationStore {
	readonly file: string;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private pending: (() => KnownMessage[]) | undefined;
	private writing: Promise<void> = Promise.resolve();

	constructor(storageDir: string) {
		this.file = path.join(storageDir, CONVERSATIONS_FILE_NAME);
	}

	/** The stored messages; none when the file is missing. Rejects on other read errors. */
	async load(): Promise<KnownMessage[]> {
		let text: string;
		try {
			text = await readFile(this.file, 'utf8');
		} catch (error) {
			if ((error as { code?: string }).code === 'ENOENT') {
				return [];
			}
			throw error;
		}
		try {
			const json = JSON.parse(text) as { messages?: unknown };
			return parseKnownMessages(json.messages);
		} catch {
			return [];
		}
	}

	/** Saves soon (several changes in a row are one write); `snapshot` is read at write time. */
	saveSoon(snapshot: () => KnownMessage[]): void {
		this.pending = snapshot;
		this.timer ??= setTimeout(() => {
			this.timer = undefined;
			void this.flush().catch(() => undefined);
		}, WRITE_DELAY_MS);
	}

	/** Writes what is pending now; resolves when written. */
	async flush(): Promise<void> {
		clearTimeout(this.timer);
		this.timer = undefined;
		const snapshot = this.pending;
		this.pending = undefined;
		if (snapshot) {
			this.writing = this.writing.catch(() => undefined).then(() => this.write(snapshot()));
		}
		return this.writing;
	}

	private async write(messages: KnownMessage[]): Promise<void> {
		await mkdir(path.dirname(this.file), { recursive: true });
		const temporary = `${this.file}.${process.pid}.tmp`;
		await writeFile(temporary, JSON.stringify({ version: FORMAT_VERSION, messages }), 'utf8');
		await rename(temporary, this.file);
	}
}
