import * as assert from 'node:assert/strict';
import { GSM_REPLACEMENTS, describeMeasure, measureBody, replaceSmartCharacters } from '../../src/core/segments';

describe('measureBody', () => {
	describe('matches the table of docs/api-notes.md ("Segments")', () => {
		const table: Array<[string, string, 'GSM-7' | 'UCS-2', number]> = [
			['160 × a', 'a'.repeat(160), 'GSM-7', 1],
			['161 × a', 'a'.repeat(161), 'GSM-7', 2],
			['306 × a', 'a'.repeat(306), 'GSM-7', 2],
			['307 × a', 'a'.repeat(307), 'GSM-7', 3],
			['80 × € (160 septets)', '€'.repeat(80), 'GSM-7', 1],
			['81 × € (162 septets)', '€'.repeat(81), 'GSM-7', 2],
			['70 × ą', 'ą'.repeat(70), 'UCS-2', 1],
			['71 × ą', 'ą'.repeat(71), 'UCS-2', 2],
			['134 × ą', 'ą'.repeat(134), 'UCS-2', 2],
			['135 × ą', 'ą'.repeat(135), 'UCS-2', 3],
			['35 × 😀', '😀'.repeat(35), 'UCS-2', 1],
			['36 × 😀', '😀'.repeat(36), 'UCS-2', 2],
			['1600 × a', 'a'.repeat(1600), 'GSM-7', 11],
			['It’s here (smart quote)', 'It’s here', 'UCS-2', 1],
		];
		for (const [name, body, encoding, segments] of table) {
			it(`${name} → ${encoding}, ${segments} segment(s)`, () => {
				const m = measureBody(body);
				assert.equal(m.encoding, encoding);
				assert.equal(m.segments, segments);
			});
		}
	});

	it('empty body: GSM-7, 0 segments, a whole segment free', () => {
		assert.deepEqual(measureBody(''), {
			encoding: 'GSM-7',
			segments: 0,
			characters: 0,
			units: 0,
			perSegment: 160,
			remainingInSegment: 160,
			nonGsmCharacters: [],
		});
	});

	it('GSM-7 single segment: units, per segment, remaining', () => {
		const m = measureBody('a'.repeat(42));
		assert.deepEqual(m, { encoding: 'GSM-7', segments: 1, characters: 42, units: 42, perSegment: 160, remainingInSegment: 118, nonGsmCharacters: [] });
	});

	it('GSM-7 concatenated: 153 per segment, remaining in the last one', () => {
		const m = measureBody('a'.repeat(161));
		assert.equal(m.perSegment, 153);
		assert.equal(m.units, 161);
		assert.equal(m.remainingInSegment, 153 * 2 - 161);
		assert.equal(measureBody('a'.repeat(306)).remainingInSegment, 0);
		assert.equal(measureBody('a'.repeat(160)).remainingInSegment, 0);
	});

	it('GSM-7 extension characters count 2 units but 1 character', () => {
		const m = measureBody('€[]');
		assert.equal(m.encoding, 'GSM-7');
		assert.equal(m.characters, 3);
		assert.equal(m.units, 6);
		assert.equal(m.remainingInSegment, 154);
	});

	it('an extension character never splits across segments', () => {
		const m = measureBody(`${'a'.repeat(159)}€`);
		assert.equal(m.segments, 2);
		assert.equal(m.units, 161);
	});

	it('UCS-2 counts UTF-16 units (emoji = 2), characters as code points', () => {
		const m = measureBody('😀'.repeat(35));
		assert.equal(m.encoding, 'UCS-2');
		assert.equal(m.units, 70);
		assert.equal(m.characters, 35);
		assert.equal(m.perSegment, 70);
		assert.equal(m.remainingInSegment, 0);
		const two = measureBody('ą'.repeat(71));
		assert.equal(two.perSegment, 67);
		assert.equal(two.remainingInSegment, 67 * 2 - 71);
	});

	it('GSM characters cost a full UCS-2 unit once the message is UCS-2', () => {
		const m = measureBody('Hi ’');
		assert.equal(m.units, 4);
		assert.equal(m.remainingInSegment, 66);
	});

	it('lists each non-GSM character once, in order of first appearance', () => {
		assert.deepEqual(measureBody('It’s 😀 ’ ą 😀 “x”').nonGsmCharacters, ['’', '😀', 'ą', '“', '”']);
	});

	it('tab forces UCS-2; CR LF counts as two GSM characters', () => {
		assert.equal(measureBody('a\tb').encoding, 'UCS-2');
		assert.deepEqual(measureBody('a\tb').nonGsmCharacters, ['\t']);
		const crlf = measureBody('a\r\nb');
		assert.equal(crlf.encoding, 'GSM-7');
		assert.equal(crlf.units, 4);
	});
});

describe('replaceSmartCharacters', () => {
	it('replaces smart quotes, dashes, the ellipsis and no-break spaces', () => {
		assert.equal(replaceSmartCharacters('It’s ‘a’ “test” – really — yes…\u00A0ok'), 'It\'s \'a\' "test" - really - yes... ok');
	});

	it('makes a typical pasted text GSM-7', () => {
		const pasted = 'Don’t miss it — “50% off” … today';
		assert.equal(measureBody(pasted).encoding, 'UCS-2');
		assert.equal(measureBody(replaceSmartCharacters(pasted)).encoding, 'GSM-7');
	});

	it('every replacement is plain GSM-7', () => {
		for (const [from, to] of Object.entries(GSM_REPLACEMENTS)) {
			assert.equal(measureBody(to).encoding, 'GSM-7', `${JSON.stringify(from)} → ${JSON.stringify(to)}`);
			assert.equal(measureBody(from).encoding, 'UCS-2', `${JSON.stringify(from)} is already GSM-7`);
		}
	});

	it('leaves other characters alone', () => {
		assert.equal(replaceSmartCharacters('ą 😀 € plain'), 'ą 😀 € plain');
		assert.equal(replaceSmartCharacters(''), '');
	});
});

describe('describeMeasure', () => {
	it('GSM-7', () => {
		assert.equal(describeMeasure(measureBody('a'.repeat(42))), '42/160 · GSM-7 · 1 segment');
		assert.equal(describeMeasure(measureBody('a'.repeat(161))), '161/306 · GSM-7 · 2 segments');
		assert.equal(describeMeasure(measureBody('')), '0/160 · GSM-7 · 0 segments');
	});

	it('UCS-2 names the characters that cause it', () => {
		assert.equal(describeMeasure(measureBody('It’s 😀')), '7/70 · UCS-2 (because of ’ 😀) · 1 segment');
	});

	it('names invisible characters and caps the list', () => {
		assert.equal(describeMeasure(measureBody('a\tb')), '3/70 · UCS-2 (because of tab) · 1 segment');
		assert.match(describeMeasure(measureBody('ąćęłńóśźż')), /\(because of ą ć ę ł ń …\)/);
	});
});
