/**
 * The guided palette flow of "SignalWire: Send Message...": From, To, Body, Media, Confirm, with
 * a Back button. It edits a draft in place, so whatever was typed survives Back, errors and
 * "Edit and Retry".
 */
import * as vscode from 'vscode';
import { normalizePhoneNumber } from '../core/phone';
import { describeMeasure, measureBody } from '../core/segments';
import { validateField } from '../core/validation';
import type { IncomingPhoneNumber } from '../core/types';
import type { MessageDraft } from '../core/draft';
import { MAX_BODY_CHARACTERS, MAX_MEDIA_URLS } from '../core/types';
import type {  } from '../core/draft';
import { InputFlowAction, MultiStepInput, type InputStep } from '../util/multiStepInput';

const TITLE = 'SignalWire: Send Message';

export interface SendPromptDeps {
	/** The Space's messaging numbers; rejects when the lookup fails. */
	loadNumbers(): Promise<IncomingPhoneNumber[]>;
	recentSenders(): string[];
	recentRecipients(): string[];
	defaultCountry: string;
	confirmBeforeSend: boolean;
	/** Called by "Attach media URLs..." when the compose form can take over; return true if it did. */
	openComposeForm?(draft: MessageDraft): Promise<boolean>;
}

export type PromptResult = { action: 'send'; draft: MessageDraft } | { action: 'cancelled' } | { action: 'handed-to-form' };

type Choice<T extends string> = vscode.QuickPickItem & { choice: T; value?: string };

/** Runs the prompts on `draft` (edited in place). */
export async function promptForMessage(deps: SendPromptDeps, draft: MessageDraft): Promise<PromptResult> {
	let result: PromptResult = { action: 'cancelled' };
	const total = deps.confirmBeforeSend ? 5 : 4;

	const pickFrom: InputStep = async (input) => {
		const numbersPromise = deps.loadNumbers();
		const items: Choice<'number' | 'other' | 'group' | 'error'>[] = [];
		let numbers: IncomingPhoneNumber[] = [];
		let lookupError: string | undefined;
		try {
			numbers = await numbersPromise;
		} catch (error) {
			lookupError = error instanceof Error ? error.message : String(error);
		}
		const recent = deps.recentSenders();
		const ordered = [...numbers].sort((a, b) => rank(recent, a.phone_number) - rank(recent, b.phone_number));
		for (const n of ordered) {
			items.push({
				choice: 'number',
				value: n.phone_number,
				label: n.phone_number,
				description: [n.friendly_name !== n.phone_number ? n.friendly_name : '', n.capabilities.mms ? 'SMS · MMS' : 'SMS only', recent.includes(n.phone_number) ? 'recently used' : '']
					.filter(Boolean)
					.join(' · '),
			});
		}
		for (const r of recent.filter((r) => !numbers.some((n) => n.phone_number === r))) {
			items.push({ choice: 'number', value: r, label: r, description: 'recently used' });
		}
		if (lookupError) {
			items.push({ choice: 'error', label: '$(warning) Could not load your numbers', detail: lookupError });
		}
		items.push({ choice: 'other', label: '$(edit) Enter another number...' });
		items.push({ choice: 'group', label: '$(organization) Use a number group (MessagingServiceSid)...' });
		const active = items.find((i) => i.value !== undefined && i.value === draft.from);
		const picked = await input.showQuickPick({
			title: TITLE,
			step: 1,
			totalSteps: total,
			placeholder: 'Send from which number?',
			items,
			...(active ? { activeItem: active } : {}),
		});
		if (isButton(picked)) {
			return pickFrom;
		}
		if (picked.choice === 'number' && picked.value) {
			draft.from = picked.value;
			draft.messagingServiceSid = undefined;
			return pickTo;
		}
		if (picked.choice === 'group') {
			return enterGroup;
		}
		return enterFrom;
	};

	const enterFrom: InputStep = async (input) => {
		const value = await input.showInputBox({
			title: TITLE,
			step: 1,
			totalSteps: total,
			value: draft.from ?? '',
			prompt: 'The sending number, in E.164 (+15551234567) or your national format',
			validate: (text) => phoneProblem(text, deps.defaultCountry, 'From'),
		});
		if (typeof value !== 'string') {
			return enterFrom;
		}
		draft.from = normalizeOrKeep(value, deps.defaultCountry);
		draft.messagingServiceSid = undefined;
		return pickTo;
	};

	const enterGroup: InputStep = async (input) => {
		const value = await input.showInputBox({
			title: TITLE,
			step: 1,
			totalSteps: total,
			value: draft.messagingServiceSid ?? '',
			prompt: 'The number group ID (MessagingServiceSid), a UUID',
			validate: (text) => firstProblem({ messagingServiceSid: text || ' ' }, 'messagingServiceSid'),
		});
		if (typeof value !== 'string') {
			return enterGroup;
		}
		draft.messagingServiceSid = value.trim();
		draft.from = undefined;
		return pickTo;
	};

	const pickTo: InputStep = async (input) => {
		const recents = deps.recentRecipients();
		type ToItem = Choice<'recent' | 'typed' | 'invalid'>;
		const baseItems: ToItem[] = recents.map((r) => ({ choice: 'recent', value: r, label: r, description: 'recent recipient' }));
		const typedItem = (value: string): ToItem | undefined => {
			if (!value.trim()) {
				return undefined;
			}
			const normalized = normalizePhoneNumber(value, deps.defaultCountry);
			if (!normalized.ok) {
				return { choice: 'invalid', label: `$(error) ${value}`, detail: `To: ${normalized.message}`, alwaysShow: true };
			}
			const problem = firstProblem({ to: normalized.e164 }, 'to');
			if (problem) {
				return { choice: 'invalid', label: `$(error) ${value}`, detail: problem, alwaysShow: true };
			}
			return {
				choice: 'typed',
				value: normalized.e164,
				label: `$(arrow-right) ${normalized.e164}`,
				description: normalized.e164 !== value.trim() ? `from "${value.trim()}"` : '',
				alwaysShow: true,
			};
		};
		const picked = await input.showQuickPick<ToItem>({
			title: TITLE,
			step: 2,
			totalSteps: total,
			placeholder: `Send to which number? Type it (E.164, or national format for ${deps.defaultCountry})`,
			items: baseItems,
			value: draft.to ?? '',
			onDidChangeValue: (value, quickPick) => {
				const typed = typedItem(value);
				quickPick.items = typed ? [typed, ...baseItems] : baseItems;
			},
			canAccept: (item) => item.choice !== 'invalid',
		});
		if (isButton(picked) || !picked.value) {
			return pickTo;
		}
		draft.to = picked.value;
		return enterBody;
	};

	const enterBody: InputStep = async (input) => {
		const value = await input.showInputBox({
			title: TITLE,
			step: 3,
			totalSteps: total,
			value: draft.body ?? '',
			prompt: 'The message text (leave empty to send media only)',
			placeholder: 'Hello from VS Code',
			validate: (text) => {
				const problem = firstProblem({ body: text, mediaUrls: ['https://placeholder.invalid/x'] }, 'body');
				if (problem) {
					return { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
				}
				if (!text) {
					return { message: 'No text: you will need to attach media.', severity: vscode.InputBoxValidationSeverity.Info };
				}
				return { message: describeMeasure(measureBody(text)) + ` · limit ${MAX_BODY_CHARACTERS}`, severity: vscode.InputBoxValidationSeverity.Info };
			},
		});
		if (typeof value !== 'string') {
			return enterBody;
		}
		draft.body = value;
		return pickMedia;
	};

	const pickMedia: InputStep = async (input) => {
		const count = draft.mediaUrls?.filter((u) => u.trim()).length ?? 0;
		const items: Choice<'none' | 'attach' | 'keep'>[] = [];
		if (count > 0) {
			items.push({ choice: 'keep', label: `$(check) Keep ${count} media URL${count === 1 ? '' : 's'}`, detail: draft.mediaUrls?.join(', ') });
		}
		if (draft.body) {
			items.push({ choice: 'none', label: '$(circle-slash) No media', description: 'send an SMS' });
		}
		items.push({ choice: 'attach', label: '$(file-media) Attach media URLs...', description: `up to ${MAX_MEDIA_URLS}, sent as MMS` });
		const picked = await input.showQuickPick({
			title: TITLE,
			step: 4,
			totalSteps: total,
			placeholder: draft.body ? 'Attach media?' : 'A message without text needs at least one media URL',
			items,
		});
		if (isButton(picked)) {
			return pickMedia;
		}
		if (picked.choice === 'none') {
			draft.mediaUrls = [];
		} else if (picked.choice === 'attach') {
			if (deps.openComposeForm && (await deps.openComposeForm(draft))) {
				result = { action: 'handed-to-form' };
				return undefined;
			}
			return enterMedia;
		}
		return deps.confirmBeforeSend ? confirm : finish;
	};

	const enterMedia: InputStep = async (input) => {
		const value = await input.showInputBox({
			title: TITLE,
			step: 4,
			totalSteps: total,
			value: (draft.mediaUrls ?? []).join(', '),
			prompt: `Up to ${MAX_MEDIA_URLS} media URLs (http or https), separated by commas`,
			placeholder: 'https://example.com/cat.jpg, https://example.com/dog.png',
			validate: (text) => {
				const urls = splitUrls(text);
				if (urls.length === 0 && !draft.body) {
					return 'Enter at least one media URL: the message has no text.';
				}
				return firstProblem({ mediaUrls: urls, body: 'x' }, 'mediaUrls');
			},
		});
		if (typeof value !== 'string') {
			return enterMedia;
		}
		draft.mediaUrls = splitUrls(value);
		return deps.confirmBeforeSend ? confirm : finish;
	};

	const confirm: InputStep = async (input) => {
		const body = draft.body ?? '';
		const media = draft.mediaUrls?.length ?? 0;
		const measure = measureBody(body);
		const summary = `${draft.from ?? `group ${draft.messagingServiceSid}`} → ${draft.to}`;
		const detail = [media > 0 ? `MMS · ${media} media` : `${measure.segments} segment${measure.segments === 1 ? '' : 's'} · ${measure.encoding}`, body ? `"${body.length > 60 ? body.slice(0, 60) + '…' : body}"` : 'no text'].join(' · ');
		const picked = await input.showQuickPick<Choice<'send' | 'edit'>>({
			title: TITLE,
			step: 5,
			totalSteps: total,
			placeholder: `Send ${summary}?`,
			items: [
				{ choice: 'send', label: '$(send) Send', description: summary, detail },
				{ choice: 'edit', label: '$(edit) Edit', description: 'go back to the first step' },
			],
		});
		if (isButton(picked)) {
			return confirm;
		}
		if (picked.choice === 'edit') {
			return pickFrom;
		}
		return finish;
	};

	const finish: InputStep = async () => {
		result = { action: 'send', draft };
		return undefined;
	};

	try {
		await MultiStepInput.run(pickFrom);
	} catch (error) {
		if (error === InputFlowAction.cancel) {
			return { action: 'cancelled' };
		}
		throw error;
	}
	return result;
}

function isButton(value: unknown): value is vscode.QuickInputButton {
	return typeof value === 'object' && value !== null && 'iconPath' in value && !('label' in value);
}

function rank(recent: string[], number: string): number {
	const index = recent.indexOf(number);
	return index < 0 ? recent.length : index;
}

function splitUrls(text: string): string[] {
	return text
		.split(/[,\s]+/)
		.map((u) => u.trim())
		.filter(Boolean);
}

function normalizeOrKeep(value: string, country: string): string {
	const normalized = normalizePhoneNumber(value, country);
	return normalized.ok ? normalized.e164 : value.trim();
}

function phoneProblem(text: string, country: string, fieldName: string): string | undefined {
	if (!text.trim()) {
		return `${fieldName} is required.`;
	}
	const normalized = normalizePhoneNumber(text, country);
	if (!normalized.ok) {
		return `${fieldName}: ${normalized.message}`;
	}
	return firstProblem({ from: normalized.e164 }, 'from');
}

function firstProblem(draft: MessageDraft, field: keyof MessageDraft): string | undefined {
	return validateField(draft, field)[0]?.message;
}
