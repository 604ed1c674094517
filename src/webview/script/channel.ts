/**
 * A webview script's one door to the extension, for both webviews: typed messages out, the
 * extension's messages in through the protocol's tolerant reader (src/compose/readExtensionMessage.ts,
 * src/replies/readExtensionMessage.ts), and the state VS Code keeps for the panel (`setState`).
 * No `vscode` (the webview's `acquireVsCodeApi` is the page's own).
 */
import type { DroppedPart } from '../../util/messageGuards';

interface WebviewApi {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): void;
}
declare function acquireVsCodeApi(): WebviewApi;

export interface ExtensionChannel<Out, In, State> {
	post(message: Out): void;
	/** What an earlier run of the script saved (unchecked: the caller reads it). */
	savedState(): unknown;
	saveState(state: State): void;
	/** Calls `handle` with each readable message from the extension; bad parts are dropped and noted in the console. */
	onMessage(handle: (message: In) => void): void;
}

/**
 * Connects the script (once: `acquireVsCodeApi` may be called only once per page). `name` is the
 * console's name of the webview; `read` is its protocol's reader of the extension's messages.
 */
export function connectToExtension<Out, In extends { type: string }, State>(
	name: string,
	read: (value: unknown, dropped: DroppedPart) => In | undefined,
): ExtensionChannel<Out, In, State> {
	const api = acquireVsCodeApi();
	return {
		post: (message) => api.postMessage(message),
		savedState: () => api.getState(),
		saveState: (state) => api.setState(state),
		onMessage: (handle) =>
			window.addEventListener('message', (event: MessageEvent<unknown>) => {
				const dropped: string[] = [];
				const message = read(event.data, (part) => dropped.push(part));
				if (!message) {
					console.warn(`${name}: ignored an unknown or malformed message from the extension`);
					return;
				}
				if (dropped.length > 0) {
					console.warn(
						`${name}: dropped or cut parts of a "${message.type}" message: ${dropped.slice(0, 10).join(', ')}`,
					);
				}
				handle(message);
			}),
	};
}
