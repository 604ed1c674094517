import type * as vscode from 'vscode';
import type { CredentialStore } from '../credentials/credentialStore';
import type { Services } from '../services';
import type { Logger } from '../util/logger';
import type { ScenarioFiles } from './scenarioFiles';
import type { ReportedResults } from './testRun';

/** What activation hands the conversation tests' bundle (dist/testing.js). */
export interface TestingCore {
	context: vscode.ExtensionContext;
	logger: Logger;
	credentials: CredentialStore;
	/**
	 * The rest of the extension (loads dist/features.js): only for the Space's numbers and the Active Space profile.
	 */
	services: () => Services;
}

/** What the conversation tests' commands (src/commands/testing/) get. */
export interface TestingServices {
	readonly core: TestingCore;
	readonly controller: vscode.TestController;
	readonly files: ScenarioFiles;
	readonly results: ReportedResults;
	readonly profiles: { readonly local: vscode.TestRunProfile; readonly space: vscode.TestRunProfile };
	/** The test item of a file's scenario (the file parsed and its items made if needed). */
	scenarioItem(uri: vscode.Uri, index: number): Promise<vscode.TestItem | undefined>;
	/** Runs a request with a profile's handler, as the Test Explorer would; resolves when it ends. */
	run(request: vscode.TestRunRequest, profile: vscode.TestRunProfile): Promise<void>;
}
