/**
 * Strict validation of a create-message form with SignalWire's error codes (docs/api-notes.md, "Errors").
 * Deliberately independent of the extension's own validation (src/core): this is a fake of the
 * real API, so that tests catch the two disagreeing.
 */
import type { SandboxNumber } from './numbers';
import { E164, UUID, isHttpUrl } from './util';

export const MAX_BODY_CODE_POINTS = 1600;
export const MAX_MEDIA = 8;

export interface ValidCreate {
	to: string;
	from: string | null;
	messagingServiceSid: string | null;
	body: string | null;
	mediaUrls: string[];
	sendAsMms: boolean;
	statusCallback: string | null;
	applicationSid: string | null;
	maxPrice: string | null;
	validityPeriod: number;
}

export interface ValidationFailure {
	status: number;
	code: number;
	message: string;
}

export type ValidationResult = { ok: true; value: ValidCreate } | { ok: false; error: ValidationFailure };

/** HTTP status of semantic validation errors (docs/api-notes.md, "Errors": 422 is recommended; only a 2019 report confirms it). */
export const VALIDATION_STATUS = 422;

function fail(code: number, message: string): ValidationResult {
	return { ok: false, error: { status: VALIDATION_STATUS, code, message } };
}

/** First non-empty value of a field; an empty value counts as absent. */
function first(form: Record<string, string[]>, name: string): string | null {
	const value = form[name]?.find((v) => v !== '');
	return value === undefined ? null : value;
}

/**
 * Checks a form in a fixed order (the first failure wins):
 * 21211 To, 21705 From/MessagingServiceSid, 21212 From format, 21210 From owned, 21601 capability,
 * 21602 Body/MediaUrl, 21617 Body length (code points), 21623 media count, 21620 media URL,
 * 21624 ValidityPeriod, 10000 MaxPrice, 21218 ApplicationSid, 21701 MessagingServiceSid,
 * 21402 StatusCallback, 10000 SendAsMms.
 */
export function validateCreate(form: Record<string, string[]>, numbers: readonly SandboxNumber[]): ValidationResult {
	const to = first(form, 'To');
	const from = first(form, 'From');
	const messagingServiceSid = first(form, 'MessagingServiceSid');
	const body = first(form, 'Body');
	const mediaUrls = (form.MediaUrl ?? []).filter((v) => v !== '');
	const sendAsMmsRaw = first(form, 'SendAsMms');
	const sendAsMms = sendAsMmsRaw?.toLowerCase() === 'true';
	const wantsMms = mediaUrls.length > 0 || sendAsMms;

	if (to === null) {
		return fail(21211, "The 'To' number provided was missing.");
	}
	if (!E164.test(to)) {
		return fail(21211, `The 'To' number ${to} has an invalid format: use E.164, e.g. +15551234567.`);
	}
	if (from === null && messagingServiceSid === null) {
		return fail(21705, 'The message was attempted without a From number or Number Group.');
	}
	if (from !== null) {
		if (!E164.test(from)) {
			return fail(21212, `The 'From' number ${from} has an invalid format: use E.164, e.g. +15551234567.`);
		}
		const owned = numbers.find((n) => n.phoneNumber === from);
		if (!owned) {
			return fail(21210, `The 'From' number ${from} is not a purchased or verified number in your project.`);
		}
		if (!owned.capabilities.sms || (wantsMms && !owned.capabilities.mms)) {
			return fail(21601, `The phone number ${from} is not a valid ${wantsMms ? 'MMS' : 'SMS'} capable number.`);
		}
	}
	if (body === null && mediaUrls.length === 0) {
		return fail(21602, 'An attempt was made to send a message without a media URL or text body.');
	}
	if (body !== null && [...body].length > MAX_BODY_CODE_POINTS) {
		return fail(21617, `The concatenated message body exceeds the ${MAX_BODY_CODE_POINTS} character limit.`);
	}
	if (mediaUrls.length > MAX_MEDIA) {
		return fail(21623, `The number of media files exceeds the allowed limit of ${MAX_MEDIA}.`);
	}
	const badMedia = mediaUrls.find((url) => !isHttpUrl(url));
	if (badMedia !== undefined) {
		return fail(21620, `The media URL ${badMedia} is invalid: the URL must be HTTP or HTTPS.`);
	}
	const validityRaw = first(form, 'ValidityPeriod');
	let validityPeriod = 14400;
	if (validityRaw !== null) {
		const n = Number(validityRaw);
		if (!/^\d+$/.test(validityRaw) || n < 1 || n > 172800) {
			return fail(21624, `The validity period ${validityRaw} is invalid: use a whole number of seconds from 1 to 172800.`);
		}
		validityPeriod = n;
	}
	const maxPrice = first(form, 'MaxPrice');
	if (maxPrice !== null && !/^\d+\.?\d{0,4}$/.test(maxPrice)) {
		return fail(10000, `The argument MaxPrice ${maxPrice} is invalid: use a decimal with at most 4 places, e.g. 0.0075.`);
	}
	const applicationSid = first(form, 'ApplicationSid');
	if (applicationSid !== null && !UUID.test(applicationSid)) {
		return fail(21218, `The ApplicationSid ${applicationSid} is invalid.`);
	}
	if (messagingServiceSid !== null && !UUID.test(messagingServiceSid)) {
		return fail(21701, `The number group ${messagingServiceSid} is invalid or unrecognized.`);
	}
	const statusCallback = first(form, 'StatusCallback');
	if (statusCallback !== null && !isHttpUrl(statusCallback)) {
		return fail(21402, `The StatusCallback URL ${statusCallback} is invalid: use an absolute http or https URL.`);
	}
	if (sendAsMmsRaw !== null && !/^(true|false)$/i.test(sendAsMmsRaw)) {
		return fail(10000, `The argument SendAsMms ${sendAsMmsRaw} is invalid: use true or false.`);
	}
	return {
		ok: true,
		value: { to, from, messagingServiceSid, body, mediaUrls, sendAsMms, statusCallback, applicationSid, maxPrice, validityPeriod },
	};
}

/** The number a number group (MessagingServiceSid) sends from: the first able to carry the message. */
export function pickGroupSender(numbers: readonly SandboxNumber[], wantsMms: boolean): SandboxNumber | undefined {
	return numbers.find((n) => n.capabilities.sms && (!wantsMms || n.capabilities.mms));
}
