/**
 * The import graph of src/, type-only imports included (eslint's import-x/no-cycle, in
 * eslint.config.mjs, skips those): a circle of types still ties two modules into one. The other
 * layering rules (core/, signalwire/, sandbox/, no vscode in pure modules, 400 lines) are lint rules.
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
