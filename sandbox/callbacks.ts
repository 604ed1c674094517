/**
 * Requests the sandbox makes to the user's URLs, as SignalWire does: StatusCallbacks and inbound
 * message webhooks (docs/api-notes.md, "Webhooks and signatures"). Each is signed with
 * `X-SignalWire-Signature` = base64(HMAC-SHA1(signing key, URL + each sorted name followed by its
 * value)), sent best-effort, and recorded. Only loopback URLs are ever called (127.0.0.0/8, ::1,
 * localhost); redirects are not followed, so an answer cannot send the request elsewhere.
 */
import { createHmac } from 'node:crypto';

export type CallbackKind = 'status' | 'inbound';

/** One request the sandbox made (or refused to make). The signing key is never recorded. */
export interface CallbackRecord {
	time: string;
	kind: CallbackKind;
	method: 'GET' | 'POST';
	url: string;
	params: Record<string, string>;
	signature: string;
	/** The HTTP status answered, the network error, or why it was not sent. */
	outcome: { status: number } | { error: string } | { skipped: string };
}

/** How long one callback may take before it counts as failed (SignalWire reports 11200). */
const CALLBACK_TIMEOUT_MS = 5_000;
/** The most of an answer read (a cXML document). */
const MAX_ANSWER_CHARS = 64 * 1024;

/** The X-SignalWire-Signature of a request to `url` with these form parameters. */
export function signRequest(signingKey: string, url: string, params: Record<string, string>): string {
	const data = Object.keys(params)
		.sort()
		.reduce((acc, name) => acc + name + params[name], url);
	return createHmac('sha1', signingKey).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Whether a URL is http(s) on a loopback host: the only places the sandbox calls. */
export function isLoopbackUrl(value: string): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return false;
	}
	const host = url.hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether a loopback URL points at the server at `origin` (same port; any loopback name). */
function isSameServer(value: string, origin: string): boolean {
	if (origin === '') {
		return false;
	}
	const url = new URL(value);
	const own = new URL(origin);
	const port = (u: URL): string => u.port || (u.protocol === 'https:' ? '443' : '80');
	return port(url) === port(own);
}

/** Sends callbacks one after another per `queue` key (so a message's statuses arrive in order). */
export class CallbackSender {
	readonly records: CallbackRecord[] = [];
	readonly #queues = new Map<string, Promise<unknown>>();
	#abort = new AbortController();

	/**
	 * @param signingKey the key that signs each request
	 * @param ownOrigin the sandbox's own origin (`http://127.0.0.1:PORT`): never called, so that a
	 *   callback URL cannot drive its control routes
	 * @param maxRecords how many records are kept (the oldest are dropped)
	 */
	constructor(
		private readonly signingKey: () => string,
		private readonly ownOrigin: () => string,
		private readonly maxRecords = 10_000,
	) {}

	/**
	 * Sends one request after the earlier ones of the same queue; resolves with the answer's text
	 * when it was a 2xx, else undefined. Never rejects.
	 */
	send(queue: string, kind: CallbackKind, method: 'GET' | 'POST', url: string, params: Record<string, string>): Promise<string | undefined> {
		const previous = this.#queues.get(queue) ?? Promise.resolve();
		const next = previous.then(() => this.#deliver(kind, method, url, params));
		this.#queues.set(queue, next);
		void next.then(() => {
			if (this.#queues.get(queue) === next) {
				this.#queues.delete(queue);
			}
		});
		return next;
	}

	/** Waits until every queued callback has been sent (for tests and `close`). */
	async idle(): Promise<void> {
		while (this.#queues.size > 0) {
			await Promise.all([...this.#queues.values()]);
		}
	}

	/** Forgets the records and abandons callbacks in flight. */
	clear(): void {
		this.#abort.abort();
		this.#abort = new AbortController();
		this.#queues.clear();
		this.records.length = 0;
	}

	async #deliver(kind: CallbackKind, method: 'GET' | 'POST', url: string, params: Record<string, string>): Promise<string | undefined> {
		// For GET the parameters travel in the query, and the signed URL is the whole URL.
		let target = url;
		if (method === 'GET' && isLoopbackUrl(url)) {
			const withQuery = new URL(url);
			for (const [name, value] of Object.entries(params)) {
				withQuery.searchParams.append(name, value);
			}
			target = withQuery.toString();
		}
		const signature = signRequest(this.signingKey(), target, method === 'GET' ? {} : params);
		const record: CallbackRecord = { time: new Date().toISOString(), kind, method, url: target, params: { ...params }, signature, outcome: { skipped: '' } };
		this.records.push(record);
		if (this.records.length > this.maxRecords) {
			this.records.splice(0, this.records.length - this.maxRecords);
		}
		if (!isLoopbackUrl(url)) {
			record.outcome = { skipped: 'the sandbox calls loopback URLs only (127.0.0.0/8, ::1, localhost)' };
			return undefined;
		}
		if (isSameServer(url, this.ownOrigin())) {
			record.outcome = { skipped: 'the sandbox does not call itself' };
			return undefined;
		}
		const signal = AbortSignal.any([this.#abort.signal, AbortSignal.timeout(CALLBACK_TIMEOUT_MS)]);
		try {
			const response = await fetch(target, {
				method,
				redirect: 'manual',
				signal,
				headers: {
					'x-signalwire-signature': signature,
					'user-agent': 'SignalWire-Sandbox-Callback/1.0',
					...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
				},
				...(method === 'POST' ? { body: new URLSearchParams(params).toString() } : {}),
			});
			record.outcome = { status: response.status };
			const text = await response.text();
			return response.ok ? text.slice(0, MAX_ANSWER_CHARS) : undefined;
		} catch (error) {
			record.outcome = { error: error instanceof Error ? error.message : String(error) };
			return undefined;
		}
	}
}
