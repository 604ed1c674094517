/**
 * The parsed form of a `.smstest` file (README, "Conversation tests"): scenarios, their steps with
 * line ranges, attributes and variables. Produced by ./parse.ts, run by ./engine.ts. No `vscode`
 * import: the CLI and the editor share it.
 */

/** A span of the file, 0-based like VS Code's Range; `endColumn` is exclusive. */
export interface Range {
	startLine: number;
	startColumn: number;
	endLine: number;
	endColumn: number;
}

/** A problem found while parsing; `line` and columns are 0-based, `endColumn` exclusive. */
export interface Diagnostic {
	line: number;
	column: number;
	endColumn: number;
	message: string;
	severity: 'error' | 'warning';
	/** `unknown-variable` for a `${NAME}` defined nowhere (a warning in the editor, an error in the CLI). */
	code?: 'syntax' | 'unknown-variable';
}

/** Literal text, or a `${NAME}` to substitute when the step runs. */
export type TemplatePart = { text: string } | { variable: string; range: Range };

/**
 * Text with `${NAME}` variables (escapes `\n`, `\$`, `\\` already applied to the literal parts).
 * In a regex, a variable's value is matched literally (its special characters escaped).
 */
export interface Template {
	parts: TemplatePart[];
	range: Range;
}

/** A comparison of a count: `3` (equal), `<=3`, `>=3`, `<3` or `>3`. */
export interface CountCheck {
	op: '=' | '<=' | '>=' | '<' | '>';
	count: number;
}

/** What a `<` step's body must be. */
export type BodyMatch = { kind: 'exact'; text: Template } | { kind: 'regex'; source: Template; flags: string };

/** `save: NAME = /regex(group)/flags` under a `<`: the first group (or the whole match) becomes `${NAME}`. */
export interface Capture {
	name: string;
	pattern: RegExp;
	range: Range;
}

interface StepBase {
	/** The step's line and its attribute lines. */
	range: Range;
	/** The step's own line (1-based), for `file:line` in reports. */
	line: number;
	/** The step line as written (trimmed), for reports. */
	text: string;
}

/** `> text` or `name> text`: the tester sends `text` (an MMS with `media:`). */
export interface SendStep extends StepBase {
	kind: 'send';
	/** The named handset (`handset:`), or undefined for the scenario's `from:`. */
	handset?: string;
	body: Template;
	/** `media: URL [URL...]` (at most 8). */
	media: Template[];
}

/** `< text`, `< /regex/flags`, or `name< …`: the next message from `to` to the tester must match. */
export interface ExpectStep extends StepBase {
	kind: 'expect';
	handset?: string;
	match: BodyMatch;
	/** `within: 5s`; undefined = the scenario's timeout. */
	withinMs?: number;
	/** `media: 2` or `media: >=1`. */
	media?: CountCheck;
	/** `segments: 1` or `segments: <=2`. */
	segments?: CountCheck;
	saves: Capture[];
}

/** `status: delivered`: the last send reached this status within the timeout. */
export interface StatusStep extends StepBase {
	kind: 'status';
	status: string;
}

/** `error: 21610`: the last send was refused, or failed, with this code. */
export interface ErrorStep extends StepBase {
	kind: 'error';
	code: string;
}

/** `silence: 5s`: no message from `to` to any of the scenario's testers for that long. */
export interface SilenceStep extends StepBase {
	kind: 'silence';
	durationMs: number;
}

/** `wait: 2s`: a pause. */
export interface WaitStep extends StepBase {
	kind: 'wait';
	durationMs: number;
}

/** `set: NAME = value`: defines `${NAME}` for the later steps. */
export interface SetStep extends StepBase {
	kind: 'set';
	name: string;
	value: Template;
}

export type Step = SendStep | ExpectStep | StatusStep | ErrorStep | SilenceStep | WaitStep | SetStep;
export type StepKind = Step['kind'];

/** `handset: alice +15550100101`: a second (third…) tester, used as `alice> …` / `alice< …`. */
export interface Handset {
	name: string;
	number: Template;
	range: Range;
}

export interface Scenario {
	name: string;
	/** From the `scenario:` line to the end of its last step. */
	range: Range;
	/** The `scenario:` line (1-based). */
	line: number;
	/** The tester's number (`from:`, or the file's default). Undefined only in a file with errors. */
	from?: Template;
	/** The number under test. */
	to?: Template;
	/** `app:` - where the local server sends `to`'s inbound messages. */
	app?: Template;
	/** `timeout:` - the default wait of expectations, in ms; undefined = the runner's default. */
	timeoutMs?: number;
	handsets: Handset[];
	steps: Step[];
}

/** One `${NAME}` in the file, and whether the file (or the caller's known variables) defines it before use. */
export interface VariableUse {
	name: string;
	range: Range;
	defined: boolean;
}

export interface ScenarioFile {
	/** As given to the parser (for reports); may be undefined. */
	path?: string;
	scenarios: Scenario[];
	variables: VariableUse[];
}

export interface ParseResult {
	file: ScenarioFile;
	diagnostics: Diagnostic[];
}

/** Durations, ms. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The most media URLs on one send (SignalWire's limit). */
export const MAX_MEDIA = 8;
