/**
 * The create-message form, defined once: the API's field names in the order the official SDK sends
 * them, `MediaUrl` once per URL. The request body (src/signalwire/encode.ts), Copy as curl
 * (src/core/curl.ts) and the Messages view's request document all read it. Paths and fields:
 * docs/api-notes.md, "Create a message". No `vscode` import.
 */
import type { CreateMessageParams } from './types';

/** The fields that are set (neither undefined, null nor an empty string), in the SDK's order. */
export function formFields(params: CreateMessageParams): Array<[string, string]> {
	const fields: Array<[string, string]> = [];
	const add = (name: string, value: string | number | boolean | undefined | null): void => {
		if (value !== undefined && value !== null && value !== '') {
			fields.push([name, String(value)]);
		}
	};
	add('To', params.to);
	add('From', params.from);
	add('MessagingServiceSid', params.messagingServiceSid);
	add('Body', params.body);
	for (const url of params.mediaUrls ?? []) {
		add('MediaUrl', url);
	}
	add('StatusCallback', params.statusCallback);
	add('ApplicationSid', params.applicationSid);
	add('MaxPrice', params.maxPrice);
	add('ValidityPeriod', params.validityPeriod);
	add('SendAsMms', params.sendAsMms);
	return fields;
}
