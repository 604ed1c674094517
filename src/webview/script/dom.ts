/**
 * DOM helpers of both webview scripts (the compose form's and a conversation panel's): element
 * lookup, and text-only elements (never HTML). No `vscode`.
 */

/**
 * The element with this id, of this type; throws when the page's markup (src/compose/composeHtml.ts,
 * src/replies/conversationHtml.ts) lacks it.
 */
export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
	const element = document.getElementById(id);
	if (!(element instanceof type)) {
		throw new Error(`webview: #${id} is missing`);
	}
	return element;
}

/** An element of this tag and class holding `content` as text. */
export function textElement(tag: keyof HTMLElementTagNameMap, className: string, content: string): HTMLElement {
	const element = document.createElement(tag);
	element.className = className;
	element.textContent = content;
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
