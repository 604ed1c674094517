/** The local server's self-signed certificate (sandbox/certificate.ts) and https serving. */
import * as assert from 'node:assert/strict';
import { X509Certificate, createPublicKey } from 'node:crypto';
import * as https from 'node:https';
import { makeLoopbackCertificate } from '../../sandbox/certificate';
import { startSandbox } from '../../sandbox/server';
import { fetchTrusting } from '../../src/scenarios/trustingFetch';

describe('sandbox: https with a certificate made at start', () => {
	it('is a self-signed CA certificate for localhost, 127.0.0.1 and ::1, valid now for about a day', () => {
		const now = new Date();
		const { key, cert } = makeLoopbackCertificate(now);
		const x = new X509Certificate(cert);
		assert.equal(x.ca, true);
		assert.equal(x.checkHost('localhost'), 'localhost');
		assert.equal(x.checkIP('127.0.0.1'), '127.0.0.1');
		assert.equal(x.checkIP('::1'), '::1');
		assert.equal(x.checkHost('example.com'), undefined);
		assert.equal(x.verify(createPublicKey(key)), true, 'signed by its own key');
		assert.equal(x.issuer, x.subject);
		assert.ok(new Date(x.validFrom) <= now && new Date(x.validTo).getTime() - now.getTime() > 23 * 3_600_000);
		assert.notEqual(makeLoopbackCertificate().cert, cert, 'a new one each time');
	});

	it('serves the API over https; a client that trusts the certificate gets in, one that does not is refused', async () => {
		const tls = makeLoopbackCertificate();
		const sandbox = await startSandbox({ tls });
		try {
			assert.match(sandbox.url, /^https:\/\/127\.0\.0\.1:\d+$/);
			const info = await fetchTrusting(tls.cert)(`${sandbox.url}/__sandbox/info`);
			assert.equal(info.status, 200);
			assert.equal(((await info.json()) as { projectId: string }).projectId, sandbox.projectId);
			await assert.rejects(
				new Promise((resolve, reject) => https.get(`${sandbox.url}/__sandbox/info`, resolve).on('error', reject)),
				/self[- ]signed certificate/i,
			);
		} finally {
			await sandbox.close();
		}
	});
});
