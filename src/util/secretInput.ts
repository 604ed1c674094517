import * as vscode from 'vscode';

export interface SecretInputOptions {
	title: string;
	prompt: string;
	/** A string or an Error-severity message blocks accepting; a Warning or Info message does not. */
	validateInput: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
}

/**
 * A password input box that leaves nothing behind: `window.showInputBox` keeps the accepted value
 * in the workbench's hidden input element until the next quick input opens, so a token would sit
 * in the page while it is being checked. This one empties the field before it closes.
 * Resolves `undefined` when the user cancels.
 */
export function promptForSecret(options: SecretInputOptions): Promise<string | undefined> {
	return new Promise((resolve) => {
		const input = vscode.window.createInputBox();
		input.title = options.title;
		input.prompt = options.prompt;
		input.password = true;
		input.ignoreFocusOut = true;
		let accepted: string | undefined;
		const subscriptions = [
			input.onDidChangeValue((value) => {
				input.validationMessage = value ? options.validateInput(value) : undefined;
			}),
			input.onDidAccept(() => {
				const problem = options.validateInput(input.value);
				input.validationMessage = problem;
				if (
					problem === undefined ||
					(typeof problem !== 'string' && problem.severity !== vscode.InputBoxValidationSeverity.Error)
				) {
					accepted = input.value;
					input.value = '';
					input.hide();
				}
			}),
			input.onDidHide(() => {
				subscriptions.forEach((s) => s.dispose());
				input.dispose();
				resolve(accepted);
			}),
		];
		input.show();
	});
}
