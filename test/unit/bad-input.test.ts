/**
 * The shared bad-input table (test/fixtures/badInputs.ts) through the validation the compose form
 * bundles (validateMessage) and through the argument reader of `signalwire.sendMessage`
 * (draftFromArgument + validateMessage, what sendFromArguments does before any request).
 * The same table runs inside the real VS Code in test/integration/bad-input.test.ts.
 */
import * as assert from 'node:assert/strict';
import { validateMessage } from '../../src/core/validation';
import { draftFromArgument } from '../../src/send/sendArguments';
import { MessageValidationError } from '../../src/send/validationError';
import { SpaceUrlError, spaceBaseUrl } from '../../src/signalwire';
import type { MessageDraft } from '../../src/core/draft';
import { checkTokenFormat } from '../../src/credentials/tokenFormat';
import { BAD_INPUTS, BAD_SPACES, BAD_TOKENS, VALID_BASE, type BadInput } from '../fixtures/badInputs';

function assertNamesFieldAndRule(row: BadInput, problems: ReadonlyArray<{ field: string; rule: string; message: string }>): void {
	const match = problems.find((p) => p.field === row.field && p.rule === row.rule);
	assert.ok(match, `${row.name}: expected ${row.field}:${row.rule}, got ${problems.map((p) => `${p.field}:${p.rule}`).join(', ') || 'no problem'}`);
	assert.ok(match.message.includes(row.apiName), `${row.name}: the message names ${row.apiName}: ${match.message}`);
	assert.match(match.message, row.words, `${row.name}: the message names the rule`);
}

describe('bad input (shared table)', () => {
	it('has at least 40 rows, covering every field of the message', () => {
		assert.ok(BAD_INPUTS.length >= 40, `${BAD_INPUTS.length} rows`);
		const fields = new Set(BAD_INPUTS.map((r) => r.field));
		for (const field of ['to', 'from', 'messagingServiceSid', 'body', 'mediaUrls', 'sendAsMms', 'statusCallback', 'validityPeriod', 'maxPrice', 'applicationSid']) {
			assert.ok(fields.has(field), `no row for ${field}`);
		}
		assert.equal(new Set(BAD_INPUTS.map((r) => r.name)).size, BAD_INPUTS.length, 'row names are unique');
	});

	it('the base of the rows is itself valid (each row breaks one thing)', () => {
		assert.equal(validateMessage(VALID_BASE as MessageDraft).ok, true);
	});

	describe('through validateMessage (the form\'s validation)', () => {
		for (const row of BAD_INPUTS.filter((r) => !r.argumentOnly)) {
			it(`rejects ${row.name}`, () => {
				const result = validateMessage(row.argument as MessageDraft);
				assert.equal(result.ok, false, `${row.name} was accepted`);
				assertNamesFieldAndRule(row, result.problems);
			});
		}
	});

	describe('through the argument form\'s reader (draftFromArgument + validateMessage)', () => {
		for (const row of BAD_INPUTS) {
			it(`rejects ${row.name}`, () => {
				const { draft, problems } = draftFromArgument(row.argument);
				const validation = validateMessage(draft);
				const all = [...problems, ...validation.problems];
				assert.ok(all.length > 0, `${row.name} was accepted`);
				assertNamesFieldAndRule(row, all);
				const error = new MessageValidationError(all);
				assert.ok(error.message.includes(row.apiName), 'the thrown message names the field');
				assert.match(error.message, row.words);
			});
		}
	});

	describe('Space URLs (what signalwire.signIn checks before any request)', () => {
		for (const row of BAD_SPACES) {
			it(`refuses ${row.name} (${row.rule})`, () => {
				assert.throws(
					() => spaceBaseUrl(row.space),
					(error: unknown) => {
						assert.ok(error instanceof SpaceUrlError, `not a SpaceUrlError: ${String(error)}`);
						assert.equal(error.rule, row.rule);
						assert.match(error.message, /Space URL/);
						assert.match(error.message, row.words);
						if (row.secret) {
							assert.ok(!error.message.includes(row.secret), 'the message repeats the password');
						}
						return true;
					},
				);
			});
		}
	});

	describe('API tokens (what signalwire.signIn checks before any request)', () => {
		for (const { name, token, words } of BAD_TOKENS) {
			it(`refuses ${name}, naming the rule and never repeating the token`, () => {
				const check = checkTokenFormat(token);
				assert.equal(check.ok, false);
				const message = check.ok ? '' : check.message;
				assert.match(message, words);
				assert.match(message, /API token|Project ID/, 'the message names the field');
				if (token.trim().length >= 4) {
					assert.ok(!message.includes(token.trim()), message);
				}
			});
		}
	});
});
