import * as vscode from 'vscode';
import { credentialForms, maskAndShorten, MIN_MASKED_SECRET_LENGTH } from '../core/secrets';

/** The most written of one entry (a huge answer's text must not flood the channel), after masking. */
export const MAX_LOG_ENTRY_CHARS = 20_000;

/**
 * The extension's one logger, over one `LogOutputChannel` named "SignalWire". Every line passes
 * through `maskAndShorten`: known tokens are replaced, in any percent-encoding, even if a caller
 * slips one in, and so is the value of any `Basic …` credential; then it is cut to
 * {@link MAX_LOG_ENTRY_CHARS}.
 */
export class Logger implements vscode.Disposable {
	readonly channel: vscode.LogOutputChannel;
	/** Longest first, so a longer secret is masked whole before a shorter one inside it. */
	private secrets: string[] = [];

	constructor(name = 'SignalWire') {
		this.channel = vscode.window.createOutputChannel(name, { log: true });
	}

	/** Registers a value that must never be written. */
	addSecret(secret: string | undefined): void {
		if (secret && secret.length >= MIN_MASKED_SECRET_LENGTH && !this.secrets.includes(secret)) {
			this.secrets = [...this.secrets, secret].sort((a, b) => b.length - a.length);
		}
	}

	/** Registers an API token in every form it travels in (raw, URL-encoded, Basic credentials). */
	addCredentials(projectId: string, token: string): void {
		for (const form of credentialForms(projectId, token)) {
			this.addSecret(form);
		}
	}

	info(message: string, ...args: unknown[]): void {
		this.channel.info(this.clean(message), ...args.map((a) => this.cleanValue(a)));
	}

	warn(message: string, ...args: unknown[]): void {
		this.channel.warn(this.clean(message), ...args.map((a) => this.cleanValue(a)));
	}

	error(message: string | Error, ...args: unknown[]): void {
		const text = message instanceof Error ? message.message : message;
		this.channel.error(this.clean(text), ...args.map((a) => this.cleanValue(a)));
	}

	debug(message: string, ...args: unknown[]): void {
		this.channel.debug(this.clean(message), ...args.map((a) => this.cleanValue(a)));
	}

	/** Writes a block (e.g. pretty JSON) as one info entry. */
	block(title: string, body: string): void {
		this.channel.info(this.clean(`${title}\n${body}`));
	}

	show(): void {
		this.channel.show(true);
	}

	private clean(text: string): string {
		return maskAndShorten(text, this.secrets, MAX_LOG_ENTRY_CHARS);
	}

	private cleanValue(value: unknown): unknown {
		if (typeof value === 'string') {
			return this.clean(value);
		}
		if (value instanceof Error) {
			return this.clean(value.message);
		}
		if (value !== null && typeof value === 'object') {
			return this.clean(JSON.stringify(value));
		}
		return value;
	}

	dispose(): void {
		this.channel.dispose();
	}
}
