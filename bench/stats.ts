/**
 * Small statistics and formatting helpers for the benchmark, and the shape of one table row.
 */

/** One row of the table `npm run bench` prints. */
export interface Row {
	/** The area, e.g. "Bundle", "Client overhead". */
	area: string;
	/** What is measured, in a few words. */
	what: string;
	/** The figure, formatted. */
	figure: string;
	/** The goal, in words ("< 60 KB"), or "" for a reference row. */
	goal: string;
	/** What the figure is compared with (a peer measured in the same run, or a limit). */
	compared: string;
	/** true: goal met; false: missed; undefined: no goal (reference) or not measured. */
	met?: boolean;
	/** Raw numbers for the JSON file. */
	raw?: Record<string, unknown>;
}

export function sorted(values: readonly number[]): number[] {
	return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0..1) of values, nearest-rank. NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}
	const s = sorted(values);
	const rank = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
	return s[rank];
}

export function median(values: readonly number[]): number {
	if (values.length === 0) {
		return Number.NaN;
	}
	const s = sorted(values);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds with a sensible number of decimals: 0.0123 → "0.012 ms", 12.3 → "12.3 ms". */
export function ms(value: number): string {
	if (!Number.isFinite(value)) {
		return 'n/a';
	}
	if (value < 0.1) {
		return `${value.toFixed(4)} ms`;
	}
	if (value < 10) {
		return `${value.toFixed(3)} ms`;
	}
	return `${value.toFixed(1)} ms`;
}

export function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

export function mb(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

export function ratio(value: number, base: number): string {
	return Number.isFinite(value) && Number.isFinite(base) && base > 0 ? `${(value / base).toFixed(2)}×` : 'n/a';
}

export function errorText(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n')[0].slice(0, 160);
}
