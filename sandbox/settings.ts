/**
 * The sandbox's behaviour settings: given at start (`SandboxOptions`), changed at run time with
 * `POST /__sandbox/settings`, restored by `reset`.
 *   statusProgression  'time': statuses advance on their own every `statusStepMs`, as on SignalWire;
 *                      'fetch': each fetch of a message advances it one step (deterministic tests).
 *   statusStepMs       time between two statuses in 'time' mode.
 *   replyDelayMs       time from a message reaching a scripted handset to the handset's reply.
 */

export type StatusProgression = 'time' | 'fetch';

export interface SandboxSettings {
	statusProgression: StatusProgression;
	statusStepMs: number;
	replyDelayMs: number;
}

export const DEFAULT_SETTINGS: Readonly<SandboxSettings> = Object.freeze({
	statusProgression: 'time',
	statusStepMs: 1000,
	replyDelayMs: 1000,
});

const MAX_DELAY_MS = 10 * 60 * 1000;

export class SettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SettingsError';
	}
}

/** `current` with the changes of `input` (unknown or bad values throw SettingsError). */
export function mergeSettings(current: SandboxSettings, input: unknown): SandboxSettings {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new SettingsError('settings must be a JSON object');
	}
	const next = { ...current };
	for (const [name, value] of Object.entries(input)) {
		if (value === undefined) {
			continue;
		}
		switch (name) {
			case 'statusProgression':
				if (value !== 'time' && value !== 'fetch') {
					throw new SettingsError("statusProgression must be 'time' or 'fetch'");
				}
				next.statusProgression = value;
				break;
			case 'statusStepMs':
			case 'replyDelayMs':
				if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DELAY_MS) {
					throw new SettingsError(`${name} must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
				}
				next[name] = value;
				break;
			default:
				throw new SettingsError(`unknown setting "${name}"; known: statusProgression, statusStepMs, replyDelayMs`);
		}
	}
	return next;
}
