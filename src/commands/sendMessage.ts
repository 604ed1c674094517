import { sendFromArguments, sendInteractively } from '../send/sendFlow';
import type { Services } from '../services';
import type { Message } from '../core/types';

/**
 * `signalwire.sendMessage`. With one argument `{ to, from?, body?, mediaUrls?, ... }` it asks
 * nothing and resolves to the Message (or rejects with the typed error); without, it guides.
 */
export async function sendMessage(services: Services, argument?: unknown): Promise<Message | undefined> {
	return argument === undefined ? sendInteractively(services) : sendFromArguments(services, argument);
}
