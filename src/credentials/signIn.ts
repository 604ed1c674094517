import * as vscode from 'vscode';
import { isSignalWireApiError, isSignalWireError, SignalWireClient, spaceBaseUrl } from '../signalwire';
import type { Services } from '../services';
import { USER_AGENT } from './clientProvider';
import { checkProjectId, profileLabel, type Profile } from './profile';
import { parseConnectionLine } from './connectionLine';
import { checkTokenFormat } from './tokenFormat';
import { readSettings } from '../config';
import { promptForSecret } from '../util/secretInput';
import { errorText } from '../errors/errorText';

/** Why sign-in failed, in words that say what to fix. `field` names the input at fault. */
export class SignInError extends Error {
	readonly kind = 'sign-in';
	constructor(
		message: string,
		readonly field: 'space' | 'projectId' | 'token' | 'network',
		readonly cause?: unknown,
	) {
		super(message);
		this.name = 'SignInError';
	}
}

export interface SignInInput {
	space: string;
	projectId: string;
	token: string;
}

/**
 * Checks the three values (formats first, then a real API call that needs the Numbers scope)
 * and saves them. Rejects with a {@link SignInError}; nothing is saved unless the check passed.
 */
export async function verifyAndSave(services: Services, input: SignInInput): Promise<Profile> {
	let spaceUrl: string;
	try {
		spaceUrl = spaceBaseUrl(input.space);
	} catch (error) {
		throw new SignInError(errorText(error), 'space', error);
	}
	const projectProblem = checkProjectId(input.projectId);
	if (projectProblem) {
		throw new SignInError(projectProblem, 'projectId');
	}
	const tokenCheck = checkTokenFormat(input.token);
	if (!tokenCheck.ok) {
		throw new SignInError(tokenCheck.message, 'token');
	}
	const projectId = input.projectId.trim().toLowerCase();
	const token = input.token.trim();
	services.logger.addCredentials(projectId, token);
	if (tokenCheck.warning) {
		services.logger.warn(tokenCheck.warning);
	}
	const client = new SignalWireClient({
		credentials: { space: spaceUrl, projectId, token },
		timeoutMs: readSettings().timeoutMs,
		userAgent: USER_AGENT,
	});
	try {
		await client.listIncomingPhoneNumbers();
	} catch (error) {
		const signInError = signInErrorFrom(error, spaceUrl);
		// An unusual token that SignalWire rejects: say so, the warning is the likely cause.
		throw tokenCheck.warning && signInError.field === 'token'
			? new SignInError(`${signInError.message} ${tokenCheck.warning}`, 'token', error)
			: signInError;
	}
	const profile = await services.credentials.save(spaceUrl, projectId, token);
	services.numbers.clear();
	services.logger.info(`Signed in to ${spaceUrl} as project ${projectId}.`);
	return profile;
}

function signInErrorFrom(error: unknown, spaceUrl: string): SignInError {
	if (isSignalWireApiError(error)) {
		if (error.httpStatus === 401 || error.httpStatus === 403) {
			return new SignInError(
				error.code
					? vscode.l10n.t(
							'SignalWire rejected the credentials (HTTP {0}, code {1}): check the token and that it has the Messaging and Numbers scopes.',
							error.httpStatus,
							error.code,
						)
					: vscode.l10n.t(
							'SignalWire rejected the credentials (HTTP {0}): check the token and that it has the Messaging and Numbers scopes.',
							error.httpStatus,
						),
				'token',
				error,
			);
		}
		if (error.httpStatus === 404) {
			return new SignInError(
				vscode.l10n.t(
					'{0} does not know this project (HTTP 404): check the Project ID and the Space.',
					spaceUrl,
				),
				'projectId',
				error,
			);
		}
		return new SignInError(vscode.l10n.t('Signing in failed: {0}', error.message), 'network', error);
	}
	if (isSignalWireError(error)) {
		if (error.kind === 'network' || error.kind === 'timeout') {
			return new SignInError(
				vscode.l10n.t(
					'Could not reach {0}: {1} Check the Space name and your network.',
					spaceUrl,
					error.message,
				),
				'space',
				error,
			);
		}
		return new SignInError(vscode.l10n.t('Signing in failed: {0}', error.message), 'network', error);
	}
	return new SignInError(vscode.l10n.t('Signing in failed: {0}', errorText(error)), 'network', error);
}

/** The interactive sign-in: Space, Project ID, token; on failure the inputs are offered again, pre-filled. */
export async function signInInteractively(
	services: Services,
	previous?: Partial<SignInInput>,
): Promise<Profile | undefined> {
	const title = vscode.l10n.t('SignalWire: Sign In');
	const space = await vscode.window.showInputBox({
		title: `${title} (1/3)`,
		prompt: vscode.l10n.t(
			'Your Space: "example", "example.signalwire.com" or its URL (or the whole connection line npm start prints for its local server)',
		),
		placeHolder: 'example.signalwire.com',
		value: previous?.space ?? '',
		ignoreFocusOut: true,
		validateInput: (value) => {
			if (!value.trim()) {
				return vscode.l10n.t('Space is required.');
			}
			const line = parseConnectionLine(value);
			if (line) {
				return line.problem;
			}
			try {
				spaceBaseUrl(value);
				return undefined;
			} catch (error) {
				return errorText(error);
			}
		},
	});
	if (space === undefined) {
		return undefined;
	}
	const line = parseConnectionLine(space);
	if (line && line.problem === undefined) {
		return checkAndSave(services, line);
	}
	const projectId = await vscode.window.showInputBox({
		title: `${title} (2/3)`,
		prompt: vscode.l10n.t('Project ID (a UUID, on the API page of your Space)'),
		placeHolder: '7b981d06-fa9e-4b2c-9d3e-0123456789ab',
		value: previous?.projectId ?? '',
		ignoreFocusOut: true,
		validateInput: (value) => checkProjectId(value),
	});
	if (projectId === undefined) {
		return undefined;
	}
	const token = await promptForSecret({
		title: `${title} (3/3)`,
		prompt: vscode.l10n.t(
			"API token (needs the Messaging and Numbers scopes). It is kept in VS Code's secret storage.",
		),
		validateInput: (value) => {
			const check = checkTokenFormat(value);
			if (!check.ok) {
				return check.message;
			}
			return check.warning
				? { message: check.warning, severity: vscode.InputBoxValidationSeverity.Warning }
				: undefined;
		},
	});
	if (token === undefined) {
		return undefined;
	}
	return checkAndSave(services, { space, projectId, token });
}

/** Checks the credentials with a progress notification, then says the outcome; on failure offers Try Again. */
async function checkAndSave(services: Services, input: SignInInput): Promise<Profile | undefined> {
	const { space, projectId, token } = input;
	try {
		const profile = await vscode.window.withProgress(
			{
				location: vscode.ProgressLocation.Window,
				title: vscode.l10n.t('Checking the credentials with {0}...', space),
			},
			() => verifyAndSave(services, { space, projectId, token }),
		);
		void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0}.', profileLabel(profile)));
		return profile;
	} catch (error) {
		const message = errorText(error);
		services.logger.error(`Sign-in failed: ${message}`);
		const tryAgain = vscode.l10n.t('Try Again');
		const choice = await vscode.window.showErrorMessage(message, tryAgain);
		if (choice === tryAgain) {
			return signInInteractively(services, { space, projectId });
		}
		return undefined;
	}
}
