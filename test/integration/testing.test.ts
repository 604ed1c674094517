/**
 * Conversation tests in the real VS Code: the Test Explorer's tree of the workspace's `.smstest`
 * files (copied there by scripts/run-integration.ts from test/fixtures/smstest), runs against the
 * local server started in the extension host, failures at their line with a diff, diagnostics in
 * the Problems view, continuous runs on save, and "Save Conversation as Test...".
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { Testing } from '../../src/testing';
import { activateExtension, signInToSandbox, waitUntil } from './helpers';

const ECHO = '+15550100555';
/** A number of the local project no other suite texts the echo handset from: its thread holds only this suite's exchange. */
const OWN = '+15550100104';

function workspaceFile(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the integration runner opens a workspace folder');
	return vscode.Uri.joinPath(folder.uri, 'scenarios', name);
}

function children(item: vscode.TestItem): vscode.TestItem[] {
	const items: vscode.TestItem[] = [];
	item.children.forEach((child) => items.push(child));
	return items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

async function write(uri: vscode.Uri, text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** The file's item once the tree shows `scenarios` scenarios for it. */
async function fileItem(testing: Testing, uri: vscode.Uri, scenarios = 1): Promise<vscode.TestItem> {
	let found: vscode.TestItem | undefined;
	await waitUntil(
		() => {
			found = testing.controller.items.get(uri.toString());
			return found !== undefined && found.children.size === scenarios;
		},
		10_000,
		`${vscode.workspace.asRelativePath(uri)} in the Test Explorer with ${scenarios} scenario(s)`,
	);
	return found!;
}

async function runLocal(testing: Testing, items: vscode.TestItem[]): Promise<void> {
	await testing.run(new vscode.TestRunRequest(items, undefined, testing.profiles.local), testing.profiles.local);
}

describe('conversation tests (Test Explorer)', function () {
	this.timeout(60_000);
	let api: TestApi;
	let testing: Testing;
	const created: vscode.Uri[] = [];

	before(async () => {
		api = (await activateExtension()).exports as TestApi;
		testing = api.testing;
		await testing.ready();
	});

	after(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		for (const uri of created) {
			await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
		}
	});

	it('loaded its bundle at start because the workspace holds .smstest files', () => {
		assert.equal(api.testingLoaded, true);
	});

	it('finds the workspace\'s files: file → scenario → step, each with its range', async () => {
		const file = await fileItem(testing, workspaceFile('handsets.smstest'), 2);
		assert.equal(file.label, 'scenarios/handsets.smstest');
		const [echo, stop] = children(file);
		assert.equal(echo!.label, 'the echo handset answers');
		assert.equal(stop!.label, 'the STOP handset opts out');
		assert.equal(echo!.range?.start.line, 2, 'the scenario: line');
		const steps = children(echo!);
		assert.deepEqual(
			steps.map((step) => [step.label, step.range?.start.line]),
			[
				['> Hello', 7],
				['< Echo: Hello', 8],
				['set: WORD = again', 9],
				['> once ${WORD}', 10],
				['< /^Echo: once again$/', 11],
			],
		);
		assert.deepEqual(children(stop!).map((step) => step.range?.start.line), [18, 19, 20, 21]);
	});

	it('runs the examples against the local server: every step passes', async () => {
		const file = await fileItem(testing, workspaceFile('handsets.smstest'), 2);
		await runLocal(testing, [file]);
		for (const scenario of children(file)) {
			assert.equal(testing.results.get(scenario.id)?.state, 'passed', `${scenario.label}: ${testing.results.get(scenario.id)?.message}`);
			for (const step of children(scenario)) {
				assert.equal(testing.results.get(step.id)?.state, 'passed', `${step.label}: ${testing.results.get(step.id)?.message}`);
			}
		}
	});

	it('fails a broken expectation at its line, with the diff of expected and actual bodies', async () => {
		const uri = workspaceFile('broken.smstest');
		created.push(uri);
		await write(uri, 'scenario: a wrong reply\nfrom: +15550100100\nto: +15550100555\ntimeout: 5s\n> Hi\n< Echo: Bye\n> never sent\n');
		const file = await fileItem(testing, uri);
		await runLocal(testing, [file]);
		const [scenario] = children(file);
		const [send, expect, after] = children(scenario!);
		assert.equal(testing.results.get(send!.id)?.state, 'passed');
		const failed = testing.results.get(expect!.id);
		assert.equal(failed?.state, 'failed');
		assert.equal(failed?.line, 5, 'the failure points at the < line');
		assert.equal(failed?.expected, 'Echo: Bye');
		assert.equal(failed?.actual, 'Echo: Hi');
		assert.equal(testing.results.get(after!.id)?.state, 'skipped');
		assert.equal(testing.results.get(scenario!.id)?.state, 'failed');
	});

	it('says what arrived during the wait, with times, when a regex does not match', async () => {
		const uri = workspaceFile('regex.smstest');
		created.push(uri);
		await write(uri, 'scenario: a regex\nfrom: +15550100100\nto: +15550100555\ntimeout: 5s\n> Hi there\n< /^Bye/\n');
		const file = await fileItem(testing, uri);
		await runLocal(testing, [file]);
		const [scenario] = children(file);
		const [, expect] = children(scenario!);
		const failed = testing.results.get(expect!.id);
		assert.equal(failed?.state, 'failed');
		assert.equal(failed?.line, 5);
		assert.equal(failed?.expected, undefined, 'a regex is not shown as a diff');
		assert.match(failed?.message ?? '', /Arrived during the wait:\n {2}\d\d:\d\d:\d\d\.\d{3} {2}\+15550100555 → \+15550100100: "Echo: Hi there"/);
	});

	it('shows a parse error in the Problems view at its line, as you type', async () => {
		const uri = workspaceFile('typing.smstest');
		created.push(uri);
		await write(uri, 'scenario: typing\nfrom: +15550100100\nto: +15550100555\n> Hi\n< Echo: Hi\n');
		const editor = await vscode.window.showTextDocument(uri);
		await fileItem(testing, uri);
		assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
		assert.equal(editor.document.languageId, 'smstest');
		await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), 'status: arrived\n'));
		await waitUntil(() => vscode.languages.getDiagnostics(uri).some((d) => d.severity === vscode.DiagnosticSeverity.Error), 5000, 'the error diagnostic');
		const [diagnostic] = vscode.languages.getDiagnostics(uri);
		assert.equal(diagnostic!.range.start.line, 5);
		assert.match(diagnostic!.message, /status/);
		assert.equal(diagnostic!.source, 'smstest');
		// The unsaved text is what the Test Explorer shows: the file item carries the error.
		await waitUntil(() => testing.controller.items.get(uri.toString())?.error !== undefined, 5000, 'the file item\'s error');
		await editor.edit((edit) => edit.delete(new vscode.Range(5, 0, 6, 0)));
		await waitUntil(() => vscode.languages.getDiagnostics(uri).length === 0, 5000, 'the diagnostic to clear');
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	it('warns of an unknown variable, naming where variables come from', async () => {
		const uri = workspaceFile('variables.smstest');
		created.push(uri);
		await write(uri, 'scenario: vars\nfrom: +15550100100\nto: +15550100555\n> ${NOT_DEFINED_ANYWHERE}\n');
		await waitUntil(() => vscode.languages.getDiagnostics(uri).length > 0, 10_000, 'the warning');
		const [warning] = vscode.languages.getDiagnostics(uri);
		assert.equal(warning!.severity, vscode.DiagnosticSeverity.Warning);
		assert.equal(warning!.range.start.line, 3);
		assert.match(warning!.message, /set:.*save:/);
	});

	it('re-runs a file on save during a continuous run', async () => {
		const uri = workspaceFile('continuous.smstest');
		created.push(uri);
		await write(uri, 'scenario: continuous\nfrom: +15550100100\nto: +15550100555\ntimeout: 5s\n> one\n< Echo: one\n');
		const file = await fileItem(testing, uri);
		const source = new vscode.CancellationTokenSource();
		const runs = testing.results.runsEnded;
		const running = testing.profiles.local.runHandler(new vscode.TestRunRequest([file], undefined, testing.profiles.local, true), source.token);
		try {
			await waitUntil(() => testing.results.runsEnded > runs, 20_000, 'the first run');
			const [scenario] = children(file);
			assert.equal(testing.results.get(scenario!.id)?.state, 'passed');
			const editor = await vscode.window.showTextDocument(uri);
			await editor.edit((edit) => edit.replace(new vscode.Range(5, 0, 5, 11), '< Echo: two'));
			await editor.document.save();
			await waitUntil(() => testing.results.runsEnded > runs + 1, 20_000, 'a run after the save');
			const [changed] = children(testing.controller.items.get(uri.toString())!);
			assert.equal(testing.results.get(changed!.id)?.state, 'failed', 'the saved text ran: "two" is not what the echo answers');
		} finally {
			source.cancel();
			await running;
			source.dispose();
			await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		}
	});

	it('runs one scenario from the CodeLens command', async () => {
		const uri = workspaceFile('handsets.smstest');
		const file = await fileItem(testing, uri, 2);
		const [, stop] = children(file);
		const before = testing.results.runsEnded;
		await vscode.commands.executeCommand('signalwire.tests.runScenario', uri.toString(), 1);
		assert.equal(testing.results.runsEnded, before + 1);
		assert.equal(testing.results.get(stop!.id)?.state, 'passed');
	});

	it('puts Run and Run against Space... above each scenario: line', async () => {
		const uri = workspaceFile('handsets.smstest');
		await vscode.window.showTextDocument(uri);
		const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
		assert.deepEqual(
			lenses.map((lens) => [lens.range.start.line, lens.command?.command, lens.command?.arguments?.[1]]),
			[
				[2, 'signalwire.tests.runScenario', 0],
				[2, 'signalwire.tests.runScenarioAgainstSpace', 0],
				[13, 'signalwire.tests.runScenario', 1],
				[13, 'signalwire.tests.runScenarioAgainstSpace', 1],
			],
		);
	});

	it('completes directives and numbers, and says whose a number is on hover', async () => {
		const uri = workspaceFile('handsets.smstest');
		const completions = (await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(4, 4))) as vscode.CompletionList;
		const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
		assert.ok(labels.includes(ECHO), `numbers after "to:": ${labels.join(', ')}`);
		const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(4, 8))) as vscode.Hover[];
		const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
		assert.match(text, /Echo/);
	});

	it('runs against the Active Space only after asking once, with the most messages and segments it sends', async () => {
		await signInToSandbox();
		const file = await fileItem(testing, workspaceFile('handsets.smstest'), 2);
		const [echo] = children(file);
		const asked: string[] = [];
		const original = vscode.window.showWarningMessage;
		const answer = (value: string | undefined) => {
			(vscode.window as { showWarningMessage: unknown }).showWarningMessage = (message: string, options: vscode.MessageOptions, ...items: string[]) => {
				asked.push(`${message}\n${options?.detail ?? ''}`);
				return Promise.resolve(value === undefined ? undefined : items.find((item) => item === value));
			};
		};
		const space = testing.profiles.space;
		try {
			answer(undefined);
			await testing.run(new vscode.TestRunRequest([echo!], undefined, space), space);
			assert.equal(asked.length, 1);
			assert.match(asked[0]!, /at most 2 message\(s\), 2 segment\(s\)/);
			assert.equal(testing.results.get(echo!.id)?.state, 'skipped', 'declined: nothing ran');
			answer('Run against Space');
			await testing.run(new vscode.TestRunRequest([echo!], undefined, space), space);
			assert.equal(asked.length, 2);
			assert.equal(testing.results.get(echo!.id)?.state, 'passed', testing.results.get(echo!.id)?.message);
			// Its sends are in the Messages view like any send, marked as from a test run.
			const sent = api.history.entries({}).filter((entry) => entry.testRun);
			assert.deepEqual(sent.map((entry) => entry.params.body).sort(), ['Hello', 'once again']);
			await testing.run(new vscode.TestRunRequest([echo!], undefined, space), space);
			assert.equal(asked.length, 2, 'asked once per session');
			assert.equal(testing.results.get(echo!.id)?.state, 'passed', testing.results.get(echo!.id)?.message);
		} finally {
			(vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
		}
	});

	it('refuses a Space run whose tester is not a number of the Space, before sending', async () => {
		const uri = workspaceFile('foreign.smstest');
		created.push(uri);
		await write(uri, 'scenario: foreign tester\nfrom: +15550109999\nto: +15550100555\n> Hi\n< Echo: Hi\n');
		const file = await fileItem(testing, uri);
		await testing.run(new vscode.TestRunRequest([file], undefined, testing.profiles.space), testing.profiles.space);
		const [scenario] = children(file);
		const result = testing.results.get(scenario!.id);
		assert.equal(result?.state, 'errored');
		assert.match(result?.message ?? '', /\+15550109999 is not an SMS number of your Space/);
	});

	it('saves a conversation as a test that parses and passes against the local server', async () => {
		await signInToSandbox();
		await vscode.commands.executeCommand('signalwire.sendMessage', { from: OWN, to: ECHO, body: 'recorded $1 /hello/' });
		await waitUntil(
			async () => {
				await vscode.commands.executeCommand('signalwire.importFromSpace', { since: new Date().toISOString().slice(0, 10) });
				return api.replies.messagesOf({ profileId: (await api.services.credentials.activeProfile())!.id, ownNumber: OWN, otherParty: ECHO }).some((known) => known.message.body === 'Echo: recorded $1 /hello/');
			},
			15_000,
			'the echo reply in the conversation',
		);
		const uri = workspaceFile('recorded.smstest');
		created.push(uri);
		const saved = (await vscode.commands.executeCommand('signalwire.saveConversationAsTest', { ownNumber: OWN, otherParty: ECHO, file: uri.toString(), captureDigits: false })) as vscode.Uri;
		assert.equal(saved.toString(), uri.toString());
		assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the new test is opened');
		const text = vscode.window.activeTextEditor.document.getText();
		assert.match(text, /^from: \+15550100104$/m);
		assert.match(text, /^> recorded \\\$1 \/hello\/$/m);
		assert.match(text, /^< Echo: recorded \\\$1 \/hello\/$/m);
		const file = await fileItem(testing, uri);
		assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
		// Only the last exchange: earlier tests of other suites may have left more in this thread.
		await runLocal(testing, [file]);
		const [scenario] = children(file);
		assert.equal(testing.results.get(scenario!.id)?.state, 'passed', testing.results.get(scenario!.id)?.message);
	});
});
