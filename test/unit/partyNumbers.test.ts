/**
 * Numbers of messages that enter from outside (poll, import, webhook): those holding invisible or
 * direction-changing characters are refused and shown written out (src/core/partyNumbers.ts).
 */
import * as assert from 'node:assert/strict';
import { describeRefusedMessages, hasHiddenCharacters, screenMessageNumbers, showHiddenCharacters } from '../../src/core/partyNumbers';

const FORGED = '+1555\u202E1110\u200B';

describe('party numbers: invisible and direction characters', () => {
	it('finds bidi overrides, isolates and marks, zero-width characters, BOM, soft hyphen and controls', () => {
		for (const char of ['\u202E', '\u202D', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u0000', '\n', '\u2028']) {
			assert.ok(hasHiddenCharacters(`+1555${char}0100199`), `U+${char.codePointAt(0)!.toString(16)}`);
		}
		for (const clean of ['+15550100199', 'ShortCode', '12345', 'Alpha Sender', '']) {
			assert.equal(hasHiddenCharacters(clean), false, clean);
		}
	});

	it('writes them out so that they can be shown', () => {
		assert.equal(showHiddenCharacters(FORGED), '+1555\\u202E1110\\u200B');
		assert.equal(showHiddenCharacters('+15550100199'), '+15550100199');
	});

	it('refuses a message whose From, To or SID holds them, keeps the others in order, and says what it refused', () => {
		const messages = [
			{ sid: 'SM1', from: '+15550100555', to: '+15550100100' },
			{ sid: 'SM2', from: FORGED, to: '+15550100100' },
			{ sid: 'SM3', from: '+15550100100', to: '+1555\u2066010\u20690199' },
			{ sid: 'SM4\u200B', from: '+15550100555', to: '+15550100100' },
			{ sid: 'SM5', from: '+15550100556', to: '+15550100100' },
		];
		const { accepted, refused } = screenMessageNumbers(messages);
		assert.deepEqual(accepted.map((m) => m.sid), ['SM1', 'SM5']);
		assert.deepEqual(refused, [
			{ sid: 'SM2', from: '+1555\\u202E1110\\u200B', to: '+15550100100' },
			{ sid: 'SM3', from: '+15550100100', to: '+1555\\u2066010\\u20690199' },
			{ sid: 'SM4\\u200B', from: '+15550100555', to: '+15550100100' },
		]);
		const text = describeRefusedMessages(refused);
		assert.ok(!hasHiddenCharacters(text), 'the description itself holds none');
		assert.match(text, /SM2 from \+1555\\u202E1110\\u200B to \+15550100100/);
	});
});
