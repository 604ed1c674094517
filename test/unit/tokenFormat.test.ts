import * as assert from 'node:assert/strict';
import { checkTokenFormat } from '../../src/credentials/tokenFormat';

/** The tokens it refuses are in the bad-input table (test/fixtures/badInputs.ts, test/unit/bad-input.test.ts). */
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
});
