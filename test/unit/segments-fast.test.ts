import * as assert from 'node:assert/strict';
import { measureBody, measureBodyWithLibrary, measureComplexBody, measureSimpleBody } from '../../src/core/segments';
import { prng } from '../fixtures/prng';

const POOLS: Record<string, string[]> = {
	gsm: [...'abcXYZ019 @$£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r'],
	extension: [...'€[]{}|~^\\\f'],
	bmp: [...'ąęłżźćńóśĄ’‘“”–—…•™©®€αβγдлж中文한'],
	astral: ['😀', '🎉', '👍', '🚀', '𝒜', '🙂'],
	complex: ['e\u0301', '👍🏽', '🇬🇧', '👨‍👩‍👧', '❤️', '\r\n', '\u1100\u1161', 'a\u200d'],
};

function randomBody(random: () => number, mix: string[], length: number): string {
	let body = '';
	for (let i = 0; i < length; i++) {
		const pool = POOLS[mix[Math.floor(random() * mix.length)]];
		body += pool[Math.floor(random() * pool.length)];
	}
	return body;
}

describe('segments: fast path matches sms-segments-calculator', () => {
	const mixes = [['gsm'], ['gsm', 'extension'], ['gsm', 'bmp'], ['gsm', 'astral'], ['bmp', 'astral', 'extension'], ['gsm', 'extension', 'bmp', 'astral', 'complex']];
	for (const mix of mixes) {
		it(`agrees on 500 random bodies of ${mix.join(' + ')}`, () => {
			const random = prng(mix.join().length * 7919);
			let fast = 0;
			for (let i = 0; i < 500; i++) {
				const length = 1 + Math.floor(random() * (i % 5 === 0 ? 420 : 180));
				const body = randomBody(random, mix, length);
				const expected = measureBodyWithLibrary(body);
				const simple = measureSimpleBody(body);
				if (simple) {
					fast++;
					assert.deepEqual(simple, expected, `fast path differs for ${JSON.stringify(body)}`);
				}
				assert.deepEqual(measureBody(body), expected, `measureBody differs for ${JSON.stringify(body)}`);
			}
			if (!mix.includes('complex')) {
				assert.equal(fast, 500, 'simple text must take the fast path');
			}
		});
	}

	it('agrees at every segment boundary (GSM-7 with extension characters, UCS-2 with emoji)', () => {
		for (let n = 150; n <= 470; n++) {
			for (const body of ['a'.repeat(n), `${'a'.repeat(n - 1)}€`, `€${'b'.repeat(n)}`, `${'ą'.repeat(Math.floor(n / 3))}😀`, '😀'.repeat(Math.floor(n / 4)), `${'x'.repeat(n % 70)}${'😀'.repeat(n % 50)}`]) {
				assert.deepEqual(body ? measureSimpleBody(body) : measureBody(body), measureBodyWithLibrary(body), JSON.stringify(body));
			}
		}
	});

	it('leaves multi-code-point graphemes to the library', () => {
		for (const body of ['e\u0301', 'hi 👍🏽', '🇬🇧', '👨‍👩‍👧', '❤️', '\ud800']) {
			assert.equal(measureSimpleBody(body), undefined, JSON.stringify(body));
		}
	});

	describe('complex text (multi-code-point graphemes) without the library', () => {
		const complexMixes = [['complex'], ['gsm', 'complex'], ['gsm', 'extension', 'complex'], ['bmp', 'astral', 'complex'], ['gsm', 'extension', 'bmp', 'astral', 'complex']];
		for (const mix of complexMixes) {
			it(`agrees on 500 random bodies of ${mix.join(' + ')}`, () => {
				const random = prng(mix.join().length * 104729);
				let taken = 0;
				for (let i = 0; i < 500; i++) {
					const length = 1 + Math.floor(random() * (i % 5 === 0 ? 400 : 160));
					const body = randomBody(random, mix, length);
					const complex = measureComplexBody(body);
					if (complex && !measureSimpleBody(body)) {
						taken++;
						assert.deepEqual(complex, measureBodyWithLibrary(body), `complex path differs for ${JSON.stringify(body)}`);
					}
				}
				assert.ok(taken >= 400, `only ${taken} of 500 bodies took the complex path`);
			});
		}

		it('agrees at every segment boundary with ZWJ families, flags, skin tones and combining marks', () => {
			for (let n = 60; n <= 240; n++) {
				for (const body of [`${'a'.repeat(n)}👨‍👩‍👧`, `👍🏽${'b'.repeat(n)}`, '🇫🇷'.repeat(Math.ceil(n / 4)), `${'e\u0301'.repeat(Math.ceil(n / 2))}`, `${'x'.repeat(n % 67)}${'👨‍👩‍👧'.repeat(1 + (n % 9))}`, `a\r\n${'❤️'.repeat(Math.ceil(n / 2))}`]) {
					assert.deepEqual(measureComplexBody(body), measureBodyWithLibrary(body), JSON.stringify(body));
				}
			}
		});

		it('leaves lone surrogates and graphemes longer than a segment to the library', () => {
			assert.equal(measureComplexBody('a\u200d\ud800b'), undefined);
			const huge = `👨${'\u200d👨'.repeat(40)}`;
			assert.equal(measureComplexBody(huge), undefined);
			assert.deepEqual(measureBody(huge), measureBodyWithLibrary(huge));
		});

		it('leaves GSM-7-only text to the simple path', () => {
			assert.equal(measureComplexBody('plain\r\ntext'), undefined);
		});
	});
});
