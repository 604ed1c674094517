import * as assert from 'node:assert/strict';
import type { Message } from '../../src/core/types';
import type { HistoryService } from '../../src/history/historyService';
import { statusCallbacksToHistory } from '../../src/webhooks/historyCallbacks';

type HistoryEntry = ReturnType<HistoryService['entries']>[number];

function entry(id: string, sid: string, status: string, following: boolean): HistoryEntry {
	return {
		id,
		profile: { id: 'p', spaceUrl: 'http://127.0.0.1:1', projectId: 'x' },
		params: { to: '+15550100199', from: '+15550100100', body: 'hi' },
		message: { sid, status, error_code: null } as unknown as Message,
		createdAt: 1,
		updatedAt: 1,
		...(following ? { following: true } : {}),
	};
}

describe('webhooks: status callbacks into the history', () => {
	function history(entries: HistoryEntry[]) {
		const recorded: Array<{ id: string; status: string; errorCode: string | null; settled: boolean }> = [];
		return {
			recorded,
			sink: statusCallbacksToHistory({
				ready: async () => undefined,
				entries: () => entries,
				onFollowedMessage: async (id: string, message: Message, settled: boolean) => {
					recorded.push({ id, status: message.status, errorCode: message.error_code, settled });
					const target = entries.find((e) => e.id === id);
					if (target) {
						target.message = message;
					}
				},
			}),
		};
	}

	it('records a newer status of the message with that SID, with its error code', async () => {
		const { sink, recorded } = history([entry('a', 'SM1', 'queued', true), entry('b', 'SM2', 'queued', true)]);
		await sink.onStatusCallback({ messageSid: 'SM2', status: 'sent' });
		await sink.onStatusCallback({ messageSid: 'SM2', status: 'undelivered', errorCode: '30005' });
		assert.deepEqual(recorded, [
			{ id: 'b', status: 'sent', errorCode: null, settled: false },
			{ id: 'b', status: 'undelivered', errorCode: '30005', settled: true },
		]);
	});

	it('never moves a status back, ignores repeats and unknown SIDs', async () => {
		const { sink, recorded } = history([entry('a', 'SM1', 'sent', true), entry('c', 'SM3', 'delivered', false)]);
		await sink.onStatusCallback({ messageSid: 'SM1', status: 'queued' });
		await sink.onStatusCallback({ messageSid: 'SM1', status: 'sent' });
		await sink.onStatusCallback({ messageSid: 'SM3', status: 'sent' });
		await sink.onStatusCallback({ messageSid: 'SM9', status: 'delivered' });
		assert.deepEqual(recorded, []);
	});

	it('never replaces a final status with another from a callback', async () => {
		const finals = [entry('d', 'SM4', 'delivered', false), entry('u', 'SM5', 'undelivered', false), entry('r', 'SM6', 'received', false)];
		const { sink, recorded } = history(finals);
		await sink.onStatusCallback({ messageSid: 'SM4', status: 'undelivered', errorCode: '30007' });
		await sink.onStatusCallback({ messageSid: 'SM4', status: 'failed' });
		await sink.onStatusCallback({ messageSid: 'SM5', status: 'delivered' });
		await sink.onStatusCallback({ messageSid: 'SM6', status: 'failed' });
		assert.deepEqual(recorded, []);
	});

	it('keeps a message nobody follows unfollowed', async () => {
		const { sink, recorded } = history([entry('a', 'SM1', 'queued', false)]);
		await sink.onStatusCallback({ messageSid: 'SM1', status: 'sent' });
		assert.deepEqual(recorded, [{ id: 'a', status: 'sent', errorCode: null, settled: true }]);
	});
});
