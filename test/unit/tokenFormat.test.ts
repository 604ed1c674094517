import * as assert from 'node:assert/strict';
import { checkTokenFormat } from '../../src/credentials/tokenFormat';

describe('checkTokenFormat (sign-in)', () => {
	const issued = [
		'PT037258e533e87ac63174ee136ed0798dc85d4f4f9e6d7191',
		'PT9E5660C101CD140A1C93A0197640A369CF5F16975A0079C9',
		`PT${'a1'.repeat(16)}`,
		'  PT037258e533e87ac63174ee136ed0798dc85d4f4f9e6d7191  ',
	];
	for (const token of issued) {
		it(`accepts the issued form ${JSON.stringify(token.trim().slice(0, 10))}… without a warning`, () => {
			assert.deepEqual(checkTokenFormat(token), { ok: true });
		});
	}

	it('accepts, with a warning, the 50 letters and digits of the Authorization page example', () => {
		const check = checkTokenFormat('4tjCGnmAeQ0hwFmFDhwfgww880X2lsnuR60VMyasGR3hFpSyvu');
		assert.equal(check.ok, true);
		assert.match(check.ok ? (check.warning ?? '') : '', /does not have the usual form \(PT followed by hexadecimal digits\)/);
	});

	const refused: Array<[string, string, RegExp]> = [
		['empty', '', /required/],
		['spaces only', '   ', /required/],
		['a space inside', 'PT12 34', /must not contain spaces/],
		['4 characters that are a scheme', 'http', /too short \(4 characters\)/],
		['4 digits', '1555', /too short \(4 characters\)/],
		['31 letters and digits', 'a'.repeat(31), /too short \(31 characters\)/],
		['129 letters and digits', 'a'.repeat(129), /too long \(129 characters\)/],
		['PT and too few hex digits', 'PT1555', /6 characters long/],
		['PT and too many hex digits', `PT${'0'.repeat(65)}`, /67 characters long/],
		['PT and a non-hex letter', `PT${'0'.repeat(47)}x`, /not followed by hexadecimal digits only/],
		['PT and a word', 'PTwrong', /not followed by hexadecimal digits only/],
		['a Project ID', '7b981d06-fa9e-4b2c-9d3e-0123456789ab', /looks like a Project ID/],
		['punctuation', 'abcdefghij-klmnopqrst_uvwxyz0123456789', /only letters and digits/],
		['base64 of Basic credentials', 'NWI1YTZlMWQtMGMzZi00ZDdlLTlhMjEtNWE0ZGIwYzVlMDAxOlBUYWJj==', /only letters and digits/],
	];
	for (const [name, token, words] of refused) {
		it(`refuses ${name}, naming the rule and never repeating the token`, () => {
			const check = checkTokenFormat(token);
			assert.equal(check.ok, false);
			const message = check.ok ? '' : check.message;
			assert.match(message, words);
			if (token.trim().length >= 4) {
				assert.ok(!message.includes(token.trim()), message);
			}
		});
	}
});
