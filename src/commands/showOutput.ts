import type { Services } from '../services';

/** `signalwire.showOutput`: reveals the "SignalWire" output channel. */
export function showOutput(services: Services): void {
	services.logger.show();
}
