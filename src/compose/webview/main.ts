/**
 * The compose form's script (bundled by esbuild into dist/webview/compose.js, an IIFE). It builds
 * every dynamic part of the DOM with createElement/textContent/value: user text, URLs and API
 * error messages are never parsed as HTML. Validation and the segment meter are the extension's
 * own pure modules.
 */
import { measureBody, replaceSmartCharacters } from '../../core/segments';
import { API_FIELD_NAMES, problemsByField, validateMessage, type FieldProblem } from '../../core/validation';
import { MAX_BODY_CHARACTERS, MAX_MEDIA_URLS } from '../../core/types';
import type { MessageDraft, MessageField } from '../../core/draft';
import { parseExtensionToWebviewMessage, type ExtensionToWebviewMessage, type NumberOption, type SendResultPayload, type WebviewToExtensionMessage } from '../protocol';
import {
	chipText,
	codePoints,
	countReplaceable,
	isPlainHttpUrl,
	newRequestId,
	parsePersistedState,
	previewableImageUrl,
	safeLink,
	splitPastedUrls,
	type PersistedState,
} from './model';

interface WebviewApi {
	postMessage(message: WebviewToExtensionMessage): void;
	getState(): unknown;
	setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();

function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
	const element = document.getElementById(id);
	if (!(element instanceof type)) {
		throw new Error(`compose: #${id} is missing`);
	}
	return element;
}

/** The single-value fields, by draft key. */
const TEXT_FIELDS = ['from', 'to', 'body', 'statusCallback', 'validityPeriod', 'maxPrice', 'applicationSid', 'messagingServiceSid'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const ADVANCED_FIELDS: ReadonlySet<MessageField> = new Set(['sendAsMms', 'statusCallback', 'validityPeriod', 'maxPrice', 'applicationSid', 'messagingServiceSid']);

const inputs: Record<TextField, HTMLInputElement | HTMLTextAreaElement> = {
	from: byId('from', HTMLInputElement),
	to: byId('to', HTMLInputElement),
	body: byId('body', HTMLTextAreaElement),
	statusCallback: byId('statusCallback', HTMLInputElement),
	validityPeriod: byId('validityPeriod', HTMLInputElement),
	maxPrice: byId('maxPrice', HTMLInputElement),
	applicationSid: byId('applicationSid', HTMLInputElement),
	messagingServiceSid: byId('messagingServiceSid', HTMLInputElement),
};
const sendAsMms = byId('sendAsMms', HTMLInputElement);
const form = byId('form', HTMLFormElement);
const advanced = byId('advanced', HTMLDetailsElement);
const fromNumbers = byId('from-numbers', HTMLDataListElement);
const numbersStatus = byId('numbers-status', HTMLElement);
const profileText = byId('profile', HTMLElement);
const signInBanner = byId('signin-banner', HTMLElement);
const signInButton = byId('sign-in', HTMLButtonElement);
const meter = byId('meter', HTMLElement);
const meterSummary = byId('meter-summary', HTMLElement);
const meterStatus = byId('meter-status', HTMLElement);
const ucs2 = byId('ucs2', HTMLElement);
const ucs2Chars = byId('ucs2-chars', HTMLUListElement);
const replaceSmart = byId('replace-smart', HTMLButtonElement);
const mediaList = byId('media-list', HTMLOListElement);
const addMedia = byId('add-media', HTMLButtonElement);
const mediaStatus = byId('media-status', HTMLElement);
const mediaError = byId('mediaUrls-error', HTMLElement);
const sendButton = byId('send', HTMLButtonElement);
const sendHint = byId('send-hint', HTMLElement);
const result = byId('result', HTMLElement);

/** The media URL rows as typed (empty rows included, so problem indexes match). */
let mediaRows: string[] = [];
let touched = new Set<string>();
/** Show every problem, touched or not (after a refused Ctrl+Enter). */
let showAll = false;
/** undefined until the extension says (init). */
let profile: string | null | undefined;
let pendingRequestId: string | undefined;
/** A send was in flight when this script (re)started: its result is the next one that comes. */
let restoredSending = false;
let initialized = false;
const previewTimers = new Map<number, ReturnType<typeof setTimeout>>();

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
const SEND_SHORTCUT = isMac ? '⌘+Enter' : 'Ctrl+Enter';

// --- the draft ↔ the form ---------------------------------------------------------------------

function readDraft(): MessageDraft {
	const draft: MessageDraft = {};
	for (const field of TEXT_FIELDS) {
		const value = inputs[field].value;
		if (value !== '') {
			draft[field] = value;
		}
	}
	if (mediaRows.length > 0) {
		draft.mediaUrls = [...mediaRows];
	}
	if (sendAsMms.checked) {
		draft.sendAsMms = true;
	}
	return draft;
}

function writeDraft(draft: MessageDraft): void {
	for (const field of TEXT_FIELDS) {
		const value = draft[field];
		inputs[field].value = value === undefined ? '' : String(value);
	}
	sendAsMms.checked = draft.sendAsMms === true;
	mediaRows = (draft.mediaUrls ?? []).slice(0, MAX_MEDIA_URLS);
	renderMediaRows();
	touched = new Set(TEXT_FIELDS.filter((f) => inputs[f].value !== ''));
	mediaRows.forEach((url, index) => {
		if (url) {
			touched.add(mediaKey(index));
		}
	});
	if (draft.sendAsMms !== undefined) {
		touched.add('sendAsMms');
	}
	if (hasAdvancedValues(draft)) {
		advanced.open = true;
	}
}

function hasAdvancedValues(draft: MessageDraft): boolean {
	return [...ADVANCED_FIELDS].some((field) => {
		const value = draft[field];
		return value !== undefined && value !== '' && value !== false;
	});
}

function persist(): void {
	vscode.setState({ draft: readDraft(), advancedOpen: advanced.open, touched: [...touched] });
}

/** After any edit by the user. */
function changed(key?: string): void {
	if (key) {
		touched.add(key);
	}
	const draft = readDraft();
	persist();
	vscode.postMessage({ type: 'draftChanged', draft });
	update();
}

// --- rendering --------------------------------------------------------------------------------

function mediaKey(index: number): string {
	return `media-${index}`;
}

function update(): void {
	const draft = readDraft();
	const validation = validateMessage(draft);
	const grouped = problemsByField(validation.problems);
	for (const field of TEXT_FIELDS) {
		showProblems(inputs[field], byId(`${field}-error`, HTMLElement), visible(grouped[field], field));
	}
	showProblems(sendAsMms, byId('sendAsMms-error', HTMLElement), visible(grouped.sendAsMms, 'sendAsMms'));
	// Media: per-row problems next to the row, the rest (the count) under the group.
	const mediaProblems = grouped.mediaUrls ?? [];
	mediaRows.forEach((_, index) => {
		const input = mediaList.querySelector<HTMLInputElement>(`#${mediaKey(index)}`);
		const error = mediaList.querySelector<HTMLElement>(`#${mediaKey(index)}-error`);
		if (input && error) {
			const rowProblems = mediaProblems.filter((p) => p.index === index);
			showProblems(input, error, showAll || touched.has(mediaKey(index)) ? rowProblems : []);
		}
	});
	const groupProblems = mediaProblems.filter((p) => p.index === undefined);
	mediaError.textContent = groupProblems.map((p) => p.message).join(' ');
	addMedia.disabled = mediaRows.length >= MAX_MEDIA_URLS;
	if (mediaRows.length >= MAX_MEDIA_URLS && !mediaStatus.textContent) {
		mediaStatus.textContent = `${MAX_MEDIA_URLS} of ${MAX_MEDIA_URLS} media URLs: the most a message can have.`;
	} else if (mediaRows.length < MAX_MEDIA_URLS) {
		mediaStatus.textContent = '';
	}
	updateMeter(draft.body ?? '', mediaRows.length, sendAsMms.checked);
	updateSendState(validation.problems);
}

function visible(problems: FieldProblem[] | undefined, key: string): FieldProblem[] {
	return problems && (showAll || touched.has(key)) ? problems : [];
}

function showProblems(control: HTMLElement, error: HTMLElement, problems: FieldProblem[]): void {
	error.textContent = problems.map((p) => p.message).join(' ');
	if (problems.length > 0) {
		control.setAttribute('aria-invalid', 'true');
	} else {
		control.removeAttribute('aria-invalid');
	}
}

/** The body's count, encoding and segments; with media (or Send as MMS) it goes as one MMS, unsegmented. */
function updateMeter(body: string, mediaCount: number, asMms: boolean): void {
	const m = measureBody(body);
	const characters = `${m.characters.toLocaleString('en-US')}/${MAX_BODY_CHARACTERS.toLocaleString('en-US')} characters`;
	const mms = mediaCount > 0 || asMms;
	if (mms) {
		const media = mediaCount > 0 ? ` with ${mediaCount} media` : '';
		meterSummary.textContent = `${characters} · MMS${media}: one message, not split into SMS segments`;
	} else {
		const segments = `${m.segments} segment${m.segments === 1 ? '' : 's'}`;
		const left = body ? ` · ${m.remainingInSegment} left in this segment` : '';
		meterSummary.textContent = `${characters} · ${m.encoding} · ${segments}${left}`;
	}
	meter.classList.toggle('is-ucs2', !mms && m.encoding === 'UCS-2');
	meter.dataset.encoding = mms ? 'MMS' : m.encoding;
	ucs2.hidden = mms || m.nonGsmCharacters.length === 0;
	ucs2Chars.replaceChildren(
		...m.nonGsmCharacters.map((char) => {
			const chip = document.createElement('li');
			chip.className = 'chip';
			chip.textContent = chipText(char);
			chip.title = codePoints(char);
			return chip;
		}),
	);
	const replaceable = countReplaceable(body);
	replaceSmart.disabled = replaceable === 0;
}

function updateSendState(problems: FieldProblem[]): void {
	const sending = isSending();
	sendButton.disabled = problems.length > 0 || sending || profile === null || profile === undefined;
	if (sending) {
		sendHint.textContent = 'Sending…';
	} else if (profile === null) {
		sendHint.textContent = 'Sign in to send.';
	} else if (problems.length > 0) {
		const names = [...new Set(problems.map((p) => API_FIELD_NAMES[p.field]))];
		sendHint.textContent = `To send, fix: ${names.join(', ')}.`;
	} else {
		sendHint.textContent = `${SEND_SHORTCUT} sends.`;
	}
}

function updateProfile(): void {
	signInBanner.hidden = profile !== null;
	profileText.hidden = !profile;
	profileText.textContent = profile ? `Space: ${profile}` : '';
}

/** `loaded`: the answer of a lookup (not the cached list of an init). */
function setNumbers(numbers: NumberOption[], loaded: boolean, error?: string): void {
	fromNumbers.replaceChildren(
		...numbers.map((n) => {
			const option = document.createElement('option');
			option.value = n.phoneNumber;
			const name = n.friendlyName && n.friendlyName !== n.phoneNumber ? `${n.friendlyName} · ` : '';
			option.label = `${name}${n.mms ? 'SMS · MMS' : 'SMS only'}`;
			return option;
		}),
	);
	if (error) {
		numbersStatus.textContent = `Could not load your numbers: ${error}`;
	} else if (profile && loaded && numbers.length === 0) {
		numbersStatus.textContent = 'No messaging-capable numbers found in this Space: type the From number in E.164.';
	} else {
		numbersStatus.textContent = numbers.length > 0 ? `${numbers.length} messaging number${numbers.length === 1 ? '' : 's'} of your Space suggested.` : '';
	}
}

// --- media rows -------------------------------------------------------------------------------

function renderMediaRows(): void {
	for (const timer of previewTimers.values()) {
		clearTimeout(timer);
	}
	previewTimers.clear();
	mediaList.replaceChildren(...mediaRows.map((url, index) => buildMediaRow(url, index)));
	mediaRows.forEach((_, index) => updatePreview(index));
}

function buildMediaRow(url: string, index: number): HTMLLIElement {
	const id = mediaKey(index);
	const row = document.createElement('li');
	row.className = 'media-row';

	const label = document.createElement('label');
	label.htmlFor = id;
	label.textContent = `Media URL ${index + 1}`;

	const line = document.createElement('div');
	line.className = 'media-line';
	const input = document.createElement('input');
	input.id = id;
	input.type = 'text';
	input.inputMode = 'url';
	input.spellcheck = false;
	input.autocomplete = 'off';
	input.placeholder = 'https://example.com/picture.jpg';
	input.value = url;
	input.setAttribute('aria-describedby', `${id}-error ${id}-note`);
	input.addEventListener('input', () => {
		mediaRows[index] = input.value;
		schedulePreview(index);
		changed(id);
	});
	input.addEventListener('blur', () => {
		if (!touched.has(id) && input.value) {
			changed(id);
		}
	});
	input.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
			event.preventDefault();
			addMediaRow();
		}
	});
	input.addEventListener('paste', (event) => {
		const urls = splitPastedUrls(event.clipboardData?.getData('text/plain') ?? '');
		if (urls.length > 0 && input.value === '') {
			event.preventDefault();
			pasteUrls(index, urls);
		}
	});

	const remove = document.createElement('button');
	remove.type = 'button';
	remove.className = 'button secondary remove';
	remove.textContent = 'Remove';
	remove.setAttribute('aria-label', `Remove media URL ${index + 1}`);
	remove.addEventListener('click', () => removeMediaRow(index));

	const preview = document.createElement('img');
	preview.className = 'thumb';
	preview.id = `${id}-preview`;
	preview.alt = `Preview of media URL ${index + 1}`;
	preview.referrerPolicy = 'no-referrer';
	preview.decoding = 'async';
	preview.hidden = true;
	preview.addEventListener('load', () => {
		preview.hidden = false;
	});
	preview.addEventListener('error', () => {
		preview.hidden = true;
	});

	line.append(input, remove);
	const error = document.createElement('p');
	error.className = 'error';
	error.id = `${id}-error`;
	const note = document.createElement('p');
	note.className = 'hint';
	note.id = `${id}-note`;
	row.append(label, line, error, note, preview);
	return row;
}

function schedulePreview(index: number): void {
	clearTimeout(previewTimers.get(index));
	previewTimers.set(
		index,
		setTimeout(() => updatePreview(index), 400),
	);
}

function updatePreview(index: number): void {
	previewTimers.delete(index);
	const preview = mediaList.querySelector<HTMLImageElement>(`#${mediaKey(index)}-preview`);
	const note = mediaList.querySelector<HTMLElement>(`#${mediaKey(index)}-note`);
	if (!preview || !note) {
		return;
	}
	const url = mediaRows[index] ?? '';
	const href = previewableImageUrl(url);
	if (href) {
		if (preview.src !== href) {
			preview.hidden = true;
			preview.src = href;
		}
		note.textContent = '';
	} else {
		preview.hidden = true;
		preview.removeAttribute('src');
		note.textContent = isPlainHttpUrl(url) ? 'No preview for http: URLs (only https: images are shown).' : '';
	}
}

function addMediaRow(): void {
	if (mediaRows.length >= MAX_MEDIA_URLS) {
		mediaStatus.textContent = `A message can have at most ${MAX_MEDIA_URLS} media URLs: remove one to add another.`;
		return;
	}
	mediaRows.push('');
	mediaStatus.textContent = '';
	renderMediaRows();
	mediaList.querySelector<HTMLInputElement>(`#${mediaKey(mediaRows.length - 1)}`)?.focus();
	changed();
}

function removeMediaRow(index: number): void {
	mediaRows.splice(index, 1);
	// Touched keys follow their rows.
	const shifted = new Set<string>();
	for (const key of touched) {
		const match = /^media-(\d+)$/.exec(key);
		if (!match) {
			shifted.add(key);
		} else if (Number(match[1]) < index) {
			shifted.add(key);
		} else if (Number(match[1]) > index) {
			shifted.add(mediaKey(Number(match[1]) - 1));
		}
	}
	touched = shifted;
	mediaStatus.textContent = `Removed media URL ${index + 1}.`;
	renderMediaRows();
	const next = mediaList.querySelector<HTMLInputElement>(`#${mediaKey(Math.min(index, mediaRows.length - 1))}`);
	(next ?? addMedia).focus();
	changed();
}

function pasteUrls(index: number, urls: string[]): void {
	const room = MAX_MEDIA_URLS - mediaRows.length + 1;
	const taken = urls.slice(0, room);
	mediaRows.splice(index, 1, ...taken);
	taken.forEach((_, offset) => touched.add(mediaKey(index + offset)));
	renderMediaRows();
	mediaStatus.textContent =
		taken.length < urls.length
			? `Pasted ${taken.length} of ${urls.length} URLs: a message can have at most ${MAX_MEDIA_URLS} media URLs.`
			: `Pasted ${taken.length} URLs into ${taken.length} rows.`;
	mediaList.querySelector<HTMLInputElement>(`#${mediaKey(index + taken.length - 1)}`)?.focus();
	changed();
}

// --- sending ----------------------------------------------------------------------------------

function isSending(): boolean {
	return pendingRequestId !== undefined || restoredSending;
}

function trySend(): void {
	if (isSending()) {
		return;
	}
	if (profile === null) {
		signInButton.focus();
		return;
	}
	const draft = readDraft();
	const validation = validateMessage(draft);
	if (!validation.ok) {
		showAll = true;
		update();
		focusProblem(validation.problems[0]);
		return;
	}
	if (profile === undefined) {
		return;
	}
	pendingRequestId = newRequestId();
	result.replaceChildren(paragraph('Sending…'));
	result.className = 'result';
	vscode.postMessage({ type: 'send', requestId: pendingRequestId, draft });
	update();
}

function focusProblem(problem: FieldProblem | undefined): void {
	if (!problem) {
		return;
	}
	if (ADVANCED_FIELDS.has(problem.field)) {
		advanced.open = true;
	}
	if (problem.field === 'mediaUrls') {
		const row = problem.index !== undefined ? mediaList.querySelector<HTMLInputElement>(`#${mediaKey(problem.index)}`) : null;
		(row ?? addMedia).focus();
		return;
	}
	if (problem.field === 'sendAsMms') {
		sendAsMms.focus();
		return;
	}
	inputs[problem.field].focus();
}

function showResult(payload: SendResultPayload): void {
	if (payload.ok) {
		result.className = 'result is-success';
		const sid = document.createElement('code');
		sid.id = 'result-sid';
		sid.textContent = payload.sid;
		const line = paragraph(`Sent to ${payload.to}. Status when accepted: `);
		const status = document.createElement('strong');
		status.id = 'result-status';
		status.textContent = payload.status;
		line.append(status);
		const sidLine = paragraph('SID ');
		sidLine.append(sid);
		result.replaceChildren(line, sidLine, paragraph('Follow its delivery in the Messages view (SMS Sandbox in the activity bar).'));
		return;
	}
	const { error } = payload;
	result.className = 'result is-error';
	const parts: string[] = [];
	if (error.code !== undefined) {
		parts.push(`SignalWire error ${error.code}`);
	}
	if (error.httpStatus !== undefined) {
		parts.push(`HTTP ${error.httpStatus}`);
	}
	const title = document.createElement('p');
	title.className = 'result-title';
	title.id = 'result-title';
	title.textContent = parts.length > 0 ? `Not sent: ${parts.join(' · ')}` : 'Not sent';
	const message = paragraph(error.message);
	message.id = 'result-message';
	const children: HTMLElement[] = [title, message];
	if (error.hint) {
		const hint = paragraph(error.hint);
		hint.className = 'hint';
		children.push(hint);
	}
	const link = safeLink(error.moreInfo);
	if (link) {
		const anchor = document.createElement('a');
		anchor.href = link;
		anchor.textContent = 'More info about this error';
		const line = document.createElement('p');
		line.append(anchor);
		children.push(line);
	}
	children.push(paragraph('Your message is unchanged: fix it and send again.'));
	result.replaceChildren(...children);
}

/** Brings the result into view: Ctrl+Enter may have been pressed far above it. */
function revealResult(): void {
	result.scrollIntoView({ block: 'nearest' });
}

function paragraph(text: string): HTMLParagraphElement {
	const p = document.createElement('p');
	p.textContent = text;
	return p;
}

// --- messages from the extension ---------------------------------------------------------------

function onMessage(message: ExtensionToWebviewMessage): void {
	switch (message.type) {
		case 'init': {
			profile = message.profile;
			writeDraft(message.draft);
			setNumbers(message.numbers, false);
			pendingRequestId = undefined;
			restoredSending = message.sending;
			if (message.lastResult) {
				showResult(message.lastResult);
			}
			if (message.sending) {
				// A send started before this script (re)started: its result is the next sendResult.
				result.className = 'result';
				result.replaceChildren(paragraph('Sending…'));
			}
			updateProfile();
			update();
			persist();
			if (!initialized) {
				initialized = true;
				firstEmptyField()?.focus();
			}
			return;
		}
		case 'numbers':
			setNumbers(message.numbers, true, message.error);
			return;
		case 'signedInChanged':
			profile = message.profile;
			updateProfile();
			update();
			return;
		case 'sendResult':
			if (message.requestId !== pendingRequestId && !restoredSending) {
				return;
			}
			pendingRequestId = undefined;
			restoredSending = false;
			showResult(message.result);
			update();
			revealResult();
			return;
	}
}

function firstEmptyField(): HTMLElement | undefined {
	for (const field of ['from', 'to', 'body'] as const) {
		if (!inputs[field].value && !(field === 'from' && inputs.messagingServiceSid.value)) {
			return inputs[field];
		}
	}
	return undefined;
}

// --- wiring -----------------------------------------------------------------------------------

for (const field of TEXT_FIELDS) {
	const input = inputs[field];
	input.addEventListener('input', () => {
		if (field === 'body') {
			meterStatus.textContent = '';
		}
		changed(field);
	});
	input.addEventListener('blur', () => {
		if (!touched.has(field)) {
			touched.add(field);
			persist();
			update();
		}
	});
}
sendAsMms.addEventListener('change', () => changed('sendAsMms'));
advanced.addEventListener('toggle', () => persist());
addMedia.addEventListener('click', () => addMediaRow());
sendButton.addEventListener('click', () => trySend());
signInButton.addEventListener('click', () => vscode.postMessage({ type: 'signIn' }));
replaceSmart.addEventListener('click', () => {
	const body = inputs.body;
	const count = countReplaceable(body.value);
	body.value = replaceSmartCharacters(body.value);
	meterStatus.textContent = count > 0 ? `Replaced ${count} character${count === 1 ? '' : 's'} with GSM-7 equivalents.` : '';
	changed('body');
	body.focus();
});
form.addEventListener('submit', (event) => {
	event.preventDefault();
	trySend();
});
document.addEventListener('keydown', (event) => {
	if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
		event.preventDefault();
		trySend();
	}
});
window.addEventListener('message', (event: MessageEvent<unknown>) => {
	const message = parseExtensionToWebviewMessage(event.data);
	if (!message) {
		console.warn('compose: ignored an unknown or malformed message from the extension');
		return;
	}
	onMessage(message);
});

// Show what was typed before a reload at once; the extension's `init` follows the `ready`.
const saved = parsePersistedState(vscode.getState());
if (saved) {
	writeDraft(saved.draft);
	advanced.open = advanced.open || saved.advancedOpen;
	touched = new Set([...touched, ...saved.touched]);
}
updateProfile();
update();
vscode.postMessage({ type: 'ready' });
