import * as assert from 'node:assert/strict';
import GraphemeSplitter from 'grapheme-splitter';
import Shim from '../../src/core/graphemeSplitter';

const SAMPLES = [
	'plain ascii text',
	'e\u0301 café naïve',
	'👍🏽 👨‍👩‍👧 🇬🇧🇺🇸 ❤️ 🏳️‍🌈',
	'line\r\nbreak\rand\nmore',
	'한국어 \u1100\u1161\u11a8 テスト 中文',
	'ąęłżźćńóś ’quotes’ “dq” – — …',
	'Здравствуйте Ελληνικά עברית العربية',
	'\t tab and \f form feed €[]{}|~^\\',
	'😀'.repeat(40),
];

describe('grapheme splitter shim (Intl.Segmenter) vs grapheme-splitter', () => {
	const reference = new GraphemeSplitter();
	const shim = new Shim();
	for (const sample of SAMPLES) {
		it(`splits ${JSON.stringify(sample.slice(0, 24))} the same way`, () => {
			assert.deepEqual(shim.splitGraphemes(sample), reference.splitGraphemes(sample));
		});
	}

});
