/**
 * Segment meter: the compose form recomputes encoding and segments (measureBody) on every
 * keystroke. Simulates typing a 1,600-character body one character at a time (body.slice(0, i)
 * for i = 1..1600) and times each call. The library's own path (measureBodyWithLibrary, what
 * measureBody falls back to for complex text) is timed on the same keystrokes as the peer.
 */
import { performance } from 'node:perf_hooks';
import { measureBody, measureBodyWithLibrary, type BodyMeasure } from '../src/core/segments';
import { median, ms, quantile, ratio, type Row } from './stats';

export const SEGMENT_GOAL_MS = 1;
const LENGTH = 1600;

function repeatTo(text: string, length: number): string {
	const chars = [...text];
	const out: string[] = [];
	while (out.length < length) {
		out.push(...chars);
	}
	return out.slice(0, length).join('');
}

/** Bodies of exactly 1,600 code points (slices stay on code-point boundaries below). */
const VARIANTS: { name: string; body: string; every: number }[] = [
	{ name: 'GSM-7', every: 1, body: repeatTo('Your order #12345 has shipped! Track it at https://example.com/t/AbC123 (reply STOP to end). Cost: €4.99 [incl. VAT] ~ ', LENGTH) },
	{ name: 'UCS-2', every: 1, body: repeatTo('Привет! Ваш заказ №12345 отправлен — it’s on the way 🚚 “today”. ', LENGTH) },
	// Skin tones, ZWJ sequences and flags take the grapheme fast path (measureComplexBody).
	{ name: 'UCS-2 with ZWJ emoji/flags/skin tones', every: 1, body: repeatTo('Family 👨‍👩‍👧 trip to 🇫🇷 and 🇯🇵 👍🏽! ', LENGTH) },
];
/** The library is ~70× slower: its peer figure is taken on every 8th keystroke. */
const LIBRARY_EVERY = 8;

/** Slices on code points so no keystroke leaves half a surrogate pair. */
function keystrokes(body: string): string[] {
	const chars = [...body];
	const out: string[] = [];
	let text = '';
	for (const char of chars) {
		text += char;
		out.push(text);
	}
	return out;
}

/** Every `every`-th keystroke, always including the last (the full body). */
function sample(bodies: readonly string[], every: number): string[] {
	return bodies.filter((_, i) => (i + 1) % every === 0 || i === bodies.length - 1);
}

function timeTyping(bodies: readonly string[], measure: (body: string) => BodyMeasure): { times: number[]; last: BodyMeasure } {
	// Warm-up, untimed: a pass over (at most) 200 keystrokes spread over the lengths.
	let last = measure(bodies[0]);
	for (const body of sample(bodies, Math.max(1, Math.floor(bodies.length / 200)))) {
		last = measure(body);
	}
	const times: number[] = [];
	for (const body of bodies) {
		const started = performance.now();
		last = measure(body);
		times.push(performance.now() - started);
	}
	return { times, last };
}

export function benchSegments(log: (line: string) => void): Row[] {
	const rows: Row[] = [];
	for (const variant of VARIANTS) {
		const bodies = sample(keystrokes(variant.body), variant.every);
		log(`segments: ${variant.name}: ${bodies.length} keystrokes`);
		const ours = timeTyping(bodies, measureBody);
		const library = timeTyping(sample(bodies, Math.max(1, LIBRARY_EVERY / variant.every)), measureBodyWithLibrary);
		const oursMedian = median(ours.times);
		const libraryMedian = median(library.times);
		const full = ours.last;
		rows.push({
			area: 'Segment meter',
			what: `measureBody per keystroke, ${variant.name}, 1–1,600 chars${variant.every > 1 ? ` (every ${variant.every}th)` : ''} (median / p99 / max)`,
			figure: `${ms(oursMedian)} / ${ms(quantile(ours.times, 0.99))} / ${ms(Math.max(...ours.times))}`,
			goal: `median < ${SEGMENT_GOAL_MS} ms`,
			compared: `library (sms-segments-calculator) ${ms(libraryMedian)} median → ours ${ratio(oursMedian, libraryMedian)}; at 1,600: ${full.encoding}, ${full.segments} segments`,
			met: oursMedian < SEGMENT_GOAL_MS,
			raw: {
				medianMs: oursMedian,
				p99Ms: quantile(ours.times, 0.99),
				maxMs: Math.max(...ours.times),
				totalMs: ours.times.reduce((a, b) => a + b, 0),
				libraryMedianMs: libraryMedian,
				libraryP99Ms: quantile(library.times, 0.99),
				encoding: full.encoding,
				segments: full.segments,
			},
		});
	}
	return rows;
}
