/**
 * One message as the extension knows it (src/core/conversations.ts keeps them by SID): its
 * fields, how two copies of one SID merge, and how stored messages are read back.
 * Pure: no `vscode`, no Node-only APIs; unit-tested in plain mocha.
 */
import type { Message } from './types';

/** Where a message came from: a send from VS Code, a poll of the Space's list, or an import. */
export type MessageOrigin = 'sent' | 'polled' | 'imported';

/** One message as the extension knows it. */
export interface KnownMessage {
	/** The signed-in Space it belongs to (src/credentials/profile.ts). */
	profileId: string;
	message: Message;
	origin: MessageOrigin;
	/** Inbound: the user has seen it (its thread was shown). Always true for outbound. */
	read: boolean;
	/** When it was deleted at SignalWire (kept and marked, not removed). */
	deletedAt?: number;
	/** When its body was redacted at SignalWire. */
	redactedAt?: number;
	/** Media URLs known without a request (the MediaUrl of a send). */
	mediaUrls?: string[];
	/** The history entry of a send from VS Code. */
	historyId?: string;
}

/**
 * Two copies of one SID as one: the newer Message wins; a send from VS Code stays one; read,
 * deleted and media are kept.
 */
export function mergeKnown(existing: KnownMessage, incoming: KnownMessage): KnownMessage {
	const newer =
		Date.parse(incoming.message.date_updated) >= Date.parse(existing.message.date_updated) ||
		Number.isNaN(Date.parse(existing.message.date_updated));
	const merged: KnownMessage = {
		profileId: existing.profileId,
		message: newer ? incoming.message : existing.message,
		origin: existing.origin === 'sent' || incoming.origin === 'sent' ? 'sent' : existing.origin,
		read: existing.read || incoming.read,
	};
	const deletedAt = existing.deletedAt ?? incoming.deletedAt;
	const redactedAt = existing.redactedAt ?? incoming.redactedAt;
	const mediaUrls = existing.mediaUrls ?? incoming.mediaUrls;
	const historyId = existing.historyId ?? incoming.historyId;
	return {
		...merged,
		...(deletedAt !== undefined ? { deletedAt } : {}),
		...(redactedAt !== undefined ? { redactedAt } : {}),
		...(mediaUrls ? { mediaUrls } : {}),
		...(historyId ? { historyId } : {}),
	};
}

/** Whether a merge changed nothing. */
export function sameKnown(a: KnownMessage, b: KnownMessage): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Reads stored messages (untrusted: a file another version or a person may have written). */
export function parseKnownMessages(json: unknown): KnownMessage[] {
	if (!Array.isArray(json)) {
		return [];
	}
	const out: KnownMessage[] = [];
	for (const item of json) {
		if (typeof item !== 'object' || item === null) {
			continue;
		}
		const record = item as Record<string, unknown>;
		const message = record.message as Record<string, unknown> | null | undefined;
		const origin = record.origin;
		if (
			typeof record.profileId !== 'string' ||
			typeof message !== 'object' ||
			message === null ||
			!['sid', 'status', 'to', 'from', 'direction', 'date_created', 'date_updated'].every(
				(field) => typeof message[field] === 'string',
			) ||
			(origin !== 'sent' && origin !== 'polled' && origin !== 'imported')
		) {
			continue;
		}
		const mediaUrls = Array.isArray(record.mediaUrls)
			? record.mediaUrls.filter((url): url is string => typeof url === 'string')
			: undefined;
		out.push({
			profileId: record.profileId,
			message: {
				...(message as unknown as Message),
				body: typeof message.body === 'string' ? message.body : null,
				num_media: typeof message.num_media === 'number' ? message.num_media : 0,
				num_segments: typeof message.num_segments === 'number' ? message.num_segments : 0,
				date_sent: typeof message.date_sent === 'string' ? message.date_sent : null,
				error_code: typeof message.error_code === 'string' ? message.error_code : null,
			},
			origin,
			read: record.read === true,
			...(typeof record.deletedAt === 'number' ? { deletedAt: record.deletedAt } : {}),
			...(typeof record.redactedAt === 'number' ? { redactedAt: record.redactedAt } : {}),
			...(mediaUrls ? { mediaUrls } : {}),
			...(typeof record.historyId === 'string' ? { historyId: record.historyId } : {}),
		});
	}
	return out;
}
