import * as assert from 'node:assert/strict';
import { checkImportArguments, matchesDirection, parseDateRange, parseDay, quickRange } from '../../src/core/messageLogArguments';

describe('import arguments', () => {
	it('builds the list query: DateSent> since, DateSent< the day after until', () => {
		const result = checkImportArguments({ since: '2026-02-27', until: '2026-02-28', from: '+15550100555', direction: 'inbound', status: 'received' });
		assert.deepEqual(result, {
			ok: true,
			query: { dateSentAfter: '2026-02-27', dateSentBefore: '2026-03-01', from: '+15550100555', status: 'received', direction: 'inbound' },
		});
	});

	it('names the field and the rule of every bad argument', () => {
		const result = checkImportArguments({ since: '2026-02-30', until: 'yesterday', to: '555', status: 'lost', direction: 'up', extra: 1 });
		assert.equal(result.ok, false);
		const text = result.ok ? '' : result.problems.join('\n');
		for (const expected of ['Unknown field "extra"', 'since must be a date', 'until must be a date', 'to must be an E.164', 'status must be one of', 'direction must be']) {
			assert.ok(text.includes(expected), `${expected} in ${text}`);
		}
		assert.equal(checkImportArguments(undefined).ok, false);
		assert.equal(checkImportArguments({}).ok, false);
		assert.equal(checkImportArguments({ since: '2026-03-02', until: '2026-03-01' }).ok, false);
		assert.equal(checkImportArguments({ since: 20260301 }).ok, false);
	});

	it('parses typed ranges and real days only', () => {
		assert.deepEqual(parseDateRange('2026-01-01..2026-01-31'), { since: '2026-01-01', until: '2026-01-31' });
		assert.deepEqual(parseDateRange(' 2026-01-05 '), { since: '2026-01-05', until: '2026-01-05' });
		assert.ok('problem' in parseDateRange('2026-01-31..2026-01-01'));
		assert.ok('problem' in parseDateRange('2026-13-01..2026-01-01'));
		assert.equal(parseDay('2025-02-29'), undefined);
		assert.equal(parseDay('2024-02-29'), Date.UTC(2024, 1, 29));
	});

	it('makes quick ranges in UTC days and filters directions locally', () => {
		const now = Date.UTC(2026, 10, 30, 23, 59);
		assert.deepEqual(quickRange(1, now), { since: '2026-11-30', until: '2026-11-30' });
		assert.deepEqual(quickRange(7, now), { since: '2026-11-24', until: '2026-11-30' });
		assert.equal(matchesDirection('outbound-reply', 'outbound'), true);
		assert.equal(matchesDirection('inbound', 'outbound'), false);
		assert.equal(matchesDirection('inbound', undefined), true);
	});
});
