/**
 * The import graph of src/, type-only imports included (eslint's import-x/no-cycle, in
 * eslint.config.mjs, skips those): a circle of types still ties two modules into one. The other
 * layering rules (core/, signalwire/, sandbox/, no vscode in pure modules, 400 lines) are lint rules;
 * lint sees one file at a time, so the pure modules' rule is checked here again through everything
 * they load at run time: a pure module that reaches `vscode` through another file is not pure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
		.map((file) => path.join(dir, file));
}

/** The files of src/ a file imports or re-exports from (relative specifiers only). */
function localImports(file: string): string[] {
	const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, false);
	const targets: string[] = [];
	for (const { fileName } of importedFiles) {
		if (!fileName.startsWith('.')) {
			continue;
		}
		const base = path.resolve(path.dirname(file), fileName);
		const found = [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
		if (found) {
			targets.push(found);
		}
	}
	return targets;
}

/** Strongly connected components with more than one file (Tarjan), or a file importing itself. */
function importCircles(graph: Map<string, string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const circles: string[][] = [];
	const visit = (node: string): void => {
		index.set(node, counter);
		low.set(node, counter);
		counter++;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) {
				low.set(node, Math.min(low.get(node)!, index.get(next)!));
			}
		}
		if (low.get(node) === index.get(node)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
				circles.push(component.sort());
			}
		}
	};
	for (const node of graph.keys()) {
		if (!index.has(node)) {
			visit(node);
		}
	}
	return circles;
}

/** The modules a file loads at run time: `import type` and all-type named imports are left out. */
function runtimeImports(file: string): string[] {
	const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
	const specifiers: string[] = [];
	for (const statement of source.statements) {
		if (ts.isImportDeclaration(statement)) {
			const clause = statement.importClause;
			const bindings = clause?.namedBindings;
			const allTypes =
				clause !== undefined &&
				(clause.isTypeOnly ||
					(clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) &&
						bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly)));
			if (!allTypes && ts.isStringLiteral(statement.moduleSpecifier)) {
				specifiers.push(statement.moduleSpecifier.text);
			}
		} else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
			specifiers.push(statement.moduleSpecifier.text);
		}
	}
	return specifiers.map((specifier) => (specifier.startsWith('.') ? resolveLocal(file, specifier) ?? specifier : specifier));
}

function resolveLocal(file: string, specifier: string): string | undefined {
	const base = path.resolve(path.dirname(file), specifier);
	return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

/** A glob of eslint.config.mjs (`**`, `*`, `{a,b}`) as a regular expression over paths relative to the root. */
function globToRegExp(glob: string): RegExp {
	let pattern = '';
	for (let i = 0; i < glob.length; i++) {
		const char = glob[i];
		if (glob.startsWith('**/', i)) {
			pattern += '(?:.*/)?';
			i += 2;
		} else if (char === '*') {
			pattern += '[^/]*';
		} else if (char === '{') {
			const end = glob.indexOf('}', i);
			pattern += `(?:${glob.slice(i + 1, end).split(',').map((part) => part.replace(/[.+?^$()|[\]\\]/g, '\\$&')).join('|')})`;
			i = end;
		} else {
			pattern += char.replace(/[.+?^$()|[\]\\]/g, '\\$&');
		}
	}
	return new RegExp(`^${pattern}$`);
}

/** The globs of the lint block that forbids `vscode` in pure modules. */
async function pureModuleGlobs(): Promise<string[]> {
	const configFile = path.resolve(SRC, '..', 'eslint.config.mjs');
	const config = (await import(configFile)).default as { files?: string[]; rules?: Record<string, unknown> }[];
	return config
		.filter((block) => JSON.stringify(block.rules?.['no-restricted-imports'] ?? '').includes('"vscode"'))
		.flatMap((block) => block.files ?? [])
		.filter((glob) => glob.startsWith('src/'));
}

describe('layering: the import graph of src/', () => {
	it('finds a circle, type-only or not (checked on a made-up graph)', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a']],
		]);
		assert.deepEqual(importCircles(graph), [['a', 'b', 'c']]);
	});

	it('has no import circle, type-only imports included', () => {
		const graph = new Map(sourceFiles(SRC).map((file) => [file, localImports(file)]));
		const circles = importCircles(graph).map((circle) => circle.map((file) => path.relative(SRC, file)).join(' ↔ '));
		assert.deepEqual(circles, []);
	});
});

describe('layering: pure modules load no VS Code API, through any import', () => {
	it('finds a glob of the lint config (checked on made-up paths)', () => {
		assert.ok(globToRegExp('src/core/**/*.ts').test('src/core/a/b.ts'));
		assert.ok(globToRegExp('src/core/**/*.ts').test('src/core/b.ts'));
		assert.ok(globToRegExp('src/history/{entry,model}.ts').test('src/history/model.ts'));
		assert.ok(!globToRegExp('src/history/{entry,model}.ts').test('src/history/modelx.ts'));
	});

	it('no pure module reaches `vscode` through the files it loads at run time', async function () {
		this.timeout(20_000);
		const patterns = (await pureModuleGlobs()).map(globToRegExp);
		assert.ok(patterns.length > 5, 'the pure-module globs were found in eslint.config.mjs');
		const root = path.resolve(SRC, '..');
		const imports = new Map<string, string[]>();
		const importsOf = (file: string): string[] => {
			let found = imports.get(file);
			if (!found) {
				found = runtimeImports(file);
				imports.set(file, found);
			}
			return found;
		};
		const pure = sourceFiles(SRC).filter((file) => patterns.some((pattern) => pattern.test(path.relative(root, file).split(path.sep).join('/'))));
		assert.ok(pure.length > 20, `${pure.length} pure modules found`);
		const reaching: string[] = [];
		for (const start of pure) {
			const seen = new Map<string, string | undefined>([[start, undefined]]);
			const queue = [start];
			while (queue.length > 0) {
				const file = queue.shift()!;
				for (const next of importsOf(file)) {
					if (next === 'vscode') {
						const chain = [file];
						for (let at = seen.get(file); at !== undefined; at = seen.get(at)) {
							chain.unshift(at);
						}
						reaching.push(`${chain.map((item) => path.relative(SRC, item)).join(' → ')} → vscode`);
						queue.length = 0;
						break;
					}
					if (path.isAbsolute(next) && !seen.has(next)) {
						seen.set(next, file);
						queue.push(next);
					}
				}
			}
		}
		assert.deepEqual(reaching, []);
	});
});
