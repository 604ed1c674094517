/**
 * `--target space`: a SignalWire Space from SIGNALWIRE_SPACE, SIGNALWIRE_PROJECT_ID and
 * SIGNALWIRE_API_TOKEN, with guard rails before anything is sent (README, "Conversation tests"):
 * the most messages and segments the run can send, printed first and refused past --max-sends; the
 * testers must be numbers of the Space; a warning for a scenario that sends STOP and never START.
 */
import { errorText } from '../../src/errors/errorText';
import { SignalWireClient } from '../../src/signalwire/client';
import { SpaceTarget } from '../../src/scenarios/spaceTarget';
import type { Target } from '../../src/scenarios/runTypes';
import { estimateSends, stopWithoutStart, templateText } from '../../src/scenarios/guardRails';
import type { TestOptions } from './args';
import type { Selection } from './runner';

export async function openSpaceTarget(
	options: TestOptions,
	selected: Selection[],
	vars: Record<string, string>,
	env: NodeJS.ProcessEnv,
	print: (text: string) => void,
): Promise<{ target: Target; token: string } | number> {
	const missing = ['SIGNALWIRE_SPACE', 'SIGNALWIRE_PROJECT_ID', 'SIGNALWIRE_API_TOKEN'].filter((name) => !env[name]);
	if (missing.length > 0) {
		print(`sms-sandbox: --target space needs ${missing.join(', ')} in the environment\n`);
		return 2;
	}
	const token = env.SIGNALWIRE_API_TOKEN!;
	const { messages, segments } = estimateSends(selected, vars);
	print(
		`sms-sandbox: this run sends at most ${messages} messages (${segments} segments) from your Space ` +
			`(--max-sends ${options.maxSends}).\n`,
	);
	if (messages > options.maxSends) {
		print(
			`sms-sandbox: refused: ${messages} messages is more than --max-sends ${options.maxSends}. ` +
				'Narrow the run (--grep, --shard) or raise --max-sends.\n',
		);
		return 2;
	}
	if (options.appUrl || selected.some((s) => s.scenario.app)) {
		print(
			'sms-sandbox: warning: app: and --app-url apply to the local target only; on a Space, the SmsUrl of your number decides.\n',
		);
	}
	for (const { file, scenario } of selected) {
		if (stopWithoutStart(scenario, vars)) {
			print(
				`sms-sandbox: warning: ${file}:${scenario.line} "${scenario.name}" sends STOP and never START: ` +
					'later runs from that number will be blocked (21610) until it sends START.\n',
			);
		}
	}
	let client: SignalWireClient;
	try {
		client = new SignalWireClient({
			credentials: { space: env.SIGNALWIRE_SPACE!, projectId: env.SIGNALWIRE_PROJECT_ID!, token },
		});
	} catch (error) {
		print(`sms-sandbox: SIGNALWIRE_SPACE: ${errorText(error)}\n`);
		return 2;
	}
	const own = new Set((await client.listIncomingPhoneNumbers()).map((n) => n.phone_number));
	for (const { file, scenario } of selected) {
		const testers = [templateText(scenario.from, vars), ...scenario.handsets.map((h) => templateText(h.number, vars))];
		const foreign = testers.find((t) => !own.has(t));
		if (foreign) {
			print(
				`sms-sandbox: ${file}:${scenario.line}: the tester ${foreign} is not a number of the Space: ` +
					'on --target space you play one of your own numbers.\n',
			);
			return 2;
		}
	}
	return { target: new SpaceTarget(client, { pollMs: options.pollMs, sendGapMs: options.sendGapMs }), token };
}
