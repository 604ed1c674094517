/**
 * `prestart` / `pretest`: makes `npm start` and `npm test` enough on a fresh clone. Runs `npm ci`
 * when node_modules is missing, or older than package-lock.json and not what it describes.
 * Plain Node, no dependencies: it runs before node_modules exists (so no tsx here).
 *
 * "Older" alone would be a poor test: a checkout or a copy touches package-lock.json without
 * changing it. So an older install is compared with the lock, package by package, through npm's
 * own record of what it installed (node_modules/.package-lock.json), and `npm ci` runs only when
 * they differ. `SIGNALWIRE_SKIP_DEPS_CHECK=1` skips the check.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** @param {string} file @returns {any} */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Why node_modules needs `npm ci`, or undefined when it matches package-lock.json.
 * @param {string} root
 * @returns {string | undefined}
 */
function staleReason(root) {
	const lockFile = path.join(root, 'package-lock.json');
	const installedFile = path.join(root, 'node_modules', '.package-lock.json');
	if (!fs.existsSync(path.join(root, 'node_modules'))) {
		return 'node_modules is missing';
	}
	if (!fs.existsSync(installedFile)) {
		return 'node_modules was not installed by npm from package-lock.json';
	}
	if (fs.statSync(installedFile).mtimeMs >= fs.statSync(lockFile).mtimeMs) {
		return undefined;
	}
	const lock = readJson(lockFile)?.packages;
	const installed = readJson(installedFile)?.packages;
	if (!lock || !installed) {
		return 'package-lock.json or node_modules/.package-lock.json is unreadable';
	}
	for (const [name, entry] of Object.entries(lock)) {
		if (name === '' || entry.link) {
			continue;
		}
		const have = installed[name];
		// Optional packages for other platforms (esbuild's, for one) are never installed.
		if (!have && !entry.optional) {
			return `${name} is not installed`;
		}
		if (have && have.version !== entry.version) {
			return `${name} is ${have.version}, package-lock.json wants ${entry.version}`;
		}
	}
	for (const name of Object.keys(installed)) {
		if (!(name in lock)) {
			return `${name} is installed but no longer in package-lock.json`;
		}
	}
	return undefined;
}

function main() {
	if (process.env.SIGNALWIRE_SKIP_DEPS_CHECK === '1') {
		return 0;
	}
	const reason = staleReason(ROOT);
	if (!reason) {
		return 0;
	}
	console.log(`deps: ${reason}: running npm ci`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
	if (result.status !== 0) {
		console.error(`deps: npm ci failed (exit ${result.status ?? result.signal}).`);
		return result.status || 1;
	}
	return 0;
}

module.exports = { staleReason };

if (require.main === module) {
	process.exitCode = main();
}
