import * as assert from 'node:assert/strict';
import { basicCredentials, credentialForms, maskSecrets } from '../../src/core';
import { decodeCharacterReferences, maskAndShorten, shorten } from '../../src/core/secrets';
import { snippetOf } from '../../src/signalwire/snippet';
import { scrubSecret } from '../../src/signalwire/redact';

const PROJECT = '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001';

describe('secrets', () => {
	const TOKEN = 'PT0123456789abcdef0123456789abcdef0123456789abcdef';

	it('masks the token whole lower-cased or upper-cased', () => {
		assert.equal(maskSecrets(`a ${TOKEN.toLowerCase()} b`, [TOKEN]), 'a *** b');
		assert.equal(maskSecrets(`a ${TOKEN.toUpperCase()} b`, [TOKEN]), 'a *** b');
		assert.equal(maskAndShorten(`token=${encodeURIComponent(TOKEN.toLowerCase())}`, credentialForms('p', TOKEN), 100), 'token=***');
	});

	it('decodes HTML character references before masking a shown text (error page, error message)', () => {
		const decimal = Array.from(TOKEN, (c) => `&#${c.codePointAt(0)};`).join('');
		const hex = Array.from(TOKEN, (c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('');
		const upperHex = Array.from(TOKEN, (c) => `&#X${c.codePointAt(0)!.toString(16).toUpperCase()}`).join('');
		const doubled = Array.from(TOKEN, (c) => `&amp;#${c.codePointAt(0)};`).join('');
		assert.equal(decodeCharacterReferences('&#80;&#x54;&#X30&amp;&lt;&unknown;&#0;'), 'PT0&<&unknown;&#0;');
		for (const written of [decimal, hex, upperHex, doubled]) {
			const page = `<html><body><p>Invalid token ${written} for this Space</p></body></html>`;
			const shown = maskAndShorten(page, [TOKEN], 10_000);
			assert.ok(!decodeCharacterReferences(shown).includes(TOKEN), shown.slice(0, 120));
			assert.match(shown, /Invalid token \*\*\* for this Space/);
			const snippet = snippetOf(page, [TOKEN]);
			assert.equal(snippet, 'Invalid token *** for this Space');
		}
		// Named references around it: decoded, then masked.
		assert.equal(maskAndShorten(`&lt;b&gt;${TOKEN.toLowerCase()}&lt;/b&gt;`, [TOKEN], 1000), '<b>***</b>');
		// Text without the token keeps its references as written.
		assert.equal(maskAndShorten('a &amp; b &#80;', [TOKEN], 1000), 'a &amp; b &#80;');
	});

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

		it('always gives the whole Basic credential value, even for a very short token', () => {
			assert.deepEqual(credentialForms('', ''), []);
			for (const token of ['', 'a', 'abc', 'http']) {
				const forms = credentialForms(PROJECT, token);
				const basic = basicCredentials(PROJECT, token);
				assert.ok(forms.includes(basic), `the Basic value of ${JSON.stringify(token)} is missing`);
				assert.ok(!forms.includes(token) || token === '', 'a short token is not masked on its own');
				const text = `Authorization: Basic ${basic} sent`;
				assert.equal(maskSecrets(text, forms), 'Authorization: Basic *** sent');
			}
		});

		it('does not mask a short token on its own, so unrelated text is not mangled', () => {
			for (const token of ['http', '1555', 'PT1234']) {
				const text = 'https://example.signalwire.com from +15551234567';
				assert.equal(maskSecrets(text, credentialForms(PROJECT, token)), text);
			}
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

	describe('maskSecrets: other encodings of the token', () => {
		// Every character of a token may be percent-encoded, in either case of hex (a proxy that
		// re-encodes, or `URLSearchParams`, which also encodes ! ' ( ) ~ where encodeURIComponent does not).
		const token = "PT!a'b(c)d~e*f 9f3c/x=y:z";
		const forms = credentialForms(PROJECT, token);

		it('masks the URLSearchParams form (%21 %27 %28 %29 %7E, + for a space)', () => {
			const query = new URLSearchParams({ token }).toString();
			assert.notEqual(query, `token=${encodeURIComponent(token)}`, 'the test needs a token the two encoders write differently');
			assert.equal(maskSecrets(`GET /x?${query}&a=1`, forms), 'GET /x?token=***&a=1');
		});

		it('masks lower-case percent-encoding', () => {
			const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
			assert.notEqual(lower, encodeURIComponent(token));
			assert.equal(maskSecrets(`q=${lower}.`, forms), 'q=***.');
		});

		it('masks a token with every character percent-encoded, and the Basic value percent-encoded', () => {
			const hex = 'PTd49fa6a026b8e174d0698e478f865113bd0048c7bc93960c';
			const all = [...new TextEncoder().encode(hex)].map((b) => `%${b.toString(16)}`).join('');
			const basic = encodeURIComponent(basicCredentials(PROJECT, hex));
			assert.equal(maskSecrets(`a=${all} b=${basic}`, credentialForms(PROJECT, hex)), 'a=*** b=***');
		});

		it('masks the value of any Basic credential in the text, even one it was not told about', () => {
			const other = basicCredentials('0f6f1a52-5d0b-4b63-8c4c-3f3e2c1d0a99', 'PTsomething-else-entirely');
			assert.equal(maskSecrets(`Authorization: Basic ${other}`, []), 'Authorization: Basic ***');
			assert.equal(maskSecrets('Basic Authentication is required.', []), 'Basic Authentication is required.');
			assert.equal(maskSecrets('Basic information_about_everything', []), 'Basic information_about_everything');
		});
	});

	describe('maskAndShorten', () => {
		it('masks first, then cuts: a token across the cut leaves no part of itself', () => {
			const token = 'PTd49fa6a026b8e174d0698e478f865113bd0048c7bc93960c';
			const text = `${'x'.repeat(170)}${token} and more`;
			const kept = maskAndShorten(text, credentialForms(PROJECT, token), 200);
			assert.ok(!kept.includes(token.slice(0, 8)), `part of the token survived: ${kept}`);
			assert.equal(kept, `${'x'.repeat(170)}*** and more`);
			const cut = maskAndShorten(`${'y'.repeat(190)}${token}`, credentialForms(PROJECT, token), 192);
			assert.equal(cut, `${'y'.repeat(190)}*…`);
		});

		it('shorten counts code points and marks the cut', () => {
			assert.equal(shorten('abc', 3), 'abc');
			assert.equal(shorten('abcd', 3), 'ab…');
			assert.equal(shorten('😀😀😀😀', 3), '😀😀…');
			assert.equal(shorten('abcd', 0), '');
		});
	});
});
