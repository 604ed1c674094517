/**
 * One recorded send: the entry type, what an update may change, how an entry is shown (its
 * state), and the guards that check a stored entry before it is trusted.
 * Pure: no `vscode`, no Node-only APIs; unit-tested in plain mocha.
 */
import type { SendFailure, SendOutcome } from '../send/outcome';
import { FINAL_STATUSES, type CreateMessageParams, type Message } from '../core/types';

/** The Space and project a send went to (never the token). */
export interface HistoryProfile {
	id: string;
	spaceUrl: string;
	projectId: string;
}

/**
 * Where an entry that is not a send from VS Code came from: read from the Space's message log by
 * Import from Space (`imported`), or an inbound reply found by polling (`reply`). Such an entry's
 * `params` are built from the message, for display only: it is never resent.
 */
export type EntryOrigin = 'imported' | 'reply';

/** One send, successful or not, and what was learnt about it since (or a message read from the Space). */
export interface HistoryEntry {
	/** Local id of the send attempt (a UUID). */
	id: string;
	profile: HistoryProfile;
	/** The request fields, exactly as sent (for an entry with an `origin`: the message's, for display). */
	params: CreateMessageParams;
	/** Absent for a send from VS Code. */
	origin?: EntryOrigin;
	/** The Message as created, then as last fetched. */
	message?: Message;
	/** Why the request failed (no Message was created). */
	error?: SendFailure;
	/** When the send started (ms since the epoch). */
	createdAt: number;
	/** When this entry last changed (the send finished, or the status was fetched). */
	updatedAt: number;
	/** True while its delivery status is followed; left true by a shutdown so the next start resumes. */
	following?: boolean;
	/** When the message was deleted at SignalWire (the entry stays, marked). */
	deletedAt?: number;
	/** When its body was redacted at SignalWire. */
	redactedAt?: number;
	/**
	 * A received message (`origin: 'reply'`): when its thread was first shown in some window. Imported messages count
	 * as read.
	 */
	readAt?: number;
	/** Sent by a conversation test run against the Space (src/testing/), not by hand. */
	testRun?: boolean;
}

/** What an update may change. `updatedAt` orders concurrent updates: an older one is ignored. */
export interface EntryPatch {
	message?: Message;
	error?: SendFailure;
	following?: boolean;
	deletedAt?: number;
	redactedAt?: number;
	readAt?: number;
	updatedAt: number;
}

/** How an entry is shown: its status, or `error` when the request itself failed. */
export type EntryState = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'error' | 'unknown';

const STATE_OF_STATUS: Readonly<Record<string, EntryState>> = {
	accepted: 'queued',
	scheduled: 'queued',
	queued: 'queued',
	initiated: 'sending',
	sending: 'sending',
	sent: 'sent',
	delivered: 'delivered',
	received: 'delivered',
	receiving: 'sending',
	undelivered: 'undelivered',
	failed: 'failed',
	canceled: 'failed',
};

export function entryState(entry: HistoryEntry): EntryState {
	if (entry.message) {
		return STATE_OF_STATUS[entry.message.status] ?? 'unknown';
	}
	return entry.error ? 'error' : 'unknown';
}

/** An MMS: it has media, or was sent with SendAsMms. MMS never gets a delivery receipt. */
export function isMms(entry: HistoryEntry): boolean {
	return (
		(entry.message?.num_media ?? 0) > 0 ||
		entry.params.sendAsMms === true ||
		(entry.params.mediaUrls?.length ?? 0) > 0
	);
}

/**
 * Nothing more will change: a final status (delivered, undelivered, failed…), an MMS that reached
 * `sent` (MMS stops there: docs/api-notes.md, "Statuses"), or a request that failed (there is no
 * message to follow).
 */
export function isSettled(entry: HistoryEntry): boolean {
	if (!entry.message) {
		return true;
	}
	const status = entry.message.status;
	return FINAL_STATUSES.has(status) || (status === 'sent' && isMms(entry));
}

/** The entry that records a send; followed when it is not settled and following is on. */
export function entryOfOutcome(outcome: SendOutcome, follow: boolean): HistoryEntry {
	const entry: HistoryEntry = {
		id: outcome.id,
		profile: { id: outcome.profile.id, spaceUrl: outcome.profile.spaceUrl, projectId: outcome.profile.projectId },
		params: outcome.params,
		...(outcome.message ? { message: outcome.message } : {}),
		...(outcome.error ? { error: outcome.error } : {}),
		...(outcome.testRun ? { testRun: true } : {}),
		createdAt: outcome.startedAt,
		updatedAt: outcome.finishedAt,
	};
	if (follow && !isSettled(entry)) {
		entry.following = true;
	}
	return entry;
}

/** Whether a fetched message says something new (status, error, price, segments, time sent). */
export function statusChanged(previous: Message | undefined, message: Message): boolean {
	return (
		!previous ||
		previous.status !== message.status ||
		previous.error_code !== message.error_code ||
		previous.price !== message.price ||
		previous.num_segments !== message.num_segments ||
		previous.date_sent !== message.date_sent
	);
}

/** The entry with a patch applied (fields the patch leaves out are kept). */
export function applyPatch(entry: HistoryEntry, patch: EntryPatch): HistoryEntry {
	const next: HistoryEntry = { ...entry, updatedAt: patch.updatedAt };
	if (patch.message !== undefined) {
		next.message = patch.message;
	}
	if (patch.error !== undefined) {
		next.error = patch.error;
	}
	if (patch.following !== undefined) {
		next.following = patch.following;
	}
	if (patch.deletedAt !== undefined) {
		next.deletedAt = entry.deletedAt ?? patch.deletedAt;
	}
	if (patch.redactedAt !== undefined) {
		next.redactedAt = entry.redactedAt ?? patch.redactedAt;
		if (entry.origin !== undefined && next.params.body !== undefined) {
			// Display-only fields of a message read from the Space: its redacted text is not kept.
			const { body: _redacted, ...params } = next.params;
			next.params = params;
		}
	}
	if (patch.readAt !== undefined) {
		next.readAt = entry.readAt ?? patch.readAt;
	}
	return next;
}

/**
 * Whether an entry was sent with this signed-in profile: the same Space and project as the
 * profile, not only the same profile id. The history file is not trusted: an entry that names a
 * signed-in profile's id with another Space must never make a request (it would carry that
 * profile's token to the other host).
 */
export function sentWith(entry: HistoryEntry, profile: HistoryProfile): boolean {
	return (
		entry.profile.id === profile.id &&
		entry.profile.spaceUrl === profile.spaceUrl &&
		entry.profile.projectId.toLowerCase() === profile.projectId.toLowerCase()
	);
}

// --- Guards: a stored entry is checked whole before it is used --------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function isOptionalString(value: unknown): boolean {
	return value === undefined || typeof value === 'string';
}

function isMessageLike(value: unknown): value is Message {
	return isObject(value) && typeof value.sid === 'string' && typeof value.status === 'string';
}

function isOptionalTime(value: unknown): boolean {
	return value === undefined || isFiniteNumber(value);
}

function isFailureLike(value: unknown): value is SendFailure {
	return isObject(value) && typeof value.kind === 'string' && typeof value.message === 'string';
}

/** The request fields: strings where strings go, a list of strings for the media. */
function isParamsLike(value: unknown): value is CreateMessageParams {
	if (!isObject(value)) {
		return false;
	}
	const {
		to,
		from,
		messagingServiceSid,
		body,
		mediaUrls,
		sendAsMms,
		statusCallback,
		validityPeriod,
		maxPrice,
		applicationSid,
	} = value;
	return (
		typeof to === 'string' &&
		[from, messagingServiceSid, body, statusCallback, maxPrice, applicationSid].every(isOptionalString) &&
		(validityPeriod === undefined || isFiniteNumber(validityPeriod)) &&
		(mediaUrls === undefined || (Array.isArray(mediaUrls) && mediaUrls.every((url) => typeof url === 'string'))) &&
		(sendAsMms === undefined || typeof sendAsMms === 'boolean')
	);
}

export function isHistoryEntry(value: unknown): value is HistoryEntry {
	if (!isObject(value)) {
		return false;
	}
	const {
		id,
		profile,
		params,
		origin,
		message,
		error,
		createdAt,
		updatedAt,
		following,
		deletedAt,
		redactedAt,
		readAt,
		testRun,
	} = value;
	return (
		typeof id === 'string' &&
		id !== '' &&
		isObject(profile) &&
		typeof profile.id === 'string' &&
		typeof profile.spaceUrl === 'string' &&
		typeof profile.projectId === 'string' &&
		isParamsLike(params) &&
		(origin === undefined || origin === 'imported' || origin === 'reply') &&
		(origin === undefined || isMessageLike(message)) &&
		(message === undefined || isMessageLike(message)) &&
		(error === undefined || isFailureLike(error)) &&
		isFiniteNumber(createdAt) &&
		isFiniteNumber(updatedAt) &&
		(following === undefined || typeof following === 'boolean') &&
		isOptionalTime(deletedAt) &&
		isOptionalTime(redactedAt) &&
		isOptionalTime(readAt) &&
		(testRun === undefined || typeof testRun === 'boolean')
	);
}

export function isEntryPatch(value: unknown): value is EntryPatch {
	return (
		isObject(value) &&
		isFiniteNumber(value.updatedAt) &&
		(value.message === undefined || isMessageLike(value.message)) &&
		(value.error === undefined || isFailureLike(value.error)) &&
		(value.following === undefined || typeof value.following === 'boolean') &&
		isOptionalTime(value.deletedAt) &&
		isOptionalTime(value.redactedAt) &&
		isOptionalTime(value.readAt)
	);
}
