/**
 * The Space's message log on top of the client's request plumbing (./client.ts): the list with
 * its filters, page by page, newest first; delete; redact; the media subresource.
 * See docs/api-notes.md, "Listing and paging" and "Deleting, redacting and media". No `vscode`.
 */
import type { SignalWireClient } from './client';
import { UnexpectedResponseError, isUnexpectedResponseError, type RequestDescription } from './errors';
import { parseMessage, parsePage } from './parse';
import type { Message } from '../core/types';
import { messageLogQuery, type MessageLogFilter } from './listQuery';

export { messageLogQuery, type MessageLogFilter };

/** What a page walk is told after each page: go on, or stop here. */
export type PageDecision = 'continue' | 'stop';

export interface WalkOptions {
	/** Called with each page's messages, newest first. */
	onPage(messages: Message[], pageIndex: number): PageDecision | Promise<PageDecision>;
	/** Checked before each request: true stops the walk (no further request). */
	isCancelled?: () => boolean;
	/** Pages at most. Default 200. */
	maxPages?: number;
}

export interface WalkResult {
	pages: number;
	/** Why the walk ended. */
	ended: 'last-page' | 'stopped' | 'cancelled' | 'page-limit';
}

/** One media item of a message. */
export interface MediaItem {
	sid: string;
	contentType: string;
	/** The API resource (`…/Media/{sid}.json`). */
	uri: string;
	/** Where the content is: the resource URI without `.json`, on the Space. */
	contentUrl: string;
	dateCreated: string;
}

export const DEFAULT_MAX_PAGES = 200;

/**
 * Walks the list page by page (following `next_page_uri`), one request at a time, until the last
 * page, `onPage` says stop, the walk is cancelled, or `maxPages`. Rejects with the client's errors.
 */
export async function walkMessageLog(
	client: SignalWireClient,
	filter: MessageLogFilter,
	options: WalkOptions,
): Promise<WalkResult> {
	const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
	const visited = new Set<string>();
	let path: string | undefined = `/Messages?${messageLogQuery(filter).toString()}`;
	let pages = 0;
	while (path) {
		if (options.isCancelled?.()) {
			return { pages, ended: 'cancelled' };
		}
		if (pages >= maxPages) {
			return { pages, ended: 'page-limit' };
		}
		visited.add(path);
		const { json, request, httpStatus } = await client.request('GET', path);
		const page = withRequest(() => parsePage(json, 'messages'), request, httpStatus);
		const messages = page.items.map((item) => withRequest(() => parseMessage(item), request, httpStatus));
		pages++;
		if ((await options.onPage(messages, pages - 1)) === 'stop') {
			return { pages, ended: 'stopped' };
		}
		path = page.nextPageUri ?? undefined;
		if (path && visited.has(path)) {
			break; // the same page again: stop rather than loop
		}
	}
	return { pages, ended: 'last-page' };
}

/** `DELETE …/Messages/{sid}` (204). In progress: error 20009. */
export async function deleteMessage(client: SignalWireClient, sid: string): Promise<void> {
	await client.request('DELETE', `/Messages/${encodeURIComponent(sid)}`);
}

/** Redacts the body: `POST …/Messages/{sid}` with an empty `Body`. Resolves with the updated Message. */
export async function redactMessage(client: SignalWireClient, sid: string): Promise<Message> {
	const { json, request, httpStatus } = await client.request('POST', `/Messages/${encodeURIComponent(sid)}`, 'Body=');
	return withRequest(() => parseMessage(json), request, httpStatus);
}

/** The media of a message (`GET …/Messages/{sid}/Media`, first 100). */
export async function listMedia(client: SignalWireClient, sid: string): Promise<MediaItem[]> {
	const { json, request, httpStatus } = await client.request(
		'GET',
		`/Messages/${encodeURIComponent(sid)}/Media?PageSize=100`,
	);
	const page = withRequest(() => parsePage(json, 'media_list'), request, httpStatus);
	return page.items.map((item) => withRequest(() => parseMediaItem(item, client.baseUrl), request, httpStatus));
}

/** `DELETE …/Messages/{sid}/Media/{mediaSid}` (204). */
export async function deleteMedia(client: SignalWireClient, sid: string, mediaSid: string): Promise<void> {
	await client.request('DELETE', `/Messages/${encodeURIComponent(sid)}/Media/${encodeURIComponent(mediaSid)}`);
}

/** A media item from its JSON; the content URL stays on the Space's origin. */
export function parseMediaItem(json: unknown, baseUrl: string): MediaItem {
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		throw new UnexpectedResponseError({ reason: 'wrong-shape', detail: 'expected a Media object' });
	}
	const record = json as Record<string, unknown>;
	if (typeof record.sid !== 'string' || record.sid === '') {
		throw new UnexpectedResponseError({ reason: 'missing-fields', missingFields: ['sid'] });
	}
	const uri = typeof record.uri === 'string' ? record.uri : '';
	let contentUrl = '';
	if (uri.startsWith('/') && !uri.startsWith('//')) {
		const url = new URL(uri.replace(/\.json$/, ''), baseUrl);
		contentUrl = url.origin === new URL(baseUrl).origin ? url.href : '';
	}
	return {
		sid: record.sid,
		contentType: typeof record.content_type === 'string' ? record.content_type : '',
		uri,
		contentUrl,
		dateCreated: typeof record.date_created === 'string' ? record.date_created : '',
	};
}

function withRequest<T>(parse: () => T, request: RequestDescription, httpStatus: number): T {
	try {
		return parse();
	} catch (error) {
		if (isUnexpectedResponseError(error)) {
			throw error.withRequest(request, httpStatus);
		}
		throw error;
	}
}

export interface NewMessagesOptions {
	/** `DateSent>`: the UTC day (`YYYY-MM-DD`) to look from. */
	since: string;
	/** Whether a SID is known already: paging stops at the first one. */
	isSeen(sid: string): boolean;
	/** Default 20 (replies come a few at a time). */
	pageSize?: number;
	/** Default 5. */
	maxPages?: number;
}

/**
 * One poll: the messages not seen yet, newest first. Lists from `since`, newest first, and stops
 * paging at the first page holding a seen SID (docs/api-notes.md, "Listing and paging"). That
 * page is read whole: the list's order is not documented beyond "most recent first", and a send's
 * `date_sent` (set when a carrier took it) can be later than the reply to it.
 */
export async function listNewMessages(client: SignalWireClient, options: NewMessagesOptions): Promise<Message[]> {
	const found: Message[] = [];
	await walkMessageLog(
		client,
		{ dateSentAfter: options.since, pageSize: options.pageSize ?? 20 },
		{
			maxPages: options.maxPages ?? 5,
			onPage: (messages) => {
				let seenOne = false;
				for (const message of messages) {
					if (options.isSeen(message.sid)) {
						seenOne = true;
					} else {
						found.push(message);
					}
				}
				return seenOne ? 'stop' : 'continue';
			},
		},
	);
	return found;
}
