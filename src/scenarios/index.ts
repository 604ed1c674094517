/**
 * Conversation tests: `.smstest` files, their parser and the engine that runs them (README,
 * "Conversation tests"). Shared unchanged by the CLI (`sms-sandbox test`) and the editor. No
 * `vscode` import anywhere in src/scenarios/ (lint: eslint.config.mjs).
 *
 * Parsing (never throws):
 *   parseScenarios(text, { path?, isKnownVariable?, unknownVariables?: 'warning' | 'error' })
 *     → { file: ScenarioFile, diagnostics: Diagnostic[] }
 *   hasErrors(result): a file with an error diagnostic must not run.
 *   Diagnostic = { line, column, endColumn (0-based, end exclusive), message, severity, code? }
 *     code 'unknown-variable' marks a `${NAME}` defined nowhere (severity as asked, default warning).
 *   ScenarioFile = { path?, scenarios: Scenario[], variables: VariableUse[] }
 *   Scenario = { name, range, line (1-based), from?, to?, app?, timeoutMs?, handsets, steps }
 *   Step = send | expect | status | error | silence | wait | set; each has `range` (0-based like a
 *     VS Code Range: the step line and its indented attribute lines), `line` (1-based) and `text`.
 *
 * Running one scenario:
 *   runScenario(scenario, target, { vars?, onStep?, signal?, timeoutMs?, appUrl?, path? })
 *     → Promise<ScenarioResult>, never rejects (a broken target is a failed step or `error`).
 *   onStep(event): { type: 'started', at } | { type: 'passed', durationMs, detail? }
 *     | { type: 'failed', durationMs, failure: { message, expected, actual?, arrivedDuringWait:
 *       [{ at, from, to, body, … }], waitedMs?, location: { path?, line } } } | { type: 'skipped' },
 *     each with { scenario, step, index }.
 *   ScenarioResult = { scenario, status: 'passed' | 'failed' | 'aborted', steps, transcript, durationMs, error? }
 *
 * Targets (where messages go), all implementing `Target` (./runTypes.ts):
 *   new LocalTarget(await startSandbox({...}), { fetch? })   ./localTarget.ts: the local
 *     SignalWire-compatible server (sandbox/server.ts) in the same process, on its events. An app
 *     URL (`app:` or RunOptions.appUrl) routes `to`'s SmsUrl while a scenario runs. With
 *     `startSandbox({ tls: makeLoopbackCertificate() })` (sandbox/certificate.ts) pass
 *     `{ fetch: fetchTrusting(cert) }` (./trustingFetch.ts).
 *   new SpaceTarget(new SignalWireClient({ credentials }), { pollMs?, sendGapMs? })   ./spaceTarget.ts:
 *     a SignalWire Space (or anything that speaks its REST API), by polling.
 *   a scripted fake in the unit tests (test/unit/scenarioFakeTarget.ts).
 * Run scenarios that share a tester and a `to` one after another (the CLI's cli/src/runner.ts).
 */
export * from './types';
export * from './runTypes';
export { parseScenarios, hasErrors, type ParseOptions } from './parse';
export { firstUnknownVariable, renderText, renderRegexSource } from './template';
export { runScenario } from './engine';
export { LocalTarget, type LocalServer } from './localTarget';
export { SpaceTarget, type SpaceTargetOptions } from './spaceTarget';
export { fetchTrusting } from './trustingFetch';
export { describeExpect } from './steps';
