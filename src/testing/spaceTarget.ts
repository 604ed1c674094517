/**
 * The Active Space run profile: the signed-in Space, through the engine's Space target
 * (src/scenarios/spaceTarget.ts: polling, one list request per tester number per tick, sends paced
 * per From number) and the guard rails of `sms-sandbox test --target space` (src/scenarios/guardRails.ts):
 * the most messages and segments the run sends, refused past {@link MAX_SPACE_SENDS}; the testers
 * must be the Space's own numbers; a scenario that sends STOP and never START is named. The first
 * run of a session asks, with those figures, before anything is sent. Its sends are in the
 * Messages view (marked "test run") and the Conversations like any send; local runs touch neither.
 */
import * as vscode from 'vscode';
import { estimateSends, stopWithoutStart } from '../scenarios/guardRails';
import type { CreateMessageParams, Message } from '../core/types';
import type { Target } from '../scenarios';
import { renderText } from '../scenarios/template';
import { SpaceTarget } from '../scenarios/spaceTarget';
import type { PlannedScenario, RunTarget } from './runner';
import { editorVariables } from './scenarioFiles';
import type { TestingCore } from './testingServices';

/** As the CLI's `--max-sends` default: a run that could send more is refused. */
export const MAX_SPACE_SENDS = 50;

export class SpaceRunTarget implements RunTarget {
	readonly label = vscode.l10n.t('Active Space');
	/** Profiles whose runs the user agreed to in this session. */
	private readonly agreed = new Set<string>();

	constructor(private readonly core: TestingCore) {}

	async prepare(plan: readonly PlannedScenario[]): Promise<Target | undefined> {
		const profile = await this.core.credentials.activeProfile();
		if (!profile) {
			throw new Error(
				vscode.l10n.t(
					"Sign in to a SignalWire Space first: the Active Space profile sends from your Space's numbers.",
				),
			);
		}
		const vars = editorVariables();
		const selections = plan.map((planned) => ({
			file: vscode.workspace.asRelativePath(planned.uri),
			scenario: planned.scenario,
		}));
		const { messages, segments } = estimateSends(selections, vars);
		if (messages > MAX_SPACE_SENDS) {
			throw new Error(
				vscode.l10n.t(
					'This run would send up to {0} messages, more than {1}: run fewer scenarios against the Space at once.',
					messages,
					MAX_SPACE_SENDS,
				),
			);
		}
		const services = this.core.services();
		const own = new Set((await services.numbers.messagingNumbers(profile)).map((number) => number.phone_number));
		for (const { file, scenario } of selections) {
			for (const tester of [scenario.from, ...scenario.handsets.map((handset) => handset.number)]) {
				const number = tester ? renderOrUndefined(tester, vars) : undefined;
				if (number !== undefined && !own.has(number)) {
					throw new Error(
						vscode.l10n.t(
							'{0}:{1}: the tester {2} is not an SMS number of your Space: against a Space you play one of your own numbers.',
							file,
							scenario.line,
							number,
						),
					);
				}
			}
		}
		if (!this.agreed.has(profile.id)) {
			const stops = selections
				.filter(({ scenario }) => stopWithoutStart(scenario, vars))
				.map(({ scenario }) => scenario.name);
			const detail = [
				vscode.l10n.t(
					'{0} scenario(s) send at most {1} message(s), {2} segment(s), from your numbers in {3}. SignalWire charges for them as for any message.',
					plan.length,
					messages,
					segments,
					profile.spaceUrl,
				),
				...(stops.length > 0
					? [
							vscode.l10n.t(
								'Sends STOP and never START (later sends to that number will fail with 21610): {0}.',
								stops.join(', '),
							),
						]
					: []),
				vscode.l10n.t('You will not be asked again in this session.'),
			].join('\n\n');
			const run = vscode.l10n.t('Run against Space');
			const answer = await vscode.window.showWarningMessage(
				vscode.l10n.t('Run conversation tests against your Space?'),
				{ modal: true, detail },
				run,
			);
			if (answer !== run) {
				return undefined;
			}
			this.agreed.add(profile.id);
		}
		const client = await services.clients.clientFor(profile);
		// Sends go through the extension's sender, as any send: logged (without the token), in the
		// Messages view marked "test run", and in the Conversations. Lists and fetches go straight.
		const send = async (params: CreateMessageParams): Promise<Message> => {
			const { outcome, error } = await services.sender.send(profile, params, { testRun: true });
			if (error !== undefined || !outcome.message) {
				throw error ?? new Error(vscode.l10n.t('The send created no message.'));
			}
			return outcome.message;
		};
		const recorded = new Proxy(client, {
			get(target, key) {
				if (key === 'createMessage') {
					return send;
				}
				const value: unknown = Reflect.get(target, key, target);
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
			},
		});
		return new SpaceTarget(recorded);
	}
}

function renderOrUndefined(
	template: Parameters<typeof renderText>[0],
	vars: Record<string, string>,
): string | undefined {
	try {
		return renderText(template, (name) => vars[name]);
	} catch {
		return undefined;
	}
}
