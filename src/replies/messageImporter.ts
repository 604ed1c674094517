/**
 * Import from Space: pages through the Space's message log with a query (src/signalwire/messageLog.ts)
 * and writes what is new to the repository (the history journal), once by SID, as imported and read;
 * a message held already keeps its entry and read state. Checks `isCancelled` per page.
 * No `vscode` import: unit-tested in plain mocha against the local server.
 */
import { matchesDirection, type ImportQuery } from '../core/messageLogArguments';
import type { Message } from '../core/types';
import type { HistoryProfile } from '../history/entry';
import type { ReceivedMessages } from '../history/receivedEntries';
import type { SignalWireClient } from '../signalwire/client';
import { walkMessageLog } from '../signalwire/messageLog';

export interface ImportProgress {
	/** Messages read so far. */
	seen: number;
	/** Messages new to the extension so far. */
	added: number;
}

export interface ImportResult {
	added: number;
	seen: number;
	cancelled: boolean;
}

export interface ImporterDeps<P extends HistoryProfile> {
	clientFor(profile: P): Promise<SignalWireClient>;
	received: Pick<ReceivedMessages, 'record'>;
	/** The messages whose numbers are clean (the others are reported: src/replies/refusedMessages.ts). */
	screen(source: string, messages: Message[]): Message[];
	info(text: string): void;
}

/** Imports the messages of a query. Rejects with the client's error. */
export async function importMessages<P extends HistoryProfile>(
	deps: ImporterDeps<P>,
	profile: P,
	query: ImportQuery,
	isCancelled: () => boolean,
	onProgress: (progress: ImportProgress) => void,
): Promise<ImportResult> {
	const client = await deps.clientFor(profile);
	let [seen, added] = [0, 0];
	const result = await walkMessageLog(
		client,
		{
			dateSentAfter: query.dateSentAfter,
			dateSentBefore: query.dateSentBefore,
			from: query.from,
			to: query.to,
			status: query.status,
			pageSize: 100,
		},
		{
			isCancelled,
			maxPages: 1000,
			onPage: async (page) => {
				// A number with invisible or direction characters is refused and shown (src/core/partyNumbers.ts).
				const messages = deps
					.screen(`Import from ${profile.spaceUrl}`, page)
					.filter((message) => matchesDirection(message.direction, query.direction));
				added += await deps.received.record(profile, messages, 'imported');
				seen += messages.length;
				onProgress({ seen, added });
				return 'continue' as const;
			},
		},
	);
	const cancelled = result.ended === 'cancelled' ? ' (cancelled)' : '';
	const read = `${seen} messages read in ${result.pages} page(s)`;
	deps.info(`Import from ${profile.spaceUrl}: ${read}, ${added} new${cancelled}.`);
	return { added, seen, cancelled: result.ended === 'cancelled' };
}
