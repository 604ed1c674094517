/**
 * The compose form's script (bundled by esbuild into dist/webview/compose.js, an IIFE): it wires
 * the form's parts to one state object (state.ts) and to the extension (host.ts, the typed
 * protocol of src/compose/protocol.ts). The parts: the fields and their validation (fields.ts), the
 * media list (media.ts), the body meter (meter.ts), the Space and its numbers (space.ts), the
 * webhook listener's StatusCallback box (listener.ts), and Send with the result area (sendArea.ts).
 * Every dynamic part of the DOM is built with createElement/textContent/value: user text, URLs and
 * API error messages are never parsed as HTML.
 * Its own strings go through @vscode/l10n, configured from the bundle the extension sends in `init`.
 */
import * as l10n from '@vscode/l10n';
import { problemsByField, validateMessage } from '../../core/validation';
import type { MessageDraft } from '../../core/draft';
import { MAX_TEXT_LENGTH, parseDraft } from '../protocol';
import type { ReceivedExtensionMessage } from '../readExtensionMessage';
import { byId } from '../../webview/script/dom';
import { useTranslations } from '../../webview/script/translations';
import { Fields } from './fields';
import { onExtensionMessage, postToExtension, saveState, savedState } from './host';
import { ListenerToggle } from './listener';
import { MediaList } from './media';
import { BodyMeter } from './meter';
import { newRequestId, parsePersistedState } from './model';
import { SendArea } from './sendArea';
import { SpaceView } from './space';
import { createFormState, isSending } from './state';

const state = createFormState();
const form = byId('form', HTMLFormElement);
const fields = new Fields(state);
const media = new MediaList(state, (key) => changed(key));
const meter = new BodyMeter(fields.inputs.body, () => changed('body'));
const space = new SpaceView(state, () => postToExtension({ type: 'signIn' }));
const sendArea = new SendArea(state);
const listenerToggle = new ListenerToggle(state);

// --- the draft ↔ the form ---------------------------------------------------------------------

function readDraft(): MessageDraft {
	const draft: MessageDraft = {};
	fields.read(draft);
	if (state.mediaRows.length > 0) {
		draft.mediaUrls = [...state.mediaRows];
	}
	return draft;
}

/** Fills the form; what it fills counts as touched (and nothing else). */
function writeDraft(draft: MessageDraft): void {
	state.touched = new Set();
	fields.write(draft);
	media.write(draft.mediaUrls ?? []);
}

function persist(): void {
	saveState({ draft: readDraft(), advancedOpen: fields.advanced.open, touched: [...state.touched] });
}

/**
 * The draft as the extension will read it, or undefined when it would refuse it (a text over the
 * protocol's limit: the fields cap what is typed, but not everything that is pasted or restored).
 */
function draftForExtension(): MessageDraft | undefined {
	return parseDraft(readDraft());
}

/** After any edit by the user. */
function changed(key?: string): void {
	if (key) {
		state.touched.add(key);
	}
	persist();
	const draft = draftForExtension();
	if (draft) {
		postToExtension({ type: 'draftChanged', draft });
	}
	update();
}

/** Validates the form and shows it: each part's problems, the meter, Send and its hint. */
function update(): void {
	const draft = readDraft();
	const validation = validateMessage(draft);
	const grouped = problemsByField(validation.problems);
	fields.showProblems(grouped);
	media.showProblems(grouped.mediaUrls ?? []);
	meter.update(state.mediaRows.length, fields.sendAsMms.checked);
	sendArea.update(validation.problems);
}

// --- sending ----------------------------------------------------------------------------------

function trySend(): void {
	if (isSending(state)) {
		return;
	}
	if (state.profile === null) {
		space.signInButton.focus();
		return;
	}
	const draft = readDraft();
	const validation = validateMessage(draft);
	if (!validation.ok) {
		state.showAll = true;
		update();
		const [problem] = validation.problems;
		if (problem && !fields.focusProblem(problem)) {
			media.focusProblem(problem);
		}
		return;
	}
	if (state.profile === undefined) {
		return;
	}
	if (!draftForExtension()) {
		// The extension would ignore it, and the form would wait for an answer that never comes.
		sendArea.showResult({
			ok: false,
			error: { message: l10n.t('A field is longer than {0} characters: shorten it to send.', MAX_TEXT_LENGTH) },
		});
		return;
	}
	state.pendingRequestId = newRequestId();
	sendArea.showSending();
	const addStatusCallback = listenerToggle.value();
	postToExtension({
		type: 'send',
		requestId: state.pendingRequestId,
		draft,
		...(addStatusCallback === undefined ? {} : { addStatusCallback }),
	});
	update();
}

// --- messages from the extension ---------------------------------------------------------------

function onMessage(message: ReceivedExtensionMessage): void {
	switch (message.type) {
		case 'init': {
			useTranslations(message.l10n);
			// A part the form could not read is left as the form has it.
			if (message.profile !== undefined) {
				state.profile = message.profile;
			}
			if (message.draft) {
				writeDraft(message.draft);
			} else {
				media.write(state.mediaRows); // the rows' own strings, in the configured language
			}
			space.setNumbers(message.numbers, false);
			listenerToggle.set(message.listener ?? null);
			state.pendingRequestId = undefined;
			state.restoredSending = message.sending;
			if (message.lastResult) {
				sendArea.showResult(message.lastResult);
			}
			if (message.sending) {
				// A send started before this script (re)started: its result is the next sendResult.
				sendArea.showSending();
			}
			space.updateProfile();
			update();
			persist();
			if (!state.initialized) {
				state.initialized = true;
				fields.firstEmpty()?.focus();
			}
			return;
		}
		case 'numbers':
			space.setNumbers(message.numbers, true, message.error);
			return;
		case 'listenerChanged':
			listenerToggle.set(message.listener);
			return;
		case 'signedInChanged':
			state.profile = message.profile;
			space.updateProfile();
			update();
			return;
		case 'sendResult':
			if (message.requestId !== state.pendingRequestId && !state.restoredSending) {
				return;
			}
			state.pendingRequestId = undefined;
			state.restoredSending = false;
			sendArea.showResult(message.result);
			update();
			sendArea.reveal();
			return;
	}
}

// --- wiring -----------------------------------------------------------------------------------

fields.listen(
	(key) => changed(key),
	(key) => {
		state.touched.add(key);
		persist();
		update();
	},
);
fields.advanced.addEventListener('toggle', () => persist());
sendArea.button.addEventListener('click', () => trySend());
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
onExtensionMessage(onMessage);

// Show what was typed before a reload at once; the extension's `init` follows the `ready`.
const saved = parsePersistedState(savedState());
if (saved) {
	writeDraft(saved.draft);
	fields.advanced.open = fields.advanced.open || saved.advancedOpen;
	state.touched = new Set([...state.touched, ...saved.touched]);
}
space.updateProfile();
update();
postToExtension({ type: 'ready' });
