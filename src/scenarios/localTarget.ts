/**
 * The local target: the project's local SignalWire-compatible server (sandbox/server.ts,
 * `startSandbox`) running in the same process. Steps complete on its events, not by polling.
 *
 * Either side may be the tester. A tester that is one of the local project's numbers sends through
 * the create-message API (as an app texts a phone; the handsets +15550100555 and +15550100556
 * answer). Any other tester is a phone outside: its `>` steps reach `to` as inbound messages, and
 * its `<` steps wait for messages `to` sends it (from the app's cXML answer or its API calls).
 * With an app URL, `to`'s SmsUrl points at the app: the server POSTs each inbound message there,
 * signed, and turns a cXML `<Message>` answer into the reply.
 */
import * as l10n from '@vscode/l10n';
import type { Message } from '../core/types';
import { SignalWireApiError } from '../signalwire/errors';
import { SignalWireClient } from '../signalwire/client';
import type {
	ArrivedMessage,
	ScenarioSetup,
	SendRequest,
	SendResult,
	StatusUpdate,
	Target,
	TargetSession,
} from './runTypes';

type MessageEvent = 'message' | 'status';

/** What the local target needs of the server: `startSandbox`'s answer has all of it. */
export interface LocalServer {
	readonly url: string;
	readonly projectId: string;
	readonly token: string;
	readonly numbers: readonly { sid: string; phoneNumber: string; capabilities: { sms: boolean } }[];
	readonly events: {
		on(event: MessageEvent, listener: (message: Message) => void): unknown;
		off(event: MessageEvent, listener: (message: Message) => void): unknown;
	};
	/** An inbound message from a phone outside to one of the project's numbers. */
	inject(inbound: { from: string; to: string; body?: string | null; mediaUrls?: string[] }): Message;
}

function arrived(m: Message): ArrivedMessage {
	return {
		sid: m.sid,
		at: Date.now(),
		from: m.from,
		to: m.to,
		body: m.body ?? '',
		numMedia: m.num_media,
		numSegments: m.num_segments,
	};
}

function update(m: Message): StatusUpdate {
	return { sid: m.sid, status: m.status, errorCode: m.error_code, at: Date.now() };
}

export class LocalTarget implements Target {
	readonly name = 'local';
	readonly #client: SignalWireClient;

	/** @param options.fetch for an https server with its own CA: ./trustingFetch.ts */
	constructor(
		private readonly server: LocalServer,
		options: { fetch?: typeof fetch } = {},
	) {
		this.#client = new SignalWireClient({
			credentials: { space: server.url, projectId: server.projectId, token: server.token },
			...(options.fetch ? { fetch: options.fetch } : {}),
		});
	}

	/** Numbers routed to an app by open scenarios: how many, and the SmsUrl to put back after the last. */
	readonly #routes = new Map<string, { app: string; count: number; previous: { url: string; method: string } }>();

	/**
	 * Points the number's SmsUrl at `app` (scenarios sharing a number share its app: the runner never
	 * runs two apps on one number at once); the returned function puts the number back after the last.
	 */
	async #route(sid: string, app: string): Promise<() => Promise<void>> {
		const path = `/IncomingPhoneNumbers/${encodeURIComponent(sid)}`;
		const set = (url: string, method: string): Promise<unknown> =>
			this.#client.request('POST', path, new URLSearchParams({ SmsUrl: url, SmsMethod: method }).toString());
		let route = this.#routes.get(sid);
		if (!route || route.app !== app) {
			const { json } = await this.#client.request('GET', path);
			const current = json as { sms_url?: string | null; sms_method?: string | null };
			const previous = route?.previous ?? { url: current.sms_url ?? '', method: current.sms_method ?? 'POST' };
			await set(app, 'POST');
			route = { app, count: route?.count ?? 0, previous };
			this.#routes.set(sid, route);
		}
		route.count++;
		const held = route;
		return async () => {
			if (--held.count === 0 && this.#routes.get(sid) === held) {
				this.#routes.delete(sid);
				await set(held.previous.url, held.previous.method).catch(() => undefined);
			}
		};
	}

	#projectNumber(phone: string): { sid: string } | undefined {
		return this.server.numbers.find((n) => n.phoneNumber === phone && n.capabilities.sms);
	}

	async open(setup: ScenarioSetup): Promise<TargetSession> {
		const toNumber = this.#projectNumber(setup.to);
		const projectTester = (phone: string): boolean => this.#projectNumber(phone) !== undefined;
		for (const tester of setup.testers) {
			if (!projectTester(tester) && !toNumber) {
				throw new Error(
					l10n.t(
						'Neither {0} nor {1} is an SMS number of the local project ({2}): one side of the conversation must be.',
						tester,
						setup.to,
						this.server.numbers
							.filter((n) => n.capabilities.sms)
							.map((n) => n.phoneNumber)
							.join(', '),
					),
				);
			}
		}
		// A handset or a phone outside has no SmsUrl: an app URL applies to a number of the project only.
		const routed = setup.app && toNumber ? await this.#route(toNumber.sid, setup.app) : undefined;

		const inboxListeners = new Map<string, Set<(m: ArrivedMessage) => void>>();
		const statuses = new Map<string, StatusUpdate[]>();
		const statusListeners = new Map<string, Set<(u: StatusUpdate) => void>>();
		const testers = new Set(setup.testers);
		const onMessage = (m: Message): void => {
			if (testers.has(m.from) && m.to === setup.to) {
				statuses.set(m.sid, [update(m)]);
			}
			const listeners = inboxListeners.get(m.to);
			if (listeners) {
				const message = arrived(m);
				listeners.forEach((listener) => listener(message));
			}
		};
		const onStatus = (m: Message): void => {
			const list = statuses.get(m.sid);
			if (list) {
				const u = update(m);
				list.push(u);
				statusListeners.get(m.sid)?.forEach((listener) => listener(u));
			}
		};
		this.server.events.on('message', onMessage);
		this.server.events.on('status', onStatus);

		const send = async (request: SendRequest): Promise<SendResult> => {
			if (projectTester(request.from)) {
				try {
					const m = await this.#client.createMessage({
						from: request.from,
						to: request.to,
						body: request.body || undefined,
						mediaUrls: request.mediaUrls,
					});
					return { ok: true, sid: m.sid, at: Date.now() };
				} catch (error) {
					if (error instanceof SignalWireApiError) {
						return { ok: false, code: String(error.code ?? error.httpStatus), message: error.apiMessage };
					}
					throw error;
				}
			}
			const m = this.server.inject({
				from: request.from,
				to: request.to,
				body: request.body === '' ? null : request.body,
				mediaUrls: request.mediaUrls,
			});
			statuses.set(m.sid, [update(m)]);
			return { ok: true, sid: m.sid, at: Date.now() };
		};

		return {
			send,
			watchInbox(tester, listener) {
				const set = inboxListeners.get(tester) ?? new Set();
				set.add(listener);
				inboxListeners.set(tester, set);
				return () => set.delete(listener);
			},
			watchStatus(sid, listener) {
				statuses.get(sid)?.forEach(listener);
				const set = statusListeners.get(sid) ?? new Set();
				set.add(listener);
				statusListeners.set(sid, set);
				return () => set.delete(listener);
			},
			close: async () => {
				this.server.events.off('message', onMessage);
				this.server.events.off('status', onStatus);
				await routed?.();
			},
		};
	}
}
