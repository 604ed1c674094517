/**
 * Seeded fuzz of a conversation panel's extension → webview reader (src/replies/readExtensionMessage.ts):
 * 2,000 malformed messages (one part broken each: oversized, wrong type, missing, odd keys) are read
 * without throwing, within the protocol's limits, as plain fresh copies; a message is rejected only
 * when nothing is left to read. The figures (read whole / parts dropped / rejected) are printed.
 */
import * as assert from 'node:assert/strict';
import { MAX_BUBBLES, MAX_FIELD_LENGTH, MAX_LINK_LENGTH, MAX_TEXT_LENGTH } from '../../src/replies/protocol';
import { parseConversationExtensionMessage } from '../../src/replies/readExtensionMessage';
import { describeRejected } from '../../src/util/messageGuards';
import { malformedConversationMessage, wellFormedConversationMessage } from '../fixtures/conversationFuzz';
import { FUZZ_SEED, rng } from '../fixtures/webviewFuzz';

function isPlain(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) {
		return true;
	}
	const proto: unknown = Object.getPrototypeOf(value);
	if (Array.isArray(value)) {
		return proto === Array.prototype && value.every(isPlain);
	}
	return (proto === Object.prototype || proto === null) && Object.values(value).every(isPlain);
}

const SHORT_FIELDS = new Set(['sid', 'status', 'time', 'ownNumber', 'otherParty', 'space']);

/** Every text within its limit: short fields 200, links 4,096, other texts 20,000; at most 500 bubbles. */
function assertWithinLimits(value: unknown, key = 'message'): void {
	if (typeof value === 'string') {
		const max = SHORT_FIELDS.has(key) ? MAX_FIELD_LENGTH : key === 'url' || key === 'moreInfo' || key === 'mediaUrls' ? MAX_LINK_LENGTH : MAX_TEXT_LENGTH;
		assert.ok(value.length <= max, `${key}: ${value.length} characters`);
	} else if (Array.isArray(value)) {
		assert.ok(value.length <= MAX_BUBBLES, `${key}: ${value.length} items`);
		value.forEach((item) => assertWithinLimits(item, key));
	} else if (typeof value === 'object' && value !== null) {
		for (const [name, item] of Object.entries(value)) {
			assertWithinLimits(item, name);
		}
	}
}

/** Not a plain object, no known type, or a send result without a request id to match it to. */
function nothingLeft(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
		return true;
	}
	const { type, requestId } = value as Record<string, unknown>;
	if (type === 'init' || type === 'bubbles') {
		return false;
	}
	return type !== 'sendResult' || typeof requestId !== 'string' || requestId.length > 100;
}

describe('conversation panel protocol fuzz (seeded)', () => {
	afterEach(() => {
		assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was not polluted');
	});

	it('reads 1,000 well-formed messages whole', () => {
		const r = rng(FUZZ_SEED + 10);
		for (let i = 0; i < 1000; i++) {
			const value = wellFormedConversationMessage(r);
			const dropped: string[] = [];
			assert.deepEqual(parseConversationExtensionMessage(value, (part) => dropped.push(part)), value);
			assert.deepEqual(dropped, []);
		}
	});

	it('reads 2,000 malformed messages: never throws, within the limits, rejected only when nothing is left', function () {
		this.timeout(30_000);
		const r = rng(FUZZ_SEED + 11);
		const counts = { whole: 0, partsDropped: 0, rejected: 0 };
		for (let i = 0; i < 2000; i++) {
			const value = malformedConversationMessage(r);
			const dropped: string[] = [];
			const message = parseConversationExtensionMessage(value, (part) => dropped.push(part));
			if (!message) {
				counts.rejected++;
				assert.ok(nothingLeft(value), `rejected a message with something left to read: ${describeRejected(value)}`);
				continue;
			}
			assert.ok(isPlain(message), 'a plain copy');
			assert.notEqual(message, value, 'a fresh object');
			assertWithinLimits(message);
			if (message.type === 'init' || message.type === 'bubbles') {
				assert.ok(Number.isInteger(message.hidden) && message.hidden >= 0);
				assert.ok(message.bubbles.every((b) => b.direction === 'inbound' || b.direction === 'outbound'));
			}
			// What was read reads back whole (but for a draft it left out: the webview keeps its own).
			const again: string[] = [];
			parseConversationExtensionMessage(message, (part) => again.push(part));
			const draftLeftOut = message.type === 'init' && message.draft === undefined;
			assert.deepEqual(again.filter((part) => !(draftLeftOut && part === 'draft')), [], `read back: ${again.join(', ')}`);
			if (dropped.length > 0) {
				counts.partsDropped++;
			} else {
				counts.whole++;
			}
		}
		console.log(`      conversation extension → webview fuzz (2,000 malformed): ${JSON.stringify(counts)}`);
		assert.equal(counts.whole + counts.partsDropped + counts.rejected, 2000);
		assert.ok(counts.partsDropped > 1000, JSON.stringify(counts));
	});
});
