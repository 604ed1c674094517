/**
 * Conversation tests in VS Code: `.smstest` files in the Test Explorer (file → scenario → step),
 * diagnostics as you type, completion, hovers, CodeLens, and two run profiles (the local server,
 * the signed-in Space). esbuild bundles this on its own (dist/testing.js): activation requires it
 * once the workspace holds a .smstest file or one is opened (src/extension.ts), and it loads
 * nothing of dist/features.js until the Space is needed.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { TESTING_COMMANDS } from '../commands/testing/registry';
import type { TestingCommandId } from '../contributions';
import { ScenarioDiagnostics } from './diagnostics';
import { registerLanguageFeatures, type SpaceNumbers } from './languageFeatures';
import { ScenarioRunner, type RunTarget } from './runner';
import { ScenarioFiles } from './scenarioFiles';
import { LocalRunTarget } from './targets';
import { SpaceRunTarget } from './spaceTarget';
import { ReportedResults } from './testRun';
import type { TestingCore, TestingServices } from './testingServices';
import { TestTree } from './testTree';

export type { TestingCore } from './testingServices';

export const TEST_CONTROLLER_ID = 'signalwire.smstest';

export interface Testing extends TestingServices {
	/** Resolves once the workspace's files have been found and parsed. */
	ready(): Promise<void>;
	runCommand(id: TestingCommandId, args: unknown[]): unknown;
}

export function createTesting(core: TestingCore): Testing {
	const bundle = vscode.l10n.bundle;
	if (bundle) {
		l10n.config({ contents: bundle });
	}
	const { context } = core;
	const controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, vscode.l10n.t('SMS conversation tests'));
	const files = new ScenarioFiles();
	const tree = new TestTree(controller);
	const diagnostics = new ScenarioDiagnostics();
	const results = new ReportedResults();
	const runner = new ScenarioRunner(controller, tree, files, results);
	const local = new LocalRunTarget(core.logger);
	const space = new SpaceRunTarget(core);

	const handler =
		(target: RunTarget) =>
		async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> => {
			if (!request.continuous) {
				return runner.run(request, token, target);
			}
			// Continuous run: once now, then again for each saved file the request covers, until stopped.
			await runner.run(request, token, target);
			const saved = files.onDidSave((file) => {
				const covered =
					!request.include || request.include.some((item) => item.uri?.toString() === file.uri.toString());
				if (covered && !token.isCancellationRequested) {
					const fileItem = tree.update(file.uri, file.result);
					const include = request.include
						? request.include.filter((item) => item.uri?.toString() === file.uri.toString())
						: [fileItem];
					void runner.run(
						new vscode.TestRunRequest(include, request.exclude, request.profile),
						token,
						target,
					);
				}
			});
			await new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()));
			saved.dispose();
		};
	const localProfile = controller.createRunProfile(
		vscode.l10n.t('Local server'),
		vscode.TestRunProfileKind.Run,
		handler(local),
		true,
		undefined,
		true,
	);
	const spaceProfile = controller.createRunProfile(
		vscode.l10n.t('Active Space'),
		vscode.TestRunProfileKind.Run,
		handler(space),
		false,
	);

	controller.refreshHandler = () => files.discover(true);
	controller.resolveHandler = async (item) => {
		if (!item) {
			await files.discover();
		}
	};

	const show = (uri: vscode.Uri, result: Parameters<TestTree['update']>[1]) => {
		tree.update(uri, result);
		diagnostics.set(uri, result.diagnostics);
	};
	const spaceNumbers: SpaceNumbers = async () => {
		const profile = await core.credentials.activeProfile();
		if (!profile) {
			return undefined;
		}
		const numbers = await core.services().numbers.messagingNumbers(profile);
		return {
			space: profile.spaceUrl,
			numbers: numbers.map((n) => ({ phoneNumber: n.phone_number, friendlyName: n.friendly_name })),
		};
	};

	context.subscriptions.push(
		controller,
		files,
		diagnostics,
		results,
		local,
		files.onDidChange((file) => show(file.uri, file.result)),
		files.onDidRemove((uri) => {
			tree.remove(uri);
			diagnostics.delete(uri);
		}),
		...registerLanguageFeatures(files, spaceNumbers),
	);
	const discovery = files.discover();

	const services: Testing = {
		core,
		controller,
		files,
		results,
		profiles: { local: localProfile, space: spaceProfile },
		ready: () => discovery,
		async scenarioItem(uri, index) {
			const parsed = await files.load(uri);
			if (!parsed) {
				return undefined;
			}
			const fileItem = tree.update(uri, parsed.result);
			let found: vscode.TestItem | undefined;
			fileItem.children.forEach((item) => {
				const node = tree.node(item);
				if (node?.kind === 'scenario' && node.scenarioIndex === index) {
					found = item;
				}
			});
			return found;
		},
		async run(request, profile) {
			const source = new vscode.CancellationTokenSource();
			try {
				await profile.runHandler(request, source.token);
			} finally {
				source.dispose();
			}
		},
		runCommand: (id, args) => TESTING_COMMANDS[id](services, ...args),
	};
	return services;
}
