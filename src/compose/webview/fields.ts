/**
 * The form's single-value fields (From, To, Body and the Advanced ones, SendAsMms) and their
 * validation messages. Validation is the extension's own pure module (src/core/validation.ts).
 */
import type { FieldProblem } from '../../core/validation';
import type { MessageDraft, MessageField } from '../../core/draft';
import { byId, showProblems } from '../../webview/script/dom';
import { showsProblems, type FormState } from './state';

/** The single-value fields, by draft key. */
export const TEXT_FIELDS = [
	'from',
	'to',
	'body',
	'statusCallback',
	'validityPeriod',
	'maxPrice',
	'applicationSid',
	'messagingServiceSid',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
const ADVANCED_FIELDS: ReadonlySet<MessageField> = new Set([
	'sendAsMms',
	'statusCallback',
	'validityPeriod',
	'maxPrice',
	'applicationSid',
	'messagingServiceSid',
]);

export class Fields {
	readonly inputs: Record<TextField, HTMLInputElement | HTMLTextAreaElement> = {
		from: byId('from', HTMLInputElement),
		to: byId('to', HTMLInputElement),
		body: byId('body', HTMLTextAreaElement),
		statusCallback: byId('statusCallback', HTMLInputElement),
		validityPeriod: byId('validityPeriod', HTMLInputElement),
		maxPrice: byId('maxPrice', HTMLInputElement),
		applicationSid: byId('applicationSid', HTMLInputElement),
		messagingServiceSid: byId('messagingServiceSid', HTMLInputElement),
	};
	readonly sendAsMms = byId('sendAsMms', HTMLInputElement);
	readonly advanced = byId('advanced', HTMLDetailsElement);
	private readonly errors = new Map<string, HTMLElement>(
		[...TEXT_FIELDS, 'sendAsMms'].map((field) => [field, byId(`${field}-error`, HTMLElement)]),
	);

	constructor(private readonly state: FormState) {}

	/** The fields' part of the draft (empty fields left out). */
	read(draft: MessageDraft): void {
		for (const field of TEXT_FIELDS) {
			const value = this.inputs[field].value;
			if (value !== '') {
				draft[field] = value;
			}
		}
		if (this.sendAsMms.checked) {
			draft.sendAsMms = true;
		}
	}

	/** Fills the fields from a draft; filled fields count as touched; Advanced opens when it holds a value. */
	write(draft: MessageDraft): void {
		for (const field of TEXT_FIELDS) {
			const value = draft[field];
			this.inputs[field].value = value === undefined ? '' : String(value);
		}
		this.sendAsMms.checked = draft.sendAsMms === true;
		for (const field of TEXT_FIELDS) {
			if (this.inputs[field].value !== '') {
				this.state.touched.add(field);
			}
		}
		if (draft.sendAsMms !== undefined) {
			this.state.touched.add('sendAsMms');
		}
		if (hasAdvancedValues(draft)) {
			this.advanced.open = true;
		}
	}

	/** Shows each field's problems, once it is touched (or everything is shown). */
	showProblems(grouped: Partial<Record<MessageField, FieldProblem[]>>): void {
		for (const field of [...TEXT_FIELDS, 'sendAsMms'] as const) {
			const control = field === 'sendAsMms' ? this.sendAsMms : this.inputs[field];
			const problems = showsProblems(this.state, field) ? (grouped[field] ?? []) : [];
			showProblems(
				control,
				this.errors.get(field)!,
				problems.map((p) => p.message),
			);
		}
	}

	/** Focuses the control of a problem's field (opening Advanced for its fields); false for the media list. */
	focusProblem(problem: FieldProblem): boolean {
		if (ADVANCED_FIELDS.has(problem.field)) {
			this.advanced.open = true;
		}
		if (problem.field === 'mediaUrls') {
			return false;
		}
		(problem.field === 'sendAsMms' ? this.sendAsMms : this.inputs[problem.field]).focus();
		return true;
	}

	/** From (unless a MessagingServiceSid stands in for it), To or Body, whichever is empty first. */
	firstEmpty(): HTMLElement | undefined {
		for (const field of ['from', 'to', 'body'] as const) {
			if (!this.inputs[field].value && !(field === 'from' && this.inputs.messagingServiceSid.value)) {
				return this.inputs[field];
			}
		}
		return undefined;
	}

	/** Calls `changed` with the field's key on every edit, and `left` when a field is left for the first time. */
	listen(changed: (key: string) => void, left: (key: string) => void): void {
		for (const field of TEXT_FIELDS) {
			const input = this.inputs[field];
			input.addEventListener('input', () => changed(field));
			input.addEventListener('blur', () => {
				if (!this.state.touched.has(field)) {
					left(field);
				}
			});
		}
		this.sendAsMms.addEventListener('change', () => changed('sendAsMms'));
	}
}

function hasAdvancedValues(draft: MessageDraft): boolean {
	return [...ADVANCED_FIELDS].some((field) => {
		const value = draft[field];
		return value !== undefined && value !== '' && value !== false;
	});
}
