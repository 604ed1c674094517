import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KnownMessage } from '../../src/core/conversations';
import { ConversationStore } from '../../src/replies/conversationStore';

function known(sid: string): KnownMessage {
	return {
		profileId: 'http://127.0.0.1:1|p',
		origin: 'imported',
		read: true,
		redactedAt: 5,
		message: {
			account_sid: 'p',
			api_version: '2010-04-01',
			body: '',
			num_segments: 1,
			num_media: 0,
			date_created: 'Mon, 30 Nov 2026 12:00:00 +0000',
			date_sent: null,
			date_updated: 'Mon, 30 Nov 2026 12:00:00 +0000',
			direction: 'inbound',
			error_code: null,
			error_message: null,
			from: '+15550100555',
			price: null,
			price_unit: null,
			sid,
			status: 'received',
			to: '+15550100100',
			messaging_service_sid: null,
			uri: '',
			subresource_uris: null,
		},
	};
}

describe('ConversationStore', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conversations-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('has nothing before the first write, then reads back what it wrote (batched, atomic)', async () => {
		const store = new ConversationStore(path.join(dir, 'nested'));
		assert.deepEqual(await store.load(), []);
		let snapshots = 0;
		store.saveSoon(() => (snapshots++, [known('a')]));
		store.saveSoon(() => (snapshots++, [known('a'), known('b')]));
		await store.flush();
		assert.equal(snapshots, 1, 'two changes in a row, one write');
		const loaded = await new ConversationStore(path.join(dir, 'nested')).load();
		assert.deepEqual(loaded, [known('a'), known('b')]);
		assert.deepEqual(fs.readdirSync(path.join(dir, 'nested')), ['conversations.json']);
	});

	it('reads a damaged or foreign file as nothing, and keeps only well-formed messages', async () => {
		const store = new ConversationStore(dir);
		fs.writeFileSync(store.file, '{not json');
		assert.deepEqual(await store.load(), []);
		fs.writeFileSync(store.file, JSON.stringify({ version: 1, messages: [known('ok'), { profileId: 1 }, { ...known('x'), origin: 'elsewhere' }] }));
		assert.deepEqual((await store.load()).map((k) => k.message.sid), ['ok']);
	});
});
