/**
 * A local SignalWire-compatible server (Compatibility/LaML REST API, messaging subset) on plain
 * Node http, loopback only. For unit tests (in-process), the integration suite (through the
 * control API under /__sandbox/), `npm start` and `npm run sandbox`. See sandbox/README.md.
 *
 * The core (API routes, messaging, numbers, callbacks, settings) is ./core.ts; `startSandbox` adds
 * the misbehaviour switches (./faults.ts), the control routes and the one-time sign-in codes.
 * API routes, each under all four path forms `(/api/laml)?/2010-04-01/Accounts/{ProjectId}/…(.json)?`:
 *   Messages, Messages/{Sid}, Messages/{Sid}/Media(/{Sid})     routes/messages.ts
 *   IncomingPhoneNumbers(/{Sid})                               routes/numbers.ts
 * Control routes (loopback only, not recorded; a POST needs the header `X-Sandbox-Control` or the
 * API's Basic auth, so that a web page cannot drive them with a cross-site "simple" request):
 *   GET  /__sandbox/info | requests | messages | faults | settings | callbacks
 *   POST /__sandbox/reset | faults | settings | inbound | numbers
 *   POST /__sandbox/sign-in-codes | sign-in-codes/redeem  (one-time sign-in codes, ./signInCodes.ts)
 * The request and callback logs keep the newest {@link MAX_RECORDS} (`maxRecords`) entries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackRecord } from './callbacks';
import { ControlInputError, parseJsonBody } from './control';
import { startCoreSandbox, type CoreSandbox, type SandboxOptions } from './core';
import { faultAnswer } from './faultAnswers';
import { FAULT_NAMES, FaultConfigError, FaultController, type SandboxFaults } from './faults';
import { SANDBOX_HANDSETS } from './handsets';
import { checkBasicAuth, isLoopbackAddress } from './http';
import type { Inbound, SandboxEvents } from './messaging';
import { SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, type SandboxNumber } from './numbers';
import { setNumberCount } from './numberCount';
import { handleSignInCodeRoute, SignInCodes } from './signInCodes';
import { SettingsError, type SandboxSettings, type StatusProgression } from './settings';
import { SANDBOX_SPECIAL_NUMBERS } from './store';
import { sendJson } from './util';

export { SANDBOX_NUMBERS, SANDBOX_PROJECT_ID, SANDBOX_SPECIAL_NUMBERS, SANDBOX_HANDSETS, FAULT_NAMES, ControlInputError };
export { MAX_RECORDS, startCoreSandbox } from './core';
export type { CoreSandbox, RecordedRequest, SandboxOptions } from './core';
export type { SandboxFaults, SandboxNumber, SandboxSettings, StatusProgression, CallbackRecord, Inbound, SandboxEvents };

/**
 * The header a control POST must carry (any non-empty value; the project's callers send `1`), unless
 * it carries the API's Basic auth. A browser sends a custom header cross-site only after a CORS
 * preflight, which the sandbox never grants: a page cannot inject messages, set faults or take a
 * sign-in code with a `text/plain` form POST.
 */
export const CONTROL_HEADER = 'X-Sandbox-Control';

export interface Sandbox extends CoreSandbox {
	/** Replaces the active faults (`{}` clears them). Throws for unknown names or bad values. */
	setFaults(faults: SandboxFaults): void;
	/** The faults still active (`times` = what is left). */
	faults(): SandboxFaults;
	/** Clears requests, messages, callbacks, opt-outs, number settings and faults; restores the start settings. */
	reset(): void;
}

const LOOPBACK_HOST_HEADER = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/** The core server (./core.ts) with the faults, the control routes and the one-time sign-in codes. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const faults = new FaultController();
	const signInCodes = new SignInCodes();
	const core = await startCoreSandbox(options, (sandbox, { book, messaging }) => {
		const { projectId, token, signingKey } = sandbox;
		const handleControl = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL, body: string): Promise<void> => {
			if (!isLoopbackAddress(req.socket.remoteAddress) || !LOOPBACK_HOST_HEADER.test(req.headers.host ?? '')) {
				sendJson(res, 403, { error: 'the control API answers loopback requests only' });
				return;
			}
			const controlHeader = req.headers[CONTROL_HEADER.toLowerCase()];
			if (req.method !== 'GET' && req.method !== 'HEAD' && !controlHeader && !checkBasicAuth(req.headers.authorization, projectId, token)) {
				sendJson(res, 403, { error: `a control POST needs the header ${CONTROL_HEADER}: 1 (or the API's Basic auth)` });
				return;
			}
			const route = `${req.method} ${requestUrl.pathname.replace(/\/+$/, '')}`;
			switch (route) {
				case 'GET /__sandbox/info':
					sendJson(res, 200, {
						url: sandbox.url,
						projectId,
						token,
						signingKey,
						numbers: book.numbers,
						specialNumbers: SANDBOX_SPECIAL_NUMBERS,
						handsets: SANDBOX_HANDSETS,
						settings: sandbox.settings(),
						faultNames: FAULT_NAMES,
						faults: faults.current(),
					});
					return;
				case 'GET /__sandbox/requests':
					sendJson(res, 200, sandbox.requests);
					return;
				case 'GET /__sandbox/messages':
					sendJson(res, 200, messaging.store.all());
					return;
				case 'GET /__sandbox/faults':
					sendJson(res, 200, faults.current());
					return;
				case 'GET /__sandbox/settings':
					sendJson(res, 200, sandbox.settings());
					return;
				case 'GET /__sandbox/callbacks':
					sendJson(res, 200, sandbox.callbacks);
					return;
				case 'POST /__sandbox/settings':
				case 'POST /__sandbox/inbound':
				case 'POST /__sandbox/numbers':
					try {
						const input = parseJsonBody(body);
						if (route === 'POST /__sandbox/settings') {
							sendJson(res, 200, sandbox.setSettings(input as Partial<SandboxSettings>));
						} else if (route === 'POST /__sandbox/numbers') {
							sendJson(res, 200, setNumberCount(book, input));
						} else {
							sendJson(res, 201, sandbox.inject(input as Parameters<CoreSandbox['inject']>[0]));
						}
					} catch (error) {
						if (!(error instanceof ControlInputError || error instanceof SettingsError)) {
							throw error;
						}
						sendJson(res, 400, { error: error.message });
					}
					return;
				case 'POST /__sandbox/reset':
					sandbox.reset();
					res.writeHead(204).end();
					return;
				case 'POST /__sandbox/faults': {
					let parsed: unknown;
					try {
						parsed = body.trim() === '' ? {} : JSON.parse(body);
						faults.set(parsed);
					} catch (error) {
						sendJson(res, 400, { error: error instanceof FaultConfigError ? error.message : `invalid JSON: ${(error as Error).message}` });
						return;
					}
					sendJson(res, 200, faults.current());
					return;
				}
				case 'POST /__sandbox/sign-in-codes':
				case 'POST /__sandbox/sign-in-codes/redeem':
					handleSignInCodeRoute(signInCodes, route, body, res, { projectId, token });
					return;
				default:
					sendJson(res, 404, { error: `no control route ${route}` });
			}
		};
		return {
			intercept(kind, ctx) {
				const decision = faults.take(kind);
				return { reply: decision.answer && faultAnswer(decision.answer, kind, ctx), delayMs: decision.delayMs };
			},
			control: handleControl,
			reset: () => faults.clear(),
		};
	});
	return Object.assign(core, {
		setFaults(f: SandboxFaults) {
			faults.set(f);
		},
		faults: () => faults.current(),
	});
}
