/**
 * What the user asks SignalWire to do to a message (src/signalwire/messageLog.ts): delete it,
 * redact its body, list or delete its media. Each request goes with the signed-in profile of the
 * message's Space (else the active one); what SignalWire did is then marked in the repository (the
 * history journal: kept and marked, never removed), which the threads follow.
 * No `vscode` import: unit-tested in plain mocha against the local server.
 */
import * as l10n from '@vscode/l10n';
import type { KnownMessage } from '../core/conversations';
import type { Message } from '../core/types';
import { NotSignedInError } from '../errors/notSignedIn';
import type { HistoryProfile } from '../history/entry';
import type { ReceivedMessages } from '../history/receivedEntries';
import type { SignalWireClient } from '../signalwire/client';
import { deleteMedia, deleteMessage, listMedia, redactMessage, type MediaItem } from '../signalwire/messageLog';

export interface RemoteActionDeps<P extends HistoryProfile> {
	/** The message with this SID as the threads (or the history) know it. */
	known(sid: string): KnownMessage | undefined;
	/** The signed-in profile of a Space id. */
	profile(profileId: string): Promise<P | undefined>;
	activeProfile(): Promise<P | undefined>;
	clientFor(profile: P): Promise<SignalWireClient>;
	received: Pick<ReceivedMessages, 'mark'>;
	/** After the repository was marked: for a message it does not hold (shown before it was recorded). */
	onDeleted(sid: string, at: number): void;
	onRedacted(known: KnownMessage): void;
	now(): number;
	info(text: string): void;
}

export class RemoteMessageActions<P extends HistoryProfile> {
	constructor(private readonly deps: RemoteActionDeps<P>) {}

	/** The known message with this SID, and its Space (else the active one). Rejects when not signed in to it. */
	async locate(sid: string): Promise<{ profile: P; known: KnownMessage | undefined }> {
		const known = this.deps.known(sid);
		const profile = known ? await this.deps.profile(known.profileId) : await this.deps.activeProfile();
		if (!profile) {
			throw new NotSignedInError(l10n.t('Not signed in to the Space of message {0}: sign in to it first.', sid));
		}
		return { profile, known };
	}

	/** `DELETE` at SignalWire; the local copy is marked deleted (not removed). */
	async deleteAtSignalWire(sid: string): Promise<void> {
		const { deps } = this;
		const { profile, known } = await this.locate(sid);
		const client = await deps.clientFor(profile);
		deps.info(`→ DELETE …/Messages/${sid}`);
		await deleteMessage(client, sid);
		deps.info(`← 204: message ${sid} deleted at SignalWire.`);
		const at = deps.now();
		await deps.received.mark(sid, { deletedAt: at });
		if (known) {
			deps.onDeleted(sid, at);
		}
	}

	/** Redacts the body at SignalWire (`POST` with an empty Body); the local copy follows. */
	async redactAtSignalWire(sid: string): Promise<Message> {
		const { deps } = this;
		const { profile, known } = await this.locate(sid);
		const client = await deps.clientFor(profile);
		deps.info(`→ POST …/Messages/${sid} Body=`);
		const message = await redactMessage(client, sid);
		deps.info(`← 200: the body of ${sid} was redacted at SignalWire.`);
		const redacted = { ...message, body: message.body ?? '' };
		const at = deps.now();
		// The repository keeps the message as SignalWire now has it, marked redacted.
		await deps.received.mark(sid, { redactedAt: at, message: redacted });
		deps.onRedacted({
			profileId: profile.id,
			message: redacted,
			origin: known?.origin ?? 'imported',
			read: true,
			redactedAt: at,
		});
		return message;
	}

	async listMedia(sid: string): Promise<MediaItem[]> {
		const { profile } = await this.locate(sid);
		return listMedia(await this.deps.clientFor(profile), sid);
	}

	async deleteMedia(sid: string, mediaSid: string): Promise<void> {
		const { profile } = await this.locate(sid);
		await deleteMedia(await this.deps.clientFor(profile), sid, mediaSid);
		this.deps.info(`Media ${mediaSid} of ${sid} deleted at SignalWire.`);
	}
}
