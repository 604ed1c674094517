import * as assert from 'node:assert/strict';
import {
	checkApplicationSid,
	checkBody,
	checkFrom,
	checkMaxPrice,
	checkMediaUrls,
	checkMessagingServiceSid,
	checkSender,
	checkStatusCallback,
	checkTo,
	checkValidityPeriod,
	problemsByField,
	validateField,
	validateMessage,
	type FieldProblem,
	type ValidationRule,
} from '../../src/core/validation';
import { BAD_INPUTS } from '../fixtures/badInputs';
import type { CreateMessageParams } from '../../src/core/types';
import type { MessageDraft, MessageField } from '../../src/core/draft';

const TO = '+15557654321';
const FROM = '+15551234567';
const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
/** A valid draft; cases override one field. */
const BASE: MessageDraft = { to: TO, from: FROM, body: 'Hello' };

function problemsOf(draft: MessageDraft): FieldProblem[] {
	return validateMessage(draft).problems;
}

function paramsOf(draft: MessageDraft): CreateMessageParams {
	const result = validateMessage(draft);
	if (!result.ok) {
		assert.fail(`expected valid, got: ${result.problems.map((p) => p.message).join(' | ')}`);
	}
	return result.params;
}

function assertValid(draft: MessageDraft): void {
	paramsOf(draft);
}

function assertOnlyProblem(draft: MessageDraft, field: MessageField, rule: ValidationRule): FieldProblem {
	const problems = problemsOf(draft);
	assert.deepEqual(
		problems.map((p) => `${p.field}:${p.rule}`),
		[`${field}:${rule}`],
		`problems: ${problems.map((p) => p.message).join(' | ')}`,
	);
	return problems[0]!;
}

function urls(n: number): string[] {
	return Array.from({ length: n }, (_, i) => `https://example.com/${i + 1}.jpg`);
}

describe('validateMessage', () => {
	describe('rejects bad input', () => {
		const cases: Array<[string, MessageDraft, MessageField, ValidationRule]> = [
			// To
			['To missing', { ...BASE, to: undefined }, 'to', 'to.required'],
			['To empty', { ...BASE, to: '' }, 'to', 'to.required'],
			['To only spaces', { ...BASE, to: '   ' }, 'to', 'to.required'],
			['To 7 digits (+1234567)', { ...BASE, to: '+1234567' }, 'to', 'to.e164'],
			['To 16 digits', { ...BASE, to: '+1234567890123456' }, 'to', 'to.e164'],
			['To without +', { ...BASE, to: '15557654321' }, 'to', 'to.e164'],
			['To country code 0', { ...BASE, to: '+05557654321' }, 'to', 'to.e164'],
			['To with letters', { ...BASE, to: '+1555CALLNOW' }, 'to', 'to.e164'],
			['To with inner spaces', { ...BASE, to: '+1 555 765 4321' }, 'to', 'to.e164'],
			['To with dashes', { ...BASE, to: '+1-555-765-4321' }, 'to', 'to.e164'],
			['To with brackets', { ...BASE, to: '+1(555)7654321' }, 'to', 'to.e164'],
			['To double +', { ...BASE, to: '++15557654321' }, 'to', 'to.e164'],
			['To only +', { ...BASE, to: '+' }, 'to', 'to.e164'],
			// From / MessagingServiceSid
			['no From and no group', { ...BASE, from: undefined }, 'from', 'from.required'],
			['From and group empty', { ...BASE, from: ' ', messagingServiceSid: '' }, 'from', 'from.required'],
			['From 7 digits', { ...BASE, from: '+1234567' }, 'from', 'from.e164'],
			['From 16 digits', { ...BASE, from: '+1234567890123456' }, 'from', 'from.e164'],
			['From alphanumeric sender id', { ...BASE, from: 'ACME' }, 'from', 'from.e164'],
			['From short code', { ...BASE, from: '12345' }, 'from', 'from.e164'],
			['From +0', { ...BASE, from: '+0123456789' }, 'from', 'from.e164'],
			['group not a UUID', { ...BASE, from: undefined, messagingServiceSid: 'MG123' }, 'messagingServiceSid', 'messagingServiceSid.uuid'],
			['group UUID without dashes', { ...BASE, messagingServiceSid: UUID.replace(/-/g, '') }, 'messagingServiceSid', 'messagingServiceSid.uuid'],
			['group UUID with non-hex (doc sample)', { ...BASE, messagingServiceSid: 'b3877c40-da60-4998-90ad-b792e98472ms' }, 'messagingServiceSid', 'messagingServiceSid.uuid'],
			['group UUID in braces', { ...BASE, messagingServiceSid: `{${UUID}}` }, 'messagingServiceSid', 'messagingServiceSid.uuid'],
			// Body
			['no Body and no media', { ...BASE, body: undefined }, 'body', 'body.required'],
			['Body only whitespace, no media', { ...BASE, body: ' \n\t ' }, 'body', 'body.required'],
			['Body only empty media rows', { ...BASE, body: '', mediaUrls: ['', '  '] }, 'body', 'body.required'],
			['Body 1601 characters', { ...BASE, body: 'a'.repeat(1601) }, 'body', 'body.maxLength'],
			['Body 1601 emoji', { ...BASE, body: '😀'.repeat(1601) }, 'body', 'body.maxLength'],
			// MediaUrl
			['9 media URLs', { ...BASE, mediaUrls: urls(9) }, 'mediaUrls', 'mediaUrls.max'],
			['javascript: URL', { ...BASE, mediaUrls: ['javascript:alert(1)'] }, 'mediaUrls', 'mediaUrls.scheme'],
			['file: URL', { ...BASE, mediaUrls: ['file:///etc/passwd'] }, 'mediaUrls', 'mediaUrls.scheme'],
			['data: URL', { ...BASE, mediaUrls: ['data:image/png;base64,iVBORw0KGgo='] }, 'mediaUrls', 'mediaUrls.scheme'],
			['ftp: URL', { ...BASE, mediaUrls: ['ftp://example.com/a.jpg'] }, 'mediaUrls', 'mediaUrls.scheme'],
			['relative URL', { ...BASE, mediaUrls: ['images/cat.jpg'] }, 'mediaUrls', 'mediaUrls.absolute'],
			['root-relative URL', { ...BASE, mediaUrls: ['/cat.jpg'] }, 'mediaUrls', 'mediaUrls.absolute'],
			['protocol-relative URL', { ...BASE, mediaUrls: ['//example.com/cat.jpg'] }, 'mediaUrls', 'mediaUrls.absolute'],
			['http URL without host', { ...BASE, mediaUrls: ['https://'] }, 'mediaUrls', 'mediaUrls.host'],
			['http URL without slashes', { ...BASE, mediaUrls: ['http:example.com/a.jpg'] }, 'mediaUrls', 'mediaUrls.host'],
			['http URL with only a port', { ...BASE, mediaUrls: ['http://:8080/a.jpg'] }, 'mediaUrls', 'mediaUrls.host'],
			['URL with a space', { ...BASE, mediaUrls: ['https://example.com/my cat.jpg'] }, 'mediaUrls', 'mediaUrls.invalid'],
			['URL with a bad IPv6 host', { ...BASE, mediaUrls: ['http://[::1/a.jpg'] }, 'mediaUrls', 'mediaUrls.invalid'],
			// StatusCallback
			['StatusCallback relative', { ...BASE, statusCallback: 'callback' }, 'statusCallback', 'statusCallback.absolute'],
			['StatusCallback ftp', { ...BASE, statusCallback: 'ftp://example.com/cb' }, 'statusCallback', 'statusCallback.scheme'],
			['StatusCallback javascript', { ...BASE, statusCallback: 'javascript:void(0)' }, 'statusCallback', 'statusCallback.scheme'],
			['StatusCallback no host', { ...BASE, statusCallback: 'https:///cb' }, 'statusCallback', 'statusCallback.host'],
			// ValidityPeriod
			['ValidityPeriod 0', { ...BASE, validityPeriod: 0 }, 'validityPeriod', 'validityPeriod.range'],
			['ValidityPeriod 172801', { ...BASE, validityPeriod: 172801 }, 'validityPeriod', 'validityPeriod.range'],
			['ValidityPeriod "0"', { ...BASE, validityPeriod: '0' }, 'validityPeriod', 'validityPeriod.range'],
			['ValidityPeriod "172801"', { ...BASE, validityPeriod: '172801' }, 'validityPeriod', 'validityPeriod.range'],
			['ValidityPeriod -5', { ...BASE, validityPeriod: -5 }, 'validityPeriod', 'validityPeriod.range'],
			['ValidityPeriod 1.5', { ...BASE, validityPeriod: 1.5 }, 'validityPeriod', 'validityPeriod.integer'],
			['ValidityPeriod "1.5"', { ...BASE, validityPeriod: '1.5' }, 'validityPeriod', 'validityPeriod.integer'],
			['ValidityPeriod "abc"', { ...BASE, validityPeriod: 'abc' }, 'validityPeriod', 'validityPeriod.integer'],
			['ValidityPeriod "1e3"', { ...BASE, validityPeriod: '1e3' }, 'validityPeriod', 'validityPeriod.integer'],
			['ValidityPeriod NaN', { ...BASE, validityPeriod: Number.NaN }, 'validityPeriod', 'validityPeriod.integer'],
			['ValidityPeriod Infinity', { ...BASE, validityPeriod: Number.POSITIVE_INFINITY }, 'validityPeriod', 'validityPeriod.integer'],
			// MaxPrice
			['MaxPrice "1.23456"', { ...BASE, maxPrice: '1.23456' }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice 1.23456', { ...BASE, maxPrice: 1.23456 }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice "-1"', { ...BASE, maxPrice: '-1' }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice -1', { ...BASE, maxPrice: -1 }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice "abc"', { ...BASE, maxPrice: 'abc' }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice ".5"', { ...BASE, maxPrice: '.5' }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice "$0.05"', { ...BASE, maxPrice: '$0.05' }, 'maxPrice', 'maxPrice.format'],
			['MaxPrice "0,05"', { ...BASE, maxPrice: '0,05' }, 'maxPrice', 'maxPrice.format'],
			// ApplicationSid
			['ApplicationSid not a UUID', { ...BASE, applicationSid: 'AP123' }, 'applicationSid', 'applicationSid.uuid'],
			['ApplicationSid one digit short', { ...BASE, applicationSid: UUID.slice(0, -1) }, 'applicationSid', 'applicationSid.uuid'],
			['ApplicationSid one digit long', { ...BASE, applicationSid: `${UUID}0` }, 'applicationSid', 'applicationSid.uuid'],
		];

		it('has at least 40 distinct cases', () => {
			assert.ok(cases.length >= 40, `${cases.length} cases`);
			assert.equal(new Set(cases.map(([name]) => name)).size, cases.length);
		});

		for (const [name, draft, field, rule] of cases) {
			it(`${name} → ${rule}`, () => {
				const result = validateMessage(draft);
				assert.equal(result.ok, false);
				const p = assertOnlyProblem(draft, field, rule);
				assert.ok(p.message.length > 20, p.message);
			});
		}
	});

	describe('accepts both sides of each bound', () => {
		it('To/From: 8 and 15 digits', () => {
			assertValid({ ...BASE, to: '+12345678' });
			assertValid({ ...BASE, to: '+123456789012345' });
			assertValid({ ...BASE, from: '+12345678' });
			assertValid({ ...BASE, from: '+123456789012345' });
		});

		it('Body: 1600 characters, 1600 emoji (code points, not UTF-16 units)', () => {
			assertValid({ ...BASE, body: 'a'.repeat(1600) });
			assertValid({ ...BASE, body: '😀'.repeat(1600) });
			const p = assertOnlyProblem({ ...BASE, body: `${'a'.repeat(1599)}😀😀` }, 'body', 'body.maxLength');
			assert.equal(p.message, 'Body is 1,601 characters; the limit is 1,600.');
		});

		it('MediaUrl: 8 URLs; empty rows do not count', () => {
			assertValid({ ...BASE, mediaUrls: urls(8) });
			assert.deepEqual(paramsOf({ ...BASE, mediaUrls: [...urls(8), '', '  '] }).mediaUrls, urls(8));
		});

		it('MediaUrl: http, https, any case, ports, query, IP and localhost', () => {
			assertValid({
				...BASE,
				mediaUrls: ['http://example.com/a.jpg', 'HTTPS://EXAMPLE.COM/A.JPG', 'https://example.com:8443/a.png?x=1#y', 'http://127.0.0.1:8080/a.gif', 'http://localhost/a.jpg', 'https://user:pw@example.com/a.jpg'],
			});
		});

		it('ValidityPeriod: 1 and 172800, as number or numeric string; empty is unset', () => {
			assert.equal(paramsOf({ ...BASE, validityPeriod: 1 }).validityPeriod, 1);
			assert.equal(paramsOf({ ...BASE, validityPeriod: 172800 }).validityPeriod, 172800);
			assert.equal(paramsOf({ ...BASE, validityPeriod: '1' }).validityPeriod, 1);
			assert.equal(paramsOf({ ...BASE, validityPeriod: ' 172800 ' }).validityPeriod, 172800);
			assert.equal(paramsOf({ ...BASE, validityPeriod: '600' }).validityPeriod, 600);
			assert.equal('validityPeriod' in paramsOf({ ...BASE, validityPeriod: '' }), false);
			assert.equal('validityPeriod' in paramsOf({ ...BASE, validityPeriod: '  ' }), false);
		});

		it('MaxPrice: the spec pattern, as string or number; empty is unset', () => {
			assert.equal(paramsOf({ ...BASE, maxPrice: '0.0075' }).maxPrice, '0.0075');
			assert.equal(paramsOf({ ...BASE, maxPrice: '1.2345' }).maxPrice, '1.2345');
			assert.equal(paramsOf({ ...BASE, maxPrice: '1.' }).maxPrice, '1.', "the spec's pattern ^\\d+\\.?\\d{0,4}$ allows '1.'");
			assert.equal(paramsOf({ ...BASE, maxPrice: '0' }).maxPrice, '0');
			assert.equal(paramsOf({ ...BASE, maxPrice: 0.05 }).maxPrice, '0.05');
			assert.equal(paramsOf({ ...BASE, maxPrice: 2 }).maxPrice, '2');
			assert.equal('maxPrice' in paramsOf({ ...BASE, maxPrice: '' }), false);
		});

		it('UUIDs in any case', () => {
			const params = paramsOf({ ...BASE, messagingServiceSid: UUID.toUpperCase(), applicationSid: UUID });
			assert.equal(params.messagingServiceSid, UUID.toUpperCase());
			assert.equal(params.applicationSid, UUID);
		});

		it('a number group instead of From, and both together', () => {
			assert.deepEqual(paramsOf({ to: TO, messagingServiceSid: UUID, body: 'x' }), { to: TO, messagingServiceSid: UUID, body: 'x' });
			assertValid({ ...BASE, messagingServiceSid: UUID });
		});

		it('media without Body', () => {
			assert.deepEqual(paramsOf({ to: TO, from: FROM, mediaUrls: ['https://example.com/a.jpg'] }), {
				to: TO,
				from: FROM,
				mediaUrls: ['https://example.com/a.jpg'],
			});
		});
	});

	describe('messages', () => {
		it('name the API field and the rule', () => {
			assert.equal(
				assertOnlyProblem({ ...BASE, to: '+1234567' }, 'to', 'to.e164').message,
				'To must be a phone number in E.164 format: + followed by 8 to 15 digits, e.g. +15551234567 (got 7 digits).',
			);
			assert.match(assertOnlyProblem({ ...BASE, from: '555 123' }, 'from', 'from.e164').message, /^From must be .*E\.164.*remove spaces/);
			assert.match(assertOnlyProblem({ ...BASE, to: '15557654321' }, 'to', 'to.e164').message, /start with \+/);
			assert.match(assertOnlyProblem({ ...BASE, to: 'abc' }, 'to', 'to.e164').message, /letters/);
			assert.match(assertOnlyProblem({ ...BASE, validityPeriod: 0 }, 'validityPeriod', 'validityPeriod.range').message, /^ValidityPeriod must be from 1 to 172,800 .*got 0/);
			assert.match(assertOnlyProblem({ ...BASE, maxPrice: '-1' }, 'maxPrice', 'maxPrice.format').message, /^MaxPrice .*4 decimal places.*"-1"/);
			assert.match(assertOnlyProblem({ ...BASE, applicationSid: 'x' }, 'applicationSid', 'applicationSid.uuid').message, /^ApplicationSid must be .*UUID/);
			assert.match(assertOnlyProblem({ ...BASE, mediaUrls: urls(9) }, 'mediaUrls', 'mediaUrls.max').message, /9 media URLs.*at most 8/);
		});

		it('number MediaUrl rows as the user sees them and carry the row index', () => {
			const problems = problemsOf({ ...BASE, mediaUrls: ['https://example.com/a.jpg', '', 'javascript:alert(1)'] });
			assert.equal(problems.length, 1);
			assert.equal(problems[0]!.message, 'MediaUrl 3 must start with http:// or https:// (got javascript:).');
			assert.equal(problems[0]!.index, 2);
		});

		it('shorten long values', () => {
			const p = assertOnlyProblem({ ...BASE, maxPrice: 'x'.repeat(500) }, 'maxPrice', 'maxPrice.format');
			assert.ok(p.message.length < 200, p.message);
		});
	});

	it('returns every problem at once, in field order, several per field', () => {
		const problems = problemsOf({
			to: '555',
			from: '',
			body: 'a'.repeat(1700),
			mediaUrls: ['javascript:x', 'file:///a', ...urls(8)],
			statusCallback: 'nope',
			validityPeriod: '1.5',
			maxPrice: '1.23456',
			applicationSid: 'bad',
		});
		assert.deepEqual(
			problems.map((p) => p.rule),
			[
				'to.e164',
				'from.required',
				'body.maxLength',
				'mediaUrls.scheme',
				'mediaUrls.scheme',
				'mediaUrls.max',
				'statusCallback.absolute',
				'validityPeriod.integer',
				'maxPrice.format',
				'applicationSid.uuid',
			],
		);
		const byField = problemsByField(problems);
		assert.equal(byField.mediaUrls?.length, 3);
		assert.equal(byField.to?.length, 1);
		assert.equal(byField.sendAsMms, undefined);
		assert.deepEqual(Object.keys(byField), ['to', 'from', 'body', 'mediaUrls', 'statusCallback', 'validityPeriod', 'maxPrice', 'applicationSid']);
	});

	it('reports To missing and From missing together on an empty draft', () => {
		assert.deepEqual(
			problemsOf({}).map((p) => p.rule),
			['to.required', 'from.required', 'body.required'],
		);
	});

	it('builds params with only the set fields, trimmed and typed', () => {
		const result = validateMessage({
			to: `  ${TO} `,
			from: `${FROM}\t`,
			messagingServiceSid: '  ',
			body: '  Hello\n',
			mediaUrls: [' https://example.com/a.jpg ', '', '   ', 'https://example.com/b.png'],
			sendAsMms: false,
			statusCallback: ' https://example.com/cb ',
			validityPeriod: ' 600 ',
			maxPrice: 0.0075,
			applicationSid: ` ${UUID} `,
		});
		assert.equal(result.ok, true);
		assert.deepEqual(result.problems, []);
		assert.deepEqual(result.ok && result.params, {
			to: TO,
			from: FROM,
			body: '  Hello\n',
			mediaUrls: ['https://example.com/a.jpg', 'https://example.com/b.png'],
			sendAsMms: false,
			statusCallback: 'https://example.com/cb',
			validityPeriod: 600,
			maxPrice: '0.0075',
			applicationSid: UUID,
		});
	});

	it('leaves unset fields out of params entirely', () => {
		assert.deepEqual(Object.keys(paramsOf(BASE)).sort(), ['body', 'from', 'to']);
		assert.deepEqual(Object.keys(paramsOf({ ...BASE, mediaUrls: ['', ' '] })).sort(), ['body', 'from', 'to']);
	});

	it('tolerates wrong types from an untrusted webview', () => {
		const draft = { to: 15557654321, from: null, body: 42, mediaUrls: 'https://example.com/a.jpg' } as unknown as MessageDraft;
		assert.deepEqual(
			problemsOf(draft).map((p) => p.rule),
			['to.e164', 'from.required', 'body.required'],
		);
	});
});

describe('validateField', () => {
	it('returns only that field’s problems', () => {
		const draft: MessageDraft = { to: 'x', from: '', body: '', mediaUrls: ['ftp://a'], validityPeriod: 0 };
		assert.deepEqual(validateField(draft, 'to').map((p) => p.rule), ['to.e164']);
		assert.deepEqual(validateField(draft, 'mediaUrls').map((p) => p.rule), ['mediaUrls.scheme']);
		assert.deepEqual(validateField(draft, 'validityPeriod').map((p) => p.rule), ['validityPeriod.range']);
		assert.deepEqual(validateField(draft, 'maxPrice'), []);
		assert.deepEqual(validateField(BASE, 'to'), []);
	});

	it('applies cross-field rules to the field that shows them', () => {
		assert.deepEqual(validateField({ to: TO }, 'from').map((p) => p.rule), ['from.required']);
		assert.deepEqual(validateField({ to: TO, messagingServiceSid: UUID }, 'from'), []);
		assert.deepEqual(validateField({ to: TO, from: FROM }, 'body').map((p) => p.rule), ['body.required']);
		assert.deepEqual(validateField({ to: TO, from: FROM, mediaUrls: ['https://example.com/a.jpg'] }, 'body'), []);
	});
});

describe('per-field checks (what a prompt step asks, without the rest of a message)', () => {
	const rules = (problems: readonly FieldProblem[]) => problems.map((p) => p.rule);

	it('check one value each, with no other field', () => {
		assert.deepEqual(rules(checkTo('').problems), ['to.required']);
		assert.deepEqual(rules(checkTo('+1555').problems), ['to.e164']);
		assert.equal(checkTo(' +15557654321 ').value, TO);
		assert.deepEqual(checkFrom(''), { value: undefined, problems: [] });
		assert.deepEqual(rules(checkFrom('12345').problems), ['from.e164']);
		assert.deepEqual(rules(checkMessagingServiceSid('nope').problems), ['messagingServiceSid.uuid']);
		assert.equal(checkMessagingServiceSid(UUID).value, UUID);
		assert.deepEqual(rules(checkStatusCallback('ftp://x').problems), ['statusCallback.scheme']);
		assert.deepEqual(rules(checkValidityPeriod('1.5').problems), ['validityPeriod.integer']);
		assert.equal(checkValidityPeriod('600').value, 600);
		assert.deepEqual(rules(checkMaxPrice('$1').problems), ['maxPrice.format']);
		assert.deepEqual(rules(checkApplicationSid('x').problems), ['applicationSid.uuid']);
	});

	it('Body: the media side of the cross-field rule is an explicit flag, not a fake URL', () => {
		assert.deepEqual(checkBody('', { required: false }), { value: undefined, problems: [] });
		assert.deepEqual(rules(checkBody('  ', { required: true }).problems), ['body.required']);
		assert.deepEqual(rules(checkBody('x'.repeat(1601), { required: false }).problems), ['body.maxLength']);
		assert.equal(checkBody(' hi\n', { required: true }).value, ' hi\n', 'sent as typed');
	});

	it('MediaUrl: rows alone, numbered as the user sees them, no Body needed', () => {
		const check = checkMediaUrls(['https://example.com/a.jpg', '', 'file:///etc/passwd']);
		assert.deepEqual(rules(check.problems), ['mediaUrls.scheme']);
		assert.equal(check.problems[0]?.index, 2);
		assert.match(check.problems[0]?.message ?? '', /^MediaUrl 3 /);
		assert.equal(check.count, 2);
		assert.deepEqual(checkMediaUrls([]).problems, []);
		assert.deepEqual(rules(checkMediaUrls(urls(9)).problems), ['mediaUrls.max']);
	});

	it('the sender rule: From or a number group', () => {
		assert.deepEqual(rules(checkSender('', ' ')), ['from.required']);
		assert.deepEqual(checkSender('', UUID), []);
		assert.deepEqual(checkSender(FROM, undefined), []);
	});

	it('validateMessage is exactly the per-field checks put together (every bad-input row)', () => {
		for (const row of BAD_INPUTS.filter((r) => !r.argumentOnly)) {
			const d = row.argument as MessageDraft;
			const media = checkMediaUrls(d.mediaUrls);
			const together = [
				...checkTo(d.to).problems,
				...checkSender(d.from, d.messagingServiceSid),
				...checkFrom(d.from).problems,
				...checkMessagingServiceSid(d.messagingServiceSid).problems,
				...checkBody(d.body, { required: media.count === 0 }).problems,
				...media.problems,
				...checkStatusCallback(d.statusCallback).problems,
				...checkValidityPeriod(d.validityPeriod).problems,
				...checkMaxPrice(d.maxPrice).problems,
				...checkApplicationSid(d.applicationSid).problems,
			];
			assert.deepEqual(
				[...problemsOf(d)].map((p) => `${p.field}:${p.rule}:${p.message}`).sort(),
				together.map((p) => `${p.field}:${p.rule}:${p.message}`).sort(),
				row.name,
			);
		}
	});
});
