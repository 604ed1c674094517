/**
 * scripts/ensure-deps.js (`prestart` / `pretest`): when `npm start` / `npm test` must run `npm ci`
 * first. Built on a throwaway folder; nothing is installed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain-Node CommonJS script
const { staleReason } = require('../../scripts/ensure-deps.js') as { staleReason: (root: string) => string | undefined };

const LOCK = {
	name: 'x',
	lockfileVersion: 3,
	packages: {
		'': { name: 'x' },
		'node_modules/ky': { version: '1.14.3' },
		'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true },
		'node_modules/@esbuild/linux-x64': { version: '0.28.2', optional: true },
	},
};
const INSTALLED = { name: 'x', lockfileVersion: 3, packages: { 'node_modules/ky': { version: '1.14.3' }, 'node_modules/@esbuild/linux-x64': { version: '0.28.2' } } };

describe('scripts/ensure-deps.js', () => {
	let root: string;
	const write = (file: string, value: unknown, mtime: Date) => {
		const target = path.join(root, file);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, JSON.stringify(value));
		fs.utimesSync(target, mtime, mtime);
	};
	const older = new Date('2026-01-01T00:00:00Z');
	const newer = new Date('2026-01-02T00:00:00Z');

	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-deps-'));
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

	it('asks for npm ci on a fresh clone (no node_modules)', () => {
		write('package-lock.json', LOCK, older);
		assert.equal(staleReason(root), 'node_modules is missing');
	});

	it('asks for npm ci when node_modules was not installed from the lock', () => {
		write('package-lock.json', LOCK, older);
		fs.mkdirSync(path.join(root, 'node_modules'));
		assert.match(staleReason(root) ?? '', /not installed by npm/);
	});

	it('accepts an install newer than the lock', () => {
		write('package-lock.json', LOCK, older);
		write('node_modules/.package-lock.json', INSTALLED, newer);
		assert.equal(staleReason(root), undefined);
	});

	it('accepts an older install that matches the lock (a touched lock), ignoring other platforms\' optional packages', () => {
		write('package-lock.json', LOCK, newer);
		write('node_modules/.package-lock.json', INSTALLED, older);
		assert.equal(staleReason(root), undefined);
	});

	it('asks for npm ci when the lock is newer and wants another version', () => {
		write('package-lock.json', { ...LOCK, packages: { ...LOCK.packages, 'node_modules/ky': { version: '1.15.0' } } }, newer);
		write('node_modules/.package-lock.json', INSTALLED, older);
		assert.equal(staleReason(root), 'node_modules/ky is 1.14.3, package-lock.json wants 1.15.0');
	});

	it('asks for npm ci when the lock is newer and adds or removes a package', () => {
		write('package-lock.json', { ...LOCK, packages: { ...LOCK.packages, 'node_modules/mocha': { version: '11.8.0', dev: true } } }, newer);
		write('node_modules/.package-lock.json', INSTALLED, older);
		assert.equal(staleReason(root), 'node_modules/mocha is not installed');
		write('package-lock.json', { ...LOCK, packages: { '': {}, 'node_modules/@esbuild/linux-x64': { version: '0.28.2', optional: true } } }, newer);
		assert.equal(staleReason(root), 'node_modules/ky is installed but no longer in package-lock.json');
	});
});
