/**
 * The problem of the reply polls (src/core/pollScheduler.ts) shown in the Conversations view: set
 * at a failing poll's first failure, cleared when the polls recover; every failure is in the log.
 * Owned by src/replies/replyService.ts.
 */
import * as vscode from 'vscode';
import { describeError } from '../errors/presentation';
import type { Logger } from '../util/logger';

export class PollProblem implements vscode.Disposable {
	private readonly _onDidChange = new vscode.EventEmitter<string | undefined>();
	/** Fires with a problem to show (a failing poll), or undefined when it is over. */
	readonly onDidChange = this._onDidChange.event;
	private _problem: string | undefined;

	constructor(private readonly logger: Pick<Logger, 'debug' | 'warn'>) {}

	get problem(): string | undefined {
		return this._problem;
	}

	/** A poll of `space` failed (`first`: of this run of failures); the next try is in `delayMs`. */
	onError(space: string, error: unknown, first: boolean, delayMs: number): void {
		const seconds = Math.round(delayMs / 1000);
		this.logger.debug(`Replies: polling ${space} failed, next try in ${seconds} s: ${describeError(error)}`);
		if (first) {
			this.logger.warn(`Replies: checking for replies failed: ${describeError(error)}`);
			this.set(
				vscode.l10n.t(
					'Checking for replies failed ({0}); trying again in {1} s.',
					describeError(error),
					seconds,
				),
			);
		}
	}

	/** The polls work again. */
	onRecovered(): void {
		this.set(undefined);
	}

	private set(problem: string | undefined): void {
		if (problem !== this._problem) {
			this._problem = problem;
			this._onDidChange.fire(problem);
		}
	}

	dispose(): void {
		this._onDidChange.dispose();
	}
}
