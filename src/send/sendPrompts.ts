/**
 * The guided palette flow of "SignalWire: Send Message...": From, To, Body, Media, Confirm, with
 * a Back button. Each step is a function over one explicit {@link PromptState} that shows one
 * input and returns the next step (the shape of vscode-extension-samples' quickinput-sample,
 * see ../util/multiStepInput.ts). The steps edit the state's draft in place, so whatever was typed
 * survives Back, errors and "Edit and Retry". What each step shows and accepts is in
 * ./sendPromptItems.ts (no `vscode` there).
 */
import * as vscode from 'vscode';
import type { MessageDraft } from '../core/draft';
import type { IncomingPhoneNumber } from '../core/types';
import { InputFlowAction, MultiStepInput, type InputStep } from '../util/multiStepInput';
import {
	bodyMessage,
	confirmPlaceholder,
	confirmSummary,
	fromItems,
	groupProblem,
	mediaItems,
	mediaPlaceholder,
	mediaProblem,
	mediaPrompt,
	normalizeOrKeep,
	recipientItems,
	recipientPlaceholder,
	sendTitle,
	senderProblem,
	splitUrls,
	typedRecipientItem,
	type Choice,
	type StepMessage,
	type ToChoice,
} from './sendPromptItems';
import { errorText } from '../errors/errorText';

export interface SendPromptDeps {
	/** The Space's messaging numbers; rejects when the lookup fails. */
	loadNumbers(): Promise<IncomingPhoneNumber[]>;
	recentSenders(): string[];
	recentRecipients(): string[];
	/** The Space's numbers whose inbound SMS are routed to the webhook listener (said in the From picker). */
	routedNumbers?(): readonly string[];
	defaultCountry: string;
	confirmBeforeSend: boolean;
	/** Called by "Attach media URLs..." when the compose form can take over; return true if it did. */
	openComposeForm?(draft: MessageDraft): Promise<boolean>;
}

export type PromptResult =
	{ action: 'send'; draft: MessageDraft } | { action: 'cancelled' } | { action: 'handed-to-form' };

/** Everything the steps share: what they were given, the draft they fill in, and how the flow ended. */
interface PromptState {
	readonly deps: SendPromptDeps;
	/** Edited in place by the steps. */
	readonly draft: MessageDraft;
	readonly title: string;
	readonly totalSteps: number;
	/** Set by the last step; `cancelled` until then. */
	result: PromptResult;
}

/** A step of this flow: shows one input for `state`, returns the next step (or nothing when done). */
type Step = (input: MultiStepInput, state: PromptState) => Promise<InputStep | void>;

/** Runs the prompts on `draft` (edited in place). */
export async function promptForMessage(deps: SendPromptDeps, draft: MessageDraft): Promise<PromptResult> {
	const state: PromptState = {
		deps,
		draft,
		title: sendTitle(),
		totalSteps: deps.confirmBeforeSend ? 5 : 4,
		result: { action: 'cancelled' },
	};
	try {
		await MultiStepInput.run(next(pickFrom, state));
	} catch (error) {
		if (error === InputFlowAction.cancel) {
			return { action: 'cancelled' };
		}
		throw error;
	}
	return state.result;
}

/** The {@link InputStep} that runs `step` on `state`. */
function next(step: Step, state: PromptState): InputStep {
	return (input) => step(input, state);
}

/** Step 1: one of the Space's numbers, another number, or a number group. */
const pickFrom: Step = async (input, state) => {
	const { deps, draft } = state;
	let numbers: IncomingPhoneNumber[] = [];
	let lookupError: string | undefined;
	try {
		numbers = await deps.loadNumbers();
	} catch (error) {
		lookupError = errorText(error);
	}
	const items = fromItems(numbers, deps.recentSenders(), lookupError, deps.routedNumbers?.() ?? []);
	const active = items.find((i) => i.value !== undefined && i.value === draft.from);
	const picked = await input.showQuickPick({
		title: state.title,
		step: 1,
		totalSteps: state.totalSteps,
		placeholder: vscode.l10n.t('Send from which number?'),
		items,
		...(active ? { activeItem: active } : {}),
	});
	if (isButton(picked)) {
		return next(pickFrom, state);
	}
	if (picked.choice === 'number' && picked.value) {
		draft.from = picked.value;
		draft.messagingServiceSid = undefined;
		return next(pickTo, state);
	}
	return next(picked.choice === 'group' ? enterGroup : enterFrom, state);
};

/** Step 1, "Enter another number...": E.164 or the national format of the default country. */
const enterFrom: Step = async (input, state) => {
	const { deps, draft } = state;
	const value = await input.showInputBox({
		title: state.title,
		step: 1,
		totalSteps: state.totalSteps,
		value: draft.from ?? '',
		prompt: vscode.l10n.t('The sending number, in E.164 (+15551234567) or your national format'),
		validate: (text) => senderProblem(text, deps.defaultCountry),
	});
	if (typeof value !== 'string') {
		return next(enterFrom, state);
	}
	draft.from = normalizeOrKeep(value, deps.defaultCountry);
	draft.messagingServiceSid = undefined;
	return next(pickTo, state);
};

/** Step 1, "Use a number group...": the MessagingServiceSid, instead of From. */
const enterGroup: Step = async (input, state) => {
	const { draft } = state;
	const value = await input.showInputBox({
		title: state.title,
		step: 1,
		totalSteps: state.totalSteps,
		value: draft.messagingServiceSid ?? '',
		prompt: vscode.l10n.t('The number group ID (MessagingServiceSid), a UUID'),
		validate: groupProblem,
	});
	if (typeof value !== 'string') {
		return next(enterGroup, state);
	}
	draft.messagingServiceSid = value.trim();
	draft.from = undefined;
	return next(pickTo, state);
};

/** Step 2: a recent recipient, or a typed number shown as the E.164 it becomes. */
const pickTo: Step = async (input, state) => {
	const { deps, draft } = state;
	const recents = recipientItems(deps.recentRecipients());
	const picked = await input.showQuickPick<ToChoice>({
		title: state.title,
		step: 2,
		totalSteps: state.totalSteps,
		placeholder: recipientPlaceholder(deps.defaultCountry),
		items: recents,
		value: draft.to ?? '',
		onDidChangeValue: (value, quickPick) => {
			const typed = typedRecipientItem(value, deps.defaultCountry);
			quickPick.items = typed ? [typed, ...recents] : recents;
		},
		canAccept: (item) => item.choice !== 'invalid',
	});
	if (isButton(picked) || !picked.value) {
		return next(pickTo, state);
	}
	draft.to = picked.value;
	return next(enterBody, state);
};

/** Step 3: the text, with the segment meter under it. */
const enterBody: Step = async (input, state) => {
	const { draft } = state;
	const value = await input.showInputBox({
		title: state.title,
		step: 3,
		totalSteps: state.totalSteps,
		value: draft.body ?? '',
		prompt: vscode.l10n.t('The message text (leave empty to send media only)'),
		placeholder: vscode.l10n.t('Hello from VS Code'),
		validate: (text) => toValidationMessage(bodyMessage(text)),
	});
	if (typeof value !== 'string') {
		return next(enterBody, state);
	}
	draft.body = value;
	return next(pickMedia, state);
};

/** Step 4: no media, keep the media given, or attach some (in the compose form when it can). */
const pickMedia: Step = async (input, state) => {
	const { deps, draft } = state;
	const picked = await input.showQuickPick<Choice<'none' | 'attach' | 'keep'>>({
		title: state.title,
		step: 4,
		totalSteps: state.totalSteps,
		placeholder: mediaPlaceholder(draft),
		items: mediaItems(draft),
	});
	if (isButton(picked)) {
		return next(pickMedia, state);
	}
	if (picked.choice === 'none') {
		draft.mediaUrls = [];
	} else if (picked.choice === 'attach') {
		if (deps.openComposeForm && (await deps.openComposeForm(draft))) {
			state.result = { action: 'handed-to-form' };
			return undefined;
		}
		return next(enterMedia, state);
	}
	return afterMedia(state);
};

/** Step 4, without the compose form: media URLs separated by commas. */
const enterMedia: Step = async (input, state) => {
	const { draft } = state;
	const value = await input.showInputBox({
		title: state.title,
		step: 4,
		totalSteps: state.totalSteps,
		value: (draft.mediaUrls ?? []).join(', '),
		prompt: mediaPrompt(),
		placeholder: 'https://example.com/cat.jpg, https://example.com/dog.png',
		validate: (text) => mediaProblem(text, Boolean(draft.body)),
	});
	if (typeof value !== 'string') {
		return next(enterMedia, state);
	}
	draft.mediaUrls = splitUrls(value);
	return afterMedia(state);
};

/** Step 5 (when `signalwire.confirmBeforeSend` is on): Send, or Edit from the first step. */
const confirm: Step = async (input, state) => {
	const { summary, detail } = confirmSummary(state.draft);
	const picked = await input.showQuickPick<Choice<'send' | 'edit'>>({
		title: state.title,
		step: 5,
		totalSteps: state.totalSteps,
		placeholder: confirmPlaceholder(summary),
		items: [
			{ choice: 'send', label: `$(send) ${vscode.l10n.t('Send')}`, description: summary, detail },
			{
				choice: 'edit',
				label: `$(edit) ${vscode.l10n.t('Edit')}`,
				description: vscode.l10n.t('go back to the first step'),
			},
		],
	});
	if (isButton(picked)) {
		return next(confirm, state);
	}
	if (picked.choice === 'edit') {
		return next(pickFrom, state);
	}
	return finish(state);
};

function afterMedia(state: PromptState): InputStep | void {
	return state.deps.confirmBeforeSend ? next(confirm, state) : finish(state);
}

/** The end of the flow: the draft is ready to send. */
function finish(state: PromptState): void {
	state.result = { action: 'send', draft: state.draft };
}

function toValidationMessage(message: StepMessage): vscode.InputBoxValidationMessage {
	return {
		message: message.message,
		severity:
			message.severity === 'error'
				? vscode.InputBoxValidationSeverity.Error
				: vscode.InputBoxValidationSeverity.Info,
	};
}

function isButton(value: unknown): value is vscode.QuickInputButton {
	return typeof value === 'object' && value !== null && 'iconPath' in value && !('label' in value);
}
