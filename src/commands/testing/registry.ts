import type { TestingCommandId } from '../../contributions';
import type { TestingServices } from '../../testing/testingServices';
import { runScenarioCommand } from './runScenario';

type TestingCommandHandler = (testing: TestingServices, ...args: unknown[]) => unknown;

/**
 * The commands whose code is in dist/testing.js (src/testing/): with ../registry.ts, exactly the
 * ids of COMMAND_IDS (src/contributions.ts). Activation sends these to the conversation tests'
 * bundle and the others to dist/features.js.
 */
export const TESTING_COMMANDS: Readonly<Record<TestingCommandId, TestingCommandHandler>> = {
	'signalwire.tests.runScenario': (testing, file, index) => runScenarioCommand(testing, 'local', file, index),
	'signalwire.tests.runScenarioAgainstSpace': (testing, file, index) =>
		runScenarioCommand(testing, 'space', file, index),
};
