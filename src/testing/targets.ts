/**
 * The two run profiles' targets. Local server: the project's local SignalWire-compatible server,
 * its core alone (sandbox/core.ts: the API and the in-process `inject` and `events`, without
 * `startSandbox`'s faults, control routes and sign-in codes, which these runs never use), started
 * in the extension host for each run and closed after it, so that every run starts clean (no
 * opt-out left by an earlier STOP) and local runs never touch the history or the Space. Active
 * Space: the signed-in Space, after saying once per session how many messages and segments a run
 * sends at most (./spaceEstimate.ts), within the engine's guard rails.
 */
import * as vscode from 'vscode';
import { startCoreSandbox, type CoreSandbox } from '../../sandbox/core';
import type { Target } from '../scenarios';
import { LocalTarget } from '../scenarios/localTarget';
import type { Logger } from '../util/logger';
import type { RunTarget } from './runner';

/** Faster than `npm start`'s server (1 s per status step and before a handset answers): tests wait less. */
const LOCAL_TIMING = { statusStepMs: 100, replyDelayMs: 100 } as const;

export class LocalRunTarget implements RunTarget, vscode.Disposable {
	readonly label = vscode.l10n.t('Local server');
	private readonly servers = new Map<Target, CoreSandbox>();

	constructor(private readonly logger: Logger) {}

	async prepare(): Promise<Target> {
		const server = await startCoreSandbox({ statusProgression: 'time', ...LOCAL_TIMING });
		this.logger.addSecret(server.token);
		this.logger.addSecret(server.signingKey);
		this.logger.debug(`conversation tests: local server at ${server.url}`);
		const target = new LocalTarget(server);
		this.servers.set(target, server);
		return target;
	}

	async finish(target: Target): Promise<void> {
		const server = this.servers.get(target);
		this.servers.delete(target);
		await server?.close();
	}

	dispose(): void {
		for (const server of this.servers.values()) {
			void server.close();
		}
		this.servers.clear();
	}
}
