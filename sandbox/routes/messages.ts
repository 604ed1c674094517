/**
 * The Messages routes (docs/api-notes.md, "Create a message", "Listing and paging" and
 * "Deleting, redacting and media"):
 *   POST   Messages                      create (strict validation; 201 + Message)
 *   GET    Messages                      list, newest first, paged; To, From, Status, DateSent(<,>)
 *   GET    Messages/{Sid}                fetch (in 'fetch' mode each fetch advances the status)
 *   POST   Messages/{Sid}                redact: Body must be empty (50509); not while in progress (10000)
 *   DELETE Messages/{Sid}                204; 20009 while in progress
 *   GET    Messages/{Sid}/Media          the message's media, newest first, paged (`media_list`)
 *   GET    Messages/{Sid}/Media/{Sid}    one media item
 *   DELETE Messages/{Sid}/Media/{Sid}    204; 20009 while the message is in progress
 */
import { isDateFilterError, readSentRange, sentWithin } from '../dates';
import { apiError, listEnvelope, notFound, safeDecode, type ApiRoute, type Reply } from '../http';
import type { Messaging } from '../messaging';
import type { SandboxNumber } from '../numbers';
import { isPageError, readPageRequest, slicePage } from '../paging';
import { isInProgress, type StoredMessage } from '../store';
import { pickGroupSender, validateCreate } from '../validate';

export interface MessageRouteContext {
	projectId: string;
	numbers: readonly SandboxNumber[];
	messaging: Messaging;
	route: ApiRoute;
	url: URL;
	form: Record<string, string[]>;
}

/** The routes under Messages, by the path after `Accounts/{id}/`; undefined when not one of them. */
export function matchMessageRoute(rest: string): { sid?: string; mediaSid?: string; media?: boolean } | undefined {
	if (rest === 'Messages') {
		return {};
	}
	const match = /^Messages\/([^/]+)(?:\/(Media)(?:\/([^/]+))?)?$/.exec(rest);
	if (!match) {
		return undefined;
	}
	return { sid: safeDecode(match[1]), ...(match[2] ? { media: true } : {}), ...(match[3] ? { mediaSid: safeDecode(match[3]) } : {}) };
}

/** The methods each kind of Messages path allows (for 405 answers). */
export function allowedMethods(path: { sid?: string; mediaSid?: string; media?: boolean }): string {
	if (path.sid === undefined) {
		return 'GET, POST';
	}
	if (path.media && path.mediaSid === undefined) {
		return 'GET';
	}
	return path.media ? 'GET, DELETE' : 'GET, POST, DELETE';
}

export function createMessage(ctx: MessageRouteContext): Reply {
	const result = validateCreate(ctx.form, ctx.numbers);
	if (!result.ok) {
		return apiError(result.error.status, result.error.code, result.error.message);
	}
	const v = result.value;
	const wantsMms = v.mediaUrls.length > 0 || v.sendAsMms;
	let from = v.from;
	if (from === null) {
		const sender = pickGroupSender(ctx.numbers, wantsMms);
		if (!sender) {
			return apiError(422, 21703, 'The number group has no phone number capable of sending this message.');
		}
		from = sender.phoneNumber;
	}
	const refusal = ctx.messaging.refusal(from, v.to);
	if (refusal) {
		return { type: 'json', status: refusal.status, body: refusal };
	}
	const stored = ctx.messaging.send({
		projectId: ctx.projectId,
		prefix: ctx.route.prefix,
		to: v.to,
		from,
		messagingServiceSid: v.messagingServiceSid,
		body: v.body,
		mediaUrls: v.mediaUrls,
		sendAsMms: v.sendAsMms,
		statusCallback: v.statusCallback,
	});
	return { type: 'json', status: 201, body: structuredClone(stored.message) };
}

export function listMessages(ctx: MessageRouteContext): Reply {
	const pageRequest = readPageRequest(ctx.url.searchParams);
	if (isPageError(pageRequest)) {
		return apiError(pageRequest.status, pageRequest.code, pageRequest.message);
	}
	const range = readSentRange(ctx.url.searchParams);
	if (isDateFilterError(range)) {
		return apiError(range.status, range.code, range.message);
	}
	const q = ctx.url.searchParams;
	const store = ctx.messaging.store;
	const matching = store
		.newestFirst()
		.filter(({ message: m }) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From')) && (!q.get('Status') || m.status === q.get('Status')))
		.filter(({ message: m }) => !range || sentWithin(m.date_sent, m.date_created, range));
	const slice = slicePage(matching, (s) => s.message.sid, pageRequest);
	if (isPageError(slice)) {
		return apiError(slice.status, slice.code, slice.message);
	}
	const items = slice.items.map((s) => store.render(s, ctx.route.prefix));
	return { type: 'json', status: 200, body: listEnvelope(ctx.url, 'messages', pageRequest.page, pageRequest.pageSize, items, slice.nextToken, slice.previousToken) };
}

function findMessage(ctx: MessageRouteContext, sid: string): StoredMessage | undefined {
	return ctx.messaging.store.find(sid);
}

export function fetchMessage(ctx: MessageRouteContext, sid: string): Reply {
	const stored = findMessage(ctx, sid);
	if (!stored) {
		return notFound(ctx.url.pathname);
	}
	ctx.messaging.fetched(stored);
	return { type: 'json', status: 200, body: ctx.messaging.store.render(stored, ctx.route.prefix) };
}

/** POST Messages/{Sid}: the only documented change is redaction, an empty Body. */
export function redactMessage(ctx: MessageRouteContext, sid: string): Reply {
	const stored = findMessage(ctx, sid);
	if (!stored) {
		return notFound(ctx.url.pathname);
	}
	const body = ctx.form.Body;
	if (body === undefined) {
		return apiError(400, 10000, 'A required argument was left blank: Body (send an empty Body to redact the message).');
	}
	if (body.some((value) => value !== '')) {
		return apiError(400, 50509, 'The redacted message body must be empty.');
	}
	if (isInProgress(stored.message.status)) {
		return apiError(400, 10000, `An attempt was made to redact a message that is still in-progress (status ${stored.message.status}).`);
	}
	ctx.messaging.store.redact(stored);
	return { type: 'json', status: 200, body: ctx.messaging.store.render(stored, ctx.route.prefix) };
}

export function deleteMessage(ctx: MessageRouteContext, sid: string): Reply {
	const stored = findMessage(ctx, sid);
	if (!stored) {
		return notFound(ctx.url.pathname);
	}
	if (isInProgress(stored.message.status)) {
		return apiError(422, 20009, `Cannot delete a message that is in-progress (status ${stored.message.status}).`);
	}
	ctx.messaging.store.remove(sid);
	return { type: 'empty', status: 204 };
}

export function listMedia(ctx: MessageRouteContext, sid: string): Reply {
	const stored = findMessage(ctx, sid);
	if (!stored) {
		return notFound(ctx.url.pathname);
	}
	const pageRequest = readPageRequest(ctx.url.searchParams);
	if (isPageError(pageRequest)) {
		return apiError(pageRequest.status, pageRequest.code, pageRequest.message);
	}
	const slice = slicePage([...stored.media].reverse(), (item) => item.sid, pageRequest);
	if (isPageError(slice)) {
		return apiError(slice.status, slice.code, slice.message);
	}
	const items = slice.items.map((item) => ctx.messaging.store.mediaJson(stored, item, ctx.route.prefix));
	return { type: 'json', status: 200, body: listEnvelope(ctx.url, 'media_list', pageRequest.page, pageRequest.pageSize, items, slice.nextToken, slice.previousToken) };
}

export function fetchMedia(ctx: MessageRouteContext, sid: string, mediaSid: string): Reply {
	const stored = findMessage(ctx, sid);
	const item = stored?.media.find((m) => m.sid === mediaSid);
	return stored && item ? { type: 'json', status: 200, body: ctx.messaging.store.mediaJson(stored, item, ctx.route.prefix) } : notFound(ctx.url.pathname);
}

export function deleteMedia(ctx: MessageRouteContext, sid: string, mediaSid: string): Reply {
	const stored = findMessage(ctx, sid);
	const index = stored ? stored.media.findIndex((m) => m.sid === mediaSid) : -1;
	if (!stored || index === -1) {
		return notFound(ctx.url.pathname);
	}
	if (isInProgress(stored.message.status)) {
		return apiError(422, 20009, `Cannot delete media of a message that is in-progress (status ${stored.message.status}).`);
	}
	stored.media.splice(index, 1);
	return { type: 'empty', status: 204 };
}
