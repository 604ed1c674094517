import * as assert from 'node:assert/strict';
import { isLoopbackHttpUrl, newRouteKey, openRoute, sealRoute, type SavedRoute } from '../../src/webhooks/routeSeal';

const ROUTE: SavedRoute = {
	profileId: 'https://example.signalwire.com|c3d1e2a4-0000-4000-8000-000000000001',
	sid: 'PN1',
	phoneNumber: '+15550100100',
	previous: { smsUrl: 'https://app.example.com/sms', smsMethod: 'POST' },
	routedUrl: 'https://hooks.example.ngrok.app/inbound',
	listenerUrl: 'http://127.0.0.1:43123',
};

describe('webhooks: sealed route records', () => {
	const key = newRouteKey();

	it('opens a record it sealed, as it was', () => {
		const sealed = sealRoute(key, ROUTE);
		assert.deepEqual(openRoute(key, JSON.parse(JSON.stringify(sealed))), { ok: true, route: ROUTE });
		assert.notEqual(newRouteKey(), key);
	});

	it('rejects a record with any field changed, naming its number', () => {
		const sealed = sealRoute(key, ROUTE);
		const changes: Array<Record<string, unknown>> = [
			{ previous: { smsUrl: 'https://attacker.example/steal', smsMethod: 'POST' } },
			{ previous: { smsUrl: ROUTE.previous.smsUrl, smsMethod: 'GET' } },
			{ routedUrl: 'http://127.0.0.1:9/inbound' },
			{ listenerUrl: 'http://127.0.0.1:9' },
			{ sid: 'PN2' },
			{ profileId: 'https://other.signalwire.com|x' },
			{ phoneNumber: '+15550100101' },
		];
		for (const change of changes) {
			const opened = openRoute(key, { ...sealed, ...change });
			assert.equal(opened.ok, false, JSON.stringify(change));
			assert.equal(!opened.ok && opened.reason, 'seal-mismatch');
		}
		const other = openRoute(newRouteKey(), sealed);
		assert.deepEqual(other, { ok: false, reason: 'seal-mismatch', phoneNumber: '+15550100100' });
	});

	it('rejects an unsealed record (forged, or saved by an older version), one without a key, and a malformed one', () => {
		assert.deepEqual(openRoute(key, ROUTE), { ok: false, reason: 'unsealed', phoneNumber: '+15550100100' });
		const withoutKey = openRoute(undefined, sealRoute(key, ROUTE));
		assert.deepEqual(withoutKey, { ok: false, reason: 'unsealed', phoneNumber: '+15550100100' });
		assert.deepEqual(openRoute(key, { phoneNumber: '+1555' }), { ok: false, reason: 'malformed', phoneNumber: '+1555' });
		assert.deepEqual(openRoute(key, null), { ok: false, reason: 'malformed', phoneNumber: '?' });
	});

	it('rejects a sealed record whose listener URL is not loopback (nothing probes it)', () => {
		const sealed = sealRoute(key, { ...ROUTE, listenerUrl: 'http://169.254.169.254' });
		assert.deepEqual(openRoute(key, sealed), { ok: false, reason: 'not-loopback', phoneNumber: '+15550100100' });
		assert.equal(isLoopbackHttpUrl('http://127.0.0.1:5000'), true);
		assert.equal(isLoopbackHttpUrl('http://localhost:5000'), true);
		assert.equal(isLoopbackHttpUrl('http://[::1]:5000'), true);
		assert.equal(isLoopbackHttpUrl('https://127.0.0.1:5000'), false);
		assert.equal(isLoopbackHttpUrl('http://127.0.0.1.evil.example'), false);
		assert.equal(isLoopbackHttpUrl('http://evil.example'), false);
		assert.equal(isLoopbackHttpUrl('not a url'), false);
	});

	it('stores only the route fields and the seal', () => {
		const sealed = sealRoute(key, { ...ROUTE, extra: 'x' } as SavedRoute);
		const fields = ['listenerUrl', 'phoneNumber', 'previous', 'profileId', 'routedUrl', 'seal', 'sid'];
		assert.deepEqual(Object.keys(sealed).sort(), fields);
	});
});
