/**
 * The HTTP plumbing shared by the sandbox's routes: reading requests, the answer type each route
 * returns, and the paged-list envelope (docs/api-notes.md, "Listing and paging").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, sendJson, sendText } from './util';

export const MAX_BODY_BYTES = 1024 * 1024;

/** What a route answers. */
export type Reply =
	| { type: 'json'; status: number; body: unknown; headers?: Record<string, string> }
	| { type: 'text'; status: number; contentType: string; text: string }
	| { type: 'empty'; status: number }
	| { type: 'drop' };

/** An API request's path split: `{prefix}/Accounts/{account}/{rest}{ext}`. */
export interface ApiRoute {
	prefix: string;
	account: string;
	rest: string;
	ext: string;
}

export function apiError(status: number, code: number, message: string): Reply {
	return { type: 'json', status, body: errorBody(status, code, message) };
}

export function notFound(path: string): Reply {
	return apiError(404, 20404, `The requested resource ${path} was not found`);
}

export function sendReply(res: ServerResponse, reply: Reply): void {
	if (res.destroyed || res.writableEnded) {
		return;
	}
	switch (reply.type) {
		case 'drop':
			res.socket?.destroy();
			return;
		case 'json':
			sendJson(res, reply.status, reply.body, reply.headers);
			return;
		case 'text':
			sendText(res, reply.status, reply.contentType, reply.text);
			return;
		default:
			res.writeHead(reply.status).end();
	}
}

export function isLoopbackAddress(address: string | undefined): boolean {
	return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

export function queryRecord(params: URLSearchParams): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [name, value] of params) {
		(out[name] ??= []).push(value);
	}
	return out;
}

export function headerRecord(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) {
			out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
	}
	return out;
}

/** The body as UTF-8, or undefined when it is over MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) {
			return undefined;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export function checkBasicAuth(header: string | undefined, projectId: string, token: string): boolean {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (!match) {
		return false;
	}
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon !== -1 && decoded.slice(0, colon) === projectId && decoded.slice(colon + 1) === token;
}

export function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** The paging envelope of a list page: the filters are kept in every page URI. */
export function listEnvelope(
	req: URL,
	key: string,
	page: number,
	pageSize: number,
	items: unknown[],
	nextToken: string | null,
	previousToken: string | null,
): Record<string, unknown> {
	const filters = [...req.searchParams].filter(([name]) => !['Page', 'PageSize', 'PageToken'].includes(name));
	const uri = (p: number, tokenValue: string | null): string => {
		const params = new URLSearchParams([...filters, ['Page', String(p)], ['PageSize', String(pageSize)]]);
		if (tokenValue) {
			params.set('PageToken', tokenValue);
		}
		return `${req.pathname}?${params.toString()}`;
	};
	return {
		uri: uri(page, req.searchParams.get('PageToken')),
		first_page_uri: uri(0, null),
		next_page_uri: nextToken ? uri(page + 1, nextToken) : null,
		previous_page_uri: previousToken ? uri(page - 1, previousToken) : null,
		page,
		page_size: pageSize,
		[key]: items,
	};
}
