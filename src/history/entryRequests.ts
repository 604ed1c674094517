/**
 * Where a request for a history entry may go. The history file is not trusted: an entry only names
 * a signed-in profile by id, and the request goes with that profile's Space, project and token,
 * and only when they are the ones the entry names.
 */
import * as l10n from '@vscode/l10n';
import { isNotSignedInError, NotSignedInError } from '../errors/notSignedIn';
import type { Profile } from '../credentials/profile';
import { isSignalWireApiError, isSpaceUrlError } from '../signalwire/errors';
import { sentWith, type HistoryEntry } from './entry';

/**
 * Thrown instead of making a request for an entry whose Space or project is not that of the
 * signed-in profile its id names (a forged or damaged history file): the token never goes there.
 */
export class UntrustedEntryError extends Error {
	readonly kind = 'untrusted-entry';
	constructor(entry: HistoryEntry) {
		super(
			l10n.t(
				'This history entry names {0} (project {1}), which is not the Space and project signed in under its profile: no request is made for it.',
				entry.profile.spaceUrl,
				entry.profile.projectId,
			),
		);
		this.name = 'UntrustedEntryError';
	}
}

/** The SID to fetch the entry's message by; throws when the request failed before a message was created. */
export function messageSidOf(entry: HistoryEntry): string {
	const sid = entry.message?.sid;
	if (!sid) {
		throw new Error(
			l10n.t('This send has no message SID: the request failed before SignalWire created a message.'),
		);
	}
	return sid;
}

/** The signed-in profile of the entry's id, when its Space and project are the entry's; throws otherwise. */
export function profileForEntry(profiles: readonly Profile[], entry: HistoryEntry): Profile {
	const profile = profiles.find((p) => p.id === entry.profile.id);
	if (!profile) {
		throw new NotSignedInError(
			l10n.t(
				'This message was sent with {0}, which is not signed in. Sign in to it again.',
				entry.profile.spaceUrl,
			),
		);
	}
	if (!sentWith(entry, profile)) {
		throw new UntrustedEntryError(entry);
	}
	return profile;
}

/** Fetching again will not help: signed out, a 4xx other than 429 (401, 404…), a bad Space URL. */
export function isFatalFetchError(error: unknown): boolean {
	if (isSignalWireApiError(error)) {
		return error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus !== 429;
	}
	if (isSpaceUrlError(error)) {
		return true;
	}
	return isNotSignedInError(error) || error instanceof UntrustedEntryError;
}
