/**
 * The sandbox's scripted handsets and the opt-out keywords (docs/api-notes.md, "Errors": 21610).
 *   +15550100555 answers `Echo: <body>` (with the same media) to the number that texted it.
 *   +15550100556 answers `STOP`; sends to it then fail with 21610 until it texts `START`.
 * An inbound STOP/START keyword (from these handsets or injected) opts its sender out of / back in
 * to messages from the number it was sent to, as carriers do.
 */

export const SANDBOX_HANDSETS = Object.freeze({
	/** Replies `Echo: <body>` (an MMS echoes its media). */
	echo: '+15550100555',
	/** Replies `STOP`: later sends to it fail with 21610 until an injected `START`. */
	stop: '+15550100556',
});

const STOP_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
const START_WORDS = ['START', 'YES', 'UNSTOP'];

export interface HandsetReply {
	body: string;
	mediaUrls: string[];
}

/** What a scripted handset answers to a message it received, or undefined (not a scripted handset). */
export function handsetReply(handset: string, body: string | null, mediaUrls: readonly string[]): HandsetReply | undefined {
	if (handset === SANDBOX_HANDSETS.echo) {
		return { body: body === null || body === '' ? 'Echo:' : `Echo: ${body}`, mediaUrls: [...mediaUrls] };
	}
	if (handset === SANDBOX_HANDSETS.stop) {
		return { body: 'STOP', mediaUrls: [] };
	}
	return undefined;
}

/** Which handsets opted out of messages from which of the project's numbers. */
export class OptOuts {
	readonly #pairs = new Set<string>();

	/** Applies an inbound message's keyword, if its whole body is one. */
	receive(from: string, to: string, body: string | null): void {
		const word = (body ?? '').trim().toUpperCase();
		if (STOP_WORDS.includes(word)) {
			this.#pairs.add(`${from}|${to}`);
		} else if (START_WORDS.includes(word)) {
			this.#pairs.delete(`${from}|${to}`);
		}
	}

	/** Whether `handset` opted out of messages from `number`. */
	isOptedOut(handset: string, number: string): boolean {
		return this.#pairs.has(`${handset}|${number}`);
	}

	clear(): void {
		this.#pairs.clear();
	}
}
