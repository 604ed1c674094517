/**
 * Misbehaviour switches of the sandbox. Each fault may be limited to the next N matching requests
 * (`times`) and to kinds of request (`on`: 'create' | 'fetch' | 'list' | 'numbers' | 'any',
 * default 'any'). `true` means "always, on any request". The other routes (delete, redact, media,
 * number update) are matched by 'any' only.
 *
 * Which fault answers when several match (only the one that answers is counted down):
 * dropConnection, status429, apiError, status500Html, status502Html, invalidJson, missingFields.
 * `delayMs` is not an answer: it delays whatever answer follows (a fault's or the normal one) and is
 * counted down whenever it applies.
 *
 * A create answered by a fault is NOT recorded as a message (tests count duplicates with
 * `messages`). Exception: `delayMs` alone is a slow success, so the message is created at once
 * and only the answer is late (a client that times out has still sent it).
 */

export type RequestKind = 'create' | 'fetch' | 'list' | 'numbers';
export type FaultScope = RequestKind | 'any';

export interface FaultLimits {
	/** Apply to the next N matching requests only (default: until changed). */
	times?: number;
	/** Which requests (default 'any'). */
	on?: FaultScope | FaultScope[];
}

export interface SandboxFaults {
	/** 429 with body code 20429 and, if given, a `Retry-After` header (seconds, or any string). */
	status429?: boolean | (FaultLimits & { retryAfter?: number | string });
	/** 500 with an HTML page (`text/html`). */
	status500Html?: boolean | FaultLimits;
	/** 502 with an HTML page (`text/html`), like a proxy in front of the API. */
	status502Html?: boolean | FaultLimits;
	/** 201 (create) or 200 with a body that is not JSON although it says `application/json`. */
	invalidJson?: boolean | FaultLimits;
	/** 201 (create) or 200 with a Message (or list items) lacking `sid` and `status`. */
	missingFields?: boolean | FaultLimits;
	/** Answer after this many milliseconds. */
	delayMs?: number | (FaultLimits & { ms: number });
	/** Destroy the socket without answering. */
	dropConnection?: boolean | FaultLimits;
	/** Any API error: `{status, code, message}`; `body` replaces the whole JSON body if given. */
	apiError?: FaultLimits & { status: number; code?: number; message?: string; body?: unknown };
}

export type FaultName = keyof SandboxFaults;

export const FAULT_NAMES: readonly FaultName[] = [
	'status429',
	'status500Html',
	'status502Html',
	'invalidJson',
	'missingFields',
	'delayMs',
	'dropConnection',
	'apiError',
];

/** Answering faults, in precedence order. */
const ANSWER_ORDER: readonly FaultName[] = ['dropConnection', 'status429', 'apiError', 'status500Html', 'status502Html', 'invalidJson', 'missingFields'];

const SCOPES: readonly FaultScope[] = ['create', 'fetch', 'list', 'numbers', 'any'];

export class FaultConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FaultConfigError';
	}
}

interface ActiveFault {
	name: FaultName;
	remaining: number;
	scopes: FaultScope[];
	options: Record<string, unknown>;
}

/** What the faults do to one request. */
export interface FaultDecision {
	delayMs?: number;
	answer?:
		| { type: 'drop' }
		| { type: 'status429'; retryAfter?: string }
		| { type: 'apiError'; status: number; code?: number; message?: string; body?: unknown }
		| { type: 'html'; status: 500 | 502 }
		| { type: 'invalidJson' }
		| { type: 'missingFields' };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalise(name: FaultName, value: unknown): ActiveFault | undefined {
	if (value === undefined || value === null || value === false) {
		return undefined;
	}
	let options: Record<string, unknown>;
	if (value === true) {
		if (name === 'delayMs' || name === 'apiError') {
			throw new FaultConfigError(`${name}: needs ${name === 'delayMs' ? 'a number of milliseconds' : '{status, code, message}'}, not true`);
		}
		options = {};
	} else if (name === 'delayMs' && typeof value === 'number') {
		options = { ms: value };
	} else if (isObject(value)) {
		options = { ...value };
	} else {
		throw new FaultConfigError(`${name}: expected true, false or an object`);
	}
	if (name === 'delayMs' && !(typeof options.ms === 'number' && options.ms >= 0 && Number.isFinite(options.ms))) {
		throw new FaultConfigError('delayMs: ms must be a number of milliseconds >= 0');
	}
	if (name === 'apiError' && !(typeof options.status === 'number' && options.status >= 400 && options.status <= 599)) {
		throw new FaultConfigError('apiError: status must be an HTTP error status (400-599)');
	}
	const times = options.times;
	if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times >= 1)) {
		throw new FaultConfigError(`${name}: times must be a whole number >= 1`);
	}
	const on = options.on ?? 'any';
	const scopes = (Array.isArray(on) ? on : [on]) as unknown[];
	for (const scope of scopes) {
		if (!SCOPES.includes(scope as FaultScope)) {
			throw new FaultConfigError(`${name}: on must be one of ${SCOPES.join(', ')}`);
		}
	}
	return {
		name,
		remaining: typeof times === 'number' ? times : Number.POSITIVE_INFINITY,
		scopes: scopes as FaultScope[],
		options,
	};
}

export class FaultController {
	#active = new Map<FaultName, ActiveFault>();

	/** Replaces all faults (an empty object clears them). Throws FaultConfigError for bad input. */
	set(faults: unknown): void {
		if (!isObject(faults)) {
			throw new FaultConfigError('faults must be a JSON object');
		}
		const next = new Map<FaultName, ActiveFault>();
		for (const [key, value] of Object.entries(faults)) {
			if (!FAULT_NAMES.includes(key as FaultName)) {
				throw new FaultConfigError(`unknown fault "${key}"; known: ${FAULT_NAMES.join(', ')}`);
			}
			const fault = normalise(key as FaultName, value);
			if (fault) {
				next.set(fault.name, fault);
			}
		}
		this.#active = next;
	}

	clear(): void {
		this.#active.clear();
	}

	/** The faults still active, in the shape `set` takes (`times` = what is left). */
	current(): SandboxFaults {
		const out: Record<string, unknown> = {};
		for (const fault of this.#active.values()) {
			out[fault.name] = { ...fault.options, ...(Number.isFinite(fault.remaining) ? { times: fault.remaining } : {}) };
		}
		return out as SandboxFaults;
	}

	/** Decides what happens to a request of this kind, counting down the faults that act. */
	take(kind: RequestKind | undefined): FaultDecision {
		const decision: FaultDecision = {};
		const delay = this.#match('delayMs', kind);
		if (delay) {
			decision.delayMs = delay.options.ms as number;
			this.#consume(delay);
		}
		for (const name of ANSWER_ORDER) {
			const fault = this.#match(name, kind);
			if (!fault) {
				continue;
			}
			this.#consume(fault);
			const o = fault.options;
			switch (name) {
				case 'dropConnection':
					decision.answer = { type: 'drop' };
					break;
				case 'status429':
					decision.answer = { type: 'status429', ...(o.retryAfter !== undefined ? { retryAfter: String(o.retryAfter) } : {}) };
					break;
				case 'apiError':
					decision.answer = {
						type: 'apiError',
						status: o.status as number,
						...(typeof o.code === 'number' ? { code: o.code } : {}),
						...(typeof o.message === 'string' ? { message: o.message } : {}),
						...('body' in o ? { body: o.body } : {}),
					};
					break;
				case 'status500Html':
					decision.answer = { type: 'html', status: 500 };
					break;
				case 'status502Html':
					decision.answer = { type: 'html', status: 502 };
					break;
				case 'invalidJson':
					decision.answer = { type: 'invalidJson' };
					break;
				default:
					decision.answer = { type: 'missingFields' };
			}
			break;
		}
		return decision;
	}

	#match(name: FaultName, kind: RequestKind | undefined): ActiveFault | undefined {
		const fault = this.#active.get(name);
		if (!fault || fault.remaining <= 0) {
			return undefined;
		}
		return fault.scopes.includes('any') || (kind !== undefined && fault.scopes.includes(kind)) ? fault : undefined;
	}

	#consume(fault: ActiveFault): void {
		fault.remaining--;
		if (fault.remaining <= 0) {
			this.#active.delete(fault.name);
		}
	}
}
