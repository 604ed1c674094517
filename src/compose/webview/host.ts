/**
 * The compose webview's one door to the extension: typed messages out (src/compose/protocol.ts),
 * the extension's messages in through the lenient reader (src/compose/readExtensionMessage.ts),
 * and the state VS Code keeps for the panel (`setState`, read by the serializer after a reload).
 */
import type { WebviewToExtensionMessage } from '../protocol';
import { parseExtensionToWebviewMessage, type ReceivedExtensionMessage } from '../readExtensionMessage';
import type { PersistedState } from './model';

interface WebviewApi {
	postMessage(message: WebviewToExtensionMessage): void;
	getState(): unknown;
	setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): WebviewApi;

const api = acquireVsCodeApi();

export function postToExtension(message: WebviewToExtensionMessage): void {
	api.postMessage(message);
}

export function savedState(): unknown {
	return api.getState();
}

export function saveState(state: PersistedState): void {
	api.setState(state);
}

/** Calls `handle` with each readable message from the extension; bad parts are dropped and noted in the console. */
export function onExtensionMessage(handle: (message: ReceivedExtensionMessage) => void): void {
	window.addEventListener('message', (event: MessageEvent<unknown>) => {
		const dropped: string[] = [];
		const message = parseExtensionToWebviewMessage(event.data, (part) => dropped.push(part));
		if (!message) {
			console.warn('compose: ignored an unknown or malformed message from the extension');
			return;
		}
		if (dropped.length > 0) {
			console.warn(`compose: dropped or cut parts of a "${message.type}" message: ${dropped.slice(0, 10).join(', ')}`);
		}
		handle(message);
	});
}
