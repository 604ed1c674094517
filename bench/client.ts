/**
 * Client overhead: the extension's whole send path (validateMessage + SignalWireClient.createMessage)
 * against the local sandbox, side by side with a bare fetch, plain ky and the official SDK, in
 * one process, interleaved round-robin (the order rotates each round so no client is always first).
 * The sandbox runs in this process too: its per-request cost is in every figure alike.
 */
import { RestClient } from '@signalwire/compatibility-api';
import ky from 'ky';
import { performance } from 'node:perf_hooks';
import { validateMessage } from '../src/core/validation';
import { SignalWireClient } from '../src/signalwire/client';
import type { MessageDraft } from '../src/core/draft';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { median, ms, quantile, ratio, type Row } from './stats';

const ROUNDS = Number(process.env.BENCH_CLIENT_ROUNDS ?? 2000);
const WARMUP = Number(process.env.BENCH_CLIENT_WARMUP ?? 200);
/** Reset the sandbox's recorded requests and messages this often (untimed). */
const RESET_EVERY = 100;

const TO = '+15550100199';
const FROM = '+15550100100';
const BODY = 'Hello from the SMS Sandbox benchmark: your code is 123456.';
const USER_AGENT = 'signalwire-messaging-sandbox/bench (unofficial VS Code extension)';

interface Contestant {
	name: string;
	/** Sends one message; throws unless it was created. */
	send: () => Promise<void>;
}

export interface ClientFigures {
	name: string;
	medianMs: number;
	p99Ms: number;
	meanMs: number;
}

export function contestants(sandbox: Sandbox): Contestant[] {
	const credentials = { space: sandbox.url, projectId: sandbox.projectId, token: sandbox.token };
	const ours = new SignalWireClient({ credentials, userAgent: USER_AGENT });
	const draft: MessageDraft = { to: TO, from: FROM, body: BODY };
	const viaOurs = async (client: SignalWireClient): Promise<void> => {
		const validation = validateMessage(draft);
		if (!validation.ok) {
			throw new Error(`invalid draft: ${validation.problems[0].message}`);
		}
		const message = await client.createMessage(validation.params);
		if (!message.sid) {
			throw new Error('no sid');
		}
	};
	const url = `${sandbox.url}/api/laml/2010-04-01/Accounts/${encodeURIComponent(sandbox.projectId)}/Messages`;
	const headers = {
		authorization: `Basic ${Buffer.from(`${sandbox.projectId}:${sandbox.token}`).toString('base64')}`,
		accept: 'application/json',
		'user-agent': USER_AGENT,
		'content-type': 'application/x-www-form-urlencoded',
	};
	const handBuiltBody = (): string => `To=${encodeURIComponent(TO)}&From=${encodeURIComponent(FROM)}&Body=${encodeURIComponent(BODY)}`;
	const sdk = RestClient(sandbox.projectId, sandbox.token, { signalwireSpaceUrl: `127.0.0.1:${sandbox.port}` });
	// The SDK builds https://{host}; the sandbox is plain http on loopback (docs/api-notes.md,
	// "Paths and authentication").
	sdk.api.baseUrl = sandbox.url;
	return [
		{ name: 'extension (validate + SignalWireClient)', send: () => viaOurs(ours) },
		{
			name: 'bare fetch (hand-built body)',
			send: async () => {
				const response = await fetch(url, { method: 'POST', headers, body: handBuiltBody(), redirect: 'manual' });
				const json = (await response.json()) as { sid?: string };
				if (response.status !== 201 || !json.sid) {
					throw new Error(`fetch: HTTP ${response.status}`);
				}
			},
		},
		{
			name: 'official SDK 3.2.0 (messages.create)',
			send: async () => {
				const message = await sdk.messages.create({ to: TO, from: FROM, body: BODY });
				if (!message.sid) {
					throw new Error('SDK: no sid');
				}
			},
		},
		{
			name: 'plain ky (ky.post, same body)',
			send: async () => {
				const json = await ky.post(url, { headers, body: handBuiltBody() }).json<{ sid?: string }>();
				if (!json.sid) {
					throw new Error('ky: no sid');
				}
			},
		},
		{
			name: 'extension, a new client per send (ClientProvider caches one per profile)',
			send: () => viaOurs(new SignalWireClient({ credentials, userAgent: USER_AGENT })),
		},
	];
}

export async function runRounds(sandbox: Sandbox, list: Contestant[], rounds: number, samples?: number[][]): Promise<void> {
	for (let round = 0; round < rounds; round++) {
		if (round % RESET_EVERY === 0) {
			sandbox.reset();
		}
		for (let k = 0; k < list.length; k++) {
			const index = (round + k) % list.length;
			const started = performance.now();
			await list[index].send();
			const elapsed = performance.now() - started;
			samples?.[index].push(elapsed);
		}
	}
}

/** Time of validateMessage alone (no I/O), for the breakdown. */
function validationCost(): number {
	const draft: MessageDraft = { to: TO, from: FROM, body: BODY };
	const times: number[] = [];
	for (let i = 0; i < 5000; i++) {
		const started = performance.now();
		validateMessage(draft);
		times.push(performance.now() - started);
	}
	return median(times.slice(1000));
}

export async function benchClient(log: (line: string) => void): Promise<{ rows: Row[]; figures: ClientFigures[] }> {
	const sandbox = await startSandbox();
	try {
		const list = contestants(sandbox);
		log(`client: warm-up ${WARMUP} rounds × ${list.length} clients`);
		await runRounds(sandbox, list, WARMUP);
		log(`client: ${ROUNDS} rounds × ${list.length} clients, interleaved`);
		const samples = list.map(() => [] as number[]);
		const started = Date.now();
		await runRounds(sandbox, list, ROUNDS, samples);
		log(`client: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		sandbox.reset();
		const figures = list.map((c, i) => ({
			name: c.name,
			medianMs: median(samples[i]),
			p99Ms: quantile(samples[i], 0.99),
			meanMs: samples[i].reduce((a, b) => a + b, 0) / samples[i].length,
		}));
		const [ours, fetchFig, sdk, kyFig, oursNew] = figures;
		const validateMs = validationCost();
		const rows: Row[] = [];
		const versus = (f: ClientFigures): string => `bare fetch ${ms(fetchFig.medianMs)} → ${ratio(f.medianMs, fetchFig.medianMs)}`;
		rows.push({
			area: 'Client overhead',
			what: `${ours.name}, median per request`,
			figure: ms(ours.medianMs),
			goal: '≤ 1.3× bare fetch, < SDK',
			compared: `${versus(ours)}; SDK ${ms(sdk.medianMs)} (${ratio(ours.medianMs, sdk.medianMs)} of SDK)`,
			met: ours.medianMs <= 1.3 * fetchFig.medianMs && ours.medianMs < sdk.medianMs,
			raw: { ...ours, ratioToFetch: ours.medianMs / fetchFig.medianMs, ratioToSdk: ours.medianMs / sdk.medianMs, samples: ROUNDS },
		});
		rows.push({
			area: 'Client overhead',
			what: `${ours.name}, p99 per request`,
			figure: ms(ours.p99Ms),
			goal: '< 2× bare fetch p99',
			compared: `bare fetch p99 ${ms(fetchFig.p99Ms)} → ${ratio(ours.p99Ms, fetchFig.p99Ms)}`,
			met: ours.p99Ms < 2 * fetchFig.p99Ms,
			raw: { p99Ms: ours.p99Ms, fetchP99Ms: fetchFig.p99Ms, ratio: ours.p99Ms / fetchFig.p99Ms },
		});
		for (const peer of [fetchFig, kyFig, sdk, oursNew]) {
			rows.push({
				area: 'Client overhead',
				what: `${peer.name}, median / p99`,
				figure: `${ms(peer.medianMs)} / ${ms(peer.p99Ms)}`,
				goal: '',
				compared: peer === fetchFig ? 'the baseline (1.00×)' : `${versus(peer)}; p99 ${ratio(peer.p99Ms, fetchFig.p99Ms)}`,
				raw: { ...peer, ratioToFetch: peer.medianMs / fetchFig.medianMs },
			});
		}
		rows.push({
			area: 'Client overhead',
			what: 'of which validateMessage (no I/O), median',
			figure: ms(validateMs),
			goal: '',
			compared: `${((validateMs / ours.medianMs) * 100).toFixed(1)}% of the extension's send path`,
			raw: { validateMs },
		});
		return { rows, figures };
	} finally {
		await sandbox.close();
	}
}
