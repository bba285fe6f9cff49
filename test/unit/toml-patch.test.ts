// The bundles parse TOML with smol-toml patched to keep no record for a key that holds a value
// (scripts/patches/smol-toml.cjs). The patched parser must mean exactly what the published one
// does: the same tree for every document, the same error for every document it refuses.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parse as published } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { patchSmolToml } = require('../../scripts/patches/smol-toml.cjs') as { patchSmolToml: (source: string) => string };

const dir = mkdtempSync(path.join(os.tmpdir(), 'hv-smol-toml-'));
let patched: typeof published;
beforeAll(async () => {
  const dist = path.dirname(require.resolve('smol-toml'));
  cpSync(dist, dir, { recursive: true });
  writeFileSync(path.join(dir, 'parse.js'), patchSmolToml(readFileSync(path.join(dist, 'parse.js'), 'utf8')));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  patched = ((await import(pathToFileURL(path.join(dir, 'index.js')).href)) as { parse: typeof published }).parse;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a parser makes of a document: its tree as JSON, or its error. */
function outcome(parse: typeof published, text: string): string {
  try {
    return `tree ${JSON.stringify(parse(text))}`;
  } catch (e) {
    return `error ${(e as Error).message}`;
  }
}

const DOCUMENTS = [
  'a = 1\na = 2',
  'a = 1\na.b = 2',
  'a = 1\n[a]',
  'a = 1\n[a.b]',
  'a = 1\n[[a]]',
  'a.b = 1\na.c = 2\n[a]',
  'a.b = 1\na.b.c = 2',
  'a.b = 1\n[a.b]',
  'a.b = 1\n[a.x]\ny = 1',
  '[a]\nb = 1\n[a]',
  '[a]\nb = 1\n[a.b]',
  '[a]\nb.c = 1\n[a.b]',
  '[a]\nb.c = 1\n[a.b.d]',
  '[a.b]\n[a]\nb = 1',
  '[a.b]\n[a]\nc = 1',
  '[[a]]\nb = 1\n[[a]]\nb = 2\n[a.c]\nd = 3',
  '[[a]]\nb = 1\n[[a.c]]\nd = 1\n[[a]]\n[[a.c]]\nd = 2',
  '[[a]]\nb = 1\nb = 2',
  '[[a]]\nb = 1\n[a]',
  'a = { b = 1 }\n[a]',
  'a = { b = 1 }\na.c = 2',
  'a = { b = 1 }\n[a.c]',
  'a = [1]\n[[a]]',
  '__proto__ = 1\n__proto__ = 2',
  '__proto__.a = 1\n[__proto__]',
  'constructor = 1\n[constructor.x]',
  '[project]\nname = "x"\nversion = "1.0.0"\n[project.urls]\nhome = "h"\n[tool.x]\nversion.major = 1\nversion.minor = 2\n[[tool.y]]\nv = 1',
  '"a.b" = 1\na.b = 2\n"a".b = 3',
];

const KEY = fc.constantFrom('a', 'b', 'c', 'a.b', 'b.c', 'a.b.c', '"a"', '"a".b', '__proto__', 'constructor');
const LINE = fc.oneof(
  fc.tuple(KEY, fc.constantFrom('1', '"v"', '{ b = 1 }', '{ c.d = 2 }', '[1, 2]', '[{ x = 1 }]')).map(([k, v]) => `${k} = ${v}`),
  KEY.map((k) => `[${k}]`),
  KEY.map((k) => `[[${k}]]`),
);

describe('smol-toml as the bundles patch it', () => {
  it('reads and refuses each of these documents as the published smol-toml does', () => {
    for (const text of DOCUMENTS) expect(outcome(patched, text), text).toBe(outcome(published, text));
  });

  it('does so for any document made of keys, dotted keys, tables and arrays of tables', () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        expect(outcome(patched, text), text).toBe(outcome(published, text));
      }),
      { numRuns: 5000 },
    );
  });

  it('parses the patched way: a key holding a value leaves no record', () => {
    expect(patchSmolToml(readFileSync(path.join(path.dirname(require.resolve('smol-toml')), 'parse.js'), 'utf8'))).toContain('return [k, t, undefined]');
  });
});
