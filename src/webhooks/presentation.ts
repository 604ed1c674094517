/**
 * How the Webhooks view shows a request: its row (time, kind, key fields) and the words for its
 * signature badge. No `vscode` import: unit-tested in Node.
 */
import * as l10n from '@vscode/l10n';
import { hasHiddenCharacters, showHiddenCharacters } from '../core/partyNumbers';
import { keyFields, type SignatureState, type WebhookKind, type WebhookRequestRecord } from './requests';

/** At most this many characters of a Body in a row. */
const BODY_IN_ROW = 40;

export function kindLabel(kind: WebhookKind): string {
	switch (kind) {
		case 'status':
			return l10n.t('status callback');
		case 'inbound':
			return l10n.t('inbound message');
		default:
			return l10n.t('other');
	}
}

export function signatureLabel(state: SignatureState): string {
	switch (state) {
		case 'valid':
			return l10n.t('signature valid');
		case 'invalid':
			return l10n.t('signature invalid');
		default:
			return l10n.t('signature not checked');
	}
}

/** `14:03:27` (local time). */
export function timeOfDay(time: number): string {
	const d = new Date(time);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** One line, control characters shown as spaces, cut with an ellipsis. */
function oneLine(text: string, max: number): string {
	// eslint-disable-next-line no-control-regex
	const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A number of a webhook as the view shows it: invisible and direction characters (a bidi override
 * that would show another number) written out as `\uXXXX` (src/core/partyNumbers.ts).
 */
function shownNumber(number: string): string {
	return oneLine(showHiddenCharacters(number), 100);
}

function hasHiddenNumber(fields: { from?: string; to?: string }): boolean {
	return hasHiddenCharacters(fields.from ?? '') || hasHiddenCharacters(fields.to ?? '');
}

export interface RequestRow {
	label: string;
	description: string;
}

export function requestRow(record: WebhookRequestRecord): RequestRow {
	const fields = keyFields(record.params);
	const parts: string[] = [];
	if (record.malformed !== undefined) {
		parts.push(l10n.t('malformed'));
	}
	// A status comes first, in the label: a narrow sidebar cuts the description, not it.
	const code = fields.errorCode ? ` (${fields.errorCode})` : '';
	const status = fields.messageStatus ? `${fields.messageStatus}${code}` : undefined;
	if (status) {
		parts.push(kindLabel(record.kind));
	}
	if (hasHiddenNumber(fields)) {
		parts.push(l10n.t('number refused: invisible or direction characters'));
	}
	if (fields.from !== undefined || fields.to !== undefined) {
		parts.push(`${shownNumber(fields.from ?? '?')} → ${shownNumber(fields.to ?? '?')}`);
	}
	if (fields.body) {
		parts.push(`“${oneLine(fields.body, BODY_IN_ROW)}”`);
	}
	if (fields.messageSid) {
		parts.push(fields.messageSid.slice(0, 8));
	}
	if (parts.length === 0) {
		parts.push(`${record.method} ${oneLine(record.path, 60)}`);
	}
	return { label: `${timeOfDay(record.time)} ${status ?? kindLabel(record.kind)}`, description: parts.join(' · ') };
}

/** Plain text (never markup): the request line, the key fields and the check, one per line. Built only when shown. */
export function requestTooltip(record: WebhookRequestRecord): string {
	const fields = keyFields(record.params);
	return [
		`${record.method} ${record.path} → ${record.response.status}`,
		new Date(record.time).toISOString(),
		...(fields.messageStatus ? [`MessageStatus: ${fields.messageStatus}`] : []),
		...(fields.errorCode ? [`ErrorCode: ${fields.errorCode}`] : []),
		...(fields.messageSid ? [`MessageSid: ${fields.messageSid}`] : []),
		...(fields.from !== undefined ? [`From: ${shownNumber(fields.from)}`] : []),
		...(fields.to !== undefined ? [`To: ${shownNumber(fields.to)}`] : []),
		...(hasHiddenNumber(fields) ? [l10n.t('number refused: invisible or direction characters')] : []),
		...(fields.body !== undefined ? [`Body: ${oneLine(fields.body, 200)}`] : []),
		...(record.malformed !== undefined ? [record.malformed] : []),
		signatureLabel(record.signature.state) + (record.signature.reason ? `: ${record.signature.reason}` : ''),
	].join('\n');
}
