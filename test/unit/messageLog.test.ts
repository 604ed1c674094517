import * as assert from 'node:assert/strict';
import { SignalWireClient } from '../../src/signalwire';
import { listNewMessages, messageLogQuery, parseMediaItem, walkMessageLog } from '../../src/signalwire/messageLog';
import { SANDBOX_NUMBERS, startSandbox, type Sandbox } from '../../sandbox/server';

const FROM = SANDBOX_NUMBERS[0].phoneNumber;

describe('message log (against the sandbox)', () => {
	let sb: Sandbox;
	let client: SignalWireClient;
	const sids: string[] = [];

	before(async () => {
		sb = await startSandbox();
		client = new SignalWireClient({ credentials: { space: sb.url, projectId: sb.projectId, token: sb.token }, timeoutMs: 5000 });
		for (let i = 0; i < 250; i++) {
			sids.push((await client.createMessage({ from: FROM, to: `+1555010${String(1000 + i).slice(-4)}`, body: `log ${i}` })).sid);
		}
	});
	after(async () => {
		await sb.close();
	});

	it('walks 250 messages over 3 pages, newest first, each once', async () => {
		const seen: string[] = [];
		const before = sb.requests.length;
		const result = await walkMessageLog(client, { pageSize: 100 }, { onPage: (messages) => (seen.push(...messages.map((m) => m.sid)), 'continue') });
		assert.deepEqual(result, { pages: 3, ended: 'last-page' });
		assert.equal(sb.requests.length - before, 3);
		assert.equal(new Set(seen).size, 250);
		assert.deepEqual(seen.slice(0, 2), [sids[249], sids[248]]);
	});

	it('stops without another request when cancelled between pages', async () => {
		let cancelled = false;
		const before = sb.requests.length;
		const result = await walkMessageLog(client, { pageSize: 100 }, { isCancelled: () => cancelled, onPage: () => ((cancelled = true), 'continue') });
		assert.deepEqual(result, { pages: 1, ended: 'cancelled' });
		assert.equal(sb.requests.length - before, 1);
	});

	it('a poll stops paging at the first page holding a SID already seen, and reads that page whole', async () => {
		const known = new Set([...sids.slice(0, 245), sids[248]]);
		const before = sb.requests.length;
		const found = await listNewMessages(client, { since: '2000-01-01', isSeen: (sid) => known.has(sid), pageSize: 2 });
		// Pages: [249, 248*] stop there; 247..245 are older than a seen one and not looked at.
		assert.deepEqual(found.map((m) => m.sid), [sids[249]]);
		assert.equal(sb.requests.length - before, 1);
		const unseen = new Set(sids.slice(0, 245));
		const all = await listNewMessages(client, { since: '2000-01-01', isSeen: (sid) => unseen.has(sid), pageSize: 2 });
		assert.deepEqual(all.map((m) => m.sid), sids.slice(245).reverse());
		assert.equal(sb.requests.length - before, 4);
		const query = sb.requests.at(-1)?.query ?? {};
		assert.deepEqual(sb.requests[before].query['DateSent>'], ['2000-01-01']);
		assert.ok(query.PageToken, 'follows next_page_uri');
	});

	it('writes the documented query names, and keeps media content on the Space', () => {
		assert.equal(
			messageLogQuery({ from: '+15550100555', dateSentAfter: '2026-01-01', dateSentBefore: '2026-01-02', pageSize: 5000 }).toString(),
			'From=%2B15550100555&DateSent%3E=2026-01-01&DateSent%3C=2026-01-02&PageSize=1000',
		);
		const item = parseMediaItem({ sid: 'm1', content_type: 'image/png', uri: '/api/laml/2010-04-01/Accounts/p/Messages/s/Media/m1.json' }, 'https://example.signalwire.com');
		assert.equal(item.contentUrl, 'https://example.signalwire.com/api/laml/2010-04-01/Accounts/p/Messages/s/Media/m1');
		assert.equal(parseMediaItem({ sid: 'm2', uri: 'https://evil.example/x.json' }, 'https://example.signalwire.com').contentUrl, '');
		assert.equal(parseMediaItem({ sid: 'm3', uri: '//evil.example/x.json' }, 'https://example.signalwire.com').contentUrl, '');
		assert.throws(() => parseMediaItem({ uri: '/x' }, 'https://example.signalwire.com'));
	});
});
