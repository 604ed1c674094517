import * as assert from 'node:assert/strict';
import { ERROR_CODES_URL, explainErrorCode, knownErrorCodes } from '../../src/core/errorCodes';

/** The request codes a create may return (docs/api-notes.md, "Errors"), and the delivery codes. */
const REQUEST_CODES = [
	20003, 20404, 20429, 10000, 21210, 21211, 21212, 21217, 21601, 21602, 21603, 21604, 21606, 21610, 21611, 21612, 21614, 21617, 21620,
	21623, 21624, 21701, 21703, 21705, 21717, 11751,
];
const DELIVERY_CODES = [30001, 30002, 30003, 30004, 30005, 30006, 30007, 30008, 30009, 30010, 30011, 30012, 30022, 30027, 35125, 63011, 63019];

describe('explainErrorCode', () => {
	it('explains every listed code, with title, explanation and the error-codes page', () => {
		for (const code of [...REQUEST_CODES, ...DELIVERY_CODES]) {
			const e = explainErrorCode(code);
			assert.ok(e, `${code} missing`);
			assert.equal(e.code, String(code));
			assert.ok(e.title.length > 3, `${code} title`);
			assert.ok(e.explanation.length > 20, `${code} explanation`);
			assert.ok(e.explanation.endsWith('.'), `${code} explanation ends with a full stop`);
			assert.equal(e.action === undefined || e.action.endsWith('.'), true, `${code} action`);
			assert.equal(e.moreInfoUrl, 'https://developer.signalwire.com/rest/compatibility-api/overview/error-codes');
		}
	});

	it('accepts the code as a number or a string (the API sends either)', () => {
		assert.deepEqual(explainErrorCode('21211'), explainErrorCode(21211));
		assert.deepEqual(explainErrorCode(' 30003 '), explainErrorCode(30003));
	});

	it('uses SignalWire meanings where they differ from Twilio', () => {
		assert.match(explainErrorCode(21606)!.title, /not a mobile number/);
		assert.match(explainErrorCode(21210)!.title, /not in your project/);
		assert.match(explainErrorCode(21602)!.explanation, /neither a text Body nor a media URL/);
		assert.match(explainErrorCode(21624)!.explanation, /172,800/);
		assert.match(explainErrorCode(21623)!.explanation, /8 per message/);
	});

	it('returns undefined for empty and unknown codes', () => {
		assert.equal(explainErrorCode(null), undefined);
		assert.equal(explainErrorCode(undefined), undefined);
		assert.equal(explainErrorCode(''), undefined);
		assert.equal(explainErrorCode(21619), undefined, '21619 is not a SignalWire code');
		assert.equal(explainErrorCode(99999), undefined);
		assert.equal(explainErrorCode('toString'), undefined);
		assert.equal(explainErrorCode('__proto__'), undefined);
	});

	it('lists its known codes', () => {
		assert.equal(ERROR_CODES_URL, 'https://developer.signalwire.com/rest/compatibility-api/overview/error-codes');
		for (const code of [...REQUEST_CODES, ...DELIVERY_CODES]) {
			assert.ok(knownErrorCodes().includes(String(code)), String(code));
		}
		assert.deepEqual(knownErrorCodes(), [...knownErrorCodes()].sort());
	});
});
