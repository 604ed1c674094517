/**
 * The one validation of a message draft, shared by the quick-pick prompts, the compose webview and
 * the API client: every field's check (./fieldChecks.ts) and the request they build. Pure: no
 * `vscode`, no Node-only APIs (it is bundled into the webview script). Rules follow the Create
 * Message request (docs/api-notes.md, "Create a message" and "Limits").
 */
import type { CreateMessageParams } from './types';
import type { MessageDraft, MessageField } from './draft';
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
	type FieldProblem,
} from './fieldChecks';

export * from './fieldChecks';

export type ValidationResult =
	{ ok: true; params: CreateMessageParams; problems: [] } | { ok: false; problems: FieldProblem[] };

/** The API's name of each draft field (`MediaUrl` is repeated once per URL). */
export const API_FIELD_NAMES: Readonly<Record<MessageField, string>> = {
	to: 'To',
	from: 'From',
	messagingServiceSid: 'MessagingServiceSid',
	body: 'Body',
	mediaUrls: 'MediaUrl',
	sendAsMms: 'SendAsMms',
	statusCallback: 'StatusCallback',
	validityPeriod: 'ValidityPeriod',
	maxPrice: 'MaxPrice',
	applicationSid: 'ApplicationSid',
};

/**
 * Validates a draft and, when it is valid, builds the request params. Returns every problem,
 * several per field when they apply, in field order.
 *
 * Normalisation: strings are trimmed and an empty (or whitespace-only) string means "unset".
 * The one exception is Body, which is sent exactly as typed (its spaces and line breaks count
 * towards segments, and the form measures what is sent); a whitespace-only Body is unset.
 * Empty MediaUrl rows are ignored. `validityPeriod` becomes a number, `maxPrice` a string.
 */
export function validateMessage(draft: MessageDraft): ValidationResult {
	const to = checkTo(draft.to);
	const from = checkFrom(draft.from);
	const messagingServiceSid = checkMessagingServiceSid(draft.messagingServiceSid);
	const media = checkMediaUrls(draft.mediaUrls);
	const body = checkBody(draft.body, { required: media.count === 0 });
	const statusCallback = checkStatusCallback(draft.statusCallback);
	const validityPeriod = checkValidityPeriod(draft.validityPeriod);
	const maxPrice = checkMaxPrice(draft.maxPrice);
	const applicationSid = checkApplicationSid(draft.applicationSid);
	const problems = [
		...to.problems,
		...checkSender(draft.from, draft.messagingServiceSid),
		...from.problems,
		...messagingServiceSid.problems,
		...media.problems,
		...body.problems,
		...statusCallback.problems,
		...validityPeriod.problems,
		...maxPrice.problems,
		...applicationSid.problems,
	];
	if (problems.length > 0 || to.value === undefined) {
		return { ok: false, problems: sortByField(problems) };
	}
	const params: CreateMessageParams = { to: to.value };
	if (from.value !== undefined) {
		params.from = from.value;
	}
	if (messagingServiceSid.value !== undefined) {
		params.messagingServiceSid = messagingServiceSid.value;
	}
	if (body.value !== undefined) {
		params.body = body.value;
	}
	if (media.value !== undefined) {
		params.mediaUrls = media.value;
	}
	if (typeof draft.sendAsMms === 'boolean') {
		params.sendAsMms = draft.sendAsMms;
	}
	if (statusCallback.value !== undefined) {
		params.statusCallback = statusCallback.value;
	}
	if (validityPeriod.value !== undefined) {
		params.validityPeriod = validityPeriod.value;
	}
	if (maxPrice.value !== undefined) {
		params.maxPrice = maxPrice.value;
	}
	if (applicationSid.value !== undefined) {
		params.applicationSid = applicationSid.value;
	}
	return { ok: true, params, problems: [] };
}

/** Only the problems of one field, for inline display while typing. Cross-field rules included. */
export function validateField(draft: MessageDraft, field: MessageField): FieldProblem[] {
	return validateMessage(draft).problems.filter((p) => p.field === field);
}

/** Groups problems by field, keeping their order. Fields without problems are absent. */
export function problemsByField(problems: readonly FieldProblem[]): Partial<Record<MessageField, FieldProblem[]>> {
	const grouped: Partial<Record<MessageField, FieldProblem[]>> = {};
	for (const p of problems) {
		(grouped[p.field] ??= []).push(p);
	}
	return grouped;
}

// ---------------------------------------------------------------------------------------------

const FIELD_ORDER: readonly MessageField[] = [
	'to',
	'from',
	'messagingServiceSid',
	'body',
	'mediaUrls',
	'sendAsMms',
	'statusCallback',
	'validityPeriod',
	'maxPrice',
	'applicationSid',
];

function sortByField(problems: FieldProblem[]): FieldProblem[] {
	// Array.prototype.sort is stable, so problems of one field keep their order.
	return problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}
