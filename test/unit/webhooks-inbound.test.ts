/**
 * The message an inbound-message webhook carries (src/webhooks/requests.ts, inboundMessageOf), as
 * the conversations keep it when a signed one arrives (src/replies/replyService.ts, receiveInbound).
 */
import * as assert from 'node:assert/strict';
import { mayApplyRequest, inboundMessageOf } from '../../src/webhooks/requests';

const AT = Date.UTC(2026, 11, 2, 9, 30);

describe('webhooks: the message of an inbound webhook', () => {
	it('reads the documented fields into a Message, received now, inbound, with its media URLs', () => {
		const read = inboundMessageOf(
			{ MessageSid: 'SM1', AccountSid: 'p1', From: '+15550100555', To: '+15550100100', Body: 'Hi 👋', NumMedia: '2', MediaUrl0: 'https://example.com/a.png', MediaUrl1: 'https://example.com/b.png', NumSegments: '1' },
			AT,
		);
		assert.ok(read);
		assert.equal(read.accountSid, 'p1');
		assert.deepEqual(read.mediaUrls, ['https://example.com/a.png', 'https://example.com/b.png']);
		const { message } = read;
		assert.deepEqual(
			[message.sid, message.account_sid, message.from, message.to, message.body, message.direction, message.status, message.num_media, message.num_segments],
			['SM1', 'p1', '+15550100555', '+15550100100', 'Hi 👋', 'inbound', 'received', 2, 1],
		);
		assert.equal(Date.parse(message.date_created), AT);
		assert.equal(message.date_updated, message.date_created);
	});

	it('is nothing without MessageSid, From and To; odd counts read as none', () => {
		assert.equal(inboundMessageOf({ From: '+15550100555', To: '+15550100100' }, AT), undefined);
		assert.equal(inboundMessageOf({ MessageSid: 'SM1', To: '+15550100100' }, AT), undefined);
		assert.equal(inboundMessageOf({ MessageSid: 'SM1', From: '+15550100555' }, AT), undefined);
		const odd = inboundMessageOf({ MessageSid: 'SM2', From: '+15550100555', To: '+15550100100', NumMedia: '-3', MediaUrl0: 'https://example.com/x.png', NumSegments: 'many' }, AT);
		assert.deepEqual([odd?.message.num_media, odd?.message.num_segments, odd?.mediaUrls, odd?.message.body, odd?.accountSid], [0, 1, [], '', undefined]);
		assert.equal(inboundMessageOf({ SmsSid: 'SM3', From: '+15550100555', To: '+15550100100' }, AT)?.message.sid, 'SM3');
	});

	it('only a request that may change anything reaches the conversations (the existing rule)', () => {
		assert.equal(mayApplyRequest({ method: 'POST', signature: { state: 'valid' } }, true), true);
		assert.equal(mayApplyRequest({ method: 'POST', signature: { state: 'invalid' } }, true), false);
		assert.equal(mayApplyRequest({ method: 'POST', signature: { state: 'unchecked' } }, false), true, 'no Signing Key set: unchecked ones apply');
		assert.equal(mayApplyRequest({ method: 'GET', signature: { state: 'valid' } }, true), false);
	});
});
