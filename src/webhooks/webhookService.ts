/**
 * The webhook inspector: runs the loopback listener (src/webhooks/listener.ts) on demand, keeps the
 * requests of this window session, shows a status bar item while it runs, checks signatures with
 * the Space's Signing Key, and hands status callbacks to the Messages view at once.
 */
import * as vscode from 'vscode';
import type { CredentialStore } from '../credentials/credentialStore';
import type { Profile } from '../credentials/profile';
import { Disposable } from '../util/disposable';
import type { Logger } from '../util/logger';
import { WEBHOOK_LAST_PORT_KEY } from '../contributions';
import { WebhookListener, WebhookListenerError, type RefusalReason, type WebhookListenerOptions } from './listener';
import { WebhookRequestLog } from './requestLog';
import type { NumberRouter } from './numberRoutes';
import {
	inboundMessageOf,
	keyFields,
	mayApplyRequest,
	type InboundWebhookMessage,
	type WebhookRequestRecord,
} from './requests';
import { SigningKeyStore } from './signingKeys';
import { errorText } from '../errors/errorText';
import { isLoopbackSpace, normalizePublicUrl, signedPublicUrl } from './publicUrl';
import { WebhookStatusBar } from './statusBar';

export { isLoopbackSpace, normalizePublicUrl, signedPublicUrl } from './publicUrl';

export interface WebhookSettings {
	port: number;
	publicUrl: string | undefined;
	addStatusCallback: boolean;
	replyText: string | undefined;
}

export function readWebhookSettings(): WebhookSettings {
	const config = vscode.workspace.getConfiguration('signalwire.webhooks');
	const port = config.get<number>('port', 0);
	const publicUrl = config.get<string>('publicUrl', '').trim();
	const replyText = config.get<string>('replyText', '');
	return {
		port: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 0,
		publicUrl: publicUrl || undefined,
		addStatusCallback: config.get<boolean>('addStatusCallback', true),
		replyText: replyText.trim() ? replyText : undefined,
	};
}

export interface StartedListener {
	localUrl: string;
	publicUrl?: string;
	/** The port of the last start, when it was taken this time (the listener got another). */
	lastPortTaken?: number;
}

/**
 * What the service tells others: a new request, the log cleared, the listener started or stopped, or a number routed or
 * restored.
 */
export type WebhookChange =
	{ kind: 'request'; record: WebhookRequestRecord } | { kind: 'cleared' } | { kind: 'listener' } | { kind: 'routes' };

/** Who wants status callbacks as they arrive (the history). */
export interface StatusCallbackSink {
	onStatusCallback(callback: { messageSid: string; status: string; errorCode?: string }): unknown;
}

/** Who wants inbound messages as they arrive (the conversations: src/replies/replyService.ts). */
export interface InboundMessageSink {
	onInboundMessage(inbound: InboundWebhookMessage): unknown;
}

export class WebhookService extends Disposable {
	readonly log = new WebhookRequestLog();
	readonly signingKeys: SigningKeyStore;
	private listener: WebhookListener | undefined;
	private publicBase: string | undefined;
	private lastLocalUrl: string | undefined;
	private starting: Promise<StartedListener> | undefined;
	private readonly statusBar = this.register(
		new WebhookStatusBar(() => ({
			listener: this.listener,
			publicBase: this.publicBase,
			requests: this.log.size,
			routes: this.routes,
			disposed: this.isDisposed,
		})),
	);
	private readonly _onDidChange = this.register(new vscode.EventEmitter<WebhookChange>());
	readonly onDidChange = this._onDidChange.event;
	private readonly sinks: StatusCallbackSink[] = [];
	private readonly inboundSinks: InboundMessageSink[] = [];
	/** Run before the listener stops (route restores). */
	private readonly beforeStop: Array<() => Promise<void>> = [];

	constructor(
		readonly credentials: CredentialStore,
		secrets: vscode.SecretStorage,
		/** Numbers routed to the listener: restored before it stops. */
		readonly routes: NumberRouter,
		private readonly logger: Logger,
		/** Where the last port is kept (global state): the next start reuses it when it is free. */
		private readonly state?: vscode.Memento,
	) {
		super();
		this.register(routes);
		this.register(
			routes.onDidChange(() => {
				this.updateStatusBar();
				this._onDidChange.fire({ kind: 'routes' });
			}),
		);
		this.beforeStop.push(async () => {
			await routes.restoreMine();
		});
		this.signingKeys = this.register(new SigningKeyStore(secrets, credentials, (key) => logger.addSecret(key)));
		const subscription = this.log.onDidChange((record) =>
			this._onDidChange.fire(record ? { kind: 'request', record } : { kind: 'cleared' }),
		);
		this.register({ dispose: () => subscription.dispose() });
	}

	get running(): boolean {
		return this.listener !== undefined;
	}

	get localUrl(): string | undefined {
		return this.listener?.localUrl;
	}

	/** The local URL of the running listener, or of the last one (to replay recorded requests). */
	get replayUrl(): string | undefined {
		return this.listener?.localUrl ?? this.lastLocalUrl;
	}

	get publicUrl(): string | undefined {
		return this.listener ? this.publicBase : undefined;
	}

	addStatusCallbackSink(sink: StatusCallbackSink): vscode.Disposable {
		this.sinks.push(sink);
		return new vscode.Disposable(() => this.sinks.splice(this.sinks.indexOf(sink) >>> 0, 1));
	}

	addInboundMessageSink(sink: InboundMessageSink): vscode.Disposable {
		this.inboundSinks.push(sink);
		return new vscode.Disposable(() => this.inboundSinks.splice(this.inboundSinks.indexOf(sink) >>> 0, 1));
	}

	/**
	 * The base URL SignalWire should call for a profile: the public URL, or the local one for a Space on this machine.
	 */
	baseUrlFor(profile: Pick<Profile, 'spaceUrl'>): string | undefined {
		if (!this.listener) {
			return undefined;
		}
		return this.publicBase ?? (isLoopbackSpace(profile.spaceUrl) ? this.listener.localUrl : undefined);
	}

	/**
	 * Whether SignalWire could reach the listener from `profile`'s Space, running or once started with the settings.
	 */
	canReach(profile: Pick<Profile, 'spaceUrl'>): boolean {
		if (this.listener) {
			return this.baseUrlFor(profile) !== undefined;
		}
		return readWebhookSettings().publicUrl !== undefined || isLoopbackSpace(profile.spaceUrl);
	}

	/** `<base>/status` while the listener runs and can be reached from `profile`'s Space. */
	statusCallbackUrlFor(profile: Pick<Profile, 'spaceUrl'>): string | undefined {
		const base = this.baseUrlFor(profile);
		return base ? `${base}/status` : undefined;
	}

	/**
	 * `<base>/status` for a send from `profile` when `add` (default: the setting) asks for it and the listener runs.
	 */
	statusCallbackFor(
		profile: Pick<Profile, 'spaceUrl'>,
		add: boolean = readWebhookSettings().addStatusCallback,
	): string | undefined {
		return add ? this.statusCallbackUrlFor(profile) : undefined;
	}

	/** Starts the listener (or returns the running one's URLs). Rejects with a message naming the problem. */
	start(options: { port?: number; publicUrl?: string; host?: string } = {}): Promise<StartedListener> {
		if (this.listener) {
			return Promise.resolve(this.urls());
		}
		this.starting ??= this.doStart(options).finally(() => {
			this.starting = undefined;
		});
		return this.starting;
	}

	private urls(): StartedListener {
		return { localUrl: this.listener?.localUrl ?? '', ...(this.publicBase ? { publicUrl: this.publicBase } : {}) };
	}

	private async doStart(options: { port?: number; publicUrl?: string; host?: string }): Promise<StartedListener> {
		const settings = readWebhookSettings();
		const publicUrl = options.publicUrl ?? settings.publicUrl;
		this.publicBase = publicUrl ? normalizePublicUrl(publicUrl) : undefined;
		await this.signingKeys.ready();
		const publicBase = this.publicBase;
		const listenerOptions: WebhookListenerOptions = {
			...(options.host !== undefined ? { host: options.host } : {}),
			log: this.log,
			signingKey: (params) => this.signingKeys.keyFor(params),
			knownProject: (accountSid) => this.signingKeys.isKnownProject(accountSid),
			publicHost: () => (this.publicBase ? new URL(this.publicBase).host : undefined),
			// SignalWire signs the URL it requested: the public URL with the path relative to it.
			signedUrl: (pathAndQuery) =>
				publicBase
					? signedPublicUrl(publicBase, pathAndQuery)
					: `${this.listener?.localUrl ?? ''}${pathAndQuery}`,
			inboundReply: () => readWebhookSettings().replyText,
			onRefused: (reason) => this.onRefused(reason),
			onRecorded: (record) => this.onRecorded(record),
		};
		// Any free port: the last one again if it is free, so a tunnel or public URL set for it still fits.
		const requested = options.port ?? settings.port;
		const lastPort = requested === 0 ? this.state?.get<number>(WEBHOOK_LAST_PORT_KEY) : undefined;
		let listener: WebhookListener | undefined;
		let lastPortTaken: number | undefined;
		if (lastPort) {
			try {
				listener = await WebhookListener.start({ ...listenerOptions, port: lastPort });
			} catch (error) {
				if (!(error instanceof WebhookListenerError && error.reason === 'port-in-use')) {
					throw error;
				}
				lastPortTaken = lastPort;
			}
		}
		listener ??= await WebhookListener.start({ ...listenerOptions, port: requested });
		if (this.isDisposed) {
			await listener.close();
			throw new Error('disposed');
		}
		this.listener = listener;
		this.lastLocalUrl = listener.localUrl;
		void this.state?.update(WEBHOOK_LAST_PORT_KEY, listener.port);
		this.logger.info(
			`Webhook listener started on ${listener.localUrl}${this.publicBase ? ` (public URL ${this.publicBase})` : ''}.`,
		);
		this.updateStatusBar();
		this._onDidChange.fire({ kind: 'listener' });
		return { ...this.urls(), ...(lastPortTaken ? { lastPortTaken } : {}) };
	}

	/** Restores routed numbers, then stops the listener. */
	async stop(): Promise<boolean> {
		await this.starting?.catch(() => undefined);
		const listener = this.listener;
		if (!listener) {
			return false;
		}
		for (const hook of this.beforeStop) {
			try {
				await hook();
			} catch (error) {
				this.logger.warn(`Webhooks: ${errorText(error)}`);
			}
		}
		this.listener = undefined;
		await listener.close();
		this.logger.info('Webhook listener stopped.');
		this.updateStatusBar();
		this._onDidChange.fire({ kind: 'listener' });
		return true;
	}

	/** Shows which problem a refused request had, at most once per reason and session. */
	private readonly refusalsLogged = new Set<RefusalReason>();

	private onRefused(reason: RefusalReason): void {
		this.updateStatusBar();
		if (!this.refusalsLogged.has(reason)) {
			this.refusalsLogged.add(reason);
			const text: Record<RefusalReason, string> = {
				'too-large': 'a body over 64 KB (413)',
				'rate-limited': 'more than 200 requests a second (429)',
				'not-loopback': 'a peer that is not loopback (403)',
				'foreign-host': "a Host that is not the listener's or its public URL's (403)",
				'browser-origin': 'a request from a web page (Origin header, 403)',
				'too-many-connections': 'connections over the cap',
			};
			this.logger.warn(
				`Webhook listener refused ${text[reason]}; later refusals are counted in the status bar tooltip.`,
			);
		}
	}

	private onRecorded(record: WebhookRequestRecord): void {
		const fields = keyFields(record.params);
		const what = `${record.kind} ${fields.messageStatus ?? ''} ${fields.messageSid ?? ''}`;
		this.logger.debug(`Webhook ${record.method} ${record.path}: ${what} signature ${record.signature.state}`);
		if (record.kind === 'status' && fields.messageSid && fields.messageStatus && this.mayApply(record)) {
			for (const sink of this.sinks) {
				try {
					void Promise.resolve(
						sink.onStatusCallback({
							messageSid: fields.messageSid,
							status: fields.messageStatus,
							...(fields.errorCode ? { errorCode: fields.errorCode } : {}),
						}),
					).catch(() => undefined);
				} catch {
					// a sink's failure is its own
				}
			}
		}
		const inbound =
			record.kind === 'inbound' && this.mayApply(record)
				? inboundMessageOf(record.params, record.time)
				: undefined;
		for (const sink of inbound ? this.inboundSinks : []) {
			void Promise.resolve()
				.then(() => sink.onInboundMessage(inbound!))
				.catch((error: unknown) =>
					this.logger.warn(
						`Webhooks: could not add the inbound message ${inbound!.message.sid}: ${errorText(error)}`,
					),
				);
		}
		this.updateStatusBar();
	}

	/**
	 * Whether a request may change anything (a message's status): a POST whose signature is valid
	 * or, while no signed-in Space has a Signing Key, one left unchecked. An invalid or unsigned one
	 * is only recorded and badged.
	 */
	mayApply(record: WebhookRequestRecord): boolean {
		return mayApplyRequest(record, this.signingKeys.anyKey);
	}

	private updateStatusBar(): void {
		this.statusBar.update();
	}

	/**
	 * What the status bar item's tooltip says while the listener runs: where it listens, which numbers are routed to
	 * it, what it received.
	 */
	statusTooltip(): string | undefined {
		return this.statusBar.tooltip();
	}

	override dispose(): void {
		const listener = this.listener;
		this.listener = undefined;
		void listener?.close();
		super.dispose();
	}

	/** For deactivate: runs the stop hooks (restores routed numbers) and closes the listener. */
	async shutdown(): Promise<void> {
		await this.stop();
	}
}
