/**
 * The bodies of the control routes that take input (the switch is in server.ts):
 *   POST /__sandbox/inbound    {"from","to","body"?,"mediaUrls"?} → 201 + the inbound Message
 *   POST /__sandbox/settings   {"statusProgression"?,"statusStepMs"?,"replyDelayMs"?} → the settings
 */
import type { Inbound } from './messaging';
import type { NumberBook } from './numbers';
import { E164, isHttpUrl } from './util';
import { MAX_BODY_CODE_POINTS, MAX_MEDIA } from './validate';

export class ControlInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ControlInputError';
	}
}

/** Parses a control route's JSON body (empty = `{}`); throws ControlInputError. */
export function parseJsonBody(text: string): unknown {
	try {
		return text.trim() === '' ? {} : JSON.parse(text);
	} catch (error) {
		throw new ControlInputError(`invalid JSON: ${(error as Error).message}`);
	}
}

/** Checks an inbound message to inject: from any E.164 number to one of the project's SMS numbers. */
export function readInbound(input: unknown, book: NumberBook): Inbound {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new ControlInputError('the body must be a JSON object {"from","to","body","mediaUrls"}');
	}
	const o = input as Record<string, unknown>;
	const known = ['from', 'to', 'body', 'mediaUrls'];
	const unknown = Object.keys(o).find((key) => !known.includes(key));
	if (unknown !== undefined) {
		throw new ControlInputError(`unknown field "${unknown}"; known: ${known.join(', ')}`);
	}
	if (typeof o.from !== 'string' || !E164.test(o.from)) {
		throw new ControlInputError('from must be an E.164 number, e.g. +15550100555');
	}
	if (typeof o.to !== 'string' || !E164.test(o.to)) {
		throw new ControlInputError('to must be an E.164 number: one of the project\'s numbers');
	}
	const number = book.byPhoneNumber(o.to);
	if (!number || !number.capabilities.sms) {
		throw new ControlInputError(`to must be one of the project's SMS numbers (${book.numbers.filter((n) => n.capabilities.sms).map((n) => n.phoneNumber).join(', ')}), not ${o.to}`);
	}
	if (o.body !== undefined && o.body !== null && typeof o.body !== 'string') {
		throw new ControlInputError('body must be a string');
	}
	const body = typeof o.body === 'string' && o.body !== '' ? o.body : null;
	if (body !== null && [...body].length > MAX_BODY_CODE_POINTS) {
		throw new ControlInputError(`body must be at most ${MAX_BODY_CODE_POINTS} characters`);
	}
	const media = o.mediaUrls ?? [];
	if (!Array.isArray(media) || media.some((url) => typeof url !== 'string' || !isHttpUrl(url))) {
		throw new ControlInputError('mediaUrls must be an array of absolute http(s) URLs');
	}
	if (media.length > MAX_MEDIA) {
		throw new ControlInputError(`mediaUrls must hold at most ${MAX_MEDIA} URLs`);
	}
	if (body === null && media.length === 0) {
		throw new ControlInputError('give a body, mediaUrls, or both');
	}
	return { from: o.from, to: o.to, body, mediaUrls: media as string[] };
}
