/**
 * What happens to messages after the API answers, as on SignalWire (docs/api-notes.md, "Statuses"
 * and "Webhooks and signatures"): statuses advance (on their own, or per fetch in 'fetch' mode),
 * each status change is POSTed to the message's StatusCallback, the scripted handsets answer,
 * inbound messages are POSTed to their number's SmsUrl, and a `<Message>` in the cXML answer
 * becomes an outbound reply.
 */
import { EventEmitter } from 'node:events';
import type { Message } from '../src/core/types';
import type { CallbackSender } from './callbacks';
import { readCxmlMessages } from './cxml';
import { OptOuts, handsetReply } from './handsets';
import type { NumberBook } from './numbers';
import type { SandboxSettings } from './settings';
import { MessageStore, type NewMessage, type StoredMessage } from './store';
import { errorBody } from './util';
import { validateCreate } from './validate';

/** Automatic answers (handset replies, cXML answers) stop after this many in a row. */
const MAX_DEPTH = 10;
const API_PREFIX = '/api/laml/2010-04-01';

/** Timeouts that all end at `clear` (reset, close). */
export class Timers {
	readonly #pending = new Set<ReturnType<typeof setTimeout>>();

	after(ms: number, run: () => void): void {
		const timer = setTimeout(() => {
			this.#pending.delete(timer);
			run();
		}, ms);
		this.#pending.add(timer);
	}

	wait(ms: number): Promise<void> {
		return new Promise((resolve) => this.after(ms, resolve));
	}

	clear(): void {
		for (const timer of this.#pending) {
			clearTimeout(timer);
		}
		this.#pending.clear();
	}
}

export interface MessagingContext {
	projectId: string;
	book: NumberBook;
	/** The live settings (read at each decision). */
	settings: () => SandboxSettings;
	callbacks: CallbackSender;
	timers: Timers;
}

export interface Inbound {
	from: string;
	to: string;
	body: string | null;
	mediaUrls: string[];
}

export type Refusal = ReturnType<typeof errorBody>;

/**
 * What happens to messages, as it happens (for in-process watchers such as the conversation-test
 * engine, which must not poll). Each listener gets its own copy of the message.
 *   'message'  a message was created: an outbound one (status queued) or an inbound one (received)
 *   'inbound'  an inbound message was received (also told as 'message')
 *   'status'   an existing message's status changed
 */
export interface SandboxEvents {
	on(event: 'message' | 'inbound' | 'status', listener: (message: Message) => void): this;
	off(event: 'message' | 'inbound' | 'status', listener: (message: Message) => void): this;
}

export class Messaging {
	readonly store = new MessageStore();
	readonly optOuts = new OptOuts();
	readonly #events = new EventEmitter().setMaxListeners(0);
	readonly events: SandboxEvents = this.#events;

	constructor(private readonly ctx: MessagingContext) {}

	#emit(event: 'message' | 'inbound' | 'status', stored: StoredMessage): void {
		for (const listener of this.#events.listeners(event)) {
			(listener as (message: Message) => void)(structuredClone(stored.message));
		}
	}

	/** Why a send from `from` to `to` is refused before it is created (21610), or undefined. */
	refusal(from: string, to: string): Refusal | undefined {
		return this.optOuts.isOptedOut(to, from) ? errorBody(400, 21610, `The message was blocked: ${to} has opted out of messages from ${from} (it sent STOP).`) : undefined;
	}

	/** Creates an outbound message (already validated) and sets its life going. */
	send(input: NewMessage): StoredMessage {
		const stored = this.store.create(input);
		this.#emit('message', stored);
		this.#statusChanged(stored);
		if (this.ctx.settings().statusProgression === 'time') {
			this.#scheduleStep(stored);
		} else {
			this.#scheduleHandsetReply(stored);
		}
		return stored;
	}

	/** A fetch of a message: in 'fetch' mode it advances one step. */
	fetched(stored: StoredMessage): void {
		if (this.ctx.settings().statusProgression === 'fetch') {
			this.#advance(stored);
		}
	}

	/** After a switch to 'time' mode: sets the unsettled messages going again. */
	resume(): void {
		for (const stored of this.store.newestFirst()) {
			if (!this.store.isSettled(stored)) {
				this.#scheduleStep(stored);
			}
		}
	}

	/** An inbound message to one of the project's numbers (handset reply or injected). */
	receive(input: Inbound, depth = 0): StoredMessage {
		const stored = this.store.receive({
			projectId: this.ctx.projectId,
			prefix: API_PREFIX,
			to: input.to,
			from: input.from,
			messagingServiceSid: null,
			body: input.body,
			mediaUrls: input.mediaUrls,
			sendAsMms: false,
			depth,
		});
		this.optOuts.receive(input.from, input.to, input.body);
		this.#emit('message', stored);
		this.#emit('inbound', stored);
		void this.#postInbound(stored);
		return stored;
	}

	clear(): void {
		this.store.clear();
		this.optOuts.clear();
	}

	#scheduleStep(stored: StoredMessage): void {
		this.ctx.timers.after(this.ctx.settings().statusStepMs, () => {
			if (this.ctx.settings().statusProgression === 'time' && this.store.find(stored.message.sid) === stored) {
				this.#advance(stored);
				if (!this.store.isSettled(stored)) {
					this.#scheduleStep(stored);
				}
			}
		});
	}

	#advance(stored: StoredMessage): void {
		if (!this.store.advance(stored)) {
			return;
		}
		this.#emit('status', stored);
		this.#statusChanged(stored);
		if (this.store.isSettled(stored) && this.ctx.settings().statusProgression === 'time') {
			this.#scheduleHandsetReply(stored);
		}
	}

	/** The handset answers `replyDelayMs` after the message reached it (a failed one never does). */
	#scheduleHandsetReply(stored: StoredMessage): void {
		const m = stored.message;
		const reply = handsetReply(m.to, m.body, stored.media.map((item) => item.url));
		if (!reply || stored.depth >= MAX_DEPTH || ['failed', 'undelivered'].includes(m.status)) {
			return;
		}
		this.ctx.timers.after(this.ctx.settings().replyDelayMs, () => {
			this.receive({ from: m.to, to: m.from, body: reply.body, mediaUrls: reply.mediaUrls }, stored.depth + 1);
		});
	}

	#statusChanged(stored: StoredMessage): void {
		const m = stored.message;
		if (!stored.statusCallback) {
			return;
		}
		const params: Record<string, string> = {
			MessageStatus: m.status,
			MessageSid: m.sid,
			AccountSid: m.account_sid,
			From: m.from,
			To: m.to,
			Body: m.body ?? '',
			NumMedia: String(m.num_media),
			NumSegments: String(m.num_segments),
			...(m.error_code !== null ? { ErrorCode: m.error_code } : {}),
		};
		void this.ctx.callbacks.send(`status:${m.sid}`, 'status', 'POST', stored.statusCallback, params);
	}

	async #postInbound(stored: StoredMessage): Promise<void> {
		const m = stored.message;
		const number = this.ctx.book.byPhoneNumber(m.to);
		const settings = number && this.ctx.book.settings(number.sid);
		if (!settings?.smsUrl) {
			return;
		}
		const params: Record<string, string> = {
			MessageSid: m.sid,
			AccountSid: m.account_sid,
			From: m.from,
			To: m.to,
			Body: m.body ?? '',
			NumMedia: String(stored.media.length),
		};
		stored.media.forEach((item, i) => {
			params[`MediaUrl${i}`] = item.url;
			params[`MediaContentType${i}`] = item.contentType;
		});
		const answer = await this.ctx.callbacks.send(`number:${m.to}`, 'inbound', settings.smsMethod, settings.smsUrl, params);
		if (answer === undefined || stored.depth >= MAX_DEPTH || this.store.find(m.sid) !== stored) {
			return;
		}
		for (const verb of readCxmlMessages(answer)) {
			this.#replyFromCxml(stored, verb.from ?? m.to, verb.to ?? m.from, verb.body, verb.mediaUrls);
		}
	}

	/** A `<Message>` of a cXML answer, checked like an API create; an invalid one is dropped. */
	#replyFromCxml(inbound: StoredMessage, from: string, to: string, body: string | null, mediaUrls: string[]): void {
		const form: Record<string, string[]> = { To: [to], From: [from], MediaUrl: mediaUrls, ...(body !== null ? { Body: [body] } : {}) };
		const result = validateCreate(form, this.ctx.book.numbers);
		if (!result.ok || this.refusal(from, to)) {
			return;
		}
		this.send({
			projectId: this.ctx.projectId,
			prefix: API_PREFIX,
			to,
			from,
			messagingServiceSid: null,
			body: result.value.body,
			mediaUrls: result.value.mediaUrls,
			sendAsMms: false,
			depth: inbound.depth + 1,
		});
	}
}
