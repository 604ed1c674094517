import * as assert from 'node:assert/strict';
import { describeCause, networkFailureOf } from '../../src/signalwire/transportFailure';

describe('transport failures (src/signalwire/transportFailure.ts)', () => {
	it('names the kind of failure from the system error code', () => {
		assert.equal(networkFailureOf('ENOTFOUND'), 'dns');
		assert.equal(networkFailureOf('EAI_AGAIN'), 'dns');
		assert.equal(networkFailureOf('ECONNREFUSED'), 'refused');
		assert.equal(networkFailureOf('ECONNRESET'), 'dropped');
		assert.equal(networkFailureOf('UND_ERR_SOCKET'), 'dropped');
		assert.equal(networkFailureOf('CERT_HAS_EXPIRED'), 'tls');
		assert.equal(networkFailureOf('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls');
		assert.equal(networkFailureOf('EPROTO'), 'tls');
		assert.equal(networkFailureOf('EPROTONOSUPPORT'), 'other', 'EPROTO only as a whole code');
		assert.equal(networkFailureOf('EWHATEVER'), 'other');
		assert.equal(networkFailureOf(undefined), 'other');
	});

	it('reads the innermost code and message of a cause chain, and a thrown string', () => {
		const system = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		const fetchError = new TypeError('fetch failed', { cause: system });
		assert.deepEqual(describeCause(fetchError), { code: 'ECONNREFUSED', detail: 'connect ECONNREFUSED 127.0.0.1:9' });
		assert.deepEqual(describeCause('plain text'), { code: undefined, detail: 'plain text' });
		assert.deepEqual(describeCause(undefined), { code: undefined, detail: undefined });
	});
});
