/**
 * Plain-language explanations of SignalWire Compatibility API error codes: the ones a create
 * request can return and the asynchronous delivery codes that show up in a message's
 * `error_code` (docs/api-notes.md, "Errors"). Texts follow SignalWire's meanings, which differ
 * from Twilio's for some codes (21606 is "To is not a mobile number" here). Pure: no `vscode`;
 * the texts go through `@vscode/l10n` when a code is explained, not when the module loads, so
 * they follow the bundle the extension configures (src/features.ts).
 */
import * as l10n from '@vscode/l10n';

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

const ENTRIES: Readonly<Record<string, () => Entry>> = {
	// Each entry is a function so that only the explained code's texts are looked up.
	// --- Request errors (HTTP 4xx on create, fetch, list) ---
	'10000': () => ({
		title: l10n.t('Invalid argument'),
		explanation: l10n.t(
			'A parameter was invalid or a required one was left blank. It is also returned when you try to redact a message that is still in progress.',
		),
		action: l10n.t('Check the request fields; to redact, wait until the message is no longer queued.'),
	}),
	'11751': () => ({
		title: l10n.t('Media too large'),
		explanation: l10n.t(
			'The total size of the media in the message exceeds the maximum (about 5 MB according to older SignalWire docs).',
		),
		action: l10n.t('Send smaller or fewer media files.'),
	}),
	'20003': () => ({
		title: l10n.t('Authentication failed'),
		explanation: l10n.t(
			'SignalWire did not accept the Project ID and API token, or the token lacks the scope this request needs (Messaging to send, Numbers to list phone numbers).',
		),
		action: l10n.t(
			"Check the Space URL, Project ID and token of the profile, and the token's scopes in the SignalWire Dashboard.",
		),
	}),
	'20009': () => ({
		title: l10n.t('Message in progress'),
		explanation: l10n.t('A message (or its media) cannot be deleted while it is still queued or being sent.'),
		action: l10n.t('Wait until the message reaches a final status, then try again.'),
	}),
	'20404': () => ({
		title: l10n.t('Not found'),
		explanation: l10n.t(
			'The resource you are trying to access does not exist: the message SID may be wrong or belong to another project.',
		),
		action: l10n.t('Check the SID and that the profile points at the right project.'),
	}),
	'20429': () => ({
		title: l10n.t('Too many requests'),
		explanation: l10n.t('There were too many requests or the messaging throughput was exceeded.'),
		action: l10n.t('Wait a little and try again; send fewer messages per second.'),
	}),
	'21210': () => ({
		title: l10n.t('From number not in your project'),
		explanation: l10n.t(
			'The From number is not a number purchased in this project (a verified caller ID cannot send messages).',
		),
		action: l10n.t("Choose one of the project's own phone numbers as From."),
	}),
	'21211': () => ({
		title: l10n.t('Invalid To number'),
		explanation: l10n.t('The To number is missing or not in a valid format.'),
		action: l10n.t('Enter To in E.164 format, e.g. +15551234567.'),
	}),
	'21212': () => ({
		title: l10n.t('Invalid From number'),
		explanation: l10n.t('The From number has an invalid format.'),
		action: l10n.t('Enter From in E.164 format, e.g. +15551234567.'),
	}),
	'21217': () => ({
		title: l10n.t('To number not valid'),
		explanation: l10n.t('The To number is well formed but does not appear to be a valid phone number.'),
		action: l10n.t('Check the digits and the country code of the recipient.'),
	}),
	'21219': () => ({
		title: l10n.t('To number not verified (trial)'),
		explanation: l10n.t(
			'In trial mode messages can only go to verified numbers, and the To number is not one of them.',
		),
		action: l10n.t('Verify the number in the SignalWire Dashboard, or upgrade the project.'),
	}),
	'21601': () => ({
		title: l10n.t('Number cannot send messages'),
		explanation: l10n.t(
			'The phone number is not SMS or MMS capable (MMS needs an MMS-capable From when media is attached).',
		),
		action: l10n.t('Pick a From number whose capabilities include SMS (and MMS for media).'),
	}),
	'21602': () => ({
		title: l10n.t('Empty message'),
		explanation: l10n.t('The message had neither a text Body nor a media URL.'),
		action: l10n.t('Type a message or attach at least one media URL.'),
	}),
	'21603': () => ({
		title: l10n.t('To or From invalid or missing'),
		explanation: l10n.t('The format of To or From is invalid, or one of them is missing.'),
		action: l10n.t('Give both numbers in E.164 format, e.g. +15551234567.'),
	}),
	'21604': () => ({
		title: l10n.t('To is required'),
		explanation: l10n.t('The To number is required to send a message.'),
		action: l10n.t('Enter the recipient in E.164 format, e.g. +15551234567.'),
	}),
	'21606': () => ({
		title: l10n.t('To is not a mobile number'),
		explanation: l10n.t(
			'The To number is not a mobile number, so it cannot receive text messages. On Twilio, 21606 means something else (an invalid From).',
		),
		action: l10n.t('Send to a mobile number.'),
	}),
	'21610': () => ({
		title: l10n.t('Recipient opted out'),
		explanation: l10n.t(
			'The recipient opted out of messages from this number (they replied STOP), or the number is on a block list.',
		),
		action: l10n.t(
			'Only the recipient can undo it, by texting START to this number; until then every send to them fails the same way.',
		),
	}),
	'21611': () => ({
		title: l10n.t('Too many queued messages'),
		explanation: l10n.t('The From number has reached the maximum number of queued messages.'),
		action: l10n.t('Wait for the queue to drain, or spread the traffic over more numbers.'),
	}),
	'21612': () => ({
		title: l10n.t('Media type not supported'),
		explanation: l10n.t('The media provided is of a type that cannot be sent.'),
		action: l10n.t('Use a supported type such as image/jpeg, image/png, image/gif, video/mp4 or audio/mpeg.'),
	}),
	'21614': () => ({
		title: l10n.t('To is not a valid mobile number'),
		explanation: l10n.t('The To number is not a valid mobile number, for example a landline.'),
		action: l10n.t('Send to a mobile number.'),
	}),
	'21617': () => ({
		title: l10n.t('Body too long'),
		explanation: l10n.t('The message body exceeds the limit of 1,600 characters.'),
		action: l10n.t('Shorten the Body or split it into several messages.'),
	}),
	'21620': () => ({
		title: l10n.t('Invalid media URL'),
		explanation: l10n.t('A media URL is invalid; media URLs must be public http:// or https:// addresses.'),
		action: l10n.t('Check each MediaUrl opens in a browser without logging in.'),
	}),
	'21623': () => ({
		title: l10n.t('Too many media files'),
		explanation: l10n.t('The number of media files exceeds the limit (8 per message).'),
		action: l10n.t('Attach at most 8 media URLs.'),
	}),
	'21624': () => ({
		title: l10n.t('Invalid validity period'),
		explanation: l10n.t('ValidityPeriod must be a whole number of seconds from 1 to 172,800 (48 hours).'),
		action: l10n.t('Fix ValidityPeriod or leave it empty for the default of 14,400 seconds (4 hours).'),
	}),
	'21701': () => ({
		title: l10n.t('Invalid number group'),
		explanation: l10n.t('The number group (MessagingServiceSid) is invalid or unknown to this project.'),
		action: l10n.t('Pick an existing number group of the project, or send with a From number.'),
	}),
	'21703': () => ({
		title: l10n.t('Number group cannot send'),
		explanation: l10n.t('The number group has no number able to send this message.'),
		action: l10n.t('Add an SMS-capable (or MMS-capable) number to the group.'),
	}),
	'21705': () => ({
		title: l10n.t('No From number or number group'),
		explanation: l10n.t('The message had neither a From number nor a number group (MessagingServiceSid).'),
		action: l10n.t('Choose a From number or a number group.'),
	}),
	'21717': () => ({
		title: l10n.t('From number not in an active campaign'),
		explanation: l10n.t(
			'US carriers require 10DLC numbers to belong to an approved, active campaign before they can send messages.',
		),
		action: l10n.t(
			'Register a brand and campaign in the SignalWire Dashboard and assign the number to it, or use a verified toll-free number.',
		),
	}),
	'50509': () => ({
		title: l10n.t('Redacted body must be empty'),
		explanation: l10n.t('When redacting a message, the new Body must be an empty string.'),
	}),
	'54453': () => ({
		title: l10n.t('Invalid page token'),
		explanation: l10n.t(
			'The PageToken is invalid or missing; a page after the first needs the token from next_page_uri.',
		),
		action: l10n.t('Follow next_page_uri instead of building page URLs by hand.'),
	}),
	'54454': () => ({
		title: l10n.t('Invalid page size'),
		explanation: l10n.t('PageSize must be from 1 to 1,000.'),
	}),

	// --- Delivery errors (a message's error_code; status failed or undelivered) ---
	'30001': () => ({
		title: l10n.t('Validity period expired'),
		explanation: l10n.t('The message waited in the queue longer than its ValidityPeriod and was not sent.'),
		action: l10n.t('Send again, or send fewer messages at once so the queue drains in time.'),
	}),
	'30002': () => ({
		title: l10n.t('Insufficient balance'),
		explanation: l10n.t('The project does not have enough balance to send the message.'),
		action: l10n.t('Add funds in the SignalWire Dashboard.'),
	}),
	'30003': () => ({
		title: l10n.t('Handset unreachable'),
		explanation: l10n.t(
			"The recipient's phone was switched off or out of coverage and the carrier could not deliver.",
		),
		action: l10n.t('Try again later.'),
	}),
	'30004': () => ({
		title: l10n.t('Blocked'),
		explanation: l10n.t('The message was blocked by the carrier or the recipient.'),
		action: l10n.t('Check that the recipient opted in and that the content follows carrier rules.'),
	}),
	'30005': () => ({
		title: l10n.t('Unknown handset'),
		explanation: l10n.t('The To number is unknown to the carrier or no longer in service.'),
		action: l10n.t('Check the number.'),
	}),
	'30006': () => ({
		title: l10n.t('Unroutable'),
		explanation: l10n.t(
			'The message cannot be routed to the destination, for example a landline or an unreachable carrier.',
		),
		action: l10n.t('Check that the To number is a mobile number.'),
	}),
	'30007': () => ({
		title: l10n.t('Filtered by carrier'),
		explanation: l10n.t('A carrier filtered the message as spam or as violating its rules.'),
		action: l10n.t(
			'Review the content and links, and register the sender (10DLC campaign or toll-free verification).',
		),
	}),
	'30008': () => ({
		title: l10n.t('Unknown error'),
		explanation: l10n.t('The carrier reported an unknown error.'),
		action: l10n.t('Try again; if it persists, contact SignalWire support with the message SID.'),
	}),
	'30009': () => ({
		title: l10n.t('Expired at carrier'),
		explanation: l10n.t('The carrier could not deliver the message before its validity expired.'),
		action: l10n.t('Try again later.'),
	}),
	'30010': () => ({
		title: l10n.t('Price above MaxPrice'),
		explanation: l10n.t('The message would cost more than its MaxPrice, so it was not sent (and not charged).'),
		action: l10n.t('Raise MaxPrice or leave it empty.'),
	}),
	'30011': () => ({
		title: l10n.t('MMS failed'),
		explanation: l10n.t('The MMS could not be delivered.'),
		action: l10n.t('Check the media URLs, types and size, and that the recipient can receive MMS.'),
	}),
	'30012': () => ({
		title: l10n.t('MMS failed'),
		explanation: l10n.t('The MMS could not be delivered.'),
		action: l10n.t('Check the media URLs, types and size, and that the recipient can receive MMS.'),
	}),
	'30022': () => ({
		title: l10n.t('10DLC rate limit exceeded'),
		explanation: l10n.t("The number sent more messages than its 10DLC campaign's throughput allows."),
		action: l10n.t('Send more slowly, or ask for a higher campaign throughput.'),
	}),
	'30027': () => ({
		title: l10n.t('T-Mobile daily limit reached'),
		explanation: l10n.t('The brand reached its daily message limit towards T-Mobile subscribers.'),
		action: l10n.t('Wait until the next day, or raise the limit through brand vetting.'),
	}),
	'35125': () => ({
		title: l10n.t('Daily cap reached'),
		explanation: l10n.t('The sole-proprietor (or similar) campaign reached its daily message cap.'),
		action: l10n.t('Wait until the next day, or register a standard campaign.'),
	}),
	'63011': () => ({
		title: l10n.t('Not delivered to the carrier'),
		explanation: l10n.t('The message could not be handed over to the carrier.'),
		action: l10n.t('Try again later.'),
	}),
	'63019': () => ({
		title: l10n.t('Media download failed'),
		explanation: l10n.t('SignalWire could not download a media URL.'),
		action: l10n.t(
			'Check each MediaUrl is public, reachable without login and returns the file (not an HTML page).',
		),
	}),
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
	return entry ? { code: key, ...entry(), moreInfoUrl: ERROR_CODES_URL } : undefined;
}

/**
 * The codes {@link explainErrorCode} knows, in ascending order. A function, not a constant, so
 * that bundles which never use error codes (the webview) can drop the table.
 */
export function knownErrorCodes(): string[] {
	return Object.keys(ENTRIES).sort();
}
