/**
 * Follows the history file for other windows' changes: `fs.watch` on its folder (a compaction
 * renames a new file in), polling every 2 s where watching is not available; each burst of events
 * (debounced) reads what changed, then compacts if the journal is worth it. No `vscode` import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What is watched: the store of src/history/store.ts. */
export interface WatchedJournal<Change> {
	readonly file: string;
	sync(): Promise<Change[]>;
	maybeCompact(): Promise<boolean>;
}

export function watchJournal<Change>(
	journal: WatchedJournal<Change>,
	onChange: (changes: Change[]) => void,
	onError: (error: unknown) => void,
	debounceMs: number,
): { dispose(): void } {
	const base = path.basename(journal.file);
	let timer: ReturnType<typeof setTimeout> | undefined;
	let interval: ReturnType<typeof setInterval> | undefined;
	let watcher: fs.FSWatcher | undefined;
	let disposed = false;
	const run = async () => {
		try {
			const changes = await journal.sync();
			if (!disposed && changes.length > 0) {
				onChange(changes);
			}
			if (!disposed) {
				await journal.maybeCompact();
			}
		} catch (error) {
			onError(error);
		}
	};
	const trigger = () => {
		if (disposed) {
			return;
		}
		clearTimeout(timer);
		timer = setTimeout(() => void run(), debounceMs);
	};
	const poll = () => {
		watcher?.close();
		watcher = undefined;
		if (!interval && !disposed) {
			interval = setInterval(trigger, 2_000);
			interval.unref?.();
		}
	};
	try {
		watcher = fs.watch(path.dirname(journal.file), { persistent: false }, (_event, name) => {
			if (!name || name.toString() === base) {
				trigger();
			}
		});
		watcher.on('error', poll);
	} catch {
		poll();
	}
	return {
		dispose: () => {
			disposed = true;
			clearTimeout(timer);
			clearInterval(interval);
			watcher?.close();
		},
	};
}
