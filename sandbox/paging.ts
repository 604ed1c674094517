/**
 * Paging of list routes (docs/api-notes.md, "Listing and paging"): `Page` (zero-based), `PageSize`
 * (1–1000, default 50) and `PageToken`. Tokens are `PA{sid}` (the page after the record with that
 * sid) and `PB{sid}` (the page before it). Page > 0 without a token is error 54453, as documented.
 */

export interface PageRequest {
	page: number;
	pageSize: number;
	token: string | null;
}

export type PageError = { status: number; code: number; message: string };

export function readPageRequest(query: URLSearchParams): PageRequest | PageError {
	const sizeRaw = query.get('PageSize');
	const pageRaw = query.get('Page');
	const pageSize = sizeRaw === null ? 50 : Number(sizeRaw);
	if (sizeRaw !== null && (!/^\d+$/.test(sizeRaw) || pageSize < 1 || pageSize > 1000)) {
		return { status: 400, code: 54454, message: `The page size ${sizeRaw} is invalid: use 1 to 1000.` };
	}
	const page = pageRaw === null ? 0 : Number(pageRaw);
	if (pageRaw !== null && !/^\d+$/.test(pageRaw)) {
		return { status: 400, code: 10000, message: `The argument Page ${pageRaw} is invalid.` };
	}
	const token = query.get('PageToken') || null;
	if (page > 0 && token === null) {
		return { status: 400, code: 54453, message: 'A PageToken must be included if your Page value is larger than 0.' };
	}
	return { page, pageSize, token };
}

export interface PageSlice<T> {
	items: T[];
	nextToken: string | null;
	previousToken: string | null;
}

export function slicePage<T>(all: readonly T[], sidOf: (item: T) => string, request: PageRequest): PageSlice<T> | PageError {
	let start = 0;
	if (request.token !== null) {
		const match = /^(PA|PB)(.+)$/.exec(request.token);
		const index = match ? all.findIndex((item) => sidOf(item) === match[2]) : -1;
		if (!match || index === -1) {
			return { status: 400, code: 54453, message: 'The PageToken provided is invalid or missing.' };
		}
		start = match[1] === 'PA' ? index + 1 : Math.max(0, index - request.pageSize);
	}
	const items = all.slice(start, start + request.pageSize);
	const nextToken = start + request.pageSize < all.length && items.length > 0 ? `PA${sidOf(items[items.length - 1])}` : null;
	const previousToken = request.page > 0 && start > 0 && items.length > 0 ? `PB${sidOf(items[0])}` : null;
	return { items, nextToken, previousToken };
}

export function isPageError(value: unknown): value is PageError {
	return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}
