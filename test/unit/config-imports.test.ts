// The configuration is the composition root: it declares itself from the registries below it (source
// kinds, rules, version schemes) and the use cases above it (core, release, cli) load it. Below it,
// nothing imports config/ but fields.ts, the declaration language the registries declare options
// with, which itself imports nothing: so no registry can reach the configuration and close a circle.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');
const BELOW = ['rules', 'sources', 'version', 'formats', 'git', 'report', 'change'];

/** Every relative import (type imports and re-exports too) of each file, as paths under src/. */
function imports(): [string, string[]][] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split(path.sep).join('/'));
  return files.map((file) => {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'/gm), ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)];
    return [file, targets.map((m) => path.posix.join(path.posix.dirname(file), m[1]!.replace(/\.js$/, '.ts')))];
  });
}

/** "file → target" for each import of config/ other than fields.ts from a directory below the configuration. */
const reachingConfig = (entries: [string, string[]][]) =>
  entries.flatMap(([file, targets]) =>
    BELOW.includes(file.split('/')[0]!) ? targets.filter((t) => t.startsWith('config/') && t !== 'config/fields.ts').map((t) => `${file} → ${t}`) : [],
  );

describe('the configuration as the composition root', () => {
  it('config/fields.ts, the declaration language, imports nothing of the project', () => {
    expect(imports().find(([file]) => file === 'config/fields.ts')![1]).toEqual([]);
  });

  it(`nothing in ${BELOW.join(', ')} imports config/ but fields.ts`, () => {
    expect(reachingConfig(imports())).toEqual([]);
  });

  it('the check can fail: a rule importing the schema is found', () => {
    expect(reachingConfig([['rules/x.ts', ['config/schema.ts', 'config/fields.ts']]])).toEqual(['rules/x.ts → config/schema.ts']);
  });
});
