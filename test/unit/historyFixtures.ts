/** Entries and messages for the history unit tests (not a test file itself). */
import type { HistoryEntry } from '../../src/history/entry';
import type { Message } from '../../src/core/types';

export const PROFILE = { id: 'https://example.signalwire.com|5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001', spaceUrl: 'https://example.signalwire.com', projectId: '5b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e001' };
export const OTHER_PROFILE = { id: 'https://other.signalwire.com|0b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e002', spaceUrl: 'https://other.signalwire.com', projectId: '0b5a6e1d-0c3f-4d7e-9a21-5a4db0c5e002' };

let counter = 0;

export function message(overrides: Partial<Message> = {}): Message {
	counter++;
	const sid = `0a059168-ead0-41af-9d1f-${String(counter).padStart(12, '0')}`;
	return {
		account_sid: PROFILE.projectId,
		api_version: '2010-04-01',
		body: 'Hello World!',
		num_segments: 1,
		num_media: 0,
		date_created: 'Mon, 13 Aug 2018 21:38:46 +0000',
		date_sent: null,
		date_updated: 'Mon, 13 Aug 2018 21:38:46 +0000',
		direction: 'outbound-api',
		error_code: null,
		error_message: null,
		from: '+15550100100',
		price: null,
		price_unit: 'USD',
		sid,
		status: 'queued',
		to: '+15550100199',
		messaging_service_sid: null,
		uri: `/api/laml/2010-04-01/Accounts/${PROFILE.projectId}/Messages/${sid}.json`,
		subresource_uris: { media: `/api/laml/2010-04-01/Accounts/${PROFILE.projectId}/Messages/${sid}/Media.json` },
		...overrides,
	};
}

export function entry(overrides: Partial<HistoryEntry> = {}, createdAt = Date.now()): HistoryEntry {
	counter++;
	return {
		id: `entry-${counter}-${Math.floor(createdAt)}`,
		profile: PROFILE,
		params: { to: '+15550100199', from: '+15550100100', body: 'Hello World!' },
		message: message(),
		createdAt,
		updatedAt: createdAt,
		...overrides,
	};
}
