import * as assert from 'node:assert/strict';
import { formatDuration, formatMessageSummary, formatRelativeDay, maskToken, shortSid, truncate } from '../../src/core/format';
import type { Message } from '../../src/core/types';
import { message as aMessage } from '../fixtures/builders';

function message(overrides: Partial<Message> = {}): Message {
	return aMessage({
		account_sid: 'ea108133-d6b3-407c-9536-9fad8a929a6a',
		num_segments: 2,
		num_media: 1,
		from: '+15551234567',
		sid: '0a059168-ead0-41af-9d1f-343dae832527',
		to: '+15557654321',
		uri: '/api/laml/2010-04-01/Accounts/ea108133-d6b3-407c-9536-9fad8a929a6a/Messages/0a059168-ead0-41af-9d1f-343dae832527',
		subresource_uris: null,
		...overrides,
	});
}

describe('formatMessageSummary', () => {
	it('status · from → to · segments · media · SID', () => {
		assert.equal(formatMessageSummary(message()), 'queued · +15551234567 → +15557654321 · 2 segments · 1 media · SID 0a059168…');
	});

	it('singular segment, no media, error code with the status', () => {
		assert.equal(
			formatMessageSummary(message({ num_segments: 1, num_media: 0, status: 'undelivered', error_code: '30003' })),
			'undelivered (30003) · +15551234567 → +15557654321 · 1 segment · SID 0a059168…',
		);
	});

	it('short SIDs stay whole', () => {
		assert.equal(shortSid('abc'), 'abc');
		assert.equal(shortSid('0a059168-ead0'), '0a059168…');
	});
});

describe('formatRelativeDay', () => {
	const now = new Date(2026, 10, 24, 9, 30); // Tue 24 Nov 2026, 09:30 local

	it('Today for any time of the same local day', () => {
		assert.equal(formatRelativeDay(new Date(2026, 10, 24, 0, 0, 0), now), 'Today');
		assert.equal(formatRelativeDay(new Date(2026, 10, 24, 23, 59, 59), now), 'Today');
	});

	it('Yesterday, also across a month and a year boundary', () => {
		assert.equal(formatRelativeDay(new Date(2026, 10, 23, 23, 59), now), 'Yesterday');
		assert.equal(formatRelativeDay(new Date(2026, 10, 23, 0, 0), now), 'Yesterday');
		assert.equal(formatRelativeDay(new Date(2026, 9, 31, 12), new Date(2026, 10, 1, 8)), 'Yesterday');
		assert.equal(formatRelativeDay(new Date(2025, 11, 31, 12), new Date(2026, 0, 1, 0, 5)), 'Yesterday');
	});

	it('other days as "Mon, 24 Nov 2026"', () => {
		assert.equal(formatRelativeDay(new Date(2026, 10, 22, 18), now), 'Sun, 22 Nov 2026');
		assert.equal(formatRelativeDay(new Date(2026, 10, 23, 12), new Date(2026, 10, 25, 1)), 'Mon, 23 Nov 2026');
		assert.equal(formatRelativeDay(new Date(2026, 10, 25, 1), now), 'Wed, 25 Nov 2026');
		assert.equal(formatRelativeDay(new Date(2018, 7, 13, 21), now), 'Mon, 13 Aug 2018');
	});
});

describe('truncate', () => {
	it('keeps short text, collapses line breaks to one space', () => {
		assert.equal(truncate('Hello', 10), 'Hello');
		assert.equal(truncate('Hello\nWorld', 20), 'Hello World');
		assert.equal(truncate('Hello  \r\n\r\n  World\rBye', 40), 'Hello World Bye');
	});

	it('cuts with an ellipsis counted in max', () => {
		assert.equal(truncate('Hello World', 11), 'Hello World');
		assert.equal(truncate('Hello World', 10), 'Hello Wor…');
		assert.equal(truncate('Hello World', 7), 'Hello…');
		assert.equal(truncate('Hello World', 1), '…');
		assert.equal(truncate('Hello World', 0), '');
	});

	it('never splits an emoji', () => {
		assert.equal(truncate('😀😀😀😀', 3), '😀😀…');
	});
});

describe('maskToken', () => {
	const token = 'PT037258e533e87ac63174ee136ed0798dc85d4f4f9e6d7191';

	it('replaces every occurrence', () => {
		assert.equal(maskToken(`a ${token} b ${token}`, token), 'a *** b ***');
	});

	it('also the URL-encoded form', () => {
		const odd = 'ab+c/d=e';
		assert.equal(maskToken(`x=${encodeURIComponent(odd)} y=${odd}`, odd), 'x=*** y=***');
	});

	it('an empty token changes nothing', () => {
		assert.equal(maskToken('nothing to hide', ''), 'nothing to hide');
	});
});

describe('formatDuration', () => {
	const cases: Array<[number, string]> = [
		[0, '0 ms'],
		[850, '850 ms'],
		[999.4, '999 ms'],
		[999.6, '1 s'],
		[1000, '1 s'],
		[1234, '1.2 s'],
		[9949, '9.9 s'],
		[9999, '10 s'],
		[42_000, '42 s'],
		[60_000, '1 min'],
		[125_000, '2 min 5 s'],
		[3_600_000, '1 h'],
		[3_780_000, '1 h 3 min'],
		[-5, '0 ms'],
		[Number.NaN, '0 ms'],
	];
	for (const [ms, expected] of cases) {
		it(`${ms} → ${expected}`, () => assert.equal(formatDuration(ms), expected));
	}
});
