/**
 * The Media URLs list: one row per URL (label, input, Remove, its problems, an https image
 * preview), Add Media URL, Enter in a row for the next one, a paste of several URLs into rows,
 * and the status line. The rows' values live in the form state (`mediaRows`).
 */
import * as l10n from '@vscode/l10n';
import type { FieldProblem } from '../../core/validation';
import { MAX_MEDIA_URLS } from '../../core/types';
import { MAX_TEXT_LENGTH } from '../protocol';
import { byId, showProblems } from '../../webview/script/dom';
import { isPlainHttpUrl, previewableImageUrl, splitPastedUrls } from './model';
import { showsProblems, type FormState } from './state';

const PREVIEW_DELAY_MS = 400;

/** The touched-key and element id of a media row. */
export function mediaKey(index: number): string {
	return `media-${index}`;
}

export class MediaList {
	private readonly list = byId('media-list', HTMLOListElement);
	readonly addButton = byId('add-media', HTMLButtonElement);
	private readonly status = byId('media-status', HTMLElement);
	private readonly groupError = byId('mediaUrls-error', HTMLElement);
	private readonly previewTimers = new Map<number, ReturnType<typeof setTimeout>>();

	/** `changed(key)`: after any edit of the list (the key of the row the user edited, if one). */
	constructor(
		private readonly state: FormState,
		private readonly changed: (key?: string) => void,
	) {
		this.addButton.addEventListener('click', () => this.add());
	}

	/** Shows `urls` as the rows (at most {@link MAX_MEDIA_URLS}); rows with a URL count as touched. */
	write(urls: readonly string[]): void {
		this.state.mediaRows = urls.slice(0, MAX_MEDIA_URLS);
		this.render();
		this.state.mediaRows.forEach((url, index) => {
			if (url) {
				this.state.touched.add(mediaKey(index));
			}
		});
	}

	/** Per-row problems next to their row, the rest (the count) under the list; Add follows the limit. */
	showProblems(problems: readonly FieldProblem[]): void {
		this.state.mediaRows.forEach((_, index) => {
			const input = this.row(index);
			const error = this.list.querySelector<HTMLElement>(`#${mediaKey(index)}-error`);
			if (input && error) {
				const rowProblems = showsProblems(this.state, mediaKey(index))
					? problems.filter((p) => p.index === index)
					: [];
				showProblems(
					input,
					error,
					rowProblems.map((p) => p.message),
				);
			}
		});
		this.groupError.textContent = problems
			.filter((p) => p.index === undefined)
			.map((p) => p.message)
			.join(' ');
		const full = this.state.mediaRows.length >= MAX_MEDIA_URLS;
		this.addButton.disabled = full;
		if (full && !this.status.textContent) {
			this.setStatus(
				l10n.t('{0} of {1} media URLs: the most a message can have.', MAX_MEDIA_URLS, MAX_MEDIA_URLS),
				true,
			);
		} else if (!full && this.status.dataset.full === 'true') {
			// Below the limit again: the limit's note goes (what a remove or paste said stays).
			this.setStatus('');
		}
	}

	/** Focuses a problem's row, or Add Media URL for a problem of the whole list. */
	focusProblem(problem: FieldProblem): void {
		const row = problem.index !== undefined ? this.row(problem.index) : null;
		(row ?? this.addButton).focus();
	}

	/** `full`: the note that the list is at its limit (cleared when it is not). */
	private setStatus(text: string, full = false): void {
		this.status.textContent = text;
		this.status.dataset.full = String(full);
	}

	private row(index: number): HTMLInputElement | null {
		return this.list.querySelector<HTMLInputElement>(`#${mediaKey(index)}`);
	}

	private render(): void {
		for (const timer of this.previewTimers.values()) {
			clearTimeout(timer);
		}
		this.previewTimers.clear();
		this.list.replaceChildren(...this.state.mediaRows.map((url, index) => this.buildRow(url, index)));
		this.state.mediaRows.forEach((_, index) => this.updatePreview(index));
	}

	private buildRow(url: string, index: number): HTMLLIElement {
		const id = mediaKey(index);
		const row = document.createElement('li');
		row.className = 'media-row';

		const label = document.createElement('label');
		label.htmlFor = id;
		label.textContent = l10n.t('Media URL {0}', index + 1);

		const line = document.createElement('div');
		line.className = 'media-line';
		const input = document.createElement('input');
		input.id = id;
		input.type = 'text';
		input.inputMode = 'url';
		input.spellcheck = false;
		input.autocomplete = 'off';
		input.maxLength = MAX_TEXT_LENGTH;
		input.placeholder = 'https://example.com/picture.jpg';
		input.value = url;
		input.setAttribute('aria-describedby', `${id}-error ${id}-note`);
		input.addEventListener('input', () => {
			this.state.mediaRows[index] = input.value;
			this.schedulePreview(index);
			this.changed(id);
		});
		input.addEventListener('blur', () => {
			if (!this.state.touched.has(id) && input.value) {
				this.changed(id);
			}
		});
		input.addEventListener('keydown', (event) => {
			if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
				event.preventDefault();
				this.add();
			}
		});
		input.addEventListener('paste', (event) => {
			const urls = splitPastedUrls(event.clipboardData?.getData('text/plain') ?? '');
			if (urls.length > 0 && input.value === '') {
				event.preventDefault();
				this.paste(index, urls);
			}
		});

		const remove = document.createElement('button');
		remove.type = 'button';
		remove.className = 'button secondary remove';
		remove.textContent = l10n.t('Remove');
		remove.setAttribute('aria-label', l10n.t('Remove media URL {0}', index + 1));
		remove.addEventListener('click', () => this.remove(index));

		const preview = document.createElement('img');
		preview.className = 'thumb';
		preview.id = `${id}-preview`;
		preview.alt = l10n.t('Preview of media URL {0}', index + 1);
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

	private schedulePreview(index: number): void {
		clearTimeout(this.previewTimers.get(index));
		this.previewTimers.set(
			index,
			setTimeout(() => this.updatePreview(index), PREVIEW_DELAY_MS),
		);
	}

	private updatePreview(index: number): void {
		this.previewTimers.delete(index);
		const preview = this.list.querySelector<HTMLImageElement>(`#${mediaKey(index)}-preview`);
		const note = this.list.querySelector<HTMLElement>(`#${mediaKey(index)}-note`);
		if (!preview || !note) {
			return;
		}
		const url = this.state.mediaRows[index] ?? '';
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
			note.textContent = isPlainHttpUrl(url)
				? l10n.t('No preview for http: URLs (only https: images are shown).')
				: '';
		}
	}

	private add(): void {
		const rows = this.state.mediaRows;
		if (rows.length >= MAX_MEDIA_URLS) {
			this.setStatus(
				l10n.t('A message can have at most {0} media URLs: remove one to add another.', MAX_MEDIA_URLS),
				true,
			);
			return;
		}
		rows.push('');
		this.setStatus('');
		this.render();
		this.row(rows.length - 1)?.focus();
		this.changed();
	}

	private remove(index: number): void {
		this.state.mediaRows.splice(index, 1);
		// Touched keys follow their rows.
		const shifted = new Set<string>();
		for (const key of this.state.touched) {
			const match = /^media-(\d+)$/.exec(key);
			if (!match) {
				shifted.add(key);
			} else if (Number(match[1]) < index) {
				shifted.add(key);
			} else if (Number(match[1]) > index) {
				shifted.add(mediaKey(Number(match[1]) - 1));
			}
		}
		this.state.touched = shifted;
		this.setStatus(l10n.t('Removed media URL {0}.', index + 1));
		this.render();
		(this.row(Math.min(index, this.state.mediaRows.length - 1)) ?? this.addButton).focus();
		this.changed();
	}

	private paste(index: number, urls: string[]): void {
		const rows = this.state.mediaRows;
		const room = MAX_MEDIA_URLS - rows.length + 1;
		const taken = urls.slice(0, room);
		rows.splice(index, 1, ...taken);
		taken.forEach((_, offset) => this.state.touched.add(mediaKey(index + offset)));
		this.render();
		this.setStatus(
			taken.length < urls.length
				? l10n.t(
						'Pasted {0} of {1} URLs: a message can have at most {2} media URLs.',
						taken.length,
						urls.length,
						MAX_MEDIA_URLS,
					)
				: l10n.t('Pasted {0} URLs into {1} rows.', taken.length, taken.length),
		);
		this.row(index + taken.length - 1)?.focus();
		this.changed();
	}
}
