/**
 * In-host suite: activates the extension and reports the time spent inside `activate()` (measured
 * by the extension itself, TestApi.activationMs) and the wall time of `Extension.activate()` as
 * seen from here (code loading + activate + the host's bookkeeping, when it was not active yet).
 */
import { extension, report } from './common';

export async function run(): Promise<void> {
	const ext = extension();
	const wasActive = ext.isActive;
	const started = performance.now();
	const api = await ext.activate();
	const wallMs = performance.now() - started;
	report({ kind: 'activation', activationMs: api?.activationMs, wallMs, wasActive });
}
