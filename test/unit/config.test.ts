import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUMP_KEYS, RELEASE_KEYS, SOURCE_KEYS, SOURCE_TYPES, TAG_KEYS, TOP_KEYS, validateConfig } from '../../src/config/schema.js';
import { RULE_IDS } from '../../src/config/types.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/heimdallrc.schema.json', import.meta.url), 'utf8'));

describe('the shipped JSON Schema and the validator agree', () => {
  it('on every key', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_KEYS].sort());
    expect(Object.keys(schema.definitions.source.properties).sort()).toEqual([...SOURCE_KEYS].sort());
    expect(schema.definitions.source.properties.type.enum).toEqual([...SOURCE_TYPES]);
    expect(Object.keys(schema.properties.tags.properties)).toEqual(TAG_KEYS);
    expect(Object.keys(schema.properties.bump.properties)).toEqual(BUMP_KEYS);
    expect(Object.keys(schema.properties.release.properties).sort()).toEqual([...RELEASE_KEYS].sort());
    expect(Object.keys(schema.properties.rules.properties)).toEqual([...RULE_IDS]);
  });
});

describe('validateConfig', () => {
  it('fills defaults around what is given', () => {
    const result = validateConfig({ tags: { prefix: '' }, release: { python: '/usr/bin/python3', branch: 'main' } });
    expect('config' in result && result.config.release.build).toEqual(['/usr/bin/python3', '-m', 'build']);
    expect('config' in result && result.config.sources[0]!.file).toBe('pyproject.toml');
    expect('config' in result && result.config.tags.prefix).toBe('');
  });

  it('names every problem by its path', () => {
    const result = validateConfig({
      sources: [{ file: 'a.json', type: 'json', variable: 'X' }, { file: 'b', type: 'toml', primary: true }, { file: 'c', type: 'toml', primary: true }],
      release: { build: 'python -m build', clean: ['../x'] },
      extra: 1,
    });
    expect('problems' in result && result.problems).toEqual([
      'extra: unknown key (known: $schema, sources, tags, rules, bump, release)',
      'sources[0].variable: does not apply to a "json" source (it takes "key")',
      'sources: only one source may be primary (2 are)',
      'release.build: must be a non-empty array of non-empty strings (an argv, run without a shell)',
      'release.clean[0]: must stay inside the project root ("../x" contains "..")',
    ]);
  });
});
