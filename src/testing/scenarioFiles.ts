/**
 * The `.smstest` files of the workspace, parsed: found with a file search and a file watcher on
 * `**\/*.smstest`, read from disk, and from the editor's unsaved text while one is open (so the
 * tree, the diagnostics and a run all see what is on screen). Each change is announced once.
 */
import * as vscode from 'vscode';
import { SMSTEST_LANGUAGE_ID } from '../contributions';
import { parseScenarios } from '../scenarios/parse';
import type { ParseResult } from '../scenarios/types';

export const SMSTEST_GLOB = '**/*.smstest';
const EXCLUDE = '**/node_modules/**';

export interface ParsedFile {
	readonly uri: vscode.Uri;
	readonly result: ParseResult;
	/** The text parsed (an open editor's, saved or not). */
	readonly text: string;
}

/**
 * An editor's `.smstest` document that belongs in the Test Explorer: on disk, untitled, or in a
 * workspace folder; not the other side of a diff or a save conflict (schemes of their own).
 */
export function isScenarioDocument(document: vscode.TextDocument): boolean {
	const { uri } = document;
	const isTest = document.languageId === SMSTEST_LANGUAGE_ID || uri.path.endsWith('.smstest');
	return (
		isTest &&
		(uri.scheme === 'file' || uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(uri) !== undefined)
	);
}

/** Names of environment variables a scenario may not read: secrets must not reach a transcript. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|SIGNING|PRIVATE|CREDENTIAL|(^|_)KEY($|_)/i;

/**
 * The environment's variables a run offers to `${NAME}` (after `set:` and `save:`), as the CLI does,
 * except those whose names say they are secrets (the extension host's environment may hold a token).
 */
export function editorVariables(): Record<string, string> {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string' && !SECRET_NAME.test(entry[0]),
		),
	);
}

/**
 * Parses a file's text the way the editor shows it: unknown variables are warnings (the environment may define them).
 */
export function parseText(text: string, uri: vscode.Uri): ParseResult {
	return parseScenarios(text, {
		path: vscode.workspace.asRelativePath(uri, false),
		isKnownVariable: (name) => !SECRET_NAME.test(name) && process.env[name] !== undefined,
	});
}

export class ScenarioFiles implements vscode.Disposable {
	private readonly files = new Map<string, ParsedFile>();
	private readonly changed = new vscode.EventEmitter<ParsedFile>();
	private readonly removed = new vscode.EventEmitter<vscode.Uri>();
	/** A file was found, changed on disk or edited (its new parse). */
	readonly onDidChange = this.changed.event;
	/** A file was deleted. */
	readonly onDidRemove = this.removed.event;
	/** A saved file whose text changed (continuous runs listen to this). */
	private readonly saved = new vscode.EventEmitter<ParsedFile>();
	readonly onDidSave = this.saved.event;
	private readonly disposables: vscode.Disposable[] = [];
	private discovery: Promise<void> | undefined;

	constructor() {
		const watcher = vscode.workspace.createFileSystemWatcher(SMSTEST_GLOB);
		this.disposables.push(
			watcher,
			watcher.onDidCreate((uri) => void this.readFromDisk(uri)),
			watcher.onDidChange((uri) => void this.readFromDisk(uri)),
			watcher.onDidDelete((uri) => this.remove(uri)),
			vscode.workspace.onDidOpenTextDocument(
				(document) => isScenarioDocument(document) && this.update(document.uri, document.getText()),
			),
			vscode.workspace.onDidChangeTextDocument((event) => {
				if (isScenarioDocument(event.document) && event.contentChanges.length > 0) {
					this.update(event.document.uri, event.document.getText());
				}
			}),
			vscode.workspace.onDidSaveTextDocument((document) => {
				if (isScenarioDocument(document)) {
					this.saved.fire(this.update(document.uri, document.getText()));
				}
			}),
			// Closed unsaved edits are gone: the file on disk is what counts again.
			vscode.workspace.onDidCloseTextDocument(
				(document) =>
					isScenarioDocument(document) &&
					document.uri.scheme === 'file' &&
					void this.readFromDisk(document.uri),
			),
			this.changed,
			this.removed,
			this.saved,
		);
	}

	/** Finds every file of the workspace once (again with `force`), and the open editors' text. */
	discover(force = false): Promise<void> {
		if (!this.discovery || force) {
			this.discovery = (async () => {
				const uris = await vscode.workspace.findFiles(SMSTEST_GLOB, EXCLUDE);
				const seen = new Set(uris.map((uri) => uri.toString()));
				for (const key of [...this.files.keys()]) {
					if (!seen.has(key) && !this.openDocument(vscode.Uri.parse(key))) {
						this.remove(vscode.Uri.parse(key));
					}
				}
				await Promise.all(uris.map((uri) => this.readFromDisk(uri)));
				for (const document of vscode.workspace.textDocuments.filter(isScenarioDocument)) {
					this.update(document.uri, document.getText());
				}
			})();
		}
		return this.discovery;
	}

	get(uri: vscode.Uri): ParsedFile | undefined {
		return this.files.get(uri.toString());
	}

	all(): ParsedFile[] {
		return [...this.files.values()];
	}

	/** The file's current parse, read now if not known yet (an open editor's text wins). */
	async load(uri: vscode.Uri): Promise<ParsedFile | undefined> {
		return this.get(uri) ?? (await this.readFromDisk(uri));
	}

	private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
		const key = uri.toString();
		return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
	}

	private async readFromDisk(uri: vscode.Uri): Promise<ParsedFile | undefined> {
		const open = this.openDocument(uri);
		if (open?.isDirty) {
			return this.update(uri, open.getText());
		}
		let text: string;
		try {
			text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
		} catch {
			this.remove(uri);
			return undefined;
		}
		return this.update(uri, text);
	}

	private update(uri: vscode.Uri, text: string): ParsedFile {
		const key = uri.toString();
		const known = this.files.get(key);
		if (known && known.text === text) {
			return known;
		}
		const parsed: ParsedFile = { uri, text, result: parseText(text, uri) };
		this.files.set(key, parsed);
		this.changed.fire(parsed);
		return parsed;
	}

	private remove(uri: vscode.Uri): void {
		if (this.files.delete(uri.toString())) {
			this.removed.fire(uri);
		}
	}

	dispose(): void {
		for (const disposable of this.disposables) {
			disposable.dispose();
		}
	}
}
