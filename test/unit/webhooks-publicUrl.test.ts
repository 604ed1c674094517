import * as assert from 'node:assert/strict';
import { isLoopbackSpace, normalizePublicUrl, signedPublicUrl } from '../../src/webhooks/publicUrl';

describe('webhooks: the public URL', () => {
	it('keeps an absolute http(s) URL, trailing slashes dropped', () => {
		assert.equal(normalizePublicUrl(' https://example.ngrok.app/ '), 'https://example.ngrok.app');
		assert.equal(normalizePublicUrl('https://example.ngrok.app/hooks//'), 'https://example.ngrok.app/hooks');
		assert.equal(normalizePublicUrl('http://host.example:8080/proxy/4000'), 'http://host.example:8080/proxy/4000');
	});

	it('refuses what is not a URL, another scheme, a query, a fragment or credentials, naming the rule', () => {
		assert.throws(() => normalizePublicUrl('example.ngrok.app'), /is not a URL: give an absolute https URL/);
		assert.throws(() => normalizePublicUrl('ftp://example.com'), /must start with https:\/\/ \(or http:\/\/\), not ftp:/);
		for (const value of ['https://example.com/?a=1', 'https://example.com/#top', 'https://user:pw@example.com']) {
			assert.throws(() => normalizePublicUrl(value), /must have no query, fragment or credentials/, value);
		}
	});

	it('signs the public URL plus the path relative to it, whether the forwarder strips its path or not', () => {
		assert.equal(signedPublicUrl('https://h.example/proxy/4000', '/status'), 'https://h.example/proxy/4000/status');
		assert.equal(signedPublicUrl('https://t.example/hooks', '/hooks/status?x=1'), 'https://t.example/hooks/status?x=1');
		assert.equal(signedPublicUrl('https://t.example/hooks', '/hooks'), 'https://t.example/hooks');
		assert.equal(signedPublicUrl('https://t.example/hooks', '/hooksx/status'), 'https://t.example/hooks/hooksx/status');
		assert.equal(signedPublicUrl('https://t.example', '/inbound'), 'https://t.example/inbound');
	});

	it('knows a Space on this machine', () => {
		for (const url of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']) {
			assert.ok(isLoopbackSpace(url), url);
		}
		assert.ok(!isLoopbackSpace('https://example.signalwire.com'));
		assert.ok(!isLoopbackSpace('not a url'));
	});
});
