/**
 * The meter under the Body: characters out of the limit, GSM-7 or UCS-2, segments and what is
 * left in the current one; the characters that force UCS-2 as chips; Replace Smart Quotes and
 * Dashes. With media (or SendAsMms) it says the message goes as one MMS. Segments are the
 * extension's own pure module (src/core/segments.ts).
 */
import * as l10n from '@vscode/l10n';
import { measureBody, replaceSmartCharacters } from '../../core/segments';
import { byId } from '../../webview/script/dom';
import { charactersText, mmsMeterText } from '../../webview/script/meterText';
import { chipText, codePoints, countReplaceable } from './model';

export class BodyMeter {
	private readonly meter = byId('meter', HTMLElement);
	private readonly summary = byId('meter-summary', HTMLElement);
	private readonly status = byId('meter-status', HTMLElement);
	private readonly ucs2 = byId('ucs2', HTMLElement);
	private readonly ucs2Chars = byId('ucs2-chars', HTMLUListElement);
	private readonly replaceSmart = byId('replace-smart', HTMLButtonElement);

	/** `body`: the Body field; `changed` is called after a replacement edited it. */
	constructor(
		private readonly body: HTMLInputElement | HTMLTextAreaElement,
		changed: () => void,
	) {
		body.addEventListener('input', () => {
			this.status.textContent = '';
		});
		this.replaceSmart.addEventListener('click', () => {
			const count = countReplaceable(body.value);
			body.value = replaceSmartCharacters(body.value);
			this.status.textContent =
				count === 1
					? l10n.t('Replaced 1 character with its GSM-7 equivalent.')
					: count > 1
						? l10n.t('Replaced {0} characters with GSM-7 equivalents.', count)
						: '';
			changed();
			body.focus();
		});
	}

	/** Measures the body; with media (or Send as MMS) it goes as one MMS, unsegmented. */
	update(mediaCount: number, asMms: boolean): void {
		const body = this.body.value;
		const m = measureBody(body);
		const characters = charactersText(m.characters);
		const mms = mediaCount > 0 || asMms;
		if (mms) {
			this.summary.textContent = mmsMeterText(m.characters, mediaCount);
		} else {
			const segments = m.segments === 1 ? l10n.t('1 segment') : l10n.t('{0} segments', m.segments);
			this.summary.textContent = body
				? l10n.t(
						'{0} · {1} · {2} · {3} left in this segment',
						characters,
						m.encoding,
						segments,
						m.remainingInSegment,
					)
				: l10n.t('{0} · {1} · {2}', characters, m.encoding, segments);
		}
		this.meter.classList.toggle('is-ucs2', !mms && m.encoding === 'UCS-2');
		this.meter.dataset.encoding = mms ? 'MMS' : m.encoding;
		this.ucs2.hidden = mms || m.nonGsmCharacters.length === 0;
		this.ucs2Chars.replaceChildren(
			...m.nonGsmCharacters.map((char) => {
				const chip = document.createElement('li');
				chip.className = 'chip';
				chip.textContent = chipText(char);
				chip.title = codePoints(char);
				return chip;
			}),
		);
		this.replaceSmart.disabled = countReplaceable(body) === 0;
	}
}
