/**
 * The files of `sms-sandbox test <files or globs>`: a plain path, or a glob with `*`, `**`, `?`
 * and `{a,b}` (Node 20 has no fs.glob). A directory means every `.smstest` file under it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function globToRegex(glob: string): RegExp {
	let re = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*' && glob[i + 1] === '*') {
			re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
			i += glob[i + 2] === '/' ? 2 : 1;
		} else if (c === '*') {
			re += '[^/]*';
		} else if (c === '?') {
			re += '[^/]';
		} else if (c === '{') {
			const end = glob.indexOf('}', i);
			if (end === -1) {
				re += '\\{';
				continue;
			}
			re += `(?:${glob
				.slice(i + 1, end)
				.split(',')
				.map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&'))
				.join('|')})`;
			i = end;
		} else {
			re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
		}
	}
	return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[]): void {
	let entries: fs.Dirent[];
	try {
		entries = fs.readdirSync(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const entry of entries) {
		if (entry.name === 'node_modules' || entry.name.startsWith('.')) {
			continue;
		}
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			walk(full, out);
		} else if (entry.isFile()) {
			out.push(full);
		}
	}
}

const toSlash = (p: string): string => p.split(path.sep).join('/');

/**
 * The files the patterns name, relative to `cwd` where they are under it, sorted, without
 * duplicates; and the patterns that matched nothing.
 */
export function expandPatterns(patterns: string[], cwd: string): { files: string[]; unmatched: string[] } {
	const found = new Set<string>();
	const unmatched: string[] = [];
	for (const pattern of patterns) {
		const before = found.size;
		const absolute = path.resolve(cwd, pattern);
		if (!/[*?{]/.test(pattern)) {
			if (fs.existsSync(absolute) && fs.statSync(absolute).isDirectory()) {
				const all: string[] = [];
				walk(absolute, all);
				all.filter((f) => f.endsWith('.smstest')).forEach((f) => found.add(f));
			} else if (fs.existsSync(absolute)) {
				found.add(absolute);
			}
		} else {
			const slashed = toSlash(absolute);
			const firstMagic = slashed.search(/[*?{]/);
			const base = slashed.slice(0, slashed.lastIndexOf('/', firstMagic) + 1) || '/';
			const regex = globToRegex(slashed);
			const all: string[] = [];
			walk(base, all);
			all.filter((f) => regex.test(toSlash(f))).forEach((f) => found.add(f));
		}
		if (found.size === before) {
			unmatched.push(pattern);
		}
	}
	const files = [...found].map((f) => {
		const relative = path.relative(cwd, f);
		return relative.startsWith('..') || path.isAbsolute(relative) ? f : relative;
	});
	return { files: files.sort(), unmatched };
}
