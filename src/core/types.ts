/**
 * Shapes of SignalWire's Compatibility (cXML/LaML) REST API as this extension uses them, and the
 * limits of a message (docs/api-notes.md). Imports nothing: shared by the extension, the webview
 * script, the local sandbox server, tests and benchmarks.
 */

/** The fields of a create-message request, in the extension's own camelCase. */
export interface CreateMessageParams {
	/** Recipient, E.164 (`+15551234567`). */
	to: string;
	/** Sender, E.164. Either `from` or `messagingServiceSid` is required. */
	from?: string;
	/** A number group (UUID), used instead of `from`. */
	messagingServiceSid?: string;
	/** Text, at most 1600 characters. Either `body` or at least one media URL is required. */
	body?: string;
	/** Up to 8 absolute http(s) URLs, sent as repeated `MediaUrl` keys. */
	mediaUrls?: string[];
	sendAsMms?: boolean;
	statusCallback?: string;
	/** Seconds, integer 1–172800. */
	validityPeriod?: number;
	/** USD, a decimal with at most 4 places, e.g. `"0.0075"`. */
	maxPrice?: string;
	applicationSid?: string;
}

export type MessageStatus =
	| 'accepted'
	| 'scheduled'
	| 'queued'
	| 'initiated'
	| 'sending'
	| 'sent'
	| 'delivered'
	| 'undelivered'
	| 'failed'
	| 'receiving'
	| 'received'
	| 'canceled';

/** The Message resource. Nullable fields are `null` when the API says so. */
export interface Message {
	account_sid: string;
	api_version: string;
	body: string | null;
	num_segments: number;
	num_media: number;
	date_created: string;
	date_sent: string | null;
	date_updated: string;
	direction: string;
	/** Normalised to a string: the API sends a string or a number. */
	error_code: string | null;
	error_message: string | null;
	from: string;
	price: number | null;
	price_unit: string | null;
	sid: string;
	/** One of {@link MessageStatus}; kept as string to tolerate new values. */
	status: string;
	to: string;
	messaging_service_sid: string | null;
	uri: string;
	subresource_uris: { media?: string } | null;
}

export interface PhoneNumberCapabilities {
	voice: boolean;
	sms: boolean;
	mms: boolean;
	fax: boolean;
}

/** The fields of an IncomingPhoneNumber the extension uses. */
export interface IncomingPhoneNumber {
	sid: string;
	phone_number: string;
	friendly_name: string;
	/** Keys read case-insensitively (`SMS` or `sms`). */
	capabilities: PhoneNumberCapabilities;
}

/** SignalWire's error body: `{ code, message, more_info, status }`. */
export interface ApiErrorBody {
	code?: number;
	message?: string;
	more_info?: string;
	status?: number;
}

/** What a client needs to reach a Space. The token is used only for the Authorization header. */
export interface Credentials {
	/**
	 * `example`, `example.signalwire.com`, `https://example.signalwire.com/`, or a loopback `http://127.0.0.1:PORT`.
	 */
	space: string;
	/** The project UUID (the `AccountSid` of the path). */
	projectId: string;
	token: string;
}

/** Message statuses after which nothing changes any more. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set([
	'delivered',
	'undelivered',
	'failed',
	'received',
	'canceled',
]);

/** At most this many `MediaUrl` per message (current spec). */
export const MAX_MEDIA_URLS = 8;
/** At most this many characters of Body (error 21617 above it). */
export const MAX_BODY_CHARACTERS = 1600;
export const VALIDITY_PERIOD_MIN = 1;
export const VALIDITY_PERIOD_MAX = 172800;
