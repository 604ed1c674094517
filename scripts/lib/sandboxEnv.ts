/**
 * The environment that tells the integration suite (test/integration/helpers.ts) inside the
 * extension host where the local SignalWire-compatible server is and where the run's files go.
 */
import type { Sandbox } from '../../sandbox/server';

export function sandboxHostEnv(sandbox: Sandbox, runDir: string): Record<string, string> {
	return {
		SIGNALWIRE_SANDBOX_URL: sandbox.url,
		SIGNALWIRE_SANDBOX_PROJECT_ID: sandbox.projectId,
		SIGNALWIRE_SANDBOX_TOKEN: sandbox.token,
		SIGNALWIRE_TEST_RUN_DIR: runDir,
	};
}
