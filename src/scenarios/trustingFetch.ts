/**
 * A `fetch` that trusts one more CA: the local server's self-signed certificate when it serves
 * https (`sms-sandbox test --https`). The global fetch reads extra CAs only at process start
 * (NODE_EXTRA_CA_CERTS), so this one goes through node:https with `ca` instead. Enough for the
 * API client (src/signalwire/client.ts): method, headers, body, signal, status, headers, body.
 */
import * as https from 'node:https';
import { rootCertificates } from 'node:tls';

export function fetchTrusting(ca: string): typeof fetch {
	const trusted = [...rootCertificates, ca];
	return async (input, init) => {
		const request = new Request(input, init);
		const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
		const headers: Record<string, string> = {};
		request.headers.forEach((value, name) => (headers[name] = value));
		return new Promise<Response>((resolve, reject) => {
			const outgoing = https.request(
				request.url,
				{ method: request.method, headers, ca: trusted, signal: request.signal },
				(incoming) => {
					const chunks: Buffer[] = [];
					incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
					incoming.on('error', reject);
					incoming.on('end', () => {
						const headers = new Headers();
						for (const [name, value] of Object.entries(incoming.headers)) {
							for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
								headers.append(name, v);
							}
						}
						const status = incoming.statusCode ?? 502;
						const empty = status === 204 || status === 304 || request.method === 'HEAD';
						resolve(
							new Response(empty ? null : Buffer.concat(chunks), {
								status,
								statusText: incoming.statusMessage,
								headers,
							}),
						);
					});
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
	};
}
