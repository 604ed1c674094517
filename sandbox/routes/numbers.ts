/**
 * The IncomingPhoneNumbers routes (docs/api-notes.md, "Phone numbers"):
 *   GET  IncomingPhoneNumbers          the project's numbers, paged
 *   GET  IncomingPhoneNumbers/{Sid}    one number with its settings
 *   POST IncomingPhoneNumbers/{Sid}    updates SmsUrl, SmsMethod, StatusCallback, StatusCallbackMethod
 *                                      (an empty URL clears it); other fields are ignored
 */
import { apiError, listEnvelope, notFound, safeDecode, type ApiRoute, type Reply } from '../http';
import type { NumberBook, NumberSettings } from '../numbers';
import { isPageError, readPageRequest, slicePage } from '../paging';
import { isHttpUrl, rfc2822 } from '../util';

export interface NumberRouteContext {
	projectId: string;
	book: NumberBook;
	route: ApiRoute;
	url: URL;
	form: Record<string, string[]>;
}

/** The routes under IncomingPhoneNumbers; undefined when not one of them. */
export function matchNumberRoute(rest: string): { sid?: string } | undefined {
	if (rest === 'IncomingPhoneNumbers') {
		return {};
	}
	const match = /^IncomingPhoneNumbers\/([^/]+)$/.exec(rest);
	return match ? { sid: safeDecode(match[1]) } : undefined;
}

export function listNumbers(ctx: NumberRouteContext): Reply {
	const pageRequest = readPageRequest(ctx.url.searchParams);
	if (isPageError(pageRequest)) {
		return apiError(pageRequest.status, pageRequest.code, pageRequest.message);
	}
	const all = ctx.book.numbers.map((n) => ctx.book.json(n, ctx.projectId, ctx.route.prefix));
	const slice = slicePage(all, (item) => String(item.sid), pageRequest);
	if (isPageError(slice)) {
		return apiError(slice.status, slice.code, slice.message);
	}
	return {
		type: 'json',
		status: 200,
		body: listEnvelope(ctx.url, 'incoming_phone_numbers', pageRequest.page, pageRequest.pageSize, slice.items, slice.nextToken, slice.previousToken),
	};
}

export function fetchNumber(ctx: NumberRouteContext, sid: string): Reply {
	const number = ctx.book.bySid(sid);
	return number ? { type: 'json', status: 200, body: ctx.book.json(number, ctx.projectId, ctx.route.prefix) } : notFound(ctx.url.pathname);
}

function last(form: Record<string, string[]>, name: string): string | undefined {
	const values = form[name];
	return values && values.length > 0 ? values[values.length - 1] : undefined;
}

export function updateNumber(ctx: NumberRouteContext, sid: string): Reply {
	const number = ctx.book.bySid(sid);
	if (!number) {
		return notFound(ctx.url.pathname);
	}
	const change: Partial<NumberSettings> = {};
	for (const [field, key] of [
		['SmsUrl', 'smsUrl'],
		['StatusCallback', 'statusCallback'],
	] as const) {
		const value = last(ctx.form, field);
		if (value === undefined) {
			continue;
		}
		if (value !== '' && !isHttpUrl(value)) {
			return apiError(400, 10000, `The argument ${field} ${value} is invalid: use an absolute http or https URL, or an empty value to clear it.`);
		}
		change[key] = value === '' ? null : value;
	}
	for (const [field, key] of [
		['SmsMethod', 'smsMethod'],
		['StatusCallbackMethod', 'statusCallbackMethod'],
	] as const) {
		const value = last(ctx.form, field);
		if (value === undefined) {
			continue;
		}
		const method = value.toUpperCase();
		if (method !== 'GET' && method !== 'POST') {
			return apiError(400, 10000, `The argument ${field} ${value} is invalid: use GET or POST.`);
		}
		change[key] = method;
	}
	ctx.book.update(number.sid, { ...change, dateUpdated: rfc2822(new Date()) });
	return { type: 'json', status: 200, body: ctx.book.json(number, ctx.projectId, ctx.route.prefix) };
}
