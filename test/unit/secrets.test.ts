import * as assert from 'node:assert/strict';
import { basicCredentials, credentialForms, maskSecrets } from '../../src/core';
import { scrubSecret } from '../../src/signalwire/redact';

const PROJECT = '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001';

describe('secrets', () => {
	describe('basicCredentials', () => {
		it('is the base64 of projectId:token, as Node encodes it', () => {
			for (const token of ['PTabc123', 'PT+/=?ü€', 'x'.repeat(97)]) {
				assert.equal(basicCredentials(PROJECT, token), Buffer.from(`${PROJECT}:${token}`, 'utf8').toString('base64'));
			}
		});
	});

	describe('credentialForms', () => {
		it('covers the raw, URL-encoded and Basic forms, longest first', () => {
			const token = 'PT+a/b=c&d';
			const forms = credentialForms(PROJECT, token);
			const basic = Buffer.from(`${PROJECT}:${token}`).toString('base64');
			for (const form of [token, encodeURIComponent(token), basic, basic.replace(/=+$/, ''), Buffer.from(`${PROJECT}:${token}`).toString('base64url')]) {
				assert.ok(forms.includes(form), `missing ${form}`);
			}
			assert.deepEqual([...forms].sort((a, b) => b.length - a.length), forms);
		});

		it('gives nothing for an empty or very short token, so text is not mangled', () => {
			assert.deepEqual(credentialForms(PROJECT, ''), []);
			assert.deepEqual(credentialForms(PROJECT, 'abc'), []);
		});

		it('lets maskSecrets and scrubSecret hide every form in one pass', () => {
			const token = 'PTd49fa6a026b8e174d0698e478f865113bd0048c7bc93960c';
			const basic = basicCredentials(PROJECT, token);
			const text = `token=${token} Authorization: Basic ${basic} q=${encodeURIComponent(token)}`;
			for (const masked of [maskSecrets(text, credentialForms(PROJECT, token)), scrubSecret(text, credentialForms(PROJECT, token))]) {
				assert.equal(masked, 'token=*** Authorization: Basic *** q=***');
			}
		});
	});
});
