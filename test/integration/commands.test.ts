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
});
