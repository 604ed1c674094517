/**
 * Plain-language explanations of SignalWire Compatibility API error codes: the ones a create
 * request can return (docs/signalwire-api.md §3.2) and the asynchronous delivery codes that show
 * up in a message's `error_code`. Texts follow SignalWire's meanings, which differ from Twilio's
 * for some codes (21606 is "To is not a mobile number" here). Pure: no `vscode`.
 */

export interface ErrorCodeExplanation {
	code: string;
	title: string;
	explanation: string;
	/** What to do about it, when there is something to do. */
	action?: string;
	moreInfoUrl: string;
}

/** SignalWire's one page of Compatibility API error codes (it has no per-code anchors). */
export const ERROR_CODES_URL = 'https://developer.signalwire.com/rest/compatibility-api/overview/error-codes';

type Entry = Omit<ErrorCodeExplanation, 'code' | 'moreInfoUrl'>;

const ENTRIES: Readonly<Record<string, Entry>> = {
	// --- Request errors (HTTP 4xx on create, fetch, list) ---
	'10000': {
		title: 'Invalid argument',
		explanation: 'A parameter was invalid or a required one was left blank. It is also returned when you try to redact a message that is still in progress.',
		action: 'Check the request fields; to redact, wait until the message is no longer queued.',
	},
	'11751': {
		title: 'Media too large',
		explanation: 'The total size of the media in the message exceeds the maximum (about 5 MB according to older SignalWire docs).',
		action: 'Send smaller or fewer media files.',
	},
	'20003': {
		title: 'Authentication failed',
		explanation: 'SignalWire did not accept the Project ID and API token, or the token lacks the scope this request needs (Messaging to send, Numbers to list phone numbers).',
		action: 'Check the Space URL, Project ID and token of the profile, and the token\'s scopes in the SignalWire Dashboard.',
	},
	'20009': {
		title: 'Message in progress',
		explanation: 'A message (or its media) cannot be deleted while it is still queued or being sent.',
		action: 'Wait until the message reaches a final status, then try again.',
	},
	'20404': {
		title: 'Not found',
		explanation: 'The resource you are trying to access does not exist: the message SID may be wrong or belong to another project.',
		action: 'Check the SID and that the profile points at the right project.',
	},
	'20429': {
		title: 'Too many requests',
		explanation: 'There were too many requests or the messaging throughput was exceeded.',
		action: 'Wait a little and try again; send fewer messages per second.',
	},
	'21210': {
		title: 'From number not in your project',
		explanation: 'The From number is not a number purchased in this project (a verified caller ID cannot send messages).',
		action: 'Choose one of the project\'s own phone numbers as From.',
	},
	'21211': {
		title: 'Invalid To number',
		explanation: 'The To number is missing or not in a valid format.',
		action: 'Enter To in E.164 format, e.g. +15551234567.',
	},
	'21212': {
		title: 'Invalid From number',
		explanation: 'The From number has an invalid format.',
		action: 'Enter From in E.164 format, e.g. +15551234567.',
	},
	'21217': {
		title: 'To number not valid',
		explanation: 'The To number is well formed but does not appear to be a valid phone number.',
		action: 'Check the digits and the country code of the recipient.',
	},
	'21219': {
		title: 'To number not verified (trial)',
		explanation: 'In trial mode messages can only go to verified numbers, and the To number is not one of them.',
		action: 'Verify the number in the SignalWire Dashboard, or upgrade the project.',
	},
	'21601': {
		title: 'Number cannot send messages',
		explanation: 'The phone number is not SMS or MMS capable (MMS needs an MMS-capable From when media is attached).',
		action: 'Pick a From number whose capabilities include SMS (and MMS for media).',
	},
	'21602': {
		title: 'Empty message',
		explanation: 'The message had neither a text Body nor a media URL.',
		action: 'Type a message or attach at least one media URL.',
	},
	'21603': {
		title: 'To or From invalid or missing',
		explanation: 'The format of To or From is invalid, or one of them is missing.',
		action: 'Give both numbers in E.164 format, e.g. +15551234567.',
	},
	'21604': {
		title: 'To is required',
		explanation: 'The To number is required to send a message.',
		action: 'Enter the recipient in E.164 format, e.g. +15551234567.',
	},
	'21606': {
		title: 'To is not a mobile number',
		explanation: 'The To number is not a mobile number, so it cannot receive text messages. On Twilio, 21606 means something else (an invalid From).',
		action: 'Send to a mobile number.',
	},
	'21610': {
		title: 'Recipient blocked messages',
		explanation: 'The message was blocked by the recipient (for example after they replied STOP) or the sender is on a block list.',
		action: 'Do not send to this recipient unless they opt in again (e.g. by replying START).',
	},
	'21611': {
		title: 'Too many queued messages',
		explanation: 'The From number has reached the maximum number of queued messages.',
		action: 'Wait for the queue to drain, or spread the traffic over more numbers.',
	},
	'21612': {
		title: 'Media type not supported',
		explanation: 'The media provided is of a type that cannot be sent.',
		action: 'Use a supported type such as image/jpeg, image/png, image/gif, video/mp4 or audio/mpeg.',
	},
	'21614': {
		title: 'To is not a valid mobile number',
		explanation: 'The To number is not a valid mobile number, for example a landline.',
		action: 'Send to a mobile number.',
	},
	'21617': {
		title: 'Body too long',
		explanation: 'The message body exceeds the limit of 1,600 characters.',
		action: 'Shorten the Body or split it into several messages.',
	},
	'21620': {
		title: 'Invalid media URL',
		explanation: 'A media URL is invalid; media URLs must be public http:// or https:// addresses.',
		action: 'Check each MediaUrl opens in a browser without logging in.',
	},
	'21623': {
		title: 'Too many media files',
		explanation: 'The number of media files exceeds the limit (8 per message).',
		action: 'Attach at most 8 media URLs.',
	},
	'21624': {
		title: 'Invalid validity period',
		explanation: 'ValidityPeriod must be a whole number of seconds from 1 to 172,800 (48 hours).',
		action: 'Fix ValidityPeriod or leave it empty for the default of 14,400 seconds (4 hours).',
	},
	'21701': {
		title: 'Invalid number group',
		explanation: 'The number group (MessagingServiceSid) is invalid or unknown to this project.',
		action: 'Pick an existing number group of the project, or send with a From number.',
	},
	'21703': {
		title: 'Number group cannot send',
		explanation: 'The number group has no number able to send this message.',
		action: 'Add an SMS-capable (or MMS-capable) number to the group.',
	},
	'21705': {
		title: 'No From number or number group',
		explanation: 'The message had neither a From number nor a number group (MessagingServiceSid).',
		action: 'Choose a From number or a number group.',
	},
	'21717': {
		title: 'From number not in an active campaign',
		explanation: 'US carriers require 10DLC numbers to belong to an approved, active campaign before they can send messages.',
		action: 'Register a brand and campaign in the SignalWire Dashboard and assign the number to it, or use a verified toll-free number.',
	},
	'50509': {
		title: 'Redacted body must be empty',
		explanation: 'When redacting a message, the new Body must be an empty string.',
	},
	'54453': {
		title: 'Invalid page token',
		explanation: 'The PageToken is invalid or missing; a page after the first needs the token from next_page_uri.',
		action: 'Follow next_page_uri instead of building page URLs by hand.',
	},
	'54454': {
		title: 'Invalid page size',
		explanation: 'PageSize must be from 1 to 1,000.',
	},

	// --- Delivery errors (a message's error_code; status failed or undelivered) ---
	'30001': {
		title: 'Validity period expired',
		explanation: 'The message waited in the queue longer than its ValidityPeriod and was not sent.',
		action: 'Send again, or send fewer messages at once so the queue drains in time.',
	},
	'30002': {
		title: 'Insufficient balance',
		explanation: 'The project does not have enough balance to send the message.',
		action: 'Add funds in the SignalWire Dashboard.',
	},
	'30003': {
		title: 'Handset unreachable',
		explanation: 'The recipient\'s phone was switched off or out of coverage and the carrier could not deliver.',
		action: 'Try again later.',
	},
	'30004': {
		title: 'Blocked',
		explanation: 'The message was blocked by the carrier or the recipient.',
		action: 'Check that the recipient opted in and that the content follows carrier rules.',
	},
	'30005': {
		title: 'Unknown handset',
		explanation: 'The To number is unknown to the carrier or no longer in service.',
		action: 'Check the number.',
	},
	'30006': {
		title: 'Unroutable',
		explanation: 'The message cannot be routed to the destination, for example a landline or an unreachable carrier.',
		action: 'Check that the To number is a mobile number.',
	},
	'30007': {
		title: 'Filtered by carrier',
		explanation: 'A carrier filtered the message as spam or as violating its rules.',
		action: 'Review the content and links, and register the sender (10DLC campaign or toll-free verification).',
	},
	'30008': {
		title: 'Unknown error',
		explanation: 'The carrier reported an unknown error.',
		action: 'Try again; if it persists, contact SignalWire support with the message SID.',
	},
	'30009': {
		title: 'Expired at carrier',
		explanation: 'The carrier could not deliver the message before its validity expired.',
		action: 'Try again later.',
	},
	'30010': {
		title: 'Price above MaxPrice',
		explanation: 'The message would cost more than its MaxPrice, so it was not sent (and not charged).',
		action: 'Raise MaxPrice or leave it empty.',
	},
	'30011': {
		title: 'MMS failed',
		explanation: 'The MMS could not be delivered.',
		action: 'Check the media URLs, types and size, and that the recipient can receive MMS.',
	},
	'30012': {
		title: 'MMS failed',
		explanation: 'The MMS could not be delivered.',
		action: 'Check the media URLs, types and size, and that the recipient can receive MMS.',
	},
	'30022': {
		title: '10DLC rate limit exceeded',
		explanation: 'The number sent more messages than its 10DLC campaign\'s throughput allows.',
		action: 'Send more slowly, or ask for a higher campaign throughput.',
	},
	'30027': {
		title: 'T-Mobile daily limit reached',
		explanation: 'The brand reached its daily message limit towards T-Mobile subscribers.',
		action: 'Wait until the next day, or raise the limit through brand vetting.',
	},
	'35125': {
		title: 'Daily cap reached',
		explanation: 'The sole-proprietor (or similar) campaign reached its daily message cap.',
		action: 'Wait until the next day, or register a standard campaign.',
	},
	'63011': {
		title: 'Not delivered to the carrier',
		explanation: 'The message could not be handed over to the carrier.',
		action: 'Try again later.',
	},
	'63019': {
		title: 'Media download failed',
		explanation: 'SignalWire could not download a media URL.',
		action: 'Check each MediaUrl is public, reachable without login and returns the file (not an HTML page).',
	},
};

/**
 * Plain words for an error code (string or number, as the API sends either), or undefined when
 * the code is empty or not one this table knows.
 */
export function explainErrorCode(code: string | number | null | undefined): ErrorCodeExplanation | undefined {
	if (code === null || code === undefined) {
		return undefined;
	}
	const key = String(code).trim();
	const entry = Object.prototype.hasOwnProperty.call(ENTRIES, key) ? ENTRIES[key] : undefined;
	return entry ? { code: key, ...entry, moreInfoUrl: ERROR_CODES_URL } : undefined;
}

/**
 * The codes {@link explainErrorCode} knows, in ascending order. A function, not a constant, so
 * that bundles which never use error codes (the webview) can drop the table.
 */
export function knownErrorCodes(): string[] {
	return Object.keys(ENTRIES).sort();
}
