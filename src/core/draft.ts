/**
 * What the prompts and the compose form hold before validation. Not an API type: validation
 * (./validation.ts) turns a valid draft into CreateMessageParams (./types.ts).
 */
/**
 * What a person has typed into a prompt or the compose form: like CreateMessageParams (./types.ts)
 * but numbers may still be text. Validation turns a valid draft into params.
 */
export interface MessageDraft {
	to?: string;
	from?: string;
	messagingServiceSid?: string;
	body?: string;
	mediaUrls?: string[];
	sendAsMms?: boolean;
	statusCallback?: string;
	validityPeriod?: number | string;
	maxPrice?: string | number;
	applicationSid?: string;
}

/** Field names of a draft, used to attach validation problems to a field. */
export type MessageField = keyof MessageDraft;
