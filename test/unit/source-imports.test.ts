// The source readers are layered leaf first: no module of src/sources/ or src/formats/ imports
// itself back through others (the python reader was one 351-line module in a circle with two more).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/cli.js';

const ROOTS = ['src/sources', 'src/formats'];

/** Every .ts file under the roots, relative to the project. */
function files(): string[] {
  return ROOTS.flatMap((root) =>
    readdirSync(path.join(PROJECT, root), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => path.posix.join(root, f)),
  );
}

/** The project files a module imports (static, type-only and dynamic imports alike). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(PROJECT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => path.posix.join(path.posix.dirname(file), s).replace(/\.js$/, '.ts'));
}

/** A cycle through `start`, as a list of files, if there is one. */
function cycleFrom(start: string, graph: Map<string, string[]>): string[] | undefined {
  const stack: { file: string; path: string[] }[] = [{ file: start, path: [start] }];
  const seen = new Set<string>();
  while (stack.length) {
    const { file, path: trail } = stack.pop()!;
    for (const next of graph.get(file) ?? []) {
      if (next === start) return [...trail, next];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push({ file: next, path: [...trail, next] });
      }
    }
  }
  return undefined;
}

describe('the modules of the source readers', () => {
  const graph = new Map(files().map((f) => [f, importsOf(f)]));

  it('are found (the scan sees the python reader)', () => {
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['src/sources/python.ts', 'src/sources/python/tokenize.ts', 'src/formats/json.ts']));
    expect(graph.get('src/sources/python/locate.ts')).toContain('src/sources/python/tokenize.ts');
  });

  it('import one another in no circle', () => {
    const cycles = [...graph.keys()].map((f) => cycleFrom(f, graph)).filter((c) => c !== undefined);
    expect(cycles).toEqual([]);
  });

  it('keep the format readers a leaf: src/formats/ imports nothing of the project', () => {
    const outward = [...graph].filter(([f]) => f.startsWith('src/formats/')).flatMap(([, deps]) => deps);
    expect(outward).toEqual([]);
  });
});
