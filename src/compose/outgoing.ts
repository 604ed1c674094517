/**
 * What the extension posts to the compose webview, capped so that the webview never has to drop
 * it: at most {@link MAX_NUMBERS} From suggestions (the most relevant first), texts cut with "…".
 * Pure: no `vscode` (unit-tested in Node).
 */
import {
	MAX_FRIENDLY_NAME_LENGTH,
	MAX_LINK_LENGTH,
	MAX_NUMBERS,
	MAX_PHONE_NUMBER_LENGTH,
	cutText,
	type ExtensionToWebviewMessage,
	type ListenerInfo,
	type NumberOption,
	type SendErrorInfo,
	type SendResultPayload,
} from './protocol';

/**
 * The From suggestions in the order the form shows them, at most {@link MAX_NUMBERS}: the numbers
 * named in `preferred` first (the draft's From, then the recently used senders, in that order),
 * then the rest in the API's order.
 */
export function relevantNumbers(
	numbers: readonly NumberOption[],
	preferred: readonly (string | undefined)[],
): NumberOption[] {
	const byNumber = new Map(numbers.map((n) => [n.phoneNumber, n]));
	const first: NumberOption[] = [];
	for (const phoneNumber of preferred) {
		const option = phoneNumber === undefined ? undefined : byNumber.get(phoneNumber);
		if (option && !first.includes(option)) {
			first.push(option);
		}
	}
	const rest = numbers.filter((n) => !first.includes(n));
	return capNumbers([...first, ...rest]);
}

function capNumbers(numbers: readonly NumberOption[]): NumberOption[] {
	return numbers
		.filter((n) => n.phoneNumber.length <= MAX_PHONE_NUMBER_LENGTH)
		.slice(0, MAX_NUMBERS)
		.map((n) => ({ ...n, friendlyName: cutText(n.friendlyName, MAX_FRIENDLY_NAME_LENGTH) }));
}

function capError(error: SendErrorInfo): SendErrorInfo {
	const capped: SendErrorInfo = { ...error, message: cutText(error.message) };
	if (capped.hint !== undefined) {
		capped.hint = cutText(capped.hint);
	}
	// A cut URL would point elsewhere: an over-long link is left out.
	if (capped.moreInfo !== undefined && capped.moreInfo.length > MAX_LINK_LENGTH) {
		delete capped.moreInfo;
	}
	return capped;
}

function capResult<T extends SendResultPayload>(result: T): T {
	if (result.ok) {
		return { ...result, sid: cutText(result.sid), status: cutText(result.status), to: cutText(result.to) };
	}
	return { ...result, error: capError(result.error) };
}

/** A listener whose URL is over the link limit is left out (a cut URL would point elsewhere): the form shows no box. */
function capListener(listener: ListenerInfo | null | undefined): ListenerInfo | undefined {
	return listener && listener.statusCallbackUrl.length <= MAX_LINK_LENGTH ? listener : undefined;
}

/** The message with every list and text within the protocol's limits (src/compose/protocol.ts). */
export function capForWebview(message: ExtensionToWebviewMessage): ExtensionToWebviewMessage {
	switch (message.type) {
		case 'init': {
			const { listener, ...rest } = message;
			const capped = capListener(listener);
			return {
				...rest,
				...(capped ? { listener: capped } : {}),
				numbers: capNumbers(message.numbers),
				profile: message.profile === null ? null : cutText(message.profile),
				...(message.lastResult ? { lastResult: capResult(message.lastResult) } : {}),
			};
		}
		case 'listenerChanged':
			return { ...message, listener: capListener(message.listener) ?? null };
		case 'numbers':
			return {
				...message,
				numbers: capNumbers(message.numbers),
				...(message.error !== undefined ? { error: cutText(message.error) } : {}),
			};
		case 'sendResult':
			return { ...message, result: capResult(message.result) };
		case 'signedInChanged':
			return { ...message, profile: message.profile === null ? null : cutText(message.profile) };
	}
}
