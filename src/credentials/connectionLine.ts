/**
 * The one connection line `npm start` prints for its local server: `<Space URL> <Project ID>
 * <API token>`, accepted by the first Sign In step instead of three answers. Only for a loopback
 * Space: that first step is a plain input box, and a real token belongs in the masked third step.
 * No `vscode` import (texts go through `@vscode/l10n`).
 */
import * as l10n from '@vscode/l10n';
import { isLoopbackHost, spaceBaseUrl } from '../signalwire/space';
import { checkProjectId } from './profile';
import { checkTokenFormat } from './tokenFormat';

export type ConnectionLine =
	{ space: string; projectId: string; token: string; problem?: undefined } | { problem: string };

/** The line's three parts, or what is wrong with them; undefined when `value` is not three words (a plain Space). */
export function parseConnectionLine(value: string): ConnectionLine | undefined {
	const parts = value.trim().split(/\s+/);
	if (parts.length !== 3) {
		return undefined;
	}
	const [space = '', projectId = '', token = ''] = parts;
	let host: string;
	try {
		host = new URL(spaceBaseUrl(space)).hostname;
	} catch {
		return undefined;
	}
	if (!isLoopbackHost(host)) {
		return {
			problem: l10n.t(
				'Only the local server (127.0.0.1, localhost) takes a connection line. For a SignalWire Space, enter its name here, then the Project ID and the API token (masked) in the next steps.',
			),
		};
	}
	const projectProblem = checkProjectId(projectId);
	if (projectProblem) {
		return { problem: projectProblem };
	}
	const tokenCheck = checkTokenFormat(token);
	if (!tokenCheck.ok) {
		return { problem: tokenCheck.message };
	}
	return { space, projectId, token };
}
