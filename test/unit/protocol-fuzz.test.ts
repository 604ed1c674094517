/**
 * Seeded (deterministic) fuzz of the compose protocol's guards (src/compose/protocol.ts): 1,000
 * malformed messages are all rejected, 5,000 random values never make a guard throw, and what a
 * guard accepts is a fresh, plain copy holding only known keys of the right types. The same
 * malformed messages go through the real compose panel in test/integration/compose-fuzz.test.ts.
 * The other direction (what the webview reads) is lenient: 2,000 extension messages with random
 * bad parts are read without throwing, within the limits, and a well-formed one whole.
 */
import * as assert from 'node:assert/strict';
import {
	MAX_NUMBERS,
	MAX_TEXT_LENGTH,
	describeRejected,
	isWebviewToExtensionMessage,
	parseDraft,
	parseWebviewToExtensionMessage,
	type WebviewToExtensionMessage,
} from '../../src/compose/protocol';
import { isExtensionToWebviewMessage, parseExtensionToWebviewMessage } from '../../src/compose/readExtensionMessage';
import { MAX_MEDIA_URLS } from '../../src/core/types';
import { FUZZ_SEED, WEBVIEW_TYPES, extensionMessage, malformedMessages, prng, randomValue, rng, validDraft } from '../fixtures/webviewFuzz';

const DRAFT_KEYS = new Set(['to', 'from', 'messagingServiceSid', 'body', 'mediaUrls', 'sendAsMms', 'statusCallback', 'validityPeriod', 'maxPrice', 'applicationSid']);
const TEXT_KEYS = ['to', 'from', 'messagingServiceSid', 'body', 'statusCallback', 'applicationSid'];

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

/** The accepted draft is well-typed and holds only known keys. */
function assertCleanDraft(draft: Record<string, unknown>): void {
	for (const key of Object.keys(draft)) {
		assert.ok(DRAFT_KEYS.has(key), `unknown draft key ${key}`);
	}
	for (const key of TEXT_KEYS) {
		if (draft[key] !== undefined) {
			assert.equal(typeof draft[key], 'string', key);
			assert.ok((draft[key] as string).length <= MAX_TEXT_LENGTH);
		}
	}
	if (draft.mediaUrls !== undefined) {
		assert.ok(Array.isArray(draft.mediaUrls) && draft.mediaUrls.length <= MAX_MEDIA_URLS && draft.mediaUrls.every((u) => typeof u === 'string'));
	}
	if (draft.sendAsMms !== undefined) {
		assert.equal(typeof draft.sendAsMms, 'boolean');
	}
	for (const key of ['validityPeriod', 'maxPrice']) {
		const v = draft[key];
		if (v !== undefined) {
			assert.ok(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)), `${key}: ${String(v)}`);
		}
	}
}

function assertCleanMessage(input: unknown, message: WebviewToExtensionMessage): void {
	assert.ok((WEBVIEW_TYPES as readonly string[]).includes(message.type));
	assert.ok(isPlain(message), 'a plain copy');
	assert.notEqual(message, input, 'a fresh object, not the input');
	const allowed: Record<string, string[]> = { ready: ['type'], signIn: ['type'], draftChanged: ['type', 'draft'], send: ['type', 'requestId', 'draft', 'addStatusCallback'] };
	assert.deepEqual(Object.keys(message).filter((key) => !allowed[message.type]!.includes(key)), [], 'only known keys');
	for (const key of allowed[message.type]!.filter((k) => k !== 'addStatusCallback')) {
		assert.ok(key in message, `${message.type} has ${key}`);
	}
	if (message.type === 'send' && 'addStatusCallback' in message) {
		assert.equal(typeof message.addStatusCallback, 'boolean');
	}
	if (message.type === 'send') {
		assert.ok(message.requestId.length > 0 && message.requestId.length <= 100);
	}
	if (message.type === 'send' || message.type === 'draftChanged') {
		assert.notEqual(message.draft, (input as { draft?: unknown }).draft, 'the draft is copied');
		assertCleanDraft(message.draft as Record<string, unknown>);
	}
	// Idempotent: the copy reads back as itself.
	assert.deepEqual(parseWebviewToExtensionMessage(message), message);
}

describe('compose protocol fuzz (seeded)', () => {
	afterEach(() => {
		assert.equal(({} as Record<string, unknown>).type, undefined, 'Object.prototype was not polluted');
		assert.equal(({} as Record<string, unknown>).to, undefined, 'Object.prototype was not polluted');
	});

	it('the PRNG is deterministic: the same seed gives the same 1,000 messages', () => {
		const a = prng(FUZZ_SEED);
		const b = prng(FUZZ_SEED);
		for (let i = 0; i < 100; i++) {
			assert.equal(a(), b());
		}
		const text = (messages: unknown[]) => messages.map((m) => describeRejected(m)).join('|');
		assert.equal(text(malformedMessages(FUZZ_SEED, 1000)), text(malformedMessages(FUZZ_SEED, 1000)));
	});

	it('rejects each of 1,000 malformed messages (parse → undefined, guard → false), never throwing', () => {
		const messages = malformedMessages(FUZZ_SEED, 1000);
		const accepted: string[] = [];
		for (const message of messages) {
			if (parseWebviewToExtensionMessage(message) !== undefined || isWebviewToExtensionMessage(message)) {
				accepted.push(describeRejected(message));
			}
		}
		assert.deepEqual(accepted, [], `accepted malformed messages: ${accepted.slice(0, 5).join('; ')}`);
		const shapes = new Set(messages.map((m) => describeRejected(m)));
		assert.ok(shapes.size > 50, `the fuzz covers many shapes (${shapes.size})`);
	});

	it('describes a rejected message by its type and keys only, never the values it carries', () => {
		const secret = 'PTsecret-body-text-1234567890';
		for (const message of [
			{ type: 'send', requestId: secret, draft: { body: secret, to: secret } },
			{ type: 'draftChanged', draft: [secret] },
			{ type: 'x'.repeat(500) + secret },
			{ ['k'.repeat(500) + secret]: 1 },
			secret,
			[secret],
		]) {
			const text = describeRejected(message);
			assert.ok(!text.includes(secret), text);
			assert.ok(text.length < 300, `${text.length} characters`);
		}
		for (const message of malformedMessages(FUZZ_SEED, 1000)) {
			assert.equal(typeof describeRejected(message), 'string');
		}
	});

	it('never throws on 5,000 random values; anything accepted is a clean, plain, idempotent copy', () => {
		const r = rng(FUZZ_SEED + 1);
		let accepted = 0;
		for (let i = 0; i < 5000; i++) {
			const value = randomValue(r);
			const message = parseWebviewToExtensionMessage(value);
			assert.equal(isWebviewToExtensionMessage(value), message !== undefined);
			if (message) {
				accepted++;
				assertCleanMessage(value, message);
			}
			// The other direction's guard must not throw on webview input either.
			parseExtensionToWebviewMessage(value);
			isExtensionToWebviewMessage(value);
			describeRejected(value);
		}
		assert.ok(accepted > 100 && accepted < 5000, `accepted ${accepted} of 5000: the fuzz mixes valid and invalid`);
	});

	it('accepts every well-formed message (the fuzz does not just reject everything)', () => {
		const r = rng(FUZZ_SEED + 2);
		for (let i = 0; i < 500; i++) {
			const draft = validDraft(r);
			if (Array.isArray(draft.mediaUrls) && draft.mediaUrls.length > MAX_MEDIA_URLS) {
				draft.mediaUrls = draft.mediaUrls.slice(0, MAX_MEDIA_URLS);
			}
			for (const value of [
				{ type: 'ready' },
				{ type: 'signIn' },
				{ type: 'draftChanged', draft },
				{ type: 'send', requestId: `r${i}`, draft },
				{ type: 'send', requestId: `r${i}`, draft, addStatusCallback: i % 2 === 0 },
			]) {
				const message = parseWebviewToExtensionMessage(value);
				assert.ok(message, `rejected a well-formed ${value.type}: ${JSON.stringify(value).slice(0, 200)}`);
				assertCleanMessage(value, message);
			}
		}
	});

	it('drops unknown keys, __proto__ and constructor from an accepted draft', () => {
		const value = JSON.parse('{"type":"send","requestId":"r1","extra":1,"draft":{"to":"+15550100199","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"unknown":"x"}}') as unknown;
		const message = parseWebviewToExtensionMessage(value);
		assert.ok(message && message.type === 'send');
		assert.deepEqual(message, { type: 'send', requestId: 'r1', draft: { to: '+15550100199' } });
		assert.deepEqual(parseDraft({ to: 'x', toString: 'y' }), { to: 'x' });
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
	});

	it('reads 2,000 extension messages with random bad parts: never throws, always within the limits, well-formed ones whole', function () {
		this.timeout(30_000);
		const r = rng(FUZZ_SEED + 3);
		const counts = { whole: 0, partial: 0, rejected: 0 };
		for (let i = 0; i < 2000; i++) {
			const { value, wellFormed } = extensionMessage(r);
			const dropped: string[] = [];
			const message = parseExtensionToWebviewMessage(value, (part) => dropped.push(part));
			if (!message) {
				counts.rejected++;
				assert.equal(wellFormed, false, `rejected a well-formed message: ${describeRejected(value)}`);
				continue;
			}
			assert.ok(isPlain(message), 'a plain copy');
			assert.notEqual(message, value);
			assertWithinLimits(message);
			if (wellFormed) {
				assert.deepEqual(dropped, [], `dropped parts of a well-formed message: ${dropped.join(', ')}`);
				assert.deepEqual(message, value, 'a well-formed message is read whole');
				assert.ok(isExtensionToWebviewMessage(value));
				counts.whole++;
			} else {
				counts.partial += dropped.length > 0 ? 1 : 0;
			}
		}
		assert.ok(counts.whole > 500 && counts.partial > 400 && counts.rejected > 20, JSON.stringify(counts));
		console.log(`      extension → webview fuzz: ${JSON.stringify(counts)}`);
	});
});

/** Every list and text of a message the webview read is within the protocol's limits. */
function assertWithinLimits(value: unknown, path = 'message'): void {
	if (typeof value === 'string') {
		assert.ok(value.length <= MAX_TEXT_LENGTH, `${path}: ${value.length} characters`);
	} else if (Array.isArray(value)) {
		assert.ok(value.length <= MAX_NUMBERS, `${path}: ${value.length} items`);
		value.forEach((item, index) => assertWithinLimits(item, `${path}[${index}]`));
	} else if (typeof value === 'object' && value !== null) {
		for (const [key, item] of Object.entries(value)) {
			assertWithinLimits(item, `${path}.${key}`);
		}
	}
}
