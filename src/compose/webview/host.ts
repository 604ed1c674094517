/**
 * The compose webview's door to the extension (src/webview/script/channel.ts, shared with the
 * conversation panel): typed messages out (src/compose/protocol.ts), the extension's messages in
 * through the lenient reader (src/compose/readExtensionMessage.ts), and the state VS Code keeps
 * for the panel (`setState`, read by the serializer after a reload).
 */
import { connectToExtension } from '../../webview/script/channel';
import type { WebviewToExtensionMessage } from '../protocol';
import { parseExtensionToWebviewMessage, type ReceivedExtensionMessage } from '../readExtensionMessage';
import type { PersistedState } from './model';

const channel = connectToExtension<WebviewToExtensionMessage, ReceivedExtensionMessage, PersistedState>(
	'compose',
	parseExtensionToWebviewMessage,
);

export function postToExtension(message: WebviewToExtensionMessage): void {
	channel.post(message);
}

export function savedState(): unknown {
	return channel.savedState();
}

export function saveState(state: PersistedState): void {
	channel.saveState(state);
}

/** Calls `handle` with each readable message from the extension; bad parts are dropped and noted in the console. */
export function onExtensionMessage(handle: (message: ReceivedExtensionMessage) => void): void {
	channel.onMessage(handle);
}
