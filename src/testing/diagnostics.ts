/**
 * The parser's diagnostics in the Problems view and as squiggles, kept up to date as the text
 * changes (the parse is the engine's own: what the editor flags is what a run would refuse).
 */
import * as vscode from 'vscode';
import type { Diagnostic } from '../scenarios/types';

export const DIAGNOSTIC_SOURCE = 'smstest';

export function toDiagnostic(diagnostic: Diagnostic): vscode.Diagnostic {
	const range = new vscode.Range(
		diagnostic.line,
		diagnostic.column,
		diagnostic.line,
		Math.max(diagnostic.endColumn, diagnostic.column + 1),
	);
	const severity =
		diagnostic.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
	const result = new vscode.Diagnostic(range, diagnostic.message, severity);
	result.source = DIAGNOSTIC_SOURCE;
	if (diagnostic.code) {
		result.code = diagnostic.code;
	}
	return result;
}

export class ScenarioDiagnostics implements vscode.Disposable {
	readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);

	set(uri: vscode.Uri, diagnostics: readonly Diagnostic[]): void {
		this.collection.set(uri, diagnostics.map(toDiagnostic));
	}

	delete(uri: vscode.Uri): void {
		this.collection.delete(uri);
	}

	dispose(): void {
		this.collection.dispose();
	}
}
