/**
 * A multi-step quick input with a Back button, after vscode-extension-samples/quickinput-sample.
 * Each step is a function that shows one input and returns the next step.
 */
import * as vscode from 'vscode';

export class InputFlowAction {
	static readonly back = new InputFlowAction();
	static readonly cancel = new InputFlowAction();
	static readonly resume = new InputFlowAction();
}

export type InputStep = (input: MultiStepInput) => Thenable<InputStep | void>;

export interface QuickPickParameters<T extends vscode.QuickPickItem> {
	title: string;
	step: number;
	totalSteps: number;
	items: T[];
	activeItem?: T;
	placeholder: string;
	ignoreFocusOut?: boolean;
	buttons?: vscode.QuickInputButton[];
	/** Called as the user types; may change the items (e.g. an "Use '+1555…'" entry). */
	onDidChangeValue?: (value: string, quickPick: vscode.QuickPick<T>) => void;
	value?: string;
	/** Items for which this returns false are shown but cannot be accepted (e.g. an invalid typed number). */
	canAccept?: (item: T) => boolean;
}

export interface InputBoxParameters {
	title: string;
	step: number;
	totalSteps: number;
	value: string;
	prompt: string;
	placeholder?: string;
	ignoreFocusOut?: boolean;
	buttons?: vscode.QuickInputButton[];
	/** Returns an error message (blocks accept), or a validation message object. */
	validate: (value: string) => string | vscode.InputBoxValidationMessage | undefined;
}

export class MultiStepInput {
	static async run(start: InputStep): Promise<void> {
		const input = new MultiStepInput();
		return input.stepThrough(start);
	}

	private current?: vscode.QuickInput;
	private steps: InputStep[] = [];

	private async stepThrough(start: InputStep): Promise<void> {
		let step: InputStep | void = start;
		while (step) {
			this.steps.push(step);
			if (this.current) {
				this.current.enabled = false;
				this.current.busy = true;
			}
			try {
				step = await step(this);
			} catch (err) {
				if (err === InputFlowAction.back) {
					this.steps.pop();
					step = this.steps.pop();
				} else if (err === InputFlowAction.resume) {
					step = this.steps.pop();
				} else if (err === InputFlowAction.cancel) {
					step = undefined;
				} else {
					throw err;
				}
			}
		}
		if (this.current) {
			this.current.dispose();
		}
	}

	async showQuickPick<T extends vscode.QuickPickItem>(
		p: QuickPickParameters<T>,
	): Promise<T | vscode.QuickInputButton> {
		const disposables: vscode.Disposable[] = [];
		try {
			return await new Promise<T | vscode.QuickInputButton>((resolve, reject) => {
				const input = vscode.window.createQuickPick<T>();
				input.title = p.title;
				input.step = p.step;
				input.totalSteps = p.totalSteps;
				input.placeholder = p.placeholder;
				input.ignoreFocusOut = p.ignoreFocusOut ?? true;
				input.items = p.items;
				input.matchOnDescription = true;
				input.matchOnDetail = true;
				if (p.value) {
					input.value = p.value;
				}
				if (p.activeItem) {
					input.activeItems = [p.activeItem];
				}
				input.buttons = [
					...(this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : []),
					...(p.buttons ?? []),
				];
				disposables.push(
					input.onDidTriggerButton((item) => {
						if (item === vscode.QuickInputButtons.Back) {
							reject(InputFlowAction.back);
						} else {
							resolve(item);
						}
					}),
					input.onDidAccept(() => {
						const selected = input.selectedItems[0] ?? input.activeItems[0];
						if (selected && (p.canAccept?.(selected) ?? true)) {
							resolve(selected);
						}
					}),
					input.onDidHide(() => reject(InputFlowAction.cancel)),
				);
				if (p.onDidChangeValue) {
					const onChange = p.onDidChangeValue;
					disposables.push(input.onDidChangeValue((value) => onChange(value, input)));
					onChange(input.value, input);
				}
				this.current?.dispose();
				this.current = input;
				this.current.show();
			});
		} finally {
			disposables.forEach((d) => d.dispose());
		}
	}

	async showInputBox(p: InputBoxParameters): Promise<string | vscode.QuickInputButton> {
		const disposables: vscode.Disposable[] = [];
		try {
			return await new Promise<string | vscode.QuickInputButton>((resolve, reject) => {
				const input = vscode.window.createInputBox();
				input.title = p.title;
				input.step = p.step;
				input.totalSteps = p.totalSteps;
				input.value = p.value;
				input.prompt = p.prompt;
				input.placeholder = p.placeholder;
				input.ignoreFocusOut = p.ignoreFocusOut ?? true;
				input.buttons = [
					...(this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : []),
					...(p.buttons ?? []),
				];
				const check = (value: string): boolean => {
					const result = p.validate(value);
					input.validationMessage = result;
					return (
						!result ||
						(typeof result !== 'string' && result.severity !== vscode.InputBoxValidationSeverity.Error)
					);
				};
				disposables.push(
					input.onDidTriggerButton((item) => {
						if (item === vscode.QuickInputButtons.Back) {
							reject(InputFlowAction.back);
						} else {
							resolve(item);
						}
					}),
					input.onDidAccept(() => {
						if (check(input.value)) {
							resolve(input.value);
						}
					}),
					input.onDidChangeValue((value) => {
						check(value);
					}),
					input.onDidHide(() => reject(InputFlowAction.cancel)),
				);
				check(input.value);
				this.current?.dispose();
				this.current = input;
				this.current.show();
			});
		} finally {
			disposables.forEach((d) => d.dispose());
		}
	}
}
