/**
 * The records that let the extension put back a number's previous SmsUrl (src/webhooks/numberRoutes.ts)
 * live in global state, which other extensions, a synced profile or a local process can write. Each
 * record is therefore sealed with an HMAC-SHA256 keyed with a random key kept in SecretStorage: a
 * record whose seal does not match (changed, forged, or from before records were sealed) is never
 * applied. The listener URL a record names must also be loopback before anything probes it.
 * No `vscode` import: unit-tested in Node.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SmsRouting } from '../signalwire/phoneNumbers';
import { constantTimeEqual } from './signature';

/** A number routed to the listener, and what to restore. */
export interface SavedRoute {
	profileId: string;
	sid: string;
	phoneNumber: string;
	previous: SmsRouting;
	/** The SmsUrl set: a number that no longer has it was changed by someone else and is left alone. */
	routedUrl: string;
	/** The local URL of the listener it was routed to: if nothing answers there, the route is orphaned. */
	listenerUrl: string;
}

/** A route as stored: its fields and their seal. */
export interface SealedRoute extends SavedRoute {
	seal: string;
}

/** Why a stored record is not applied. */
export type RouteRejection = 'malformed' | 'unsealed' | 'seal-mismatch' | 'not-loopback';

export type OpenedRoute = { ok: true; route: SavedRoute } | { ok: false; reason: RouteRejection; phoneNumber: string };

/** A new random key for sealing route records (kept in SecretStorage). */
export function newRouteKey(): string {
	return randomBytes(32).toString('base64');
}

function isSavedRoute(value: unknown): value is SavedRoute {
	const route = value as Partial<SavedRoute> | null;
	return (
		typeof route === 'object' &&
		route !== null &&
		typeof route.profileId === 'string' &&
		typeof route.sid === 'string' &&
		typeof route.phoneNumber === 'string' &&
		typeof route.routedUrl === 'string' &&
		typeof route.listenerUrl === 'string' &&
		typeof route.previous?.smsUrl === 'string' &&
		typeof route.previous.smsMethod === 'string'
	);
}

/** Every field that matters, in a fixed order: what the seal covers. */
function sealedText(route: SavedRoute): string {
	const { profileId, sid, phoneNumber, previous, routedUrl, listenerUrl } = route;
	const fields = [profileId, sid, phoneNumber, previous.smsUrl, previous.smsMethod, routedUrl, listenerUrl];
	return JSON.stringify(['route-v1', ...fields]);
}

function sealOf(key: string, route: SavedRoute): string {
	return createHmac('sha256', key).update(sealedText(route), 'utf8').digest('base64');
}

/** The record to store: the route's fields (nothing else) and their seal. */
export function sealRoute(key: string, route: SavedRoute): SealedRoute {
	const { profileId, sid, phoneNumber, routedUrl, listenerUrl } = route;
	const previous = { smsUrl: route.previous.smsUrl, smsMethod: route.previous.smsMethod };
	const plain: SavedRoute = { profileId, sid, phoneNumber, previous, routedUrl, listenerUrl };
	return { ...plain, seal: sealOf(key, plain) };
}

/** Whether a URL is http on this machine (127.x, localhost or [::1]). */
export function isLoopbackHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		const host = url.hostname;
		return (
			url.protocol === 'http:' && (/^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost' || host === '[::1]')
		);
	} catch {
		return false;
	}
}

/** Checks a stored record: its shape, its seal with `key` (none: not sealed by this machine), then its listener URL. */
export function openRoute(key: string | undefined, value: unknown): OpenedRoute {
	const claimed = (value as { phoneNumber?: unknown } | null)?.phoneNumber;
	const phoneNumber = typeof claimed === 'string' ? claimed : '?';
	if (!isSavedRoute(value)) {
		return { ok: false, reason: 'malformed', phoneNumber };
	}
	const seal = (value as Partial<SealedRoute>).seal;
	if (typeof seal !== 'string' || key === undefined) {
		return { ok: false, reason: 'unsealed', phoneNumber };
	}
	if (!constantTimeEqual(seal, sealOf(key, value))) {
		return { ok: false, reason: 'seal-mismatch', phoneNumber };
	}
	if (!isLoopbackHttpUrl(value.listenerUrl)) {
		return { ok: false, reason: 'not-loopback', phoneNumber };
	}
	const { profileId, sid, routedUrl, listenerUrl } = value;
	const previous = { smsUrl: value.previous.smsUrl, smsMethod: value.previous.smsMethod };
	return { ok: true, route: { profileId, sid, phoneNumber, previous, routedUrl, listenerUrl } };
}
