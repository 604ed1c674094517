import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

describe('extension', () => {
	let extension: vscode.Extension<unknown>;

	before(async () => {
		extension = await activateExtension();
	});

	it('activates', () => {
		assert.equal(extension.isActive, true);
	});

	it('registers every contributed command, and contributes every registered one', async () => {
		const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
		// VS Code itself registers `<view id>.focus` (and .open, .removeView...) for each contributed view.
		const views = Object.values((extension.packageJSON.contributes.views ?? {}) as Record<string, Array<{ id: string }>>).flat().map((v) => v.id);
		const generated = (id: string) => views.some((view) => new RegExp(`^${view.replace(/\./g, '\\.')}\\.(focus|open|removeView|resetViewLocation|toggleVisibility)$`).test(id));
		const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('signalwire.') && !generated(id)).sort();
		const missing = contributed.filter((id) => !registered.includes(id));
		const undeclared = registered.filter((id) => !contributed.includes(id));
		assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
		assert.deepEqual(undeclared, [], `registered but not contributed: ${undeclared.join(', ')}`);
		assert.ok(contributed.length >= 5, 'expected at least the sign-in, send and output commands');
	});

	it('gives every command the SignalWire category and a title', () => {
		for (const command of extension.packageJSON.contributes.commands as Array<{ command: string; title: string; category: string }>) {
			assert.equal(command.category, 'SignalWire', command.command);
			assert.ok(command.title, command.command);
		}
	});

	it('links only to commands that exist, from the welcome view and the walkthrough', async () => {
		const strings = JSON.parse(await readManifestStrings(extension)) as Record<string, string>;
		const links = Object.values(strings).flatMap((text) => [...text.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!));
		assert.ok(links.length >= 5, `expected command links, found ${links.length}`);
		const registered = await vscode.commands.getCommands(true);
		const broken = links.filter((id) => !registered.includes(id));
		assert.deepEqual(broken, [], `links to missing commands: ${broken.join(', ')}`);
	});

	it('contributes a walkthrough whose steps show shipped Markdown and finish on real events', async () => {
		const walkthroughs = extension.packageJSON.contributes.walkthroughs as Array<{ steps: Array<{ id: string; media: { markdown: string }; completionEvents: string[] }> }>;
		assert.equal(walkthroughs.length, 1);
		for (const step of walkthroughs[0]!.steps) {
			const markdown = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown));
			assert.ok(markdown.byteLength > 100, `${step.id}: ${step.media.markdown} is empty`);
			assert.ok(step.completionEvents.length > 0, step.id);
		}
	});
});

async function readManifestStrings(extension: vscode.Extension<unknown>): Promise<string> {
	return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'package.nls.json')));
}
