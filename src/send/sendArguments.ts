/**
 * The argument form of `signalwire.sendMessage` (for tasks, keybindings, other extensions and
 * tests): `{ to, from?, messagingServiceSid?, body?, mediaUrls?, sendAsMms?, statusCallback?,
 * validityPeriod?, maxPrice?, applicationSid? }`. No `vscode` import.
 */
import * as l10n from '@vscode/l10n';
import { API_FIELD_NAMES } from '../core/validation';
import type { InputProblem } from './validationError';
import type { MessageDraft, MessageField } from '../core/draft';

const STRING_FIELDS = ['to', 'from', 'messagingServiceSid', 'body', 'statusCallback', 'applicationSid'] as const;

/** Reads a draft from an untyped argument; wrong types become problems naming the field. */
export function draftFromArgument(value: unknown): { draft: MessageDraft; problems: InputProblem[] } {
	const problems: InputProblem[] = [];
	const draft: MessageDraft = {};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		problems.push({
			field: 'to',
			rule: 'argument.object',
			message: l10n.t('The argument must be an object like { to, from, body }.'),
		});
		return { draft, problems };
	}
	const input = value as Record<string, unknown>;
	const wrongType = (field: MessageField, expected: 'string' | 'urls' | 'boolean' | 'number') =>
		problems.push({ field, rule: `${field}.type`, message: wrongTypeMessage(apiName(field), expected) });
	for (const field of STRING_FIELDS) {
		const v = input[field];
		if (v === undefined || v === null) {
			continue;
		}
		if (typeof v === 'string') {
			draft[field] = v;
		} else {
			wrongType(field, 'string');
		}
	}
	if (input.mediaUrls !== undefined && input.mediaUrls !== null) {
		if (Array.isArray(input.mediaUrls) && input.mediaUrls.every((u) => typeof u === 'string')) {
			draft.mediaUrls = input.mediaUrls as string[];
		} else {
			wrongType('mediaUrls', 'urls');
		}
	}
	if (input.sendAsMms !== undefined && input.sendAsMms !== null) {
		if (typeof input.sendAsMms === 'boolean') {
			draft.sendAsMms = input.sendAsMms;
		} else {
			wrongType('sendAsMms', 'boolean');
		}
	}
	for (const field of ['validityPeriod', 'maxPrice'] as const) {
		const v = input[field];
		if (v === undefined || v === null) {
			continue;
		}
		if (typeof v === 'string' || typeof v === 'number') {
			draft[field] = v;
		} else {
			wrongType(field, 'number');
		}
	}
	return { draft, problems };
}

function wrongTypeMessage(name: string, expected: 'string' | 'urls' | 'boolean' | 'number'): string {
	switch (expected) {
		case 'string':
			return l10n.t('{0} must be a string.', name);
		case 'urls':
			return l10n.t('{0} must be a list of URL strings.', name);
		case 'boolean':
			return l10n.t('{0} must be true or false.', name);
		default:
			return l10n.t('{0} must be a number.', name);
	}
}

export function apiName(field: MessageField): string {
	return API_FIELD_NAMES[field];
}
