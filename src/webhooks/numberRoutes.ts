/**
 * "Route a Number's Inbound SMS Here": points a number's SmsUrl at the listener (`<base>/inbound`,
 * POST) and puts back what it was when the listener stops, on deactivate, and, if VS Code died, at
 * the next start. What was changed is written to global state before the change and removed only
 * once restored, so no number is left pointing at a dead URL without the user being told.
 */
import * as vscode from 'vscode';
import { WEBHOOK_ROUTES_KEY } from '../contributions';
import type { ClientProvider } from '../credentials/clientProvider';
import type { CredentialStore } from '../credentials/credentialStore';
import { spaceName, type Profile } from '../credentials/profile';
import { describeError } from '../errors/presentation';
import { listSmsRouting, updateSmsRouting, type SmsRouting } from '../signalwire/phoneNumbers';
import type { Logger } from '../util/logger';

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

/** Why numbers were left pointing at the stopped listener, and what the user was told. */
export interface LeftRouted {
	reason: 'failed' | 'signedOut';
	phoneNumbers: string[];
	message: string;
}

/** The Space's short name from a profile id (`<Space URL>|<project id>`). */
function spaceOfProfileId(profileId: string): string {
	const bar = profileId.lastIndexOf('|');
	const spaceUrl = bar >= 0 ? profileId.slice(0, bar) : profileId;
	try {
		return spaceName(spaceUrl);
	} catch {
		return spaceUrl;
	}
}

const key = (route: Pick<SavedRoute, 'profileId' | 'sid'>) => `${route.profileId}|${route.sid}`;

/** Whether a listener answers at a loopback URL (another window's, still running). */
async function listenerAnswers(listenerUrl: string): Promise<boolean> {
	try {
		const response = await fetch(listenerUrl, { method: 'GET', signal: AbortSignal.timeout(1500), redirect: 'manual' });
		await response.body?.cancel();
		return true;
	} catch {
		return false;
	}
}

export class NumberRouter implements vscode.Disposable {
	private readonly _onDidLeaveRouted = new vscode.EventEmitter<LeftRouted>();
	/** Numbers were left pointing at the stopped listener (the user is told, unless asked not to). */
	readonly onDidLeaveRouted = this._onDidLeaveRouted.event;
	private readonly _onDidChange = new vscode.EventEmitter<void>();
	/** A route was saved or forgotten. */
	readonly onDidChange = this._onDidChange.event;
	private queue: Promise<unknown> = Promise.resolve();
	/** The routes made in this window: Stop restores these (other windows keep theirs). */
	private readonly mine = new Set<string>();

	constructor(
		private readonly globalState: vscode.Memento,
		private readonly credentials: CredentialStore,
		private readonly clients: Pick<ClientProvider, 'clientFor'>,
		private readonly logger: Logger,
	) {}

	/** The routes saved and not yet restored (in any window of this machine). */
	saved(): SavedRoute[] {
		const value = this.globalState.get<unknown>(WEBHOOK_ROUTES_KEY, []);
		return Array.isArray(value) ? value.filter(isSavedRoute) : [];
	}

	isRouted(profile: Profile, sid: string): boolean {
		return this.saved().some((route) => route.profileId === profile.id && route.sid === sid);
	}

	/** The numbers of `profile`'s Space whose inbound SMS go to a webhook listener of this machine. */
	routedPhoneNumbers(profile: Pick<Profile, 'id'>): string[] {
		return this.saved()
			.filter((route) => route.profileId === profile.id)
			.map((route) => route.phoneNumber);
	}

	/** The numbers routed to the listener at `listenerUrl` (its local URL). */
	routedTo(listenerUrl: string): string[] {
		return this.saved()
			.filter((route) => route.listenerUrl === listenerUrl)
			.map((route) => route.phoneNumber);
	}

	private async write(routes: SavedRoute[]): Promise<void> {
		await this.globalState.update(WEBHOOK_ROUTES_KEY, routes.length ? routes : undefined);
		this._onDidChange.fire();
	}

	/** One change at a time: saving state and the API calls must not interleave. */
	private serial<T>(task: () => Promise<T>): Promise<T> {
		const next = this.queue.then(task, task);
		this.queue = next.catch(() => undefined);
		return next;
	}

	/** Points a number's SmsUrl at `inboundUrl` (POST) of the listener at `listenerUrl`, saving what it was first. */
	route(profile: Profile, sid: string, inboundUrl: string, listenerUrl: string): Promise<SavedRoute> {
		return this.serial(async () => {
			const client = await this.clients.clientFor(profile);
			const numbers = await listSmsRouting(client);
			const number = numbers.find((n) => n.sid === sid);
			if (!number) {
				throw new Error(vscode.l10n.t('The number {0} is not in this Space.', sid));
			}
			const existing = this.saved().find((r) => r.profileId === profile.id && r.sid === sid);
			const route: SavedRoute = {
				profileId: profile.id,
				sid,
				phoneNumber: number.phoneNumber,
				// Routed twice: keep what it had before the first time.
				previous: existing ? existing.previous : { smsUrl: number.smsUrl, smsMethod: number.smsMethod },
				routedUrl: inboundUrl,
				listenerUrl,
			};
			this.mine.add(key(route));
			await this.write([...this.saved().filter((r) => key(r) !== key(route)), route]);
			await updateSmsRouting(client, sid, { smsUrl: inboundUrl, smsMethod: 'POST' });
			this.logger.info(`Webhooks: ${number.phoneNumber} now sends inbound SMS to ${inboundUrl} (was ${route.previous.smsUrl || 'none'} ${route.previous.smsMethod}).`);
			return route;
		});
	}

	/** Puts back the routes made in this window (the listener stops). Resolves to the numbers restored. */
	restoreMine(notify = true): Promise<string[]> {
		return this.restoreWhere((route) => this.mine.has(key(route)), notify);
	}

	/**
	 * Puts back the routes whose listener no longer answers: a window that died left them (read at
	 * start). Routes of a listener still running in another window are left to it.
	 */
	restoreOrphaned(notify = true): Promise<string[]> {
		return this.restoreWhere(async (route) => this.mine.has(key(route)) || !(await listenerAnswers(route.listenerUrl)), notify);
	}

	/**
	 * Puts back the saved routes `which` selects. A route that cannot be put back (its Space is
	 * signed out, or the API fails) stays saved for the next try (the next Stop, Retry, the next
	 * start), is logged, and, when `notify` is set, is named to the user with what to do.
	 * Resolves to the numbers restored.
	 */
	private restoreWhere(which: (route: SavedRoute) => boolean | Promise<boolean>, notify: boolean): Promise<string[]> {
		return this.serial(async () => {
			const restored: string[] = [];
			const failed: Array<{ route: SavedRoute; reason: string }> = [];
			const signedOut: SavedRoute[] = [];
			for (const route of this.saved()) {
				if (!(await which(route))) {
					continue;
				}
				try {
					if (await this.restore(route)) {
						restored.push(route.phoneNumber);
					} else {
						signedOut.push(route);
					}
				} catch (error) {
					failed.push({ route, reason: describeError(error) });
					this.logger.warn(`Webhooks: could not point ${route.phoneNumber} back to ${route.previous.smsUrl || 'no SmsUrl'}: ${describeError(error)}`);
				}
			}
			const retry = () => void this.restoreWhere(which, notify);
			if (failed.length > 0) {
				this.tell(notify, 'failed', failed.map((f) => f.route), retry, failed[0]?.reason ?? '');
			}
			if (signedOut.length > 0) {
				this.tell(notify, 'signedOut', signedOut, retry);
			}
			return restored;
		});
	}

	/** Warns that numbers still point at the stopped listener, saying what to do; fires {@link onDidLeaveRouted}. */
	private tell(notify: boolean, reason: LeftRouted['reason'], routes: SavedRoute[], retry: () => void, detail = ''): void {
		const numbers = routes.map((r) => r.phoneNumber).join(', ');
		const previous = routes.map((r) => r.previous.smsUrl || vscode.l10n.t('no SmsUrl')).join(', ');
		const message =
			reason === 'failed'
				? vscode.l10n.t(
						'Inbound SMS to {0} still go to the webhook listener, which is not running: putting back its previous SmsUrl ({1}) failed: {2}. Choose Retry, or set it back in your SignalWire Space. It is tried again at the next Stop and the next start.',
						numbers,
						previous,
						detail,
					)
				: vscode.l10n.t(
						'Inbound SMS to {0} still go to the webhook listener, which is not running: sign in to {1} again, then choose Retry to put back its previous SmsUrl ({2}). It is tried again at the next start.',
						numbers,
						[...new Set(routes.map((r) => spaceOfProfileId(r.profileId)))].join(', '),
						previous,
					);
		this._onDidLeaveRouted.fire({ reason, phoneNumbers: routes.map((r) => r.phoneNumber), message });
		if (!notify) {
			return;
		}
		const retryLabel = vscode.l10n.t('Retry');
		const signInLabel = vscode.l10n.t('Sign In');
		const actions = reason === 'signedOut' ? [signInLabel, retryLabel] : [retryLabel];
		void vscode.window.showWarningMessage(message, ...actions).then(async (choice) => {
			if (choice === signInLabel) {
				await vscode.commands.executeCommand('signalwire.signIn');
				retry();
			} else if (choice === retryLabel) {
				retry();
			}
		});
	}

	/** Restores one route and forgets it; false (kept) when its Space is not signed in. */
	private async restore(route: SavedRoute): Promise<boolean> {
		const profile = (await this.credentials.profiles()).find((p) => p.id === route.profileId);
		if (!profile) {
			this.logger.warn(`Webhooks: ${route.phoneNumber} still routes inbound SMS to ${route.routedUrl}; sign in to ${spaceOfProfileId(route.profileId)} again to restore it.`);
			return false;
		}
		const client = await this.clients.clientFor(profile);
		const current = (await listSmsRouting(client)).find((n) => n.sid === route.sid);
		if (current && current.smsUrl === route.routedUrl) {
			await updateSmsRouting(client, route.sid, route.previous);
			this.logger.info(`Webhooks: ${route.phoneNumber} sends inbound SMS to ${route.previous.smsUrl || 'no SmsUrl'} again.`);
		} else {
			this.logger.info(`Webhooks: ${route.phoneNumber} was changed elsewhere since it was routed here; left as it is.`);
		}
		await this.write(this.saved().filter((r) => key(r) !== key(route)));
		this.mine.delete(key(route));
		return true;
	}

	dispose(): void {
		this._onDidLeaveRouted.dispose();
		this._onDidChange.dispose();
	}
}
