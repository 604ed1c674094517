/**
 * The handsets that answer (+15550100555 echoes, +15550100556 says STOP), opt-outs (21610), and
 * the inject route POST /__sandbox/inbound.
 */
import * as assert from 'node:assert/strict';
import { ControlInputError, SANDBOX_HANDSETS } from '../../sandbox/server';
import { FROM, TO, useSandbox, waitFor, type Json } from './harness';

const SECOND_NUMBER = '+15550100101';

describe('sandbox: replies', () => {
	const h = useSandbox({ statusStepMs: 5, replyDelayMs: 20 });
	const { call, create, account, control } = h;

	const inbound = (): Json[] => h.sb.messages.filter((m) => m.direction === 'inbound');

	it('the echo handset answers "Echo: <body>" from its number to the sender, as a received inbound Message, without any fetch', async () => {
		const sent = await create({ To: SANDBOX_HANDSETS.echo, From: FROM, Body: 'hello there' });
		assert.equal(sent.status, 201);
		await waitFor(() => inbound().length === 1, 3000, 'the echo');
		const [reply] = inbound();
		assert.equal(reply.from, SANDBOX_HANDSETS.echo);
		assert.equal(reply.to, FROM);
		assert.equal(reply.body, 'Echo: hello there');
		assert.equal(reply.status, 'received');
		assert.match(reply.date_sent, /\+0000$/);
		assert.equal(h.sb.requests.length, 1, 'only the create: nobody fetched the outbound message');
		const listed = await call('GET', `${account()}/Messages?To=${encodeURIComponent(FROM)}&From=${encodeURIComponent(SANDBOX_HANDSETS.echo)}`);
		assert.deepEqual(
			listed.json.messages.map((m: Json) => [m.direction, m.status, m.body]),
			[['inbound', 'received', 'Echo: hello there']],
		);
	});

	it('answers only after the outbound message reached the handset, and after the reply delay', async () => {
		h.sb.setSettings({ statusStepMs: 5, replyDelayMs: 300 });
		const started = Date.now();
		const sent = await create({ To: SANDBOX_HANDSETS.echo, From: FROM, Body: 'wait' });
		await waitFor(() => inbound().length === 1, 3000, 'the echo');
		assert.ok(Date.now() - started >= 300, 'not before the reply delay');
		assert.equal(h.sb.messages.find((m) => m.sid === sent.json.sid)?.status, 'delivered');
	});

	it('echoes the media of an MMS, to the number it came from', async () => {
		await create({ To: SANDBOX_HANDSETS.echo, From: SECOND_NUMBER, Body: 'look', MediaUrl: ['https://example.com/cat.jpg', 'https://example.com/dog.png'] });
		await waitFor(() => inbound().length === 1, 3000, 'the echo');
		const [reply] = inbound();
		assert.equal(reply.to, SECOND_NUMBER);
		assert.equal(reply.num_media, 2);
		const media = await call('GET', `${account()}/Messages/${reply.sid}/Media.json`);
		assert.deepEqual(media.json.media_list.map((m: Json) => m.content_type).sort(), ['image/jpeg', 'image/png']);
	});

	it('answers in fetch mode too, although nobody fetches', async () => {
		h.sb.setSettings({ statusProgression: 'fetch' });
		const sent = await create({ To: SANDBOX_HANDSETS.echo, From: FROM, Body: 'x' });
		await waitFor(() => inbound().length === 1, 3000, 'the echo');
		assert.equal(h.sb.messages.find((m) => m.sid === sent.json.sid)?.status, 'queued', 'the outbound status waits for fetches');
	});

	it('the STOP handset answers STOP; sends to it then fail with 21610 until it sends START', async () => {
		await create({ To: SANDBOX_HANDSETS.stop, From: FROM, Body: 'promo' });
		await waitFor(() => inbound().length === 1, 3000, 'the STOP');
		assert.equal(inbound()[0].body, 'STOP');
		assert.equal(inbound()[0].to, FROM);
		const refused = await create({ To: SANDBOX_HANDSETS.stop, From: FROM, Body: 'again' });
		assert.equal(refused.status, 400);
		assert.equal(refused.json.code, 21610);
		assert.match(refused.json.message, /opted out/);
		assert.equal(h.sb.messages.filter((m) => m.direction !== 'inbound').length, 1, 'the refused message is not created');
		assert.equal((await create({ To: SANDBOX_HANDSETS.stop, From: SECOND_NUMBER, Body: 'other sender' })).status, 201, 'the opt-out is from FROM only');
		const start = await control('POST', 'inbound', { from: SANDBOX_HANDSETS.stop, to: FROM, body: 'START' });
		assert.equal(start.status, 201);
		assert.equal((await create({ To: SANDBOX_HANDSETS.stop, From: FROM, Body: 'welcome back' })).status, 201);
	});

	it('an injected STOP from any number opts it out too', async () => {
		await control('POST', 'inbound', { from: TO, to: FROM, body: ' stop ' });
		assert.equal((await create({ To: TO, From: FROM, Body: 'x' })).json.code, 21610);
	});

	describe('POST /__sandbox/inbound', () => {
		it('creates a received inbound Message (body and media) and answers it with 201', async () => {
			const answer = await control('POST', 'inbound', { from: '+15557654321', to: FROM, body: 'hi from a phone', mediaUrls: ['https://example.com/a.png'] });
			assert.equal(answer.status, 201);
			assert.equal(answer.json.direction, 'inbound');
			assert.equal(answer.json.status, 'received');
			assert.equal(answer.json.from, '+15557654321');
			assert.equal(answer.json.to, FROM);
			assert.equal(answer.json.body, 'hi from a phone');
			assert.equal(answer.json.num_media, 1);
			const fetched = await call('GET', `${account()}/Messages/${answer.json.sid}.json`);
			assert.equal(fetched.json.status, 'received', 'an inbound message does not advance');
			const listed = await call('GET', `${account()}/Messages?Status=received`);
			assert.equal(listed.json.messages.length, 1);
		});

		it('takes a media-only message', async () => {
			const answer = await control('POST', 'inbound', { from: '+15557654321', to: FROM, mediaUrls: ['https://example.com/a.png'] });
			assert.equal(answer.status, 201);
			assert.equal(answer.json.body, null);
		});

		const bad: [string, unknown, RegExp][] = [
			['not an object', [1], /JSON object/],
			['an unknown field', { from: TO, to: FROM, body: 'x', media: [] }, /unknown field "media"/],
			['from not E.164', { from: '555', to: FROM, body: 'x' }, /from must be an E\.164 number/],
			['to not a project number', { from: TO, to: '+15559999999', body: 'x' }, /to must be one of the project's SMS numbers/],
			['to a voice-only number', { from: TO, to: '+15550100103', body: 'x' }, /SMS numbers/],
			['no body and no media', { from: TO, to: FROM, body: '' }, /give a body, mediaUrls, or both/],
			['a media URL that is not http(s)', { from: TO, to: FROM, mediaUrls: ['ftp://x/y'] }, /mediaUrls must be an array of absolute http/],
			['a body over 1600 characters', { from: TO, to: FROM, body: 'a'.repeat(1601) }, /at most 1600/],
		];
		for (const [name, body, message] of bad) {
			it(`answers 400 naming the rule for ${name}`, async () => {
				const answer = await control('POST', 'inbound', body);
				assert.equal(answer.status, 400);
				assert.match(answer.json.error, message);
				assert.equal(h.sb.messages.length, 0);
			});
		}

		it('sandbox.inject checks its input as the route does', () => {
			assert.throws(() => h.sb.inject({ from: TO, to: '+15559999999', body: 'x' }), ControlInputError);
			assert.throws(() => h.sb.inject({ from: TO, to: FROM }), /give a body, mediaUrls, or both/);
			assert.equal(h.sb.inject({ from: TO, to: FROM, body: 'ok' }).status, 'received');
		});

		it('answers 400 for a body that is not JSON', async () => {
			const answer = await control('POST', 'inbound', '{nope');
			assert.equal(answer.status, 400);
			assert.match(answer.json.error, /invalid JSON/);
		});
	});
});
