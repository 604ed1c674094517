/**
 * The query of `GET …/Messages`, defined once for the client's `listMessages` (./client.ts) and the
 * message log's page walks (./messageLog.ts). Parameter names: docs/api-notes.md, "Listing and
 * paging". No `vscode` import.
 */

/** Filters of `GET …/Messages`. Dates are `YYYY-MM-DD` (UTC) or ISO datetimes. */
export interface MessageLogFilter {
	from?: string;
	to?: string;
	status?: string;
	/** `DateSent`: sent on this day. */
	dateSent?: string;
	/** `DateSent>`: sent on or after. */
	dateSentAfter?: string;
	/** `DateSent<`: sent before. */
	dateSentBefore?: string;
	/** 1–1000. Default 50. */
	pageSize?: number;
}

/** The list query of a filter (the parameter names of the API, `DateSent>` and `DateSent<` included). */
export function messageLogQuery(filter: MessageLogFilter): URLSearchParams {
	const query = new URLSearchParams();
	const pairs: [string, string | undefined][] = [
		['To', filter.to],
		['From', filter.from],
		['Status', filter.status],
		['DateSent', filter.dateSent],
		['DateSent>', filter.dateSentAfter],
		['DateSent<', filter.dateSentBefore],
	];
	for (const [name, value] of pairs) {
		if (value) {
			query.set(name, value);
		}
	}
	query.set('PageSize', String(Math.min(1000, Math.max(1, Math.floor(filter.pageSize ?? 50)))));
	return query;
}
