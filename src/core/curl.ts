/**
 * "Copy as curl": a bash command that sends the same message. It never contains the API token:
 * the command reads it from `$SIGNALWIRE_API_TOKEN`, which the user sets. Pure: no `vscode`; its
 * comment lines go through `@vscode/l10n`. Paths and fields: docs/api-notes.md, "Create a message".
 */
import * as l10n from '@vscode/l10n';
import { formFields } from './messageForm';
import type { CreateMessageParams } from './types';

export interface CurlInput {
	/**
	 * The Space: `example`, `example.signalwire.com`, `https://example.signalwire.com/`, a loopback
	 * `http://127.0.0.1:PORT`, with or without `/api/laml/2010-04-01`.
	 */
	baseUrl: string;
	/** The project UUID; when absent the command expects `$SIGNALWIRE_PROJECT_ID` to be set. */
	projectId?: string;
	params: CreateMessageParams;
}

/**
 * A multi-line bash command. `SIGNALWIRE_SPACE_URL` holds the bare host, as SignalWire's SDKs
 * expect it under that name (docs/api-notes.md, "Paths and authentication"); the scheme is
 * written in the URL itself, so a host already exported for an SDK works as is. Each field is one `--data-urlencode`
 * (curl encodes it); values are single-quoted, or `$'…'`-quoted when they hold line breaks, tabs or other
 * control characters so that the command survives copy and paste intact.
 */
export function toCurlCommand(input: CurlInput): string {
	const { scheme, host } = splitSpace(input.baseUrl);
	const lines: string[] = [];
	lines.push(shellComment(l10n.t('Send a message with the SignalWire Compatibility (LaML) API.')));
	lines.push(`export SIGNALWIRE_SPACE_URL=${shellQuote(host)}`);
	const projectId = input.projectId?.trim();
	let projectRef = '$SIGNALWIRE_PROJECT_ID';
	if (projectId) {
		lines.push(`export SIGNALWIRE_PROJECT_ID=${shellQuote(projectId)}`);
	} else {
		lines.push(
			shellComment(l10n.t('Set {0} to your Project ID (SignalWire Dashboard > API):', 'SIGNALWIRE_PROJECT_ID')),
		);
		lines.push("#   export SIGNALWIRE_PROJECT_ID='your-project-id'");
		projectRef = '${SIGNALWIRE_PROJECT_ID:?Set SIGNALWIRE_PROJECT_ID first}';
	}
	lines.push(
		shellComment(
			l10n.t('The API token is not included. Set it first, without echo and outside your shell history:'),
		),
	);
	lines.push('#   read -rs SIGNALWIRE_API_TOKEN && export SIGNALWIRE_API_TOKEN');

	// `${VAR:?…}` stops the command with a clear message instead of sending empty credentials.
	const args: string[] = [
		`curl -sS -X POST "${scheme}://$SIGNALWIRE_SPACE_URL/api/laml/2010-04-01/Accounts/$SIGNALWIRE_PROJECT_ID/Messages"`,
		`-u "${projectRef}:\${SIGNALWIRE_API_TOKEN:?Set SIGNALWIRE_API_TOKEN first}"`,
		`-H ${shellQuote('Accept: application/json')}`,
	];
	for (const [name, value] of formFields(input.params)) {
		args.push(`--data-urlencode ${shellQuote(`${name}=${value}`)}`);
	}
	// Continuation lines are indented with spaces: a pasted tab would trigger shell completion.
	lines.push(args.join(' \\\n  '));
	return lines.join('\n');
}

/** One `#` line, whatever a translation holds (a line break would end the comment). */
function shellComment(text: string): string {
	return `# ${text.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * Quotes a word for bash: `'…'` with `'` written as `'\''`. A value holding control characters
 * (line breaks, tabs, …) is written as `$'…'` instead, with those characters escaped, so that a
 * pasted command keeps them exactly and stays one argument per line. Nothing inside either form
 * is expanded (`$`, backquotes, `"`, `!`, `\`).
 */
export function shellQuote(value: string): string {
	// eslint-disable-next-line no-control-regex
	if (!/[\x00-\x1f\x7f]/.test(value)) {
		return `'${value.replace(/'/g, `'\\''`)}'`;
	}
	let quoted = "$'";
	for (const char of value) {
		const code = char.charCodeAt(0);
		if (char === '\\') {
			quoted += '\\\\';
		} else if (char === "'") {
			quoted += "\\'";
		} else if (char === '\n') {
			quoted += '\\n';
		} else if (char === '\r') {
			quoted += '\\r';
		} else if (char === '\t') {
			quoted += '\\t';
		} else if (code < 0x20 || code === 0x7f) {
			quoted += `\\x${code.toString(16).padStart(2, '0')}`;
		} else {
			quoted += char;
		}
	}
	return `${quoted}'`;
}

/** The scheme and host (with port) of a Space, however it was typed. */
function splitSpace(baseUrl: string): { scheme: string; host: string } {
	let value = baseUrl.trim();
	let scheme = 'https';
	const withScheme = /^(https?):\/\/(.*)$/i.exec(value);
	if (withScheme) {
		scheme = withScheme[1]!.toLowerCase();
		value = withScheme[2]!;
	}
	let host = value.replace(/[/?#].*$/, '');
	if (!withScheme && /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/i.test(host)) {
		scheme = 'http'; // a local sandbox, as src/signalwire/space.ts treats it
	}
	if (host && !host.includes('.') && !host.includes(':') && host !== 'localhost') {
		host = `${host}.signalwire.com`;
	}
	return { scheme, host };
}
