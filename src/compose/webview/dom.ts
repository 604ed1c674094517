/** DOM helpers of the compose webview: element lookup, and text-only elements (never HTML). */

/** The element with this id, of this type; throws when the markup (src/compose/composeHtml.ts) lacks it. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
	const element = document.getElementById(id);
	if (!(element instanceof type)) {
		throw new Error(`compose: #${id} is missing`);
	}
	return element;
}

/** A paragraph holding `text` as text. */
export function paragraph(text: string): HTMLParagraphElement {
	const p = document.createElement('p');
	p.textContent = text;
	return p;
}

/** Shows a control's problems in its error element and marks it invalid (or not). */
export function showProblems(control: HTMLElement, error: HTMLElement, messages: readonly string[]): void {
	error.textContent = messages.join(' ');
	if (messages.length > 0) {
		control.setAttribute('aria-invalid', 'true');
	} else {
		control.removeAttribute('aria-invalid');
	}
}
