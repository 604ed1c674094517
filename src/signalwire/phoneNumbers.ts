/**
 * Where a phone number sends its inbound messages: read and change `SmsUrl` and `SmsMethod` of an
 * IncomingPhoneNumber (`POST …/IncomingPhoneNumbers/{Sid}` with the form fields, as the official
 * SDK's `incomingPhoneNumbers(sid).update({ smsUrl, smsMethod })` does; docs/api-notes.md,
 * "Phone numbers"). No `vscode` import.
 */
import type { SignalWireClient } from './client';
import { UnexpectedResponseError } from './errors';

export interface SmsRouting {
	/** Empty when the number has none. */
	smsUrl: string;
	/** `POST` or `GET`. */
	smsMethod: string;
}

export interface NumberSmsRouting extends SmsRouting {
	sid: string;
	phoneNumber: string;
}

function routingOf(value: unknown): NumberSmsRouting | undefined {
	if (typeof value !== 'object' || value === null) {
		return undefined;
	}
	const number = value as { sid?: unknown; phone_number?: unknown; sms_url?: unknown; sms_method?: unknown };
	if (typeof number.sid !== 'string' || typeof number.phone_number !== 'string') {
		return undefined;
	}
	return {
		sid: number.sid,
		phoneNumber: number.phone_number,
		smsUrl: typeof number.sms_url === 'string' ? number.sms_url : '',
		smsMethod:
			typeof number.sms_method === 'string' && /^(GET|POST)$/i.test(number.sms_method)
				? number.sms_method.toUpperCase()
				: 'POST',
	};
}

/** The SmsUrl and SmsMethod of every number of the project (one page of up to 1000). */
export async function listSmsRouting(client: SignalWireClient): Promise<NumberSmsRouting[]> {
	const { json } = await client.request('GET', '/IncomingPhoneNumbers?PageSize=1000');
	const list =
		typeof json === 'object' && json !== null
			? (json as { incoming_phone_numbers?: unknown }).incoming_phone_numbers
			: undefined;
	if (!Array.isArray(list)) {
		throw new UnexpectedResponseError({
			reason: 'wrong-shape',
			detail: 'incoming_phone_numbers is not a list',
			method: 'GET',
			path: `${client.accountPath}/IncomingPhoneNumbers`,
		});
	}
	return list.map(routingOf).filter((routing): routing is NumberSmsRouting => routing !== undefined);
}

/** Sets a number's SmsUrl and SmsMethod; resolves with what the API then reports. */
export async function updateSmsRouting(
	client: SignalWireClient,
	sid: string,
	routing: SmsRouting,
): Promise<NumberSmsRouting> {
	const form = new URLSearchParams({ SmsUrl: routing.smsUrl, SmsMethod: routing.smsMethod }).toString();
	const path = `/IncomingPhoneNumbers/${encodeURIComponent(sid)}`;
	const { json } = await client.request('POST', path, form);
	const updated = routingOf(json);
	if (!updated) {
		throw new UnexpectedResponseError({
			reason: 'wrong-shape',
			detail: 'the answer is not a phone number',
			method: 'POST',
			path: `${client.accountPath}${path}`,
		});
	}
	return updated;
}
