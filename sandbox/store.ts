/**
 * The sandbox's messages: outbound ones with their scripted status progression, inbound ones
 * (`direction: inbound`, status `received`), and the Media subresource of each
 * (docs/api-notes.md, "Statuses" and "Deleting, redacting and media").
 */
import { randomUUID } from 'node:crypto';
import { SegmentedMessage } from 'sms-segments-calculator';
import type { Message } from '../src/core/types';
import { rfc2822 } from './util';

/** Destinations with a scripted failure. Any other E.164 `To` is delivered. */
export const SANDBOX_SPECIAL_NUMBERS = Object.freeze({
	/** queued → sending → failed, error_code "30003" (a string). */
	unreachable: '+15550100666',
	/** queued → sending → sent → undelivered, error_code 30005 (a number, as Twilio writes it). */
	undelivered: '+15550100777',
});

interface Step {
	status: string;
	errorCode?: string | number;
	errorMessage?: string;
}

export interface MediaItem {
	sid: string;
	/** The URL it was sent with (outbound) or is reachable at (inbound). */
	url: string;
	contentType: string;
	dateCreated: string;
}

export interface StoredMessage {
	message: Message;
	/** The raw `error_code` to write (string or number), kept apart from the typed record. */
	rawErrorCode: string | number | null;
	plan: Step[];
	step: number;
	isMms: boolean;
	/** Where status changes are POSTed (outbound only). */
	statusCallback: string | null;
	media: MediaItem[];
	/** How many automatic answers led to this message (handset replies, cXML answers): bounds loops. */
	depth: number;
}

export interface NewMessage {
	projectId: string;
	/** The request's `(/api/laml)?/2010-04-01` prefix, echoed in `uri`. */
	prefix: string;
	to: string;
	from: string;
	messagingServiceSid: string | null;
	body: string | null;
	mediaUrls: string[];
	sendAsMms: boolean;
	statusCallback?: string | null;
	depth?: number;
}

/** Segments as the sandbox counts them: the calculator's for SMS, 1 for MMS. */
export function segmentsOf(body: string | null, isMms: boolean): number {
	return isMms ? 1 : new SegmentedMessage(body ?? '').segmentsCount;
}

/** Statuses after which nothing changes. */
export function isFinalStatus(status: string): boolean {
	return ['delivered', 'undelivered', 'failed', 'received', 'canceled'].includes(status);
}

/** Statuses during which a message may be neither deleted nor redacted, nor its media deleted. */
export function isInProgress(status: string): boolean {
	return ['accepted', 'scheduled', 'queued', 'initiated', 'sending', 'receiving'].includes(status);
}

function planFor(to: string, isMms: boolean): Step[] {
	if (to === SANDBOX_SPECIAL_NUMBERS.unreachable) {
		return [{ status: 'queued' }, { status: 'sending' }, { status: 'failed', errorCode: '30003', errorMessage: 'Unreachable destination handset' }];
	}
	if (to === SANDBOX_SPECIAL_NUMBERS.undelivered) {
		return [
			{ status: 'queued' },
			{ status: 'sending' },
			{ status: 'sent' },
			{ status: 'undelivered', errorCode: 30005, errorMessage: 'Unknown destination handset' },
		];
	}
	// MMS never gets a delivery receipt, so it stops at `sent` (docs/api-notes.md, "Statuses").
	return isMms ? [{ status: 'queued' }, { status: 'sending' }, { status: 'sent' }] : [{ status: 'queued' }, { status: 'sending' }, { status: 'sent' }, { status: 'delivered' }];
}

const CONTENT_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	bmp: 'image/bmp',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	wav: 'audio/vnd.wav',
	txt: 'text/plain',
	vcf: 'text/vcard',
	ics: 'text/calendar',
};

/** A media item's content type, guessed from the URL's extension (image/jpeg when unknown). */
export function contentTypeOf(url: string): string {
	const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
	return CONTENT_TYPES[extension] ?? 'image/jpeg';
}

function leafOf(prefix: string, accountSid: string, sid: string): string {
	return `${prefix}/Accounts/${accountSid}/Messages/${sid}`;
}

/** A Message as JSON for a request under `prefix` (the record keeps its creation prefix). */
function withPrefix(stored: StoredMessage, prefix: string): Record<string, unknown> {
	const leaf = leafOf(prefix, stored.message.account_sid, stored.message.sid);
	return {
		...stored.message,
		error_code: stored.rawErrorCode,
		uri: `${leaf}.json`,
		subresource_uris: { media: `${leaf}/Media.json` },
	};
}

/** Builds the JSON of a new outbound message (all 20 fields), as the create answer shows it. */
export function buildMessage(input: NewMessage, now = new Date(), sid: string = randomUUID()): Message {
	const isMms = input.mediaUrls.length > 0 || input.sendAsMms;
	const date = rfc2822(now);
	const leaf = leafOf(input.prefix, input.projectId, sid);
	return {
		account_sid: input.projectId,
		api_version: '2010-04-01',
		body: input.body,
		num_segments: segmentsOf(input.body, isMms),
		num_media: input.mediaUrls.length,
		date_created: date,
		date_sent: null,
		date_updated: date,
		direction: 'outbound-api',
		error_code: null,
		error_message: null,
		from: input.from,
		price: null,
		price_unit: 'USD',
		sid,
		status: 'queued',
		to: input.to,
		messaging_service_sid: input.messagingServiceSid,
		uri: `${leaf}.json`,
		subresource_uris: { media: `${leaf}/Media.json` },
	};
}

/** The messages created so far, in creation order. */
export class MessageStore {
	readonly #messages: StoredMessage[] = [];

	/** A new outbound message, `queued`. */
	create(input: NewMessage): StoredMessage {
		const isMms = input.mediaUrls.length > 0 || input.sendAsMms;
		const message = buildMessage(input);
		const stored: StoredMessage = {
			message,
			rawErrorCode: null,
			plan: planFor(input.to, isMms),
			step: 0,
			isMms,
			statusCallback: input.statusCallback ?? null,
			media: input.mediaUrls.map((url) => ({ sid: randomUUID(), url, contentType: contentTypeOf(url), dateCreated: message.date_created })),
			depth: input.depth ?? 0,
		};
		this.#messages.push(stored);
		return stored;
	}

	/** A new inbound message, `received` (it is final: inbound messages do not advance). */
	receive(input: NewMessage): StoredMessage {
		const stored = this.create(input);
		const m = stored.message;
		m.direction = 'inbound';
		m.status = 'received';
		m.date_sent = m.date_created;
		m.price = Math.round((stored.isMms ? 0.01 : 0.0079 * m.num_segments) * 10_000) / 10_000;
		stored.plan = [{ status: 'received' }];
		return stored;
	}

	find(sid: string): StoredMessage | undefined {
		return this.#messages.find((s) => s.message.sid === sid);
	}

	/** The JSON of a message for a request under `prefix`, or undefined. */
	json(sid: string, prefix: string): Record<string, unknown> | undefined {
		const stored = this.find(sid);
		return stored && withPrefix(stored, prefix);
	}

	/** Moves a message one step along its plan; true when its status changed. */
	advance(stored: StoredMessage, now = new Date()): boolean {
		if (stored.step + 1 >= stored.plan.length) {
			return false;
		}
		stored.step++;
		const step = stored.plan[stored.step];
		const m = stored.message;
		m.status = step.status;
		m.date_updated = rfc2822(now);
		if (step.status === 'sent') {
			m.date_sent = m.date_updated;
			m.price = Math.round((stored.isMms ? 0.02 : 0.0079 * m.num_segments) * 10_000) / 10_000;
		}
		if (step.errorCode !== undefined) {
			stored.rawErrorCode = step.errorCode;
			m.error_code = String(step.errorCode);
			m.error_message = step.errorMessage ?? null;
		}
		return true;
	}

	/** Whether a message has reached the last step of its plan. */
	isSettled(stored: StoredMessage): boolean {
		return stored.step + 1 >= stored.plan.length;
	}

	/** Removes a message (and its media); false if unknown. */
	remove(sid: string): boolean {
		const index = this.#messages.findIndex((s) => s.message.sid === sid);
		if (index === -1) {
			return false;
		}
		this.#messages.splice(index, 1);
		return true;
	}

	/** Empties a message's body (redaction). */
	redact(stored: StoredMessage, now = new Date()): void {
		stored.message.body = '';
		stored.message.date_updated = rfc2822(now);
	}

	/** The JSON of a media item for a request under `prefix`. */
	mediaJson(stored: StoredMessage, item: MediaItem, prefix: string): Record<string, unknown> {
		const leaf = leafOf(prefix, stored.message.account_sid, stored.message.sid);
		return {
			account_sid: stored.message.account_sid,
			content_type: item.contentType,
			date_created: item.dateCreated,
			date_updated: item.dateCreated,
			parent_sid: stored.message.sid,
			sid: item.sid,
			uri: `${leaf}/Media/${item.sid}.json`,
		};
	}

	/** Copies of the records, oldest first. */
	all(): Message[] {
		return this.#messages.map((s) => structuredClone(s.message));
	}

	/** Every stored message, newest first (the list order). */
	newestFirst(): StoredMessage[] {
		return [...this.#messages].reverse();
	}

	/** JSON of a stored message for a request under `prefix`. */
	render(stored: StoredMessage, prefix: string): Record<string, unknown> {
		return withPrefix(stored, prefix);
	}

	clear(): void {
		this.#messages.length = 0;
	}
}
