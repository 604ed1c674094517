/**
 * The sandbox's data: the fixed project and phone numbers, and the messages created so far with
 * their scripted status progression.
 */
import { randomUUID } from 'node:crypto';
import { SegmentedMessage } from 'sms-segments-calculator';
import type { Message, PhoneNumberCapabilities } from '../src/core/types';
import { rfc2822 } from './util';

/** The sandbox's project id (the `AccountSid` of every path) unless another is given. */
export const SANDBOX_PROJECT_ID = '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001';

export interface SandboxNumber {
	sid: string;
	phoneNumber: string;
	friendlyName: string;
	capabilities: PhoneNumberCapabilities;
	/** Serialised with `SMS`/`MMS` upper-case keys (`voice`, `fax` lower-case), as in recorded real responses. */
	upperCaseKeys?: boolean;
}

/** The project's numbers, in the order IncomingPhoneNumbers lists them (deeply frozen). */
export const SANDBOX_NUMBERS: readonly Readonly<SandboxNumber>[] = deepFreeze([
	{
		sid: '0e8a1b52-7d1c-4c55-9a0e-000000000100',
		phoneNumber: '+15550100100',
		friendlyName: '(555) 010-0100',
		capabilities: { voice: true, sms: true, mms: true, fax: false },
	},
	{
		sid: '0e8a1b52-7d1c-4c55-9a0e-000000000101',
		phoneNumber: '+15550100101',
		friendlyName: '(555) 010-0101',
		capabilities: { voice: true, sms: true, mms: true, fax: true },
		upperCaseKeys: true,
	},
	{
		sid: '0e8a1b52-7d1c-4c55-9a0e-000000000102',
		phoneNumber: '+15550100102',
		friendlyName: '(555) 010-0102',
		capabilities: { voice: true, sms: true, mms: false, fax: false },
	},
	{
		sid: '0e8a1b52-7d1c-4c55-9a0e-000000000103',
		phoneNumber: '+15550100103',
		friendlyName: '(555) 010-0103',
		capabilities: { voice: true, sms: false, mms: false, fax: false },
	},
	{
		sid: '0e8a1b52-7d1c-4c55-9a0e-000000000104',
		phoneNumber: '+15550100104',
		friendlyName: '(555) 010-0104',
		capabilities: { voice: false, sms: true, mms: true, fax: false },
	},
]);

function deepFreeze<T extends SandboxNumber[]>(numbers: T): readonly Readonly<SandboxNumber>[] {
	for (const number of numbers) {
		Object.freeze(number.capabilities);
		Object.freeze(number);
	}
	return Object.freeze(numbers);
}

/** Destinations with a scripted failure. Any other E.164 `To` is delivered. */
export const SANDBOX_SPECIAL_NUMBERS = Object.freeze({
	/** queued → sending → failed, error_code "30003" (a string). */
	unreachable: '+15550100666',
	/** queued → sending → sent → undelivered, error_code 30005 (a number, as Twilio writes it). */
	undelivered: '+15550100777',
});

/** The IncomingPhoneNumber JSON of a sandbox number (the fields of the spec, doc §7.1). */
export function numberJson(number: SandboxNumber, projectId: string, prefix: string): Record<string, unknown> {
	const c = number.capabilities;
	const capabilities = number.upperCaseKeys
		? { voice: c.voice, SMS: c.sms, MMS: c.mms, fax: c.fax }
		: { voice: c.voice, sms: c.sms, mms: c.mms, fax: c.fax };
	const created = 'Mon, 06 Jan 2025 12:00:00 +0000';
	return {
		account_id: projectId,
		account_sid: projectId,
		address_requirements: 'none',
		address_sid: null,
		api_version: '2010-04-01',
		beta: false,
		capabilities,
		country_code: 'US',
		date_created: created,
		date_updated: created,
		emergency_address_sid: null,
		emergency_status: 'Inactive',
		friendly_name: number.friendlyName,
		identity_sid: null,
		origin: 'signalwire',
		phone_number: number.phoneNumber,
		sid: number.sid,
		sms_application_sid: null,
		sms_fallback_method: 'POST',
		sms_fallback_url: null,
		sms_method: 'POST',
		sms_url: null,
		status_callback: null,
		status_callback_method: 'POST',
		trunk_sid: null,
		uri: `${prefix}/Accounts/${projectId}/IncomingPhoneNumbers/${number.sid}.json`,
		voice_application_sid: null,
		voice_caller_id_lookup: false,
		voice_fallback_method: 'POST',
		voice_fallback_url: null,
		voice_method: 'POST',
		voice_url: null,
	};
}

interface Step {
	status: string;
	errorCode?: string | number;
	errorMessage?: string;
}

interface StoredMessage {
	message: Message;
	/** The raw `error_code` to write (string or number), kept apart from the typed record. */
	rawErrorCode: string | number | null;
	plan: Step[];
	step: number;
	isMms: boolean;
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
}

/** Segments as the sandbox counts them: the calculator's for SMS, 1 for MMS. */
export function segmentsOf(body: string | null, isMms: boolean): number {
	return isMms ? 1 : new SegmentedMessage(body ?? '').segmentsCount;
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
	// MMS never gets a delivery receipt, so it stops at `sent` (doc §6.1).
	return isMms ? [{ status: 'queued' }, { status: 'sending' }, { status: 'sent' }] : [{ status: 'queued' }, { status: 'sending' }, { status: 'sent' }, { status: 'delivered' }];
}

/** A Message as JSON for a request under `prefix` (the record keeps its creation prefix). */
function withPrefix(message: Message, prefix: string, rawErrorCode: string | number | null): Record<string, unknown> {
	const leaf = `${prefix}/Accounts/${message.account_sid}/Messages/${message.sid}`;
	return {
		...message,
		error_code: rawErrorCode,
		uri: `${leaf}.json`,
		subresource_uris: { media: `${leaf}/Media.json` },
	};
}

/** Builds the JSON of a new message (all 20 fields), as the create answer shows it. */
export function buildMessage(input: NewMessage, now = new Date(), sid: string = randomUUID()): Message {
	const isMms = input.mediaUrls.length > 0 || input.sendAsMms;
	const date = rfc2822(now);
	const leaf = `${input.prefix}/Accounts/${input.projectId}/Messages/${sid}`;
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

	create(input: NewMessage): Message {
		const isMms = input.mediaUrls.length > 0 || input.sendAsMms;
		const message = buildMessage(input);
		this.#messages.push({ message, rawErrorCode: null, plan: planFor(input.to, isMms), step: 0, isMms });
		return structuredClone(message);
	}

	/** The JSON of a message for a request under `prefix`, or undefined. */
	json(sid: string, prefix: string): Record<string, unknown> | undefined {
		const stored = this.#find(sid);
		return stored && withPrefix(stored.message, prefix, stored.rawErrorCode);
	}

	/** Moves a message one step along its plan (each fetch does this); false if unknown. */
	advance(sid: string, now = new Date()): boolean {
		const stored = this.#find(sid);
		if (!stored) {
			return false;
		}
		if (stored.step + 1 < stored.plan.length) {
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
		}
		return true;
	}

	/** Copies of the records, oldest first. */
	all(): Message[] {
		return this.#messages.map((s) => structuredClone(s.message));
	}

	/** JSON of every message for a request under `prefix`, newest first (the list order). */
	newestFirst(prefix: string): Record<string, unknown>[] {
		return [...this.#messages].reverse().map((s) => withPrefix(s.message, prefix, s.rawErrorCode));
	}

	clear(): void {
		this.#messages.length = 0;
	}

	#find(sid: string): StoredMessage | undefined {
		return this.#messages.find((s) => s.message.sid === sid);
	}
}
