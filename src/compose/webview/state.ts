import type { ListenerInfo } from '../protocol';

/**
 * The compose webview's one state object: everything the script remembers between events. The
 * modules (fields, media, meter, space, send area) read and change it; none keeps state of its own
 * besides its element handles.
 */
export interface FormState {
	/** The media URL rows as typed (empty rows included, so problem indexes match). */
	mediaRows: string[];
	/** Keys of the controls the user has edited or left (their problems are shown). */
	touched: Set<string>;
	/** Show every problem, touched or not (after a refused Send). */
	showAll: boolean;
	/** The signed-in Space's label; null when signed out; undefined until the extension says (init). */
	profile: string | null | undefined;
	/** The request id of the send in flight from this script. */
	pendingRequestId: string | undefined;
	/** A send was in flight when this script (re)started: its result is the next one that comes. */
	restoredSending: boolean;
	/** The first `init` has arrived (the first empty field got the focus). */
	initialized: boolean;
	/** The webhook listener while it runs (the StatusCallback box is shown); null when not. */
	listener: ListenerInfo | null;
	/** The user's choice in the StatusCallback box, once they made one (else the setting's default). */
	addStatusCallback: boolean | undefined;
}

export function createFormState(): FormState {
	return {
		mediaRows: [],
		touched: new Set(),
		showAll: false,
		profile: undefined,
		pendingRequestId: undefined,
		restoredSending: false,
		initialized: false,
		listener: null,
		addStatusCallback: undefined,
	};
}

export function isSending(state: FormState): boolean {
	return state.pendingRequestId !== undefined || state.restoredSending;
}

/** Whether a control's problems are shown. */
export function showsProblems(state: FormState, key: string): boolean {
	return state.showAll || state.touched.has(key);
}
