/**
 * Shows the messages a poll or an import refused because a number holds invisible or
 * direction-changing characters (src/core/partyNumbers.ts): in the log with every SID, and once
 * per SID as a warning with the first few, the characters written out.
 */
import * as vscode from 'vscode';
import type { Message } from '../core/types';
import { describeRefusedMessages, screenMessageNumbers, type RefusedMessage } from '../core/partyNumbers';
import type { Logger } from '../util/logger';

const MAX_REMEMBERED = 1000;

export class RefusedMessageReporter {
	/** SIDs already reported (a refused message comes back at every poll until older ones push it out). */
	private readonly reported = new Set<string>();

	constructor(private readonly logger: Logger) {}

	/** The messages whose numbers are clean; the others are reported (`source` names where they came from). */
	screen<T extends Pick<Message, 'sid' | 'from' | 'to'>>(source: string, messages: readonly T[]): T[] {
		const { accepted, refused } = screenMessageNumbers(messages);
		this.report(source, refused);
		return accepted;
	}

	/** Logs and shows the refused messages not reported yet; `source` names where they came from. */
	report(source: string, refused: readonly RefusedMessage[]): void {
		const fresh = refused.filter((r) => !this.reported.has(r.sid));
		if (fresh.length === 0) {
			return;
		}
		for (const r of fresh) {
			this.reported.add(r.sid);
		}
		while (this.reported.size > MAX_REMEMBERED) {
			this.reported.delete(this.reported.values().next().value as string);
		}
		const described = describeRefusedMessages(fresh);
		const what = `${fresh.length} message(s) whose number holds invisible or direction characters`;
		this.logger.warn(`${source}: refused ${what}: ${described}`);
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'Refused {0} message(s) whose number holds invisible or direction-changing characters (shown written out): {1}',
				fresh.length,
				describeRefusedMessages(fresh.slice(0, 3)) + (fresh.length > 3 ? ' …' : ''),
			),
		);
	}
}
