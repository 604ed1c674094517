import type * as vscode from 'vscode';

const MAX_RECENTS = 10;

/** Recently used senders and recipients (phone numbers are not secret), newest first. */
export class RecentNumbers {
	constructor(private readonly state: vscode.Memento) {}

	senders(): string[] {
		return this.state.get<string[]>('signalwire.recentFrom', []);
	}

	recipients(): string[] {
		return this.state.get<string[]>('signalwire.recentTo', []);
	}

	async remember(from: string | undefined, to: string): Promise<void> {
		if (from) {
			await this.state.update('signalwire.recentFrom', pushFront(this.senders(), from));
		}
		await this.state.update('signalwire.recentTo', pushFront(this.recipients(), to));
	}
}

function pushFront(list: string[], value: string): string[] {
	return [value, ...list.filter((v) => v !== value)].slice(0, MAX_RECENTS);
}
