/**
 * Watches what the extension shows, from inside the integration suite: the suite and the extension
 * share one `vscode` API object (the suite lives in the extension's folder), so wrapping
 * `vscode.window` functions here sees the extension's calls. Notifications are recorded and
 * answered (a notification otherwise resolves only when dismissed); quick inputs are recorded and
 * can be accepted as they are, step by step, through the workbench's own accept command.
 */
import * as vscode from 'vscode';

export interface ShownNotification {
	severity: 'error' | 'warning' | 'info';
	text: string;
	actions: string[];
}

export interface CapturedWindow {
	readonly errors: ShownNotification[];
	readonly notifications: ShownNotification[];
	/** Quick inputs accepted by {@link acceptInputsUntil}. */
	readonly accepted: number;
	/** The next error notification resolves with the action whose label matches. */
	answerNextError(label: string): void;
	/** Accepts each quick input the extension shows, as it is, until `done` or the timeout. */
	acceptInputsUntil(done: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void>;
	clear(): void;
	restore(): void;
}

type Writable = Record<string, unknown>;

interface ShownInput {
	shownAt: number;
	acceptedAt?: number;
	hidden: boolean;
}

export function captureWindow(): CapturedWindow {
	const win = vscode.window as unknown as Writable;
	const originals = new Map<string, unknown>();
	const notifications: ShownNotification[] = [];
	const inputs: ShownInput[] = [];
	let nextErrorAnswer: string | undefined;
	let accepted = 0;

	const replace = (name: string, value: unknown): void => {
		originals.set(name, win[name]);
		win[name] = value;
	};

	const notify = (severity: ShownNotification['severity']) =>
		(message: string, ...rest: unknown[]): Thenable<unknown> => {
			const items = rest.filter((item) => typeof item === 'string' || (typeof item === 'object' && item !== null && 'title' in item));
			const actions = items.map((item) => (typeof item === 'string' ? item : String((item as { title: unknown }).title)));
			notifications.push({ severity, text: message, actions });
			if (severity === 'error' && nextErrorAnswer !== undefined) {
				const index = actions.indexOf(nextErrorAnswer);
				nextErrorAnswer = undefined;
				return Promise.resolve(index >= 0 ? items[index] : undefined);
			}
			return Promise.resolve(undefined);
		};

	const track = <T extends vscode.QuickInput>(create: () => T): (() => T) =>
		() => {
			const input = create();
			const show = input.show.bind(input);
			const entry: ShownInput = { shownAt: 0, hidden: false };
			input.show = () => {
				entry.shownAt = Date.now();
				inputs.push(entry);
				show();
			};
			input.onDidHide(() => (entry.hidden = true));
			return input;
		};

	replace('showErrorMessage', notify('error'));
	replace('showWarningMessage', notify('warning'));
	replace('showInformationMessage', notify('info'));
	const createQuickPick = (win.createQuickPick as () => vscode.QuickPick<vscode.QuickPickItem>).bind(vscode.window);
	const createInputBox = (win.createInputBox as () => vscode.InputBox).bind(vscode.window);
	replace('createQuickPick', track(createQuickPick));
	replace('createInputBox', track(createInputBox));

	return {
		get errors() {
			return notifications.filter((n) => n.severity === 'error');
		},
		notifications,
		get accepted() {
			return accepted;
		},
		answerNextError(label: string) {
			nextErrorAnswer = label;
		},
		async acceptInputsUntil(done, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			while (!(await done())) {
				if (Date.now() > deadline) {
					throw new Error(`gave up after accepting ${accepted} quick input(s)`);
				}
				const current = inputs[inputs.length - 1];
				const now = Date.now();
				// Give the workbench a moment to render a new input; accept again if nothing moved on.
				if (current && !current.hidden && now - current.shownAt > 300 && (current.acceptedAt === undefined || now - current.acceptedAt > 1500)) {
					if (current.acceptedAt === undefined) {
						accepted++;
					}
					current.acceptedAt = now;
					await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
				}
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		clear() {
			notifications.length = 0;
			inputs.length = 0;
			nextErrorAnswer = undefined;
			accepted = 0;
		},
		restore() {
			for (const [name, value] of originals) {
				win[name] = value;
			}
			originals.clear();
		},
	};
}
