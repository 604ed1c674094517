/**
 * The sandbox's phone numbers: the fixed list every sandbox serves, and the per-sandbox settings
 * a client may change with `POST IncomingPhoneNumbers/{Sid}` (SmsUrl, SmsMethod, StatusCallback,
 * StatusCallbackMethod), as described in docs/api-notes.md, "Phone numbers".
 */
import type { PhoneNumberCapabilities } from '../src/core/types';

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

/** What a client may change on a number. `null` URL = none set. */
export interface NumberSettings {
	smsUrl: string | null;
	smsMethod: 'GET' | 'POST';
	statusCallback: string | null;
	statusCallbackMethod: 'GET' | 'POST';
	dateUpdated: string;
}

const CREATED = 'Mon, 06 Jan 2025 12:00:00 +0000';

function defaultSettings(): NumberSettings {
	return { smsUrl: null, smsMethod: 'POST', statusCallback: null, statusCallbackMethod: 'POST', dateUpdated: CREATED };
}

/** The numbers of one sandbox with their changeable settings (cleared by `reset`). */
export class NumberBook {
	readonly #settings = new Map<string, NumberSettings>();
	#numbers: readonly SandboxNumber[];

	/** `fixed`: the numbers the book starts with, and goes back to on `clear`. */
	constructor(private readonly fixed: readonly SandboxNumber[]) {
		this.#numbers = fixed;
	}

	get numbers(): readonly SandboxNumber[] {
		return this.#numbers;
	}

	/** Replaces the project's numbers (POST /__sandbox/numbers, sandbox/numberCount.ts) until `clear`. */
	replaceNumbers(numbers: readonly SandboxNumber[]): void {
		this.#numbers = numbers;
	}

	bySid(sid: string): SandboxNumber | undefined {
		return this.numbers.find((n) => n.sid === sid);
	}

	byPhoneNumber(phoneNumber: string): SandboxNumber | undefined {
		return this.numbers.find((n) => n.phoneNumber === phoneNumber);
	}

	settings(sid: string): NumberSettings {
		return { ...(this.#settings.get(sid) ?? defaultSettings()) };
	}

	update(sid: string, change: Partial<NumberSettings>): NumberSettings {
		const next = { ...this.settings(sid), ...change };
		this.#settings.set(sid, next);
		return { ...next };
	}

	clear(): void {
		this.#settings.clear();
		this.#numbers = this.fixed;
	}

	/** The IncomingPhoneNumber JSON of a number (the documented fields; docs/api-notes.md, "Phone numbers"). */
	json(number: SandboxNumber, projectId: string, prefix: string): Record<string, unknown> {
		const c = number.capabilities;
		const capabilities = number.upperCaseKeys
			? { voice: c.voice, SMS: c.sms, MMS: c.mms, fax: c.fax }
			: { voice: c.voice, sms: c.sms, mms: c.mms, fax: c.fax };
		const s = this.settings(number.sid);
		return {
			account_id: projectId,
			account_sid: projectId,
			address_requirements: 'none',
			address_sid: null,
			api_version: '2010-04-01',
			beta: false,
			capabilities,
			country_code: 'US',
			date_created: CREATED,
			date_updated: s.dateUpdated,
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
			sms_method: s.smsMethod,
			sms_url: s.smsUrl,
			status_callback: s.statusCallback,
			status_callback_method: s.statusCallbackMethod,
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
}
