/**
 * The Messages view (history) inside the real VS Code, against the local SignalWire-compatible
 * server: recording, day groups, live status following, failures, persistence across a restart,
 * a damaged file, concurrent writers, and the item commands (curl, JSON, resend, export...).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { UNFINISHED_FOLLOWING_KEY } from '../../src/contributions';
import { HistoryService } from '../../src/history/historyService';
import { HistoryTreeProvider, type EntryNode, type HistoryNode } from '../../src/history/historyTreeProvider';
import type { HistoryEntry } from '../../src/history/entry';
import { serializeRecord } from '../../src/history/journal';
import { HistoryStore } from '../../src/history/store';
import type { SendOutcome } from '../../src/send/outcome';
import type { Message } from '../../src/core/types';
import { startSandbox } from '../../sandbox/server';
import { activateExtension, countWindowCalls, sandbox, sandboxControl, signInToSandbox, waitUntil } from './helpers';

const FROM = '+15550100100';
const TO = '+15550100199';
const TO_OTHER = '+15550100198';
const UNREACHABLE = '+15550100666';
const FAST = { initialDelayMs: 50, maxDelayMs: 200 };

function send(argument: Record<string, unknown>): Thenable<Message> {
	return vscode.commands.executeCommand<Message>('signalwire.sendMessage', argument);
}

async function rejection(promise: Thenable<unknown>): Promise<{ message: string; httpStatus?: number; code?: number }> {
	try {
		await promise;
	} catch (error) {
		return error as { message: string };
	}
	assert.fail('expected the command to reject');
}

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'sw-history-it-'));
}

describe('history: the Messages view', function () {
	this.timeout(60_000);
	let api: TestApi;
	const outcomes: SendOutcome[] = [];
	let listener: vscode.Disposable | undefined;
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);
	const temporary: string[] = [];
	let followMinutesBefore: number | undefined;

	before(async () => {
		// The suite's entry turns status following off for the other suites: on, here.
		const config = vscode.workspace.getConfiguration('signalwire');
		followMinutesBefore = config.inspect<number>('history.followStatusMinutes')?.globalValue;
		await config.update('history.followStatusMinutes', 10, vscode.ConfigurationTarget.Global);
		api = (await activateExtension()).exports as TestApi;
		await signInToSandbox();
		await sandboxControl.reset();
		await sandboxControl.faults({});
		api.hooks.history.setFollowTiming(FAST);
		await api.history.clear();
		listener = api.services.sender.onDidSend((outcome) => outcomes.push(outcome));
		process.on('unhandledRejection', onUnhandled);
	});

	after(async () => {
		listener?.dispose();
		process.off('unhandledRejection', onUnhandled);
		api.hooks.history.setFollowTiming({ initialDelayMs: 2_000, maxDelayMs: 30_000 });
		await vscode.workspace.getConfiguration('signalwire').update('history.followStatusMinutes', followMinutesBefore, vscode.ConfigurationTarget.Global);
		api.history.setFilter({});
		await sandboxControl.faults({});
		for (const dir of temporary) {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	afterEach(() => {
		assert.deepEqual(unhandled, [], 'no unhandled rejection');
	});

	const provider = () => api.historyTree;

	async function rootLabels(): Promise<string[]> {
		const roots = await provider().getChildren();
		return roots.map((node) => String(provider().getTreeItem(node).label));
	}

	async function todayEntries(): Promise<EntryNode[]> {
		const [today] = await provider().getChildren();
		assert.ok(today, 'there is a day group');
		assert.equal(provider().getTreeItem(today).label, 'Today');
		return (await provider().getChildren(today)) as EntryNode[];
	}

	function item(node: HistoryNode): vscode.TreeItem {
		return provider().getTreeItem(node);
	}

	/** The history entry of the last send. */
	function lastEntry(): HistoryEntry {
		const outcome = outcomes[outcomes.length - 1];
		assert.ok(outcome, 'a send was recorded');
		const entry = api.history.get(outcome.id);
		assert.ok(entry, 'the send is in the history');
		return entry;
	}

	async function fetchesOf(sid: string): Promise<number> {
		return (await sandboxControl.requests()).filter((r) => r.method === 'GET' && r.path.includes(`/Messages/${sid}`)).length;
	}

	async function settledEntry(id: string): Promise<HistoryEntry> {
		await waitUntil(() => api.history.get(id)?.following === false && !api.history.isFollowing(id), 15_000, `the status of ${id} to settle`);
		return api.history.get(id)!;
	}

	it('does no I/O until first used: constructing the service neither reads nor creates its folder', async () => {
		const dir = path.join(tempDir(), 'storage');
		temporary.push(path.dirname(dir));
		const service = new HistoryService({ storageDir: dir, clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false });
		const tree = new HistoryTreeProvider(service);
		try {
			assert.equal(service.started, false);
			assert.equal(fs.existsSync(dir), false);
			await tree.getChildren();
			assert.equal(service.started, true, 'resolving the root loads it');
			assert.ok(fs.existsSync(dir));
		} finally {
			service.dispose();
		}
	});

	it('records each send under Today, newest first: recipient, body snippet, status icon and colour', async () => {
		await send({ to: TO, from: FROM, body: 'first message' });
		const first = lastEntry();
		await send({ to: TO_OTHER, from: FROM, body: 'second message\nwith a second line' });
		const second = lastEntry();
		assert.deepEqual(await rootLabels(), ['Today']);
		const nodes = await todayEntries();
		assert.deepEqual(
			nodes.slice(0, 2).map((n) => n.id),
			[second.id, first.id],
		);
		const top = item(nodes[0]!);
		assert.equal(top.label, TO_OTHER);
		// The direction and the status word first: a narrow sidebar cuts the body, not them.
		assert.match(String(top.description), /^→ (queued|sending|sent|delivered) · second message with a second line$/);
		assert.ok(top.iconPath instanceof vscode.ThemeIcon);
		assert.ok((top.iconPath as vscode.ThemeIcon).color instanceof vscode.ThemeColor);
		assert.match(String(top.contextValue), /^historyEntry\.(queued|sending|sent|delivered)$/);
		assert.equal(top.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
		const fields = await provider().getChildren(nodes[0]);
		const labels = fields.map((f) => String(item(f).label));
		for (const expected of ['Status', 'To', 'From', 'Body', 'SID', 'Space', 'Sent at']) {
			assert.ok(labels.includes(expected), `the expanded item shows ${expected}: ${labels.join(', ')}`);
		}
		await settledEntry(first.id);
		await settledEntry(second.id);
	});

	it('follows a message queued → sending → sent → delivered, updating its item, then stops', async () => {
		const states: string[] = [];
		let id = '';
		const seen = api.history.onDidChange((change) => {
			if ((change.kind === 'added' || change.kind === 'updated') && change.id === id) {
				states.push(String(item({ kind: 'entry', id }).contextValue));
			}
		});
		const sending = send({ to: TO, from: FROM, body: 'follow me' });
		const pending = new Promise<void>((resolve) => {
			const wait = api.history.onDidChange((change) => {
				if (change.kind === 'added') {
					id = change.id;
					states.push(String(item({ kind: 'entry', id }).contextValue));
					wait.dispose();
					resolve();
				}
			});
		});
		const message = await sending;
		await pending;
		try {
			// The next start resumes following without waiting for the view: activate() reads this flag.
			await waitUntil(() => api.services.context.globalState.get(UNFINISHED_FOLLOWING_KEY) === true, 20_000, 'the unfinished-following flag');
			const entry = await settledEntry(id);
			await waitUntil(() => api.services.context.globalState.get(UNFINISHED_FOLLOWING_KEY) === false, 20_000, 'the flag cleared once nothing is followed');
			assert.equal(entry.message?.status, 'delivered');
			assert.equal(entry.message?.sid, message.sid);
			const distinct = states.filter((state, i) => state !== states[i - 1]);
			assert.deepEqual(distinct, ['historyEntry.queued', 'historyEntry.sending', 'historyEntry.sent', 'historyEntry.delivered']);
			assert.equal(await fetchesOf(message.sid), 3, 'one fetch per step, none after delivered');
			await new Promise((resolve) => setTimeout(resolve, 400));
			assert.equal(await fetchesOf(message.sid), 3, 'no fetch after the final status');
		} finally {
			seen.dispose();
		}
	});

	it('stops following an MMS at sent', async () => {
		const message = await send({ to: TO, from: FROM, body: 'a picture', mediaUrls: ['https://example.com/cat.jpg'] });
		const entry = await settledEntry(lastEntry().id);
		assert.equal(entry.message?.status, 'sent');
		await new Promise((resolve) => setTimeout(resolve, 400));
		assert.equal(await fetchesOf(message.sid), 2, 'queued → sending → sent, then no more fetches');
		assert.equal(item({ kind: 'entry', id: entry.id }).contextValue, 'historyEntry.sent');
	});

	it('records an asynchronous failure (30003) with its plain-language meaning and a link', async () => {
		await send({ to: UNREACHABLE, from: FROM, body: 'nobody home' });
		const entry = await settledEntry(lastEntry().id);
		assert.equal(entry.message?.status, 'failed');
		assert.equal(entry.message?.error_code, '30003');
		const node: EntryNode = { kind: 'entry', id: entry.id };
		assert.equal(item(node).contextValue, 'historyEntry.failed');
		const fields = await provider().getChildren(node);
		const error = fields.map(item).find((f) => f.label === 'Error');
		assert.match(String(error?.description), /^30003 Handset unreachable/);
		const link = fields.map(item).find((f) => f.command?.command === 'vscode.open');
		assert.ok(link, 'a "More information" link');
		const tooltip = provider().resolveTreeItem(item(node), node) as vscode.TreeItem;
		const markdown = tooltip.tooltip as vscode.MarkdownString;
		assert.ok(markdown instanceof vscode.MarkdownString);
		assert.equal(markdown.isTrusted, false);
		assert.equal(markdown.supportHtml, false);
		assert.match(markdown.value, /30003 Handset unreachable/);
	});

	it('records an API error (HTTP 422) as an error item, its text escaped in the tooltip', async () => {
		await sandboxControl.faults({ apiError: { status: 422, code: 21211, message: 'Bad <img src=x> [click](command:workbench.action.quit)', times: 1, on: 'create' } });
		const error = await rejection(send({ to: TO, from: FROM, body: 'refused' }));
		assert.equal(error.httpStatus, 422);
		const entry = lastEntry();
		assert.equal(entry.message, undefined);
		assert.equal(entry.error?.code, 21211);
		assert.equal(entry.error?.httpStatus, 422);
		assert.equal(entry.following, undefined, 'nothing to follow');
		const node: EntryNode = { kind: 'entry', id: entry.id };
		assert.equal(item(node).contextValue, 'historyEntry.error');
		const tooltip = (provider().resolveTreeItem(item(node), node) as vscode.TreeItem).tooltip as vscode.MarkdownString;
		assert.ok(!/(?<!\\)<img/.test(tooltip.value), `HTML is escaped: ${tooltip.value}`);
		assert.ok(!/(?<!\\)\]\(command/.test(tooltip.value), 'no command link comes from API text');
		assert.match(tooltip.value, /21211 Invalid To number/);
	});

	it('survives a restart: a new store and a new service on the same file hold the same entries', async () => {
		await api.history.flush();
		const live = api.history.entries({});
		const store = new HistoryStore({ file: api.history.file, maxEntries: 1000 });
		await store.load();
		const reloaded = store.model.newestFirst();
		assert.deepEqual(
			reloaded.map((e) => [e.id, e.message?.status ?? e.error?.code, e.following]),
			live.map((e) => [e.id, e.message?.status ?? e.error?.code, e.following]),
		);
		const service = new HistoryService({ storageDir: path.dirname(api.history.file), clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false });
		const tree = new HistoryTreeProvider(service);
		try {
			const roots = await tree.getChildren();
			assert.equal(tree.getTreeItem(roots[0]!).label, 'Today');
			assert.equal((await tree.getChildren(roots[0])).length, live.length);
		} finally {
			service.dispose();
		}
	});

	it('resumes following an unfinished message on the next start', async () => {
		const dir = tempDir();
		temporary.push(dir);
		const profile = await api.services.credentials.activeProfile();
		assert.ok(profile);
		// Created straight through the client: the live history does not see (and follow) it.
		const client = await api.services.clients.clientFor(profile);
		const message = await client.createMessage({ to: TO, from: FROM, body: 'left unfinished' });
		const now = Date.now();
		const entry: HistoryEntry = { id: `resume-${now}`, profile, params: { to: TO, from: FROM, body: 'left unfinished' }, message, createdAt: now, updatedAt: now, following: true };
		fs.writeFileSync(path.join(dir, 'history.jsonl'), `${serializeRecord({ op: 'add', entry })}\n`);
		const service = new HistoryService({ storageDir: dir, clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false, followTiming: FAST });
		try {
			await service.ready();
			await waitUntil(() => service.get(entry.id)?.message?.status === 'delivered', 15_000, 'the resumed message to be delivered');
			await waitUntil(() => service.get(entry.id)?.following === false, 20_000, 'following to end');
		} finally {
			service.dispose();
		}
	});

	it('stops following cleanly when disposed, leaving the message to resume later', async () => {
		const dir = tempDir();
		temporary.push(dir);
		const profile = (await api.services.credentials.activeProfile())!;
		const client = await api.services.clients.clientFor(profile);
		const message = await client.createMessage({ to: TO, from: FROM, body: 'interrupted' });
		const now = Date.now();
		const entry: HistoryEntry = { id: `dispose-${now}`, profile, params: { to: TO, from: FROM, body: 'interrupted' }, message, createdAt: now, updatedAt: now, following: true };
		fs.writeFileSync(path.join(dir, 'history.jsonl'), `${serializeRecord({ op: 'add', entry })}\n`);
		const service = new HistoryService({ storageDir: dir, clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false, followTiming: { initialDelayMs: 300, maxDelayMs: 300 } });
		await service.ready();
		assert.equal(service.isFollowing(entry.id), true);
		service.dispose();
		await new Promise((resolve) => setTimeout(resolve, 700));
		assert.equal(await fetchesOf(message.sid), 0, 'no fetch after dispose');
		const store = new HistoryStore({ file: path.join(dir, 'history.jsonl'), maxEntries: 100 });
		await store.load();
		assert.equal(store.model.get(entry.id)?.following, true, 'still marked for the next start');
	});

	it('recovers a damaged file: keeps what it can read, saves a backup, warns, and rewrites it clean', async () => {
		const dir = tempDir();
		temporary.push(dir);
		const profile = (await api.services.credentials.activeProfile())!;
		const now = Date.now();
		const good: HistoryEntry = { id: `good-${now}`, profile, params: { to: TO, from: FROM, body: 'kept' }, createdAt: now, updatedAt: now, error: { kind: 'network', message: 'down' } };
		const lost: HistoryEntry = { ...good, id: `lost-${now}` };
		const file = path.join(dir, 'history.jsonl');
		const damaged = `${serializeRecord({ op: 'add', entry: good })}\n\u0000\u0001garbage{{{\n${serializeRecord({ op: 'add', entry: lost }).slice(0, 60)}`;
		fs.writeFileSync(file, damaged);
		const service = new HistoryService({ storageDir: dir, clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false });
		const tree = new HistoryTreeProvider(service);
		try {
			const roots = await tree.getChildren();
			assert.equal(roots.length, 1);
			assert.deepEqual(service.entries({}).map((e) => e.id), [good.id]);
			const report = service.lastLoad;
			assert.equal(report?.corruptLines, 2);
			assert.ok(report?.backupFile && fs.readFileSync(report.backupFile, 'utf8') === damaged, 'the damaged file is kept as it was');
			const again = new HistoryStore({ file, maxEntries: 100 });
			assert.equal((await again.load()).corruptLines, 0, 'rewritten clean');
		} finally {
			service.dispose();
		}
	});

	it('checks whole entries after the load: an entry damaged behind a valid header is backed up and reported, never shown', async () => {
		const dir = tempDir();
		temporary.push(dir);
		const profile = (await api.services.credentials.activeProfile())!;
		const now = Date.now();
		const good: HistoryEntry = { id: `good-${now}`, profile, params: { to: TO, from: FROM, body: 'kept' }, createdAt: now, updatedAt: now, error: { kind: 'network', message: 'down' } };
		const bad = { ...good, id: `bad-${now}`, params: { to: ['+15550100199'] } } as unknown as HistoryEntry;
		const file = path.join(dir, 'history.jsonl');
		const original = `${serializeRecord({ op: 'add', entry: good })}\n${serializeRecord({ op: 'add', entry: bad })}\n`;
		fs.writeFileSync(file, original);
		const service = new HistoryService({ storageDir: dir, clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false });
		try {
			await service.verified();
			assert.deepEqual(service.entries({}).map((e) => e.id), [good.id]);
			const report = service.lastLoad;
			assert.equal(report?.corruptLines, 1, 'reported like any other damage');
			assert.ok(report?.backupFile && fs.readFileSync(report.backupFile, 'utf8') === original, 'the damaged file is kept as it was');
			const again = new HistoryStore({ file, maxEntries: 100 });
			await again.load();
			assert.equal((await again.verify()).corruptLines, 0, 'rewritten clean');
		} finally {
			service.dispose();
		}
	});

	it('loses nothing with two writers on one file (100 records each, interleaved)', async () => {
		const dir = tempDir();
		temporary.push(dir);
		const file = path.join(dir, 'history.jsonl');
		const profile = (await api.services.credentials.activeProfile())!;
		const a = new HistoryStore({ file, maxEntries: 1000 });
		const b = new HistoryStore({ file, maxEntries: 1000 });
		await Promise.all([a.load(), b.load()]);
		const ids: string[] = [];
		const writes: Promise<void>[] = [];
		for (let i = 0; i < 100; i++) {
			for (const [name, store] of [['a', a], ['b', b]] as const) {
				const now = Date.now();
				const entry: HistoryEntry = { id: `${name}-${i}`, profile, params: { to: TO, body: `${name} ${i}` }, createdAt: now, updatedAt: now, error: { kind: 'network', message: 'x' } };
				ids.push(entry.id);
				writes.push(store.add(entry));
			}
			if (i === 50) {
				writes.push(a.compact().then(() => undefined));
			}
		}
		await Promise.all(writes);
		const fresh = new HistoryStore({ file, maxEntries: 1000 });
		await fresh.load();
		assert.equal(fresh.model.size, 200);
		assert.deepEqual(new Set(fresh.model.ids()), new Set(ids));
	});

	it('shows what another window records (the file is watched)', async () => {
		const profile = (await api.services.credentials.activeProfile())!;
		const other = new HistoryStore({ file: api.history.file, maxEntries: 1000 });
		await other.load();
		const now = Date.now();
		const entry: HistoryEntry = { id: `other-window-${now}`, profile, params: { to: '+15550100197', from: FROM, body: 'from another window' }, createdAt: now, updatedAt: now, error: { kind: 'timeout', message: 'slow' } };
		await other.add(entry);
		await waitUntil(() => api.history.get(entry.id) !== undefined, 10_000, 'the other window\'s entry to appear');
		const nodes = await todayEntries();
		assert.equal(nodes[0]?.id, entry.id);
		await vscode.commands.executeCommand('signalwire.history.delete', entry.id);
	});

	it('"Copy as curl" gives a command without the token that creates the same message', async () => {
		const body = "Curl 'quoted' $HOME & \"more\"\nsecond line ✓";
		await send({ to: TO, from: FROM, body });
		const entry = lastEntry();
		await settledEntry(entry.id);
		const command = await vscode.commands.executeCommand<string>('signalwire.history.copyAsCurl', { kind: 'entry', id: entry.id });
		const { url, projectId, token } = sandbox();
		assert.ok(!command.includes(token), 'the command does not contain the token');
		assert.match(command, /\$\{?SIGNALWIRE_API_TOKEN/);
		const before = (await sandboxControl.messages()).length;
		const result = spawnSync('bash', ['-c', command], {
			encoding: 'utf8',
			env: { ...process.env, SIGNALWIRE_SPACE_URL: new URL(url).host, SIGNALWIRE_PROJECT_ID: projectId, SIGNALWIRE_API_TOKEN: token },
			timeout: 20_000,
		});
		assert.equal(result.status, 0, `curl failed: ${result.stderr}`);
		const created = JSON.parse(result.stdout) as Message;
		assert.equal(created.status, 'queued');
		const messages = await sandboxControl.messages();
		assert.equal(messages.length, before + 1);
		const last = messages[messages.length - 1]!;
		assert.equal(last.to, TO);
		assert.equal(last.from, FROM);
		assert.equal(last.body, body);
	});

	it('copies the SID, opens the entry as read-only JSON, and refreshes its status', async () => {
		const entry = lastEntry();
		const sid = await vscode.commands.executeCommand<string>('signalwire.history.copySid', entry.id);
		assert.equal(sid, entry.message?.sid);
		const uri = await vscode.commands.executeCommand<vscode.Uri>('signalwire.history.openJson', { kind: 'entry', id: entry.id });
		const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
		assert.ok(document, 'the document is open');
		assert.equal(document.languageId, 'json');
		const json = JSON.parse(document.getText()) as { request: { form: Record<string, string> }; response: Message };
		assert.equal(json.request.form.To, TO);
		assert.equal(json.response.sid, entry.message?.sid);
		assert.ok(!document.getText().includes(sandbox().token));
		assert.equal(uri.scheme, 'signalwire-history', 'a virtual document (read-only in the editor), not a file');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		const before = await fetchesOf(entry.message!.sid);
		const refreshed = await vscode.commands.executeCommand<HistoryEntry>('signalwire.history.refreshStatus', entry.id);
		assert.equal(refreshed.message?.status, 'delivered');
		assert.equal(await fetchesOf(entry.message!.sid), before + 1);
	});

	it('makes no curl command for an entry whose Space is not signed in (its host would come from the history file alone)', async () => {
		const now = Date.now();
		const orphan: HistoryEntry = {
			id: `orphan-${now}`,
			profile: { id: `signed-out-${now}`, spaceUrl: 'https://attacker.example', projectId: sandbox().projectId },
			params: { to: TO, from: FROM, body: 'orphan' },
			createdAt: now,
			updatedAt: now,
		};
		fs.appendFileSync(api.history.file, `\n${serializeRecord({ op: 'add', entry: orphan }, 'another-window')}\n`);
		await api.history.reload();
		assert.ok(api.history.get(orphan.id), 'the entry is shown');
		await vscode.env.clipboard.writeText('before');
		assert.equal(await vscode.commands.executeCommand('signalwire.history.copyAsCurl', { id: orphan.id }), undefined, 'no curl command');
		assert.equal(await vscode.env.clipboard.readText(), 'before', 'nothing copied');
		await api.history.delete([orphan.id]);
	});

	it('resends the same fields (confirmation skipped with confirm: false) as a new entry', async () => {
		const entry = lastEntry();
		const before = (await sandboxControl.messages()).length;
		const message = await vscode.commands.executeCommand<Message>('signalwire.history.resend', { id: entry.id, confirm: false });
		assert.ok(message.sid && message.sid !== entry.message?.sid);
		assert.equal((await sandboxControl.messages()).length, before + 1);
		const again = lastEntry();
		assert.notEqual(again.id, entry.id);
		assert.deepEqual(again.params, entry.params);
		await settledEntry(again.id);
	});

	it('never sends a request where a forged history entry points: not followed, refreshed or resent (a second server receives nothing)', async () => {
		const elsewhere = await startSandbox();
		const dir = tempDir();
		temporary.push(dir);
		try {
			const profile = (await api.services.credentials.activeProfile())!;
			const message = await (await api.services.clients.clientFor(profile)).createMessage({ to: TO, from: FROM, body: 'forged' });
			const now = Date.now();
			// The signed-in profile's id, but another host: what a forged history.jsonl holds.
			const forged: HistoryEntry = {
				id: `forged-${now}`,
				profile: { id: profile.id, spaceUrl: elsewhere.url, projectId: profile.projectId },
				params: { to: TO, from: FROM, body: 'forged' },
				message,
				createdAt: now,
				updatedAt: now,
				following: true,
			};
			fs.writeFileSync(path.join(dir, 'history.jsonl'), `${serializeRecord({ op: 'add', entry: forged })}\n`);
			const service = new HistoryService({ storageDir: dir, clients: api.services.clients, credentials: api.services.credentials, logger: api.services.logger, watch: false, notify: false, followTiming: FAST });
			const tree = new HistoryTreeProvider(service);
			try {
				await service.ready(); // resumes the following it was left with
				await waitUntil(() => service.get(forged.id)?.following === false, 10_000, 'the following of the forged entry to be given up');
				assert.equal(service.get(forged.id)?.message?.status, message.status, 'shown, but its status never fetched');
				await assert.rejects(service.refreshStatus(forged.id), /not the Space and project/);
				assert.equal(service.isUntrusted(service.get(forged.id)!), true);
				const node = { kind: 'entry', id: forged.id } as const;
				const item = await Promise.resolve(tree.resolveTreeItem(tree.getTreeItem(node), node));
				assert.ok(item.tooltip instanceof vscode.MarkdownString);
				assert.match(item.tooltip.value, /not the one signed in under its profile/, 'the tooltip says why');
			} finally {
				tree.dispose();
				service.dispose();
			}
			// Resend, from the live history (another window's line, as a forged file would arrive).
			fs.appendFileSync(api.history.file, `\n${serializeRecord({ op: 'add', entry: { ...forged, following: false } }, 'another-window')}\n`);
			await api.history.reload();
			assert.ok(api.history.get(forged.id), 'the forged entry is shown');
			assert.equal(await vscode.commands.executeCommand('signalwire.history.copyAsCurl', { id: forged.id }), undefined, 'no curl command for it either');
			const created = (await sandboxControl.messages()).length;
			assert.equal(await vscode.commands.executeCommand('signalwire.history.resend', { id: forged.id, confirm: false }), undefined);
			assert.equal((await sandboxControl.messages()).length, created, 'nothing sent to the signed-in Space either');
			assert.deepEqual(elsewhere.requests, [], 'the other server received nothing: no token left for it');
			await api.history.delete([forged.id]);
		} finally {
			await elsewhere.close();
		}
	});

	it('checks the stored fields again before a Resend, like a new send', async () => {
		const entry = lastEntry();
		const now = Date.now();
		const tampered: HistoryEntry = { ...entry, id: `tampered-${now}`, params: { ...entry.params, to: '555-0100' }, createdAt: now, updatedAt: now, following: false };
		fs.appendFileSync(api.history.file, `\n${serializeRecord({ op: 'add', entry: tampered }, 'another-window')}\n`);
		await api.history.reload();
		assert.ok(api.history.get(tampered.id));
		const posts = (await sandboxControl.requests()).filter((r) => r.method === 'POST').length;
		assert.equal(await vscode.commands.executeCommand('signalwire.history.resend', { id: tampered.id, confirm: false }), undefined);
		assert.equal((await sandboxControl.requests()).filter((r) => r.method === 'POST').length, posts, 'no request: To is not E.164');
		await api.history.delete([tampered.id]);
	});

	it('asks with a quick pick of history entries when a command runs from the palette', async () => {
		const newest = api.history.entries({})[0]!;
		const asked = countWindowCalls('showQuickPick');
		let answer: string | undefined;
		let settled = false;
		try {
			void Promise.resolve(vscode.commands.executeCommand<string | undefined>('signalwire.history.copySid')).then(
				(sid) => {
					answer = sid;
					settled = true;
				},
				(error: unknown) => {
					answer = `rejected: ${String(error)}`;
					settled = true;
				},
			);
			await waitUntil(() => asked.count > 0, 20_000, 'the quick pick of entries');
		} finally {
			asked.restore();
		}
		// Accept until the command ends: an accept before the workbench has drawn the pick accepts nothing.
		const accept = async () => {
			if (!settled) {
				await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			}
			return settled;
		};
		await waitUntil(accept, 20_000, 'the command to take the picked entry');
		assert.equal(answer, newest.message?.sid);
	});

	it('filters by Space and back to all Spaces', async () => {
		await vscode.commands.executeCommand('signalwire.history.filterBySpace', 'https://elsewhere.signalwire.com');
		assert.deepEqual(await rootLabels(), []);
		await vscode.commands.executeCommand('signalwire.history.filterBySpace', sandbox().url);
		assert.deepEqual(await rootLabels(), ['Today']);
		await vscode.commands.executeCommand('signalwire.history.filterBySpace', null);
		assert.deepEqual(api.history.filter, {});
	});

	it('exports the history as JSON to a file, asking nothing when given a path', async () => {
		const dir = tempDir();
		temporary.push(dir);
		const target = path.join(dir, 'export.json');
		await vscode.commands.executeCommand('signalwire.history.export', { uri: vscode.Uri.file(target) });
		const exported = JSON.parse(fs.readFileSync(target, 'utf8')) as { entries: HistoryEntry[] };
		assert.deepEqual(
			exported.entries.map((e) => e.id),
			api.history.entries({}).map((e) => e.id),
		);
		assert.ok(!fs.readFileSync(target, 'utf8').includes(sandbox().token));
		const second = path.join(dir, 'second.json');
		await vscode.commands.executeCommand('signalwire.history.export', second);
		assert.ok(fs.existsSync(second));
	});

	it('deletes an entry and clears the history, in this window and on disk', async () => {
		const entry = lastEntry();
		assert.equal(await vscode.commands.executeCommand('signalwire.history.delete', { kind: 'entry', id: entry.id }), 1);
		assert.equal(api.history.get(entry.id), undefined);
		await api.history.flush();
		const store = new HistoryStore({ file: api.history.file, maxEntries: 1000 });
		await store.load();
		assert.equal(store.model.has(entry.id), false);
		const removed = await vscode.commands.executeCommand<number>('signalwire.history.clear', { confirm: false });
		assert.ok(removed > 0);
		assert.deepEqual(await rootLabels(), []);
		const cleared = new HistoryStore({ file: api.history.file, maxEntries: 1000 });
		await cleared.load();
		assert.equal(cleared.model.size, 0);
	});
});
