/**
 * What the engine (./engine.ts) needs from a target (the local server, a Space, a scripted fake),
 * and what it tells its caller while it runs (step events, results). No `vscode` import.
 */
import type { Scenario, Step } from './types';

/** A message that reached one of the testers (or any message a target reports for the transcript). */
export interface ArrivedMessage {
	sid: string;
	/** When it arrived (epoch ms; a Space's whole-second `date_sent` when that is all there is). */
	at: number;
	from: string;
	to: string;
	body: string;
	numMedia: number;
	numSegments: number;
}

export type SendResult =
	| { ok: true; sid: string; at: number }
	/** Refused before it existed (an API error such as 21610): `code` as SignalWire writes it. */
	| { ok: false; code: string; message: string };

export interface SendRequest {
	from: string;
	to: string;
	body: string;
	mediaUrls: string[];
}

/** A status of one of the run's own sends. */
export interface StatusUpdate {
	sid: string;
	status: string;
	errorCode: string | null;
	at: number;
}

/** One scenario's connection to a target, from `open` to `close`. */
export interface TargetSession {
	/** Sends `body` from a tester to the number under test. Never rejects for an API refusal (that is `ok: false`). */
	send(request: SendRequest, signal: AbortSignal): Promise<SendResult>;
	/**
	 * Calls `listener` for each message that reaches `tester` from now on, in arrival order, until the
	 * returned function is called.
	 */
	watchInbox(tester: string, listener: (message: ArrivedMessage) => void): () => void;
	/** Calls `listener` with the send's status now and at each change, until the returned function is called. */
	watchStatus(sid: string, listener: (update: StatusUpdate) => void): () => void;
	close(): Promise<void>;
}

export interface ScenarioSetup {
	/** The scenario's `from:` (substituted). */
	from: string;
	/** The number under test. */
	to: string;
	/** Every tester: `from` and the named handsets' numbers. */
	testers: string[];
	/** `app:` or `--app-url`: where `to`'s inbound messages go (local target). */
	app?: string;
}

export interface Target {
	readonly name: string;
	/** Prepares a scenario (e.g. points `to`'s SmsUrl at the app) and starts watching. */
	open(setup: ScenarioSetup, signal: AbortSignal): Promise<TargetSession>;
}

/** Why a step failed, for the reporters and the editor. */
export interface StepFailure {
	/** One line: what went wrong. */
	message: string;
	/** What the step wanted (`"Thanks!"`, `/code \d{6}/`, `status delivered`). */
	expected: string;
	/** What there was instead, if anything (the body that arrived, the status reached). */
	actual?: string;
	/** The messages that reached the tester(s) during the step's wait, with times. */
	arrivedDuringWait: ArrivedMessage[];
	/** How long the step waited (ms), for a timeout. */
	waitedMs?: number;
	/** Where the step is: `path` as given to the parser, `line` 1-based. */
	location: { path?: string; line: number };
}

interface StepEventBase {
	scenario: Scenario;
	step: Step;
	/** The step's index in `scenario.steps`. */
	index: number;
}

export type StepEvent =
	| (StepEventBase & { type: 'started'; at: number })
	| (StepEventBase & { type: 'passed'; durationMs: number; detail?: string })
	| (StepEventBase & { type: 'failed'; durationMs: number; failure: StepFailure })
	/** Not run: an earlier step failed, or the run was stopped. */
	| (StepEventBase & { type: 'skipped' });

export interface StepResult {
	step: Step;
	status: 'passed' | 'failed' | 'skipped';
	durationMs: number;
	detail?: string;
	failure?: StepFailure;
}

/** A line of a scenario's transcript: what was sent, what arrived, what the statuses were. */
export interface TranscriptEntry {
	at: number;
	kind: 'sent' | 'received' | 'refused' | 'status';
	from?: string;
	to?: string;
	text: string;
}

export interface ScenarioResult {
	scenario: Scenario;
	status: 'passed' | 'failed' | 'aborted';
	steps: StepResult[];
	transcript: TranscriptEntry[];
	durationMs: number;
	/** Set when the scenario could not start (unknown variable, a bad number after substitution, open failed). */
	error?: string;
}

export interface RunOptions {
	/** `--var` and environment values (the engine adds `set:` and `save:` ones on top). */
	vars?: Record<string, string>;
	/** Told at each step's start and end. */
	onStep?: (event: StepEvent) => void;
	/** Stops the run: the current wait ends, the rest is skipped, the result is `aborted`. */
	signal?: AbortSignal;
	/** The wait of expectations when the scenario has no `timeout:` (default 10 s). */
	timeoutMs?: number;
	/** Overrides the scenario's `app:` (`--app-url`). */
	appUrl?: string;
	/** The file path for failure locations (default: none). */
	path?: string;
}
