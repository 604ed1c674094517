import * as vscode from 'vscode';
import type { Profile } from '../credentials/profile';
import { describeError, failureFromError } from '../errors/presentation';
import type { SendOutcome } from './outcome';
import type { ClientProvider } from '../credentials/clientProvider';
import { encodeMessageForm } from '../signalwire';
import type { CreateMessageParams, Message } from '../core/types';
import { randomId } from '../util/ids';
import type { Logger } from '../util/logger';

/** The outcome of a send and, when it failed, the typed error the client threw. */
export interface SendResult {
	outcome: SendOutcome;
	error?: unknown;
}

/** How a send is to be completed beyond what the user typed. */
export interface SendOptions {
	/** The compose form's "Add StatusCallback to the webhook listener" box; undefined: the setting decides. */
	addStatusCallback?: boolean;
	/** Sent by a conversation test run against the Space (the Messages view marks it). */
	testRun?: boolean;
}

/** Completes a send's params (what the user typed stays in the history). */
export type ParamsHook = (profile: Profile, params: CreateMessageParams, options: SendOptions) => CreateMessageParams;

/** Something that wants to know about every send (history records them). */
export interface SendListener {
	onSendFinished(outcome: SendOutcome): Promise<void> | void;
}

/**
 * Sends a validated message with a profile, logs the exchange to the output channel (never the
 * token) and tells listeners. One place, used by the palette flow, the compose form and resend.
 */
export class MessageSender {
	private readonly listeners: SendListener[] = [];
	/** Completes a send's params, e.g. with the webhook listener's StatusCallback (src/webhooks/). */
	private paramsHook: ParamsHook | undefined;
	private readonly _onDidSend = new vscode.EventEmitter<SendOutcome>();
	readonly onDidSend = this._onDidSend.event;

	constructor(
		private readonly clients: ClientProvider,
		private readonly logger: Logger,
	) {}

	addListener(listener: SendListener): vscode.Disposable {
		this.listeners.push(listener);
		return new vscode.Disposable(() => {
			const index = this.listeners.indexOf(listener);
			if (index >= 0) {
				this.listeners.splice(index, 1);
			}
		});
	}

	setParamsHook(hook: ParamsHook | undefined): void {
		this.paramsHook = hook;
	}

	/**
	 * Sends once. Resolves with the outcome (success or API failure, both recorded); the caller
	 * decides how to present it. Never retries a POST except the client's bounded 429 retry.
	 */
	async send(profile: Profile, givenParams: CreateMessageParams, options: SendOptions = {}): Promise<SendResult> {
		const params = this.paramsHook?.(profile, givenParams, options) ?? givenParams;
		const client = await this.clients.clientFor(profile);
		this.logger.info(`→ POST ${client.baseUrl}${client.accountPath}/Messages`);
		this.logger.info(`  Authorization: Basic *** · Content-Type: application/x-www-form-urlencoded`);
		this.logger.info(`  ${encodeMessageForm(params)}`);
		const startedAt = Date.now();
		const outcome: SendOutcome = {
			id: randomId(),
			profile: { id: profile.id, spaceUrl: profile.spaceUrl, projectId: profile.projectId },
			// What the user asked for: a StatusCallback the hook added belongs to this listener only, and a resend adds
			// the current one.
			params: givenParams,
			startedAt,
			finishedAt: startedAt,
			...(options.testRun ? { testRun: true } : {}),
		};
		let thrown: unknown;
		try {
			const message: Message = await client.createMessage(params);
			outcome.finishedAt = Date.now();
			outcome.message = message;
			this.logger.info(`← 201 Created in ${outcome.finishedAt - startedAt} ms: ${message.status} ${message.sid}`);
			this.logger.block('Message', JSON.stringify(message, null, 2));
		} catch (error) {
			thrown = error;
			outcome.finishedAt = Date.now();
			outcome.error = failureFromError(error);
			this.logger.error(`← failed in ${outcome.finishedAt - startedAt} ms: ${describeError(error)}`);
			if (outcome.error.httpStatus !== undefined) {
				this.logger.block(
					'Error',
					JSON.stringify(
						{
							status: outcome.error.httpStatus,
							code: outcome.error.code,
							message: outcome.error.message,
							more_info: outcome.error.moreInfo,
						},
						null,
						2,
					),
				);
			}
		}
		for (const listener of this.listeners) {
			try {
				await listener.onSendFinished(outcome);
			} catch (error) {
				this.logger.error(`Recording the send failed: ${describeError(error)}`);
			}
		}
		this._onDidSend.fire(outcome);
		return thrown === undefined ? { outcome } : { outcome, error: thrown };
	}

	dispose(): void {
		this._onDidSend.dispose();
	}
}
