/**
 * The signed-in Space as the form shows it: the profile line, the signed-out banner with its
 * Sign In, and the From suggestions (the Space's messaging numbers) with their status line.
 */
import * as l10n from '@vscode/l10n';
import type { NumberOption } from '../protocol';
import { byId } from '../../webview/script/dom';
import type { FormState } from './state';

export class SpaceView {
	private readonly profileText = byId('profile', HTMLElement);
	private readonly banner = byId('signin-banner', HTMLElement);
	readonly signInButton = byId('sign-in', HTMLButtonElement);
	private readonly fromNumbers = byId('from-numbers', HTMLDataListElement);
	private readonly numbersStatus = byId('numbers-status', HTMLElement);

	constructor(
		private readonly state: FormState,
		signIn: () => void,
	) {
		this.signInButton.addEventListener('click', signIn);
	}

	/** Shows `state.profile`: the banner when signed out, the Space's label when signed in. */
	updateProfile(): void {
		const { profile } = this.state;
		this.banner.hidden = profile !== null;
		this.profileText.hidden = !profile;
		this.profileText.textContent = profile ? l10n.t('Space: {0}', profile) : '';
	}

	/** `loaded`: the answer of a lookup (not the cached list of an init). */
	setNumbers(numbers: readonly NumberOption[], loaded: boolean, error?: string): void {
		this.fromNumbers.replaceChildren(
			...numbers.map((n) => {
				const option = document.createElement('option');
				option.value = n.phoneNumber;
				const capabilities = n.mms ? l10n.t('SMS · MMS') : l10n.t('SMS only');
				const kinds = n.routed
					? l10n.t('{0} · inbound SMS routed to the webhook listener', capabilities)
					: capabilities;
				option.label =
					n.friendlyName && n.friendlyName !== n.phoneNumber
						? l10n.t('{0} · {1}', n.friendlyName, kinds)
						: kinds;
				return option;
			}),
		);
		if (error) {
			this.numbersStatus.textContent = l10n.t('Could not load your numbers: {0}', error);
		} else if (this.state.profile && loaded && numbers.length === 0) {
			this.numbersStatus.textContent = l10n.t(
				'No messaging-capable numbers found in this Space: type the From number in E.164.',
			);
		} else if (numbers.length === 1) {
			this.numbersStatus.textContent = l10n.t('1 messaging number of your Space suggested.');
		} else {
			this.numbersStatus.textContent =
				numbers.length > 0 ? l10n.t('{0} messaging numbers of your Space suggested.', numbers.length) : '';
		}
	}
}
