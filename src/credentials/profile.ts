/**
 * A signed-in Space: where requests go and as which project. Not secret (the token is kept apart).
 * No `vscode` import: the rule messages go through `@vscode/l10n`.
 */
import * as l10n from '@vscode/l10n';

export interface Profile {
	/** Stable id: the normalised Space URL and the project id. */
	id: string;
	/** Normalised base URL, e.g. `https://example.signalwire.com` (or a loopback `http://127.0.0.1:PORT`). */
	spaceUrl: string;
	projectId: string;
}

export function profileId(spaceUrl: string, projectId: string): string {
	return `${spaceUrl}|${projectId.toLowerCase()}`;
}

/** The Space's short name: `example` for `https://example.signalwire.com`, the host otherwise. */
export function spaceName(spaceUrl: string): string {
	const host = new URL(spaceUrl).host;
	return host.endsWith('.signalwire.com') ? host.slice(0, -'.signalwire.com'.length) : host;
}

/** How a profile is named in pickers and the status bar: `example (1a2b3c4d…)`. */
export function profileLabel(profile: Profile): string {
	return `${spaceName(profile.spaceUrl)} (${profile.projectId.slice(0, 8)}…)`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Project ID is a UUID; returns a message naming the rule, or undefined when fine. */
export function checkProjectId(projectId: string): string | undefined {
	if (!projectId.trim()) {
		return l10n.t('Project ID is required: copy it from the API page of your SignalWire Space.');
	}
	if (!UUID.test(projectId.trim())) {
		return l10n.t(
			'Project ID must be a UUID like {0} (copy it from the API page of your Space).',
			'7b981d06-fa9e-4b2c-9d3e-0123456789ab',
		);
	}
	return undefined;
}

export function checkToken(token: string): string | undefined {
	if (!token.trim()) {
		return l10n.t('API token is required: create one on the API page of your SignalWire Space.');
	}
	if (/\s/.test(token.trim())) {
		return l10n.t('API token must not contain spaces.');
	}
	return undefined;
}

/** Parses the stored profile list, ignoring malformed entries. */
export function parseProfiles(json: string | undefined): Profile[] {
	if (!json) {
		return [];
	}
	try {
		const value: unknown = JSON.parse(json);
		if (!Array.isArray(value)) {
			return [];
		}
		return value.filter(
			(p): p is Profile =>
				typeof p === 'object' &&
				p !== null &&
				typeof p.id === 'string' &&
				typeof p.spaceUrl === 'string' &&
				typeof p.projectId === 'string',
		);
	} catch {
		return [];
	}
}
