/**
 * The entries of the history bucketed by local day, for the root of the tree (the day groups,
 * O(days)) and a day's children (sorted once per change of that day). Pure: no `vscode`.
 */
import { formatRelativeDay } from '../core/format';

/** A day group of the tree: `day` is the local midnight (ms) of its entries' `createdAt`. */
export interface HistoryGroup {
	day: number;
	label: string;
	count: number;
}

/** Which entries to show: those of one Space (its normalised URL), or all. */
export interface HistoryFilter {
	spaceUrl?: string;
}

/** What the index needs to know of an entry. */
export interface DayIndexed {
	readonly id: string;
	readonly createdAt: number;
	readonly spaceUrl: string;
	readonly day: number;
}

let lastDay = { start: 0, end: 0 };

/** Local midnight of a timestamp, in ms (the last day is remembered: entries come in runs of a day). */
export function dayOf(timestamp: number): number {
	if (timestamp >= lastDay.start && timestamp < lastDay.end) {
		return lastDay.start;
	}
	const date = new Date(timestamp);
	const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
	lastDay = { start, end: new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() };
	return start;
}

export function matchesFilter(item: { spaceUrl: string }, filter: HistoryFilter): boolean {
	return filter.spaceUrl === undefined || item.spaceUrl === filter.spaceUrl;
}

export function byNewest(a: { createdAt: number }, b: { createdAt: number }): number {
	return b.createdAt - a.createdAt;
}

export class DayIndex<T extends DayIndexed> {
	private readonly days = new Map<number, Map<string, T>>();
	private readonly sortedDays = new Map<number, T[]>();

	add(item: T): void {
		let bucket = this.days.get(item.day);
		if (!bucket) {
			bucket = new Map();
			this.days.set(item.day, bucket);
		}
		bucket.set(item.id, item);
		this.sortedDays.delete(item.day);
	}

	delete(item: T): void {
		const bucket = this.days.get(item.day);
		if (bucket) {
			bucket.delete(item.id);
			if (bucket.size === 0) {
				this.days.delete(item.day);
			}
		}
		this.sortedDays.delete(item.day);
	}

	clear(): void {
		this.days.clear();
		this.sortedDays.clear();
	}

	/** The day groups, newest first, labelled relative to `now` (Today, Yesterday, `Mon, 24 Nov 2026`). */
	groups(now: Date, filter: HistoryFilter = {}): HistoryGroup[] {
		const groups: HistoryGroup[] = [];
		for (const [day, bucket] of this.days) {
			let count = bucket.size;
			if (filter.spaceUrl !== undefined) {
				count = 0;
				for (const item of bucket.values()) {
					if (item.spaceUrl === filter.spaceUrl) {
						count++;
					}
				}
			}
			if (count > 0) {
				groups.push({ day, label: formatRelativeDay(new Date(day), now), count });
			}
		}
		return groups.sort((a, b) => b.day - a.day);
	}

	/** The ids of one day group, newest first. */
	idsOfDay(day: number, filter: HistoryFilter = {}): string[] {
		let sorted = this.sortedDays.get(day);
		if (!sorted) {
			const bucket = this.days.get(day);
			sorted = bucket ? [...bucket.values()].reverse().sort(byNewest) : [];
			this.sortedDays.set(day, sorted);
		}
		return (filter.spaceUrl === undefined ? sorted : sorted.filter((item) => matchesFilter(item, filter))).map(
			(item) => item.id,
		);
	}
}
