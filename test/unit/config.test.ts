import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, validateConfig } from '../../src/config/schema.js';

const shipped = JSON.parse(readFileSync(new URL('../../schema/heimdallrc.schema.json', import.meta.url), 'utf8'));

describe('the shipped JSON Schema', () => {
  it('is the one the declaration generates (npm run build writes it)', () => {
    expect(shipped).toEqual(configJsonSchema());
  });

  it('names every source type, rule and section the validator knows', () => {
    expect(Object.keys(shipped.properties)).toEqual(['$schema', 'sources', 'versioning', 'tags', 'packages', 'groups', 'rules', 'bump', 'release']);
    expect(shipped.properties.sources.items.properties.type.enum).toEqual([
      'toml',
      'python',
      'json',
      'js',
      'regex',
      'ini',
      'text',
      'yaml',
      'server-json',
      'mcpb',
    ]);
    expect(Object.keys(shipped.properties.rules.properties)).toEqual([
      'source-missing',
      'invalid-version',
      'version-spelling',
      'version-mismatch',
      'runtime-lookup',
      'mcp-server-version',
      'mcp-registry-name',
      'mcp-sdk-bound',
      'mcpb-python',
      'tag-mismatch',
      'tag-ahead',
      'tag-template',
      'group-mismatch',
      'pin-mismatch',
      'changelog-entry',
      'invalid-semver',
    ]);
    expect(shipped.properties.rules.properties['invalid-semver'].deprecated).toBe(true);
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
      sources: [
        { file: 'a.json', type: 'json', variable: 'X' },
        { file: 'b', type: 'toml', primary: true },
        { file: 'c', type: 'toml', primary: true },
      ],
      release: { build: 'python -m build', clean: ['../x'] },
      extra: 1,
    });
    expect('problems' in result && result.problems).toEqual([
      'extra: unknown key (known: $schema, sources, versioning, tags, packages, groups, rules, bump, release)',
      'sources[0].variable: does not apply to a "json" source (it takes "key")',
      'sources: only one source may be primary (2 are)',
      'release.build: must be a non-empty array of non-empty strings (an argv, run without a shell)',
      'release.clean[0]: must stay inside the project root ("../x" contains "..")',
    ]);
  });

  it('refuses python options that contradict each other, and a short source as primary', () => {
    const result = validateConfig({
      sources: [
        { file: 'docs/conf.py', type: 'python', variable: 'version', short: true },
        { file: 'setup.py', type: 'python', call: 'setup', variable: 'VERSION' },
        { file: 'a.py', type: 'python', keyword: 'version' },
      ],
    });
    expect('problems' in result && result.problems).toEqual([
      'sources[1]: "call" and "variable" are two ways to read a python source: give one (for both, configure two sources)',
      'sources[2]: "keyword" goes with "call"',
      'sources: docs/conf.py: a source with "short": true states only X.Y and cannot be the primary source; make the source with the whole version primary',
    ]);
  });
});

describe('the declaration', () => {
  it('derives the release commands from release.python unless they are given', () => {
    const result = validateConfig({ release: { python: 'py', check: ['twine', 'check'] } });
    expect('config' in result && result.config.release).toMatchObject({
      build: ['py', '-m', 'build'],
      check: ['twine', 'check'],
      upload: ['py', '-m', 'twine', 'upload'],
      remote: 'origin',
    });
  });

  it('says what is missing and what a value is instead', () => {
    expect(
      validateConfig({
        sources: [
          { type: 'regex', pattern: '(?<version>x)' },
          { file: 3, type: 'toml' },
        ],
        bump: { message: '' },
        tags: [],
      }),
    ).toEqual({
      problems: [
        'sources[0].file: is required',
        'sources[1].file: must be a non-empty string, not a number',
        'tags: must be an object, not an array',
        'bump.message: must be a non-empty string, not a string',
      ],
    });
    expect(validateConfig('x')).toEqual({ problems: ['the configuration must be an object, not a string'] });
  });
});

describe('the schema fragment for [tool.heimdall-version] in pyproject.toml', () => {
  it('is the configuration schema less $schema (npm run build writes it)', async () => {
    // @ts-expect-error: a plain .mjs build script without type declarations
    const { pyprojectFragment } = await import('../../scripts/schema.mjs');
    const fragment = JSON.parse(readFileSync(new URL('../../schema/pyproject-tool.schema.json', import.meta.url), 'utf8'));
    expect(fragment).toEqual(pyprojectFragment(configJsonSchema()));
    expect(Object.keys(fragment.properties)).toEqual(['sources', 'versioning', 'tags', 'packages', 'groups', 'rules', 'bump', 'release']);
    expect(fragment.$id).toBe('https://unpkg.com/heimdall-version/schema/pyproject-tool.schema.json');
  });
});

describe('keys that name what every object has', () => {
  // JSON.parse, YAML and TOML all give these as own keys; `key in {}` is true for them.
  const json = (text: string) => validateConfig(JSON.parse(text));
  const cases: [string, string][] = [
    ['{"__proto__": {"sources": []}}', '__proto__: unknown key'],
    ['{"constructor": {}}', 'constructor: unknown key'],
    ['{"tags": {"__proto__": "x"}}', 'tags.__proto__: unknown key'],
    ['{"tags": {"constructor": "x"}}', 'tags.constructor: unknown key'],
    ['{"release": {"toString": "x"}}', 'release.toString: unknown key'],
    ['{"rules": {"__proto__": "off"}}', 'rules.__proto__: unknown rule'],
    ['{"rules": {"constructor": "off"}}', 'rules.constructor: unknown rule'],
    ['{"sources": [{"file": "a.toml", "type": "toml", "__proto__": 1}]}', 'sources[0].__proto__: unknown key'],
    ['{"bump": {"hasOwnProperty": "x"}}', 'bump.hasOwnProperty: unknown key'],
  ];
  for (const [text, problem] of cases) {
    it(`are unknown keys: ${text}`, () => {
      const result = json(text);
      expect('problems' in result && result.problems.join('\n')).toContain(problem);
    });
  }
});

describe('strings that reach git', () => {
  const problems = (config: unknown) => {
    const result = validateConfig(config);
    return 'problems' in result ? result.problems : [];
  };
  const badPrefixes = [
    '-',
    '--upload-pack=touch x',
    '-d',
    'a..b',
    'v*',
    'v?',
    'v[',
    'v ',
    'v\t',
    'v\n',
    'v\r',
    'v\u001b[31m',
    'v\u007f',
    'v@{',
    'v~',
    'v^',
    'v:',
    'v\\',
    '/v',
    'a//v',
    '.v',
    'a/.v',
    'a.lock/v',
  ];
  for (const prefix of badPrefixes) {
    it(`refuses the tag prefix ${JSON.stringify(prefix)}`, () => {
      expect(problems({ tags: { prefix } }).join('\n')).toMatch(/^tags\.prefix: /);
    });
  }
  for (const prefix of ['', 'v', 'release-', 'pkg/v', 'pkg/sub/', 'v.', '@', 'héimdall-', 'V_']) {
    it(`takes the tag prefix ${JSON.stringify(prefix)}`, () => expect(problems({ tags: { prefix } })).toEqual([]));
  }

  it('refuses a release branch that is no branch name or could be read as an option', () => {
    for (const branch of ['-x', 'a..b', 'a b', 'x.lock', 'x/', 'x.', '@', 'a\u001b'])
      expect(problems({ release: { branch } }).join('\n'), branch).toMatch(/^release\.branch: /);
    for (const branch of ['main', 'release/1.x', 'v1.0']) expect(problems({ release: { branch } }), branch).toEqual([]);
  });

  it('refuses a remote that could be read as an option or holds control characters', () => {
    for (const remote of ['-x', '--receive-pack=touch /tmp/x', 'a\nb', 'a\u0000b'])
      expect(problems({ release: { remote } }).join('\n'), remote).toMatch(/^release\.remote: /);
    for (const remote of ['origin', 'upstream', 'https://example.invalid/x.git', 'git@example.invalid:org/x.git', '../other.git'])
      expect(problems({ release: { remote } }), remote).toEqual([]);
  });

  it('refuses control characters in a source file name', () => {
    for (const file of ['a\nb.toml', 'a\rb', 'a\u001b]0;x\u0007', 'a\u0000'])
      expect(problems({ sources: [{ file, type: 'toml' }] }).join('\n'), JSON.stringify(file)).toMatch(/^sources\[0\]\.file: /);
  });
});
