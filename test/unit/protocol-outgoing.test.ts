/**
 * What the extension posts to the compose webview (src/compose/outgoing.ts): at most 1,000 From
 * suggestions, the most relevant first; texts cut with "…"; an over-long link left out. What it
 * posts is always read whole by the webview (src/compose/readExtensionMessage.ts).
 */
import * as assert from 'node:assert/strict';
import { capForWebview, relevantNumbers } from '../../src/compose/outgoing';
import { MAX_NUMBERS, MAX_TEXT_LENGTH, type ExtensionToWebviewMessage, type NumberOption } from '../../src/compose/protocol';
import { isExtensionToWebviewMessage } from '../../src/compose/readExtensionMessage';

function numbers(count: number): NumberOption[] {
	return Array.from({ length: count }, (_, i) => ({ phoneNumber: `+1555${String(i).padStart(7, '0')}`, friendlyName: `Number ${i}`, sms: true, mms: i % 2 === 0 }));
}

describe('compose: what the extension posts to the webview', () => {
	it('keeps 1,000 of 2,500 numbers: the draft\'s From, then the recent senders, then the API\'s order', () => {
		const all = numbers(2500);
		const picked = relevantNumbers(all, ['+15550002400', '+15550001999', '+15550002400', '+19999999999', undefined, '+15550000003']);
		assert.equal(picked.length, MAX_NUMBERS);
		assert.deepEqual(
			picked.slice(0, 4).map((n) => n.phoneNumber),
			['+15550002400', '+15550001999', '+15550000003', '+15550000000'],
			'preferred first (once each, unknown ones skipped), then the rest in order',
		);
		assert.equal(new Set(picked.map((n) => n.phoneNumber)).size, MAX_NUMBERS, 'no duplicates');
		assert.deepEqual(relevantNumbers(numbers(3), []), numbers(3), 'a short list is unchanged');
	});

	it('cuts friendly names and drops numbers that are not numbers', () => {
		const [odd, ...rest] = numbers(3);
		const picked = relevantNumbers([{ ...odd, phoneNumber: 'x'.repeat(101) }, { ...rest[0], friendlyName: 'n'.repeat(300) }, rest[1]], []);
		assert.equal(picked.length, 2);
		assert.equal(picked[0].friendlyName.length, 200);
		assert.ok(picked[0].friendlyName.endsWith('n…'));
	});

	it('cuts a 50,000-character API error and hint, leaves out a 2,001-character link, keeps code and status', () => {
		const message: ExtensionToWebviewMessage = {
			type: 'sendResult',
			requestId: 'r1',
			result: { ok: false, error: { message: 'm'.repeat(50_000), hint: 'h'.repeat(50_000), code: 21211, httpStatus: 422, moreInfo: `https://e.com/${'a'.repeat(2000)}` } },
		};
		const capped = capForWebview(message);
		assert.ok(capped.type === 'sendResult' && !capped.result.ok);
		assert.equal(capped.result.error.message.length, MAX_TEXT_LENGTH);
		assert.ok(capped.result.error.message.endsWith('m…'));
		assert.equal(capped.result.error.hint?.length, MAX_TEXT_LENGTH);
		assert.equal(capped.result.error.moreInfo, undefined);
		assert.equal(capped.result.error.code, 21211);
		assert.equal(capped.result.error.httpStatus, 422);
		assert.ok(isExtensionToWebviewMessage(capped), 'the webview reads it whole');
		assert.equal((message.result as { error: { message: string } }).error.message.length, 50_000, 'the original is not changed');
	});

	it('caps every kind of message so that the webview reads it whole', () => {
		const long = 'p'.repeat(30_000);
		const sent: ExtensionToWebviewMessage[] = [
			{ type: 'init', draft: { to: '+15550100199' }, numbers: numbers(1500), profile: long, sending: false, lastResult: { ok: false, error: { message: long }, requestId: 'r1' } },
			{ type: 'numbers', numbers: numbers(2500), error: long },
			{ type: 'sendResult', requestId: 'r2', result: { ok: true, sid: long, status: long, to: long } },
			{ type: 'signedInChanged', profile: long },
			{ type: 'listenerChanged', listener: { statusCallbackUrl: `https://e.com/${long}`, addByDefault: true } },
			{ type: 'init', draft: {}, numbers: [], profile: null, sending: false, listener: { statusCallbackUrl: `https://e.com/${long}`, addByDefault: true } },
		];
		for (const message of sent) {
			assert.equal(isExtensionToWebviewMessage(message), false, `${message.type} is over the limits before`);
			assert.ok(isExtensionToWebviewMessage(capForWebview(message)), `${message.type} is read whole after`);
		}
		// A cut URL would point elsewhere: an over-long listener URL hides the box instead.
		assert.deepEqual(capForWebview({ type: 'listenerChanged', listener: { statusCallbackUrl: `https://e.com/${long}`, addByDefault: true } }), { type: 'listenerChanged', listener: null });
		const listener = { statusCallbackUrl: 'https://example.ngrok.app/status', addByDefault: false };
		assert.deepEqual(capForWebview({ type: 'listenerChanged', listener }), { type: 'listenerChanged', listener });
				const small: ExtensionToWebviewMessage = { type: 'numbers', numbers: numbers(2) };
		assert.deepEqual(capForWebview(small), small, 'within the limits: unchanged');
	});
});
