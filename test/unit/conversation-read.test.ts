/**
 * A conversation panel's webview reads the extension's messages tolerantly
 * (src/replies/readExtensionMessage.ts) and the extension cuts what it posts (src/replies/outgoing.ts):
 * one oversized field (a 25,000-character body, a 300-character sid, a 5,000-character media URL)
 * drops or cuts only that part, never the whole thread.
 */
import * as assert from 'node:assert/strict';
import { capConversationMessage } from '../../src/replies/outgoing';
import {
	MAX_FIELD_LENGTH,
	MAX_LINK_LENGTH,
	MAX_TEXT_LENGTH,
	type Bubble,
	type ConversationExtensionMessage,
} from '../../src/replies/protocol';
import { isConversationExtensionMessage, parseConversationExtensionMessage } from '../../src/replies/readExtensionMessage';

function bubble(overrides: Partial<Bubble> = {}): Bubble {
	return {
		sid: 'SM1',
		direction: 'inbound',
		body: 'hello',
		status: 'received',
		time: '2026-11-30T12:00:00.000Z',
		segments: 1,
		numMedia: 1,
		media: [{ url: 'https://example.com/a.png', image: true }],
		error: null,
		origin: 'polled',
		deleted: false,
		redacted: false,
		...overrides,
	};
}

type Init = Extract<ConversationExtensionMessage, { type: 'init' }>;

function init(bubbles: Bubble[], thread = { ownNumber: '+15550100100', otherParty: '+15550100555', space: 'example.signalwire.com' }): Init {
	return { type: 'init', thread, bubbles, hidden: 0, draft: { body: '', mediaUrls: [] }, sending: false };
}

function read(value: unknown): { message: ReturnType<typeof parseConversationExtensionMessage>; dropped: string[] } {
	const dropped: string[] = [];
	return { message: parseConversationExtensionMessage(value, (part) => dropped.push(part)), dropped };
}

function readInit(value: unknown): { message: Init; dropped: string[] } {
	const { message, dropped } = read(value);
	assert.ok(message?.type === 'init', 'the init is read, not rejected');
	return { message: message as Init, dropped };
}

describe('conversation panel: tolerant read of the extension\'s messages', () => {
	it('reads a well-formed init whole, nothing dropped', () => {
		const value = init([bubble(), bubble({ sid: 'SM2', direction: 'outbound', origin: 'sent', error: 'Error 30005: x' })]);
		const { message, dropped } = readInit(value);
		assert.deepEqual(message, value);
		assert.deepEqual(dropped, []);
		assert.ok(isConversationExtensionMessage(value));
	});

	for (const field of ['body', 'error'] as const) {
		it(`cuts a ${field} over ${MAX_TEXT_LENGTH} characters with "…" and keeps the rest of the thread`, () => {
			const long = 'x'.repeat(25_000);
			const { message, dropped } = readInit(init([bubble({ [field]: long }), bubble({ sid: 'SM2' })]));
			assert.equal(message.bubbles.length, 2);
			const text = message.bubbles[0]![field]!;
			assert.equal(text.length, MAX_TEXT_LENGTH);
			assert.ok(text.endsWith('…'));
			assert.deepEqual({ ...message.bubbles[0], [field]: null }, { ...bubble({ [field]: long }), [field]: null });
			assert.deepEqual(dropped, [`bubble.${field} (cut)`]);
		});
	}

	for (const field of ['sid', 'status'] as const) {
		it(`cuts a ${field} over ${MAX_FIELD_LENGTH} characters with "…", the bubble kept`, () => {
			const { message, dropped } = readInit(init([bubble({ [field]: 's'.repeat(300) })]));
			const text = message.bubbles[0]![field];
			assert.equal(text.length, MAX_FIELD_LENGTH);
			assert.ok(text.endsWith('…'));
			assert.equal(message.bubbles[0]!.body, 'hello');
			assert.deepEqual(dropped, [`bubble.${field} (cut)`]);
		});
	}

	it(`cuts a thread number over ${MAX_FIELD_LENGTH} characters, the bubbles kept`, () => {
		const { message, dropped } = readInit(init([bubble()], { ownNumber: '+1'.repeat(150), otherParty: '+15550100555', space: 's' }));
		assert.equal(message.thread.ownNumber.length, MAX_FIELD_LENGTH);
		assert.ok(message.thread.ownNumber.endsWith('…'));
		assert.deepEqual(message.bubbles, [bubble()]);
		assert.deepEqual(dropped, ['thread.ownNumber (cut)']);
	});

	it(`drops only a media URL over ${MAX_LINK_LENGTH} characters (a cut URL would point elsewhere)`, () => {
		const media = [{ url: `https://example.com/${'a'.repeat(5000)}.png`, image: true }, { url: 'https://example.com/b.png', image: true }];
		const { message, dropped } = readInit(init([bubble({ media })]));
		assert.deepEqual(message.bubbles[0]!.media, [{ url: 'https://example.com/b.png', image: true }]);
		assert.equal(message.bubbles[0]!.body, 'hello');
		assert.deepEqual(dropped, ['bubble.media.url']);
	});

	it('drops an unreadable draft (the webview keeps its own), a malformed bubble, a wrong-typed part', () => {
		const { message, dropped } = readInit({ ...init([bubble(), { sid: 5 } as unknown as Bubble, bubble({ segments: Number.NaN })]), draft: 7 });
		assert.equal(message.draft, undefined);
		assert.deepEqual(message.bubbles, [bubble(), bubble({ segments: 0 })]);
		assert.deepEqual(dropped.sort(), ['bubble.segments', 'bubbles (1 malformed)', 'draft']);
	});

	it('reads a failed send result with an oversized message, hint and link', () => {
		const { message, dropped } = read({ type: 'sendResult', requestId: 'r1', ok: false, error: { message: 'm'.repeat(30_000), hint: 'h', moreInfo: `https://x/${'l'.repeat(5000)}` } });
		assert.ok(message?.type === 'sendResult' && !message.ok);
		assert.equal(message.error.message.length, MAX_TEXT_LENGTH);
		assert.deepEqual([message.error.hint, message.error.moreInfo], ['h', undefined]);
		assert.deepEqual(dropped, ['error.message (cut)', 'error.moreInfo']);
	});

	it('rejects only what has nothing left: not an object, an unknown type, a result without its request id', () => {
		for (const value of [null, 'init', [], { type: 'other' }, { type: 'sendResult', ok: true, sid: 's', status: 'x' }, Object.create({ type: 'init' })]) {
			assert.equal(parseConversationExtensionMessage(value), undefined, JSON.stringify(value));
		}
	});

	it('the extension cuts what it posts: the webview then reads it whole', () => {
		const oversized = init(
			[bubble({ body: 'b'.repeat(25_000), error: 'e'.repeat(21_000), sid: 's'.repeat(300), status: 't'.repeat(201), media: [{ url: `https://x/${'u'.repeat(4100)}`, image: false }] })],
			{ ownNumber: 'o'.repeat(201), otherParty: '+15550100555', space: 's' },
		);
		const capped = capConversationMessage(oversized) as Init;
		assert.ok(isConversationExtensionMessage(capped), 'nothing left for the webview to drop');
		assert.deepEqual(readInit(capped).message, capped);
		assert.equal(capped.bubbles[0]!.body!.length, MAX_TEXT_LENGTH);
		assert.ok(capped.bubbles[0]!.body!.endsWith('…'));
		assert.deepEqual(capped.bubbles[0]!.media, []);
		const result = capConversationMessage({ type: 'sendResult', requestId: 'r', ok: false, error: { message: 'm'.repeat(20_001), moreInfo: `https://x/${'l'.repeat(5000)}` } });
		assert.ok(isConversationExtensionMessage(result));
	});
});
