/**
 * Whose a phone number is, for hovers and completion in `.smstest` files: one of the signed-in
 * Space's numbers, a number of the local server's project, one of its scripted handsets
 * (sandbox/handsets.ts), or unknown. No `vscode` import: the Space's numbers are handed in.
 */
import * as l10n from '@vscode/l10n';
import { SANDBOX_HANDSETS } from '../../sandbox/handsets';
import { SANDBOX_NUMBERS } from '../../sandbox/numbers';

export interface KnownNumber {
	phoneNumber: string;
	/** One line: whose it is. */
	description: string;
	kind: 'space' | 'local' | 'handset';
}

/** The local server's numbers and handsets, as the local target sees them. */
export function localNumbers(): KnownNumber[] {
	return [
		{
			phoneNumber: SANDBOX_HANDSETS.echo,
			kind: 'handset',
			description: l10n.t('Local server handset: answers "Echo: <text>" (with the same media).'),
		},
		{
			phoneNumber: SANDBOX_HANDSETS.stop,
			kind: 'handset',
			description: l10n.t('Local server handset: answers STOP; later sends to it fail with error 21610.'),
		},
		...SANDBOX_NUMBERS.map((number) => ({
			phoneNumber: number.phoneNumber,
			kind: 'local' as const,
			description: l10n.t(
				"A number of the local server's project ({0}): sends through the create-message API.",
				number.friendlyName,
			),
		})),
	];
}

/** Describes `phoneNumber` from the Space's numbers (if signed in) and the local server's. */
export function describeNumber(
	phoneNumber: string,
	space: readonly { phoneNumber: string; friendlyName?: string }[] | undefined,
	spaceName?: string,
): string {
	const own = space?.find((number) => number.phoneNumber === phoneNumber);
	if (own) {
		return own.friendlyName && own.friendlyName !== phoneNumber
			? l10n.t("Your Space's number {0} ({1}) in {2}.", phoneNumber, own.friendlyName, spaceName ?? '')
			: l10n.t("Your Space's number {0} in {1}.", phoneNumber, spaceName ?? '');
	}
	const local = localNumbers().find((number) => number.phoneNumber === phoneNumber);
	if (local) {
		return `${phoneNumber}: ${local.description}`;
	}
	return space
		? l10n.t(
				'{0}: unknown, neither a number of your Space nor of the local server. On the local server it plays a phone outside.',
				phoneNumber,
			)
		: l10n.t(
				"{0}: unknown, not a number of the local server (sign in to see your Space's numbers). On the local server it plays a phone outside.",
				phoneNumber,
			);
}

/** The E.164 number at `column` of `line`, with its span, if the position is on one. */
export function numberAt(
	line: string,
	column: number,
): { phoneNumber: string; start: number; end: number } | undefined {
	for (const match of line.matchAll(/\+\d{6,15}/g)) {
		const start = match.index;
		const end = start + match[0].length;
		if (column >= start && column <= end) {
			return { phoneNumber: match[0], start, end };
		}
	}
	return undefined;
}
