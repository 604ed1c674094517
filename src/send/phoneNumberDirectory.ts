import type { ClientProvider } from '../credentials/clientProvider';
import type { Profile } from '../credentials/profile';
import type { IncomingPhoneNumber } from '../core/types';

/**
 * The Space's phone numbers (IncomingPhoneNumbers), fetched once per profile and kept for
 * five minutes, for the From pickers of the prompts and the compose form.
 */
export class PhoneNumberDirectory {
	private readonly cache = new Map<string, { at: number; numbers: Promise<IncomingPhoneNumber[]> }>();
	private static readonly TTL_MS = 5 * 60_000;

	constructor(private readonly clients: ClientProvider) {}

	/** Numbers that can send SMS (MMS-capable ones included). Rejects with the client's typed error. */
	async messagingNumbers(profile: Profile): Promise<IncomingPhoneNumber[]> {
		const cached = this.cache.get(profile.id);
		if (cached && Date.now() - cached.at < PhoneNumberDirectory.TTL_MS) {
			return cached.numbers;
		}
		const numbers = this.clients
			.clientFor(profile)
			.then((client) => client.listIncomingPhoneNumbers())
			.then((all) => all.filter((n) => n.capabilities.sms || n.capabilities.mms));
		this.cache.set(profile.id, { at: Date.now(), numbers });
		numbers.catch(() => this.cache.delete(profile.id));
		return numbers;
	}

	clear(): void {
		this.cache.clear();
	}
}
