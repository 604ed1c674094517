/**
 * The rows of the in-host first-command suite (bench/host/firstCommand.ts): Send Message to its
 * first prompt, Open Conversation to the panel's first paint, and the KB the first command loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { kb, median, ms, type Row } from './stats';

export const FIRST_PROMPT_GOAL_MS = 50;
export const FIRST_PAINT_GOAL_MS = 150;

interface Try {
	ms: number;
	what: string;
	/** A paint: from executeCommand to the webview's `ready`. */
	readyMs?: number;
}

/** What bench/host/firstCommand.ts reports. */
export interface FirstCommandReport {
	kind: 'firstCommand';
	featuresBefore?: boolean;
	/** dist/ files in the require cache before the first command (relative to the extension's folder). */
	before: string[];
	/** …that the first command (Send Message) added. */
	loadedBySend: string[];
	/** …that Open Conversation added after that. */
	loadedByOpen: string[];
	cold: Try;
	firstSignedIn: Try;
	send: Try[];
	firstPanel: Try;
	panel: Try[];
}

/** bench/host/firstCommandPanel.ts: Open Conversation as the window's first command. */
export interface PanelFirstReport {
	kind: 'firstCommand';
	featuresBefore?: boolean;
	before: string[];
	loadedByOpen: string[];
	coldPanel: Try;
}

/** dist/webview/<entry>.js and the chunks it imports (ES modules: `from"./chunk-….js"`), relative to root. */
export function webviewFiles(root: string, entry: string): string[] {
	const dir = path.join(root, 'dist', 'webview');
	const seen = new Set<string>();
	const visit = (name: string): void => {
		if (seen.has(name) || !fs.existsSync(path.join(dir, name))) {
			return;
		}
		seen.add(name);
		const text = fs.readFileSync(path.join(dir, name), 'utf8');
		for (const match of text.matchAll(/(?:from|import)\s*["']\.\/([\w.-]+\.js)["']/g)) {
			visit(match[1]);
		}
	};
	visit(`${entry}.js`);
	return [...seen].map((name) => `dist/webview/${name}`);
}

function sizes(root: string, files: readonly string[]): { bytes: number; gzip: number } {
	let bytes = 0;
	let gzip = 0;
	for (const file of files) {
		const data = fs.readFileSync(path.join(root, file));
		bytes += data.length;
		gzip += zlib.gzipSync(data, { level: 9 }).length;
	}
	return { bytes, gzip };
}

const list = (values: readonly Try[]): string => values.map((t) => t.ms.toFixed(1)).join(', ');

/** A cold try's first prompt: the sign-in notification (signed out) or the first step's quick pick. */
function coldRow(report: FirstCommandReport, window: number): Row {
	const signedOut = report.cold.what.startsWith('notification');
	return {
		area: 'First command',
		what: `Send Message as the window's first command (cold: requires the features), ${signedOut ? 'signed out' : 'signed in'}`,
		figure: ms(report.cold.ms),
		goal: `< ${FIRST_PROMPT_GOAL_MS} ms`,
		compared: `window ${window}, one try, to its first prompt: ${signedOut ? 'the notification that asks to sign in' : `the ${report.cold.what} (after the Space's numbers from the local sandbox)`}; the features were ${report.featuresBefore ? 'already' : 'not yet'} loaded before it`,
		met: report.cold.ms < FIRST_PROMPT_GOAL_MS,
		raw: { cold: report.cold, featuresBefore: report.featuresBefore },
	};
}

/** `reports`: one per window (bench/vscodeHost.ts opens two: signed out, then signed in). */
export function firstCommandRows(reports: readonly FirstCommandReport[], panelFirst: PanelFirstReport, root: string): Row[] {
	const sends = reports.flatMap((r) => r.send);
	const panels = reports.flatMap((r) => r.panel);
	const send = median(sends.map((t) => t.ms));
	const panel = median(panels.map((t) => t.ms));
	const answerMedian = median(panels.map((t) => t.ms - (t.readyMs ?? Number.NaN)).filter(Number.isFinite));
	const nodeFiles = reports[0]?.loadedBySend ?? [];
	const node = sizes(root, nodeFiles);
	const webview = webviewFiles(root, 'conversation');
	const web = sizes(root, webview);
	const short = (files: readonly string[]): string => files.map((f) => f.replace(/^dist\//, '')).join(' + ');
	const openNode = sizes(root, panelFirst.loadedByOpen);
	const sameFiles = panelFirst.loadedByOpen.join() === nodeFiles.join();
	const firsts = (pick: (r: FirstCommandReport) => Try): string => reports.map((r) => ms(pick(r).ms)).join(', ');
	return [
		{
			area: 'First command',
			what: `Send Message (signalwire.sendMessage) to its first prompt, signed in, median of ${sends.length}`,
			figure: ms(send),
			goal: `< ${FIRST_PROMPT_GOAL_MS} ms`,
			compared: `executeCommand → the quick pick's show() (step 1 waits for the Space's numbers from the local sandbox); the first signed-in try per window: ${firsts((r) => r.firstSignedIn)}; each: ${list(sends)} ms`,
			met: sends.length > 0 && send < FIRST_PROMPT_GOAL_MS,
			raw: { send: sends, firstSignedIn: reports.map((r) => r.firstSignedIn) },
		},
		...reports.map((r, i) => coldRow(r, i + 1)),
		{
			area: 'First command',
			what: `Open Conversation (signalwire.openConversation { ownNumber, otherParty }) to the panel's first paint, median of ${panels.length}`,
			figure: ms(panel),
			goal: `< ${FIRST_PAINT_GOAL_MS} ms`,
			compared: `executeCommand → the extension's \`init\` post after the webview's \`ready\` (the webview renders synchronously on init); of which the extension's answer after \`ready\` (median): ${ms(answerMedian)}, the rest is the webview starting; a new panel each try (closed between); the window's first panel: ${firsts((r) => r.firstPanel)}; each: ${list(panels)} ms`,
			met: panels.length > 0 && panel < FIRST_PAINT_GOAL_MS,
			raw: { panel: panels, firstPanel: reports.map((r) => r.firstPanel) },
		},
		{
			area: 'First command',
			what: "Open Conversation as the window's first command (cold: requires the features), to the panel's first paint",
			figure: ms(panelFirst.coldPanel.ms),
			goal: `< ${FIRST_PAINT_GOAL_MS} ms`,
			compared: `window 3, signed in, one try (an empty thread); the webview's \`ready\` came at ${ms(panelFirst.coldPanel.readyMs ?? Number.NaN)}: the window's first webview (VS Code's webview frame and service worker start) is most of it; the features were ${panelFirst.featuresBefore ? 'already' : 'not yet'} loaded before it`,
			met: panelFirst.coldPanel.ms < FIRST_PAINT_GOAL_MS,
			raw: { coldPanel: panelFirst.coldPanel },
		},
		{
			area: 'First command',
			what: 'KB Send Message requires as the first command (extension host)',
			figure: kb(node.bytes),
			goal: '',
			compared: `${kb(node.gzip)} gzip -9, minified; the dist/ files it added to Node's require cache: ${short(nodeFiles) || 'none'}; Open Conversation after it added ${short(reports[0]?.loadedByOpen ?? []) || 'none'}`,
			raw: { files: nodeFiles, ...node, before: reports[0]?.before, loadedByOpen: reports[0]?.loadedByOpen },
		},
		{
			area: 'First command',
			what: 'KB Open Conversation requires and loads as the first command (extension host + webview)',
			figure: kb(openNode.bytes + web.bytes),
			goal: '',
			compared: `${kb(openNode.gzip + web.gzip)} gzip -9: the extension host's ${kb(openNode.bytes)} (${sameFiles ? 'the same files as Send Message' : short(panelFirst.loadedByOpen) || 'none'}) + the panel's ${kb(web.bytes)} (${short(webview)}, loaded by the webview)`,
			raw: { files: panelFirst.loadedByOpen, ...openNode, webview: { files: webview, ...web } },
		},
	];
}
