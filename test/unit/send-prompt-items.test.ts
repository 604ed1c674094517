/**
 * What the steps of "SignalWire: Send Message..." show and accept (src/send/sendPromptItems.ts),
 * in plain mocha. The integration and UI suites drive the same steps inside VS Code.
 */
import * as assert from 'node:assert/strict';
import type { IncomingPhoneNumber } from '../../src/core/types';
import {
	bodyMessage,
	confirmPlaceholder,
	confirmSummary,
	fromItems,
	groupProblem,
	mediaItems,
	mediaPlaceholder,
	mediaProblem,
	recipientPlaceholder,
	senderProblem,
	splitUrls,
	typedRecipientItem,
} from '../../src/send/sendPromptItems';
import { phoneNumber } from '../fixtures/builders';

function number(phone: string, mms: boolean, friendly = phone): IncomingPhoneNumber {
	return phoneNumber(phone, { mms, friendlyName: friendly });
}

describe('send prompt items', () => {
	it('From: recently used first, capabilities named, then recent senders, the lookup error and the two other choices', () => {
		const items = fromItems([number('+15550100100', true, 'Main'), number('+15550100101', false)], ['+15550100101', '+15550100999'], 'HTTP 500');
		assert.deepEqual(
			items.map((i) => [i.label, i.description ?? '', i.detail ?? '']),
			[
				['+15550100101', 'SMS only · recently used', ''],
				['+15550100100', 'Main · SMS · MMS', ''],
				['+15550100999', 'recently used', ''],
				['$(warning) Could not load your numbers', '', 'HTTP 500'],
				['$(edit) Enter another number...', '', ''],
				['$(organization) Use a number group (MessagingServiceSid)...', '', ''],
			],
		);
	});

	it('From: a number routed to the webhook listener says so', () => {
		const items = fromItems([number('+15550100100', true, 'Main'), number('+15550100101', false)], [], undefined, ['+15550100100']);
		assert.deepEqual(
			items.slice(0, 2).map((i) => [i.label, i.description]),
			[
				['+15550100100', 'Main · SMS · MMS · inbound SMS routed to the webhook listener'],
				['+15550100101', 'SMS only'],
			],
		);
	});

	it('From typed: required, national format read, E.164 checked on its own', () => {
		assert.equal(senderProblem(' ', 'US'), 'From is required.');
		assert.equal(senderProblem('(555) 010-0100', 'US'), undefined);
		assert.match(senderProblem('abc', 'US') ?? '', /^From: /);
	});

	it('number group: required, a UUID, without any other field', () => {
		assert.match(groupProblem('') ?? '', /MessagingServiceSid is required/);
		assert.match(groupProblem('not-a-uuid') ?? '', /MessagingServiceSid must be the number group ID, a UUID/);
		assert.equal(groupProblem('a1b2c3d4-e5f6-7890-abcd-ef1234567890'), undefined);
	});

	it('To typed: the E.164 it becomes, or why not', () => {
		assert.equal(typedRecipientItem('  ', 'US'), undefined);
		assert.deepEqual(typedRecipientItem('(555) 010-0199', 'US'), {
			choice: 'typed',
			value: '+15550100199',
			label: '$(arrow-right) +15550100199',
			description: 'from "(555) 010-0199"',
			alwaysShow: true,
		});
		assert.equal(typedRecipientItem('+15550100199', 'US')?.description, '');
		const bad = typedRecipientItem('hello', 'US');
		assert.equal(bad?.choice, 'invalid');
		assert.match(bad?.detail ?? '', /^To: /);
		assert.equal(recipientPlaceholder('GB'), 'Send to which number? Type it (E.164, or national format for GB)');
	});

	it('Body: empty is allowed here (media comes next), too long blocks, otherwise the meter', () => {
		assert.deepEqual(bodyMessage(''), { message: 'No text: you will need to attach media.', severity: 'info' });
		assert.equal(bodyMessage('x'.repeat(1601)).severity, 'error');
		assert.match(bodyMessage('x'.repeat(1601)).message, /Body is 1,601 characters; the limit is 1,600/);
		const meter = bodyMessage('Hello');
		assert.equal(meter.severity, 'info');
		assert.match(meter.message, /GSM-7.*1 segment.* · limit 1600$/);
	});

	it('Media: items by what the draft holds; the URLs checked without a fake Body', () => {
		assert.deepEqual(mediaItems({ body: 'hi' }).map((i) => i.label), ['$(circle-slash) No media', '$(file-media) Attach media URLs...']);
		assert.deepEqual(mediaItems({ mediaUrls: ['https://a.example/1.jpg'] }).map((i) => i.label), ['$(check) Keep 1 media URL', '$(file-media) Attach media URLs...']);
		assert.equal(mediaItems({ mediaUrls: ['a', 'b'] })[0]?.label, '$(check) Keep 2 media URLs');
		assert.equal(mediaPlaceholder({}), 'A message without text needs at least one media URL');
		assert.equal(mediaPlaceholder({ body: 'x' }), 'Attach media?');
		assert.equal(mediaProblem('', false), 'Enter at least one media URL: the message has no text.');
		assert.equal(mediaProblem('', true), undefined);
		assert.match(mediaProblem('https://a.example/1.jpg, ftp://b.example/2.jpg', false) ?? '', /^MediaUrl 2 must start with http:\/\/ or https:\/\/ \(got ftp:\)/);
		assert.deepEqual(splitUrls(' a, b  c,,'), ['a', 'b', 'c']);
	});

	it('Confirm: the summary and detail as before', () => {
		const sms = confirmSummary({ from: '+15550100100', to: '+15550100199', body: 'Hello' });
		assert.deepEqual(sms, { summary: '+15550100100 → +15550100199', detail: '1 segment · GSM-7 · "Hello"' });
		assert.equal(confirmPlaceholder(sms.summary), 'Send +15550100100 → +15550100199?');
		const mms = confirmSummary({ messagingServiceSid: 'g-1', to: '+15550100199', mediaUrls: ['https://a.example/1.jpg'] });
		assert.deepEqual(mms, { summary: 'group g-1 → +15550100199', detail: 'MMS · 1 media · no text' });
		assert.match(confirmSummary({ from: '+1', to: '+2', body: 'x'.repeat(200) }).detail, /^2 segments · GSM-7 · "x{60}…"$/);
	});
});
