import * as assert from 'node:assert/strict';
import { SUPPORTED_COUNTRIES, findCountry, normalizePhoneNumber } from '../../src/core/phone';
import { E164_PATTERN } from '../../src/core/validation';

function e164(input: string, country: string): string {
	const result = normalizePhoneNumber(input, country);
	if (!result.ok) {
		assert.fail(`${JSON.stringify(input)} (${country}) rejected: ${result.message}`);
	}
	return result.e164;
}

function rejected(input: string, country: string): string {
	const result = normalizePhoneNumber(input, country);
	if (result.ok) {
		assert.fail(`${JSON.stringify(input)} (${country}) accepted as ${result.e164}`);
	}
	return result.message;
}

describe('normalizePhoneNumber', () => {
	describe('accepts the common ways of writing a number', () => {
		const cases: Array<[string, string, string]> = [
			['(555) 010-0199', 'US', '+15550100199'],
			['555-010-0199', 'US', '+15550100199'],
			['555.010.0199', 'US', '+15550100199'],
			['5550100199', 'US', '+15550100199'],
			['1 (555) 010-0199', 'US', '+15550100199'],
			['1-555-010-0199', 'US', '+15550100199'],
			['+1 (555) 010-0199', 'US', '+15550100199'],
			['  +15550100199  ', 'US', '+15550100199'],
			['(613) 555-0123', 'CA', '+16135550123'],
			['011 44 20 7946 0958', 'US', '+442079460958'],
			['0044 20 7946 0958', 'US', '+442079460958'],
			['020 7946 0958', 'GB', '+442079460958'],
			['07700 900123', 'GB', '+447700900123'],
			['+44 (0)20 7946 0958', 'GB', '+442079460958'],
			['+44 (0) 20 7946 0958', 'US', '+442079460958'],
			['0049 (0)30 123456789', 'US', '+4930123456789'],
			['030 123456789', 'DE', '+4930123456789'],
			['01 23 45 67 89', 'FR', '+33123456789'],
			['06 12 34 56 78', 'FR', '+33612345678'],
			['06 1234 5678', 'IT', '+390612345678'],
			['612 345 678', 'ES', '+34612345678'],
			['0412 345 678', 'AU', '+61412345678'],
			['0011 1 555 010 0199', 'AU', '+15550100199'],
			['03-1234-5678', 'JP', '+81312345678'],
			['010 1 555 010 0199', 'JP', '+15550100199'],
			['022 1234 567', 'IE', '+353221234567'],
			['612 345 678', 'PL', '+48612345678'],
			['9123 4567', 'SG', '+6591234567'],
			['55 1234 5678', 'MX', '+525512345678'],
			['\u00A0+49\u00A030\u2011123456789', 'DE', '+4930123456789'],
			['(555) 010-0199', 'us', '+15550100199'],
			['+442079460958', 'XX', '+442079460958'],
		];
		for (const [input, country, expected] of cases) {
			it(`${JSON.stringify(input)} in ${country} → ${expected}`, () => {
				assert.equal(e164(input, country), expected);
			});
		}
	});

	describe('rejects with a plain message', () => {
		it('empty input', () => {
			assert.match(rejected('', 'US'), /Enter a phone number/);
			assert.match(rejected('   ', 'US'), /Enter a phone number/);
		});

		it('letters', () => {
			assert.match(rejected('1-800-FLOWERS', 'US'), /letters/);
			assert.match(rejected('555 0100 ext 12', 'US'), /letters/);
		});

		it('other symbols and a + in the middle', () => {
			assert.match(rejected('555#0100', 'US'), /not a phone number/);
			assert.match(rejected('1+5550100199', 'US'), /not a phone number/);
			assert.match(rejected('+', 'US'), /not a phone number/);
		});

		it('NANP numbers with the wrong digit count', () => {
			assert.match(rejected('555 0100', 'US'), /has 7 digits.*10 digits/);
			assert.match(rejected('555 010 01999', 'US'), /has 11 digits/);
			assert.match(rejected('2 555 010 0199', 'US'), /has 11 digits/);
			assert.match(rejected('+1 555 010 019', 'US'), /10 digits after \+1/);
		});

		it('NANP area codes starting with 0 or 1', () => {
			assert.match(rejected('(055) 010-0199', 'US'), /area codes/);
			assert.match(rejected('+1 155 010 0199', 'US'), /area codes/);
		});

		it('too short or too long', () => {
			assert.match(rejected('+1234567', 'US'), /too short/);
			assert.match(rejected('0123', 'GB'), /too short/);
			assert.match(rejected('+1234567890123456', 'GB'), /too long/);
			assert.match(rejected('00 1234567890123456', 'GB'), /too long/);
		});

		it('a country code starting with 0', () => {
			assert.match(rejected('+0 555 010 0199', 'US'), /country code/);
			assert.match(rejected('000 555 010 0199', 'GB'), /country code/);
		});

		it('a national number with an unknown default country', () => {
			assert.match(rejected('020 7946 0958', 'XX'), /Unknown default country "XX"/);
		});
	});
});

describe('SUPPORTED_COUNTRIES', () => {
	it('has unique ISO codes, digit calling codes, and is sorted by name', () => {
		const codes = SUPPORTED_COUNTRIES.map((c) => c.code);
		assert.equal(new Set(codes).size, codes.length);
		for (const c of SUPPORTED_COUNTRIES) {
			assert.match(c.code, /^[A-Z]{2}$/);
			assert.match(c.callingCode, /^[1-9]\d{0,2}$/);
			assert.ok(c.name.length > 2);
		}
		const names = SUPPORTED_COUNTRIES.map((c) => c.name);
		assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
	});

	it('includes the common countries of the table with their calling codes', () => {
		const expected: Record<string, string> = {
			US: '1', CA: '1', GB: '44', IE: '353', DE: '49', FR: '33', ES: '34', IT: '39', NL: '31', BE: '32', CH: '41', AT: '43', SE: '46',
			NO: '47', DK: '45', FI: '358', PL: '48', PT: '351', AU: '61', NZ: '64', IN: '91', JP: '81', BR: '55', MX: '52', ZA: '27', SG: '65',
		};
		for (const [code, callingCode] of Object.entries(expected)) {
			assert.equal(findCountry(code)?.callingCode, callingCode, code);
		}
	});

	it('every country normalises a plausible national number to valid E.164', () => {
		for (const c of SUPPORTED_COUNTRIES) {
			const national = c.callingCode === '1' ? '2025550123' : `${c.trunkPrefix}612345678`;
			const result = normalizePhoneNumber(national, c.code);
			assert.ok(result.ok && E164_PATTERN.test(result.e164), `${c.code}: ${JSON.stringify(result)}`);
		}
	});
});
