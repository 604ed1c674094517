/**
 * The sandbox against the official SDK (@signalwire/compatibility-api, a dev dependency): its
 * delete, redact, media, list filters and number update calls work, its errors carry the
 * documented codes, and the sandbox's signed callbacks pass its validateRequest.
 */
import * as assert from 'node:assert/strict';
import { RestClient } from '@signalwire/compatibility-api';
import { SANDBOX_HANDSETS } from '../../sandbox/server';
import { FROM, TO, startReceiver, useSandbox, waitFor, type Receiver } from './harness';

/** The part of the SDK these tests use (its own typings are not reachable under moduleResolution Bundler). */
interface SdkMessage {
	sid: string;
	status: string;
	body: string | null;
	from: string;
	to: string;
	direction: string;
}
interface SdkClient {
	api: { baseUrl: string };
	messages: {
		(sid: string): {
			fetch(): Promise<SdkMessage>;
			remove(): Promise<boolean>;
			update(options: { body: string }): Promise<SdkMessage>;
			media: {
				(sid: string): { fetch(): Promise<{ sid: string; contentType: string; parentSid: string }>; remove(): Promise<boolean> };
				list(): Promise<{ sid: string; contentType: string; parentSid: string }[]>;
			};
		};
		create(options: { to: string; from: string; body?: string; mediaUrl?: string[]; statusCallback?: string }): Promise<SdkMessage>;
		list(options: { dateSent?: Date; dateSentBefore?: Date; dateSentAfter?: Date; from?: string; to?: string; pageSize?: number; limit?: number }): Promise<SdkMessage[]>;
	};
	incomingPhoneNumbers(sid: string): {
		update(options: { smsUrl?: string; smsMethod?: string }): Promise<{ smsUrl: string | null; smsMethod: string }>;
		fetch(): Promise<{ smsUrl: string | null; smsMethod: string; phoneNumber: string }>;
	};
}
type ValidateRequest = (signingKey: string, header: string, url: string, params: Record<string, string>) => boolean;
const validateRequest = (RestClient as unknown as { validateRequest: ValidateRequest }).validateRequest;

const HOUR = 60 * 60 * 1000;

describe('sandbox: with the official SDK', () => {
	const h = useSandbox({ statusProgression: 'fetch', replyDelayMs: 10 });
	let sdk: SdkClient;
	let receiver: Receiver;

	before(async () => {
		receiver = await startReceiver();
	});
	after(async () => {
		await receiver.close();
	});
	beforeEach(() => {
		sdk = RestClient(h.sb.projectId, h.sb.token, { signalwireSpaceUrl: 'sandbox.invalid' }) as unknown as SdkClient;
		sdk.api.baseUrl = h.sb.url; // the SDK talks https to the Space; the sandbox is plain http on loopback
		receiver.received.length = 0;
		receiver.answer = { status: 204 };
	});

	async function delivered(options: { body?: string; mediaUrl?: string[]; statusCallback?: string } = { body: 'hello' }): Promise<SdkMessage> {
		const created = await sdk.messages.create({ to: TO, from: FROM, ...options });
		let m = created;
		for (let i = 0; i < 3; i++) {
			m = await sdk.messages(created.sid).fetch();
		}
		return m;
	}

	it('removes a message (204), and refuses one in progress with 20009', async () => {
		const queued = await sdk.messages.create({ to: TO, from: FROM, body: 'not yet' });
		await assert.rejects(sdk.messages(queued.sid).remove(), (error: { code?: number; status?: number }) => error.code === 20009 && error.status === 422);
		const done = await delivered();
		assert.equal(await sdk.messages(done.sid).remove(), true);
		assert.equal(h.sb.messages.some((m) => m.sid === done.sid), false);
		await assert.rejects(sdk.messages(done.sid).fetch(), (error: { code?: number }) => error.code === 20404);
	});

	it('redacts with update({ body: "" }); a non-empty body is 50509, a message in progress 10000', async () => {
		const queued = await sdk.messages.create({ to: TO, from: FROM, body: 'secret' });
		await assert.rejects(sdk.messages(queued.sid).update({ body: '' }), (error: { code?: number }) => error.code === 10000);
		const done = await delivered({ body: 'secret 123456' });
		await assert.rejects(sdk.messages(done.sid).update({ body: 'other' }), (error: { code?: number }) => error.code === 50509);
		const redacted = await sdk.messages(done.sid).update({ body: '' });
		assert.equal(redacted.body, '');
		assert.equal(h.sb.messages.find((m) => m.sid === done.sid)?.body, '');
	});

	it('lists, fetches and removes media', async () => {
		const m = await delivered({ body: 'pics', mediaUrl: ['https://example.com/a.png', 'https://example.com/b.jpg'] });
		const media = await sdk.messages(m.sid).media.list();
		assert.equal(media.length, 2);
		assert.deepEqual(media.map((item) => item.contentType).sort(), ['image/jpeg', 'image/png']);
		assert.ok(media.every((item) => item.parentSid === m.sid));
		const one = await sdk.messages(m.sid).media(media[0].sid).fetch();
		assert.equal(one.sid, media[0].sid);
		assert.equal(await sdk.messages(m.sid).media(media[0].sid).remove(), true);
		assert.deepEqual(
			(await sdk.messages(m.sid).media.list()).map((item) => item.sid),
			[media[1].sid],
		);
		await assert.rejects(sdk.messages(m.sid).media(media[0].sid).fetch(), (error: { code?: number }) => error.code === 20404);
	});

	it('refuses to remove media of a message in progress with 20009', async () => {
		const queued = await sdk.messages.create({ to: TO, from: FROM, mediaUrl: ['https://example.com/a.png'] });
		const [item] = await sdk.messages(queued.sid).media.list();
		await assert.rejects(sdk.messages(queued.sid).media(item.sid).remove(), (error: { code?: number }) => error.code === 20009);
	});

	it('lists with dateSentBefore, dateSentAfter, from and to (ISO date-times, as the SDK sends them)', async () => {
		const mine = await delivered({ body: 'mine' });
		await delivered({ body: 'mine too' });
		await sdk.messages.create({ to: '+15557654321', from: FROM, body: 'other recipient' });
		const now = Date.now();
		const around = await sdk.messages.list({ dateSentAfter: new Date(now - HOUR), dateSentBefore: new Date(now + HOUR), from: FROM, to: TO });
		assert.deepEqual(
			around.map((m) => m.body),
			['mine too', 'mine'],
		);
		assert.equal((await sdk.messages.list({ dateSentAfter: new Date(now + HOUR) })).length, 0);
		assert.equal((await sdk.messages.list({ dateSentBefore: new Date(now - HOUR) })).length, 0);
		assert.equal((await sdk.messages.list({ dateSent: new Date() })).length, 3);
		const query = h.sb.requests.at(-1)!.query;
		assert.match(query.DateSent[0], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		const paged = await sdk.messages.list({ to: TO, pageSize: 1 });
		assert.deepEqual(
			paged.map((m) => m.sid),
			(await sdk.messages.list({ to: TO })).map((m) => m.sid),
		);
		assert.ok(paged.some((m) => m.sid === mine.sid), 'the SDK followed next_page_uri');
	});

	it("updates a number's SmsUrl and SmsMethod, and fetches them back", async () => {
		const sid = h.sb.numbers[0].sid;
		const updated = await sdk.incomingPhoneNumbers(sid).update({ smsUrl: `${receiver.url}/inbound`, smsMethod: 'POST' });
		assert.equal(updated.smsUrl, `${receiver.url}/inbound`);
		assert.equal(updated.smsMethod, 'POST');
		const fetched = await sdk.incomingPhoneNumbers(sid).fetch();
		assert.equal(fetched.smsUrl, `${receiver.url}/inbound`);
		assert.equal(fetched.phoneNumber, h.sb.numbers[0].phoneNumber);
	});

	it("signs StatusCallbacks so that the SDK's validateRequest accepts them (and rejects them with another key)", async () => {
		const url = `${receiver.url}/status?run=1`;
		await delivered({ body: 'Grüße 👋 & more', statusCallback: url });
		await h.sb.callbacksIdle();
		assert.deepEqual(
			receiver.received.map((r) => r.params.MessageStatus),
			['queued', 'sending', 'sent', 'delivered'],
		);
		for (const r of receiver.received) {
			const signature = String(r.headers['x-signalwire-signature']);
			assert.equal(validateRequest(h.sb.signingKey, signature, url, r.params), true, r.params.MessageStatus);
			assert.equal(validateRequest('PSK_wrong', signature, url, r.params), false);
			assert.equal(validateRequest(h.sb.token, signature, url, r.params), false, 'signed with the signing key, not the API token');
		}
	});

	it('signs inbound webhooks (with media) so that validateRequest accepts them', async () => {
		const url = `${receiver.url}/inbound`;
		await sdk.incomingPhoneNumbers(h.sb.numbers[0].sid).update({ smsUrl: url, smsMethod: 'POST' });
		await sdk.messages.create({ to: SANDBOX_HANDSETS.echo, from: FROM, body: 'ping', mediaUrl: ['https://example.com/a.gif'] });
		await waitFor(() => receiver.received.length === 1, 3000, 'the echo webhook');
		const r = receiver.received[0];
		assert.equal(r.params.Body, 'Echo: ping');
		assert.equal(r.params.MediaUrl0, 'https://example.com/a.gif');
		assert.equal(r.params.MediaContentType0, 'image/gif');
		assert.equal(validateRequest(h.sb.signingKey, String(r.headers['x-signalwire-signature']), url, r.params), true);
	});
});
