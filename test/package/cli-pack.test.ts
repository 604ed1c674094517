/**
 * The `sms-sandbox` npm package as users get it: `npm pack` in cli/, install the tarball into an
 * empty project with no network (it must have no dependencies), and run `npx sms-sandbox test` on
 * an example there.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, ROOT } from '../cli/cliHarness';

describe('package (sms-sandbox npm package)', function () {
	this.timeout(120_000);
	let tmp: string;
	let tarball: string;

	before(() => {
		buildCli();
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-sandbox-pack-'));
		const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', tmp], {
			cwd: path.join(ROOT, 'cli'),
			encoding: 'utf8',
		});
		assert.equal(pack.status, 0, pack.stderr);
		const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
		tarball = path.join(tmp, info.filename);
		assert.deepEqual(info.files.map((f) => f.path).sort(), ['README.md', 'dist/sms-sandbox.js', 'package.json']);
	});
	after(() => fs.rmSync(tmp, { recursive: true, force: true }));

	it('declares a bin and no dependencies', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'cli', 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		assert.deepEqual(manifest.bin, { 'sms-sandbox': 'dist/sms-sandbox.js' });
		assert.equal(manifest.dependencies, undefined);
		assert.equal(manifest.peerDependencies, undefined);
		assert.ok(
			fs.readFileSync(path.join(ROOT, 'cli', 'dist', 'sms-sandbox.js'), 'utf8').startsWith('#!/usr/bin/env node\n'),
		);
	});

	it('installs offline into an empty project, and `npx sms-sandbox test` runs an example there', () => {
		const project = path.join(tmp, 'project');
		fs.mkdirSync(project);
		fs.writeFileSync(
			path.join(project, 'package.json'),
			JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }),
		);
		const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
			cwd: project,
			encoding: 'utf8',
		});
		assert.equal(install.status, 0, install.stderr);
		fs.copyFileSync(path.join(ROOT, 'examples', 'handsets.smstest'), path.join(project, 'handsets.smstest'));
		const run = spawnSync('npx', ['--no-install', 'sms-sandbox', 'test', 'handsets.smstest'], {
			cwd: project,
			encoding: 'utf8',
			env: { ...process.env, NO_COLOR: '1' },
		});
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /\n2 passed, 0 failed\n$/);
		assert.deepEqual(
			fs.readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.')),
			['@sms-devtools-community'],
		);
	});
});
