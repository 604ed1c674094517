/**
 * "Route a Number's Inbound SMS Here": points a number's SmsUrl at the listener (`<base>/inbound`,
 * POST) and puts back what it was when the listener stops, on deactivate, and, if VS Code died, at
 * the next start. What was changed is written to global state before the change and removed only
 * once restored, so no number is left pointing at a dead URL without the user being told. Each record
 * is sealed with a key kept in SecretStorage (src/webhooks/routeSeal.ts): a record that fails its
 * check was changed outside the extension, is reported with its number and is never applied.
 */
import * as vscode from 'vscode';
import { WEBHOOK_ROUTES_KEY } from '../contributions';
import type { ClientProvider } from '../credentials/clientProvider';
import type { CredentialStore } from '../credentials/credentialStore';
import { spaceName, type Profile } from '../credentials/profile';
import { describeError } from '../errors/presentation';
import { listSmsRouting, updateSmsRouting } from '../signalwire/phoneNumbers';
import type { Logger } from '../util/logger';
import { newRouteKey, openRoute, sealRoute, type RouteRejection, type SavedRoute } from './routeSeal';

export type { SavedRoute } from './routeSeal';

/** The SecretStorage name of the key that seals route records. */
export const ROUTE_KEY_SECRET = 'signalwire.webhooks.routeKey';

/** Why numbers were left pointing at the stopped listener, and what the user was told. */
export interface LeftRouted {
	/** `tampered`: a saved record failed its check; it was not applied and the number left as it is. */
	reason: 'failed' | 'signedOut' | 'tampered';
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
		const response = await fetch(listenerUrl, {
			method: 'GET',
			signal: AbortSignal.timeout(1500),
			redirect: 'manual',
		});
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
	/** The key that seals route records, once read from SecretStorage. */
	private routeKey: string | undefined;
	private keyLoading: Promise<string | undefined>;
	private readonly secretsSubscription: vscode.Disposable;
	/** Records already reported as failing their check (this session). */
	private readonly reported = new Set<string>();

	constructor(
		private readonly globalState: vscode.Memento,
		private readonly secrets: vscode.SecretStorage,
		private readonly credentials: CredentialStore,
		private readonly clients: Pick<ClientProvider, 'clientFor'>,
		private readonly logger: Logger,
	) {
		this.keyLoading = this.loadKey();
		// Another window may create the key.
		this.secretsSubscription = secrets.onDidChange((event) => {
			if (event.key === ROUTE_KEY_SECRET) {
				this.keyLoading = this.loadKey();
			}
		});
	}

	private async loadKey(): Promise<string | undefined> {
		this.routeKey = (await Promise.resolve(this.secrets.get(ROUTE_KEY_SECRET)).catch(() => undefined)) || undefined;
		return this.routeKey;
	}

	/** The sealing key, created (once per machine) when `create` asks for it. */
	private async key(create: boolean): Promise<string | undefined> {
		const key = (await this.keyLoading) ?? (await this.loadKey());
		if (key || !create) {
			return key;
		}
		const created = newRouteKey();
		await this.secrets.store(ROUTE_KEY_SECRET, created);
		this.routeKey = created;
		this.keyLoading = Promise.resolve(created);
		return created;
	}

	private records(): unknown[] {
		const value = this.globalState.get<unknown>(WEBHOOK_ROUTES_KEY, []);
		return Array.isArray(value) ? value : [];
	}

	/** The routes saved and not yet restored (in any window of this machine) that pass their check. */
	saved(): SavedRoute[] {
		return this.records().flatMap((record) => {
			const opened = openRoute(this.routeKey, record);
			return opened.ok ? [opened.route] : [];
		});
	}

	/** The saved records that fail their check (changed outside the extension): never applied. */
	rejected(): Array<{ phoneNumber: string; reason: RouteRejection; record: unknown }> {
		return this.records().flatMap((record) => {
			const opened = openRoute(this.routeKey, record);
			return opened.ok ? [] : [{ phoneNumber: opened.phoneNumber, reason: opened.reason, record }];
		});
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

	/** Saves `routes`, sealed; records that fail their check are kept as they are (left alone, still reported). */
	private async write(routes: SavedRoute[]): Promise<void> {
		const key = await this.key(true);
		if (key === undefined) {
			throw new Error('no route key');
		}
		const records = [...this.rejected().map((r) => r.record), ...routes.map((route) => sealRoute(key, route))];
		await this.globalState.update(WEBHOOK_ROUTES_KEY, records.length ? records : undefined);
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
			await this.key(true);
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
			const was = `${route.previous.smsUrl || 'none'} ${route.previous.smsMethod}`;
			this.logger.info(`Webhooks: ${number.phoneNumber} now sends inbound SMS to ${inboundUrl} (was ${was}).`);
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
		return this.restoreWhere(
			async (route) => this.mine.has(key(route)) || !(await listenerAnswers(route.listenerUrl)),
			notify,
		);
	}

	/**
	 * Puts back the saved routes `which` selects. A route that cannot be put back (its Space is
	 * signed out, or the API fails) stays saved for the next try (the next Stop, Retry, the next
	 * start), is logged, and, when `notify` is set, is named to the user with what to do.
	 * Resolves to the numbers restored.
	 */
	private restoreWhere(which: (route: SavedRoute) => boolean | Promise<boolean>, notify: boolean): Promise<string[]> {
		return this.serial(async () => {
			await this.key(false);
			this.reportRejected(notify);
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
					const previous = route.previous.smsUrl || 'no SmsUrl';
					this.logger.warn(
						`Webhooks: could not point ${route.phoneNumber} back to ${previous}: ${describeError(error)}`,
					);
				}
			}
			const retry = () => void this.restoreWhere(which, notify);
			if (failed.length > 0) {
				this.tell(
					notify,
					'failed',
					failed.map((f) => f.route),
					retry,
					failed[0]?.reason ?? '',
				);
			}
			if (signedOut.length > 0) {
				this.tell(notify, 'signedOut', signedOut, retry);
			}
			return restored;
		});
	}

	/** Tells of each record that fails its check (once a session): it is not applied, and its number left as it is. */
	private reportRejected(notify: boolean): void {
		const fresh = this.rejected().filter((r) => !this.reported.has(JSON.stringify(r.record)));
		if (fresh.length === 0) {
			return;
		}
		for (const r of fresh) {
			this.reported.add(JSON.stringify(r.record));
		}
		const numbers = [...new Set(fresh.map((r) => r.phoneNumber))].join(', ');
		const reasons = fresh.map((r) => r.reason).join(', ');
		this.logger.warn(`Webhooks: the saved route record of ${numbers} fails its check (${reasons}); not applied.`);
		const message = vscode.l10n.t(
			'The saved record for putting back the SmsUrl of {0} fails its check: it was changed outside this extension (or saved by an older version). It was not applied, and the number was left as it is: check its SmsUrl in your SignalWire Space.',
			numbers,
		);
		this._onDidLeaveRouted.fire({ reason: 'tampered', phoneNumbers: fresh.map((r) => r.phoneNumber), message });
		if (notify) {
			const forget = vscode.l10n.t('Forget the Record');
			void vscode.window
				.showWarningMessage(message, forget)
				.then((choice) => (choice === forget ? this.forgetRejected() : undefined));
		}
	}

	/** Drops the records that fail their check (the user chose to), keeping the valid ones. */
	forgetRejected(): Promise<void> {
		return this.serial(async () => {
			const routes = this.saved();
			const key = await this.key(false);
			const records = key === undefined ? [] : routes.map((route) => sealRoute(key, route));
			await this.globalState.update(WEBHOOK_ROUTES_KEY, records.length ? records : undefined);
			this._onDidChange.fire();
		});
	}

	/** Warns that numbers still point at the stopped listener, saying what to do; fires {@link onDidLeaveRouted}. */
	private tell(
		notify: boolean,
		reason: 'failed' | 'signedOut',
		routes: SavedRoute[],
		retry: () => void,
		detail = '',
	): void {
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
			const space = spaceOfProfileId(route.profileId);
			const still = `${route.phoneNumber} still routes inbound SMS to ${route.routedUrl}`;
			this.logger.warn(`Webhooks: ${still}; sign in to ${space} again to restore it.`);
			return false;
		}
		const client = await this.clients.clientFor(profile);
		const current = (await listSmsRouting(client)).find((n) => n.sid === route.sid);
		if (current && current.smsUrl === route.routedUrl) {
			await updateSmsRouting(client, route.sid, route.previous);
			this.logger.info(
				`Webhooks: ${route.phoneNumber} sends inbound SMS to ${route.previous.smsUrl || 'no SmsUrl'} again.`,
			);
		} else {
			this.logger.info(
				`Webhooks: ${route.phoneNumber} was changed elsewhere since it was routed here; left as it is.`,
			);
		}
		await this.write(this.saved().filter((r) => key(r) !== key(route)));
		this.mine.delete(key(route));
		return true;
	}

	dispose(): void {
		this.secretsSubscription.dispose();
		this._onDidLeaveRouted.dispose();
		this._onDidChange.dispose();
	}
}
