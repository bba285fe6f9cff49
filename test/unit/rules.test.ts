// The rule engine: severities, options, messages made from ids and data, and a few rules' decisions on hand-made sources.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedSource } from '../../src/core/package.js';
import { formatMessage, RULES, runRules } from '../../src/rules/index.js';
import { defineRule } from '../../src/rules/types.js';
import { ruleSettings } from '../../src/config/rules.js';
import { text } from '../../src/config/fields.js';
import { normalizeDistribution } from '../../src/core/names.js';
import { pep440 } from '../../src/version/pep440.js';
import { semver } from '../../src/version/semver.js';
import { TagReader } from '../../src/version/tags.js';
import type { RuleContext, TagState } from '../../src/rules/types.js';

function source(file: string, hits: string[], extra: Partial<LoadedSource> = {}): LoadedSource {
  return {
    name: file,
    file,
    config: { file, type: 'toml' },
    primary: false,
    scheme: pep440,
    label: 'version',
    text: '',
    hits: hits.map((value, i) => ({ value, start: 0, end: value.length, line: i + 1, column: 1 })),
    lookups: [],
    problems: [],
    ...extra,
  };
}

const noTags: TagState = { available: true, headTags: [], shallow: false, changedSinceHead: false, staged: false };

/** What a rule sees of a package whose first source is the primary; `tagReader` for building tag states. */
function project(sources: LoadedSource[], distribution = 'heimdall-mcp'): RuleContext & { tagReader: TagReader } {
  sources[0]!.primary = true;
  const scheme = sources[0]!.scheme;
  const tagReader = new TagReader('v', scheme, scheme === pep440 ? semver : pep440);
  // The files rules find for themselves (meta.discover) are absent here; any other is a rule reading what it never declared.
  const discoverable = new Set([
    'pyproject.toml',
    'package.json',
    ...RULES.flatMap((r) => (r.meta as { discover?: (read: () => undefined) => string[] }).discover?.(() => undefined) ?? []),
  ]);
  const read = (file: string): { missing: string } => {
    if (discoverable.has(file)) return { missing: 'does not exist' };
    throw new Error(`${file} was not declared`);
  };
  return {
    name: distribution,
    sources,
    primary: sources[0]!,
    version: sources[0]!.hits[0]?.value,
    distribution,
    scheme,
    versioning: 'semver',
    tagReader,
    tags: noTags,
    releasing: false,
    read,
  };
}
const tag = (version: string) => ({ name: `v${version}`, version });

describe('rules', () => {
  it('normalizes distribution names as PEP 503 does', () => {
    expect(normalizeDistribution('Heimdall_MCP')).toBe('heimdall-mcp');
    expect(normalizeDistribution('heimdall..mcp')).toBe('heimdall-mcp');
  });

  it('accepts a lookup of the project under another spelling, rejects another distribution', () => {
    const lookup = (distribution: string) => source('v.py', ['0.2.0'], { lookups: [{ distribution, start: 0, end: 1, line: 6, column: 30 }] });
    expect(runRules({ ...project([source('p', ['0.2.0']), lookup('Heimdall_MCP')]), tags: noTags }, {})).toEqual([]);
    expect(runRules({ ...project([source('p', ['0.2.0']), lookup('heimdall-mcp-server')]), tags: noTags }, {}).map((d) => d.rule)).toEqual(['runtime-lookup']);
  });

  it('honours configured severities', () => {
    const p = project([source('p', ['0.2.0']), source('q', ['0.1.0'])]);
    expect(runRules({ ...p, tags: noTags }, { 'version-mismatch': 'warn' })).toEqual([expect.objectContaining({ rule: 'version-mismatch', severity: 'warn' })]);
    expect(runRules({ ...p, tags: noTags }, { 'version-mismatch': 'off' })).toEqual([]);
  });

  const aheadOf = (p: ReturnType<typeof project>) => (names: string[]) =>
    runRules({ ...p, tags: { ...noTags, newest: p.tagReader.newest(names.map((v) => `v${v}`)) } }, {}).map((d) => d.rule);

  it('compares tags by SemVer precedence in a SemVer project', () => {
    const ahead = aheadOf(project([source('package.json', ['1.0.0'], { scheme: semver })]));
    expect(ahead(['0.9.0', '1.0.0-rc.1', '0.10.0', 'v1.2', 'latest'])).toEqual([]);
    expect(ahead(['1.0.1'])).toEqual(['tag-ahead']);
    expect(ahead(['1.0.0-rc.1', '1.1.0-alpha.0'])).toEqual(['tag-ahead']);
    expect(ahead(['01.0.0', '2.0', '2.0.0.0', '1.0.0'])).toEqual([]);
  });

  it('orders tags as PEP 440 does in a Python project: dev < a < b < rc < final < post', () => {
    const ahead = aheadOf(project([source('p', ['1.0.0'])]));
    expect(ahead(['1.0.0rc1', '1.0.0-rc.2', '1.0.0.dev5', '0.9.post3', '1.0', 'latest'])).toEqual([]);
    expect(ahead(['1.0.0.post1'])).toEqual(['tag-ahead']);
    expect(ahead(['1.0.1.dev0'])).toEqual(['tag-ahead']);
    expect(ahead(['2.0'])).toEqual(['tag-ahead']);
    expect(aheadOf(project([source('p', ['1.0.1b1'])]))(['1.0.1.dev0', '1.0.1a3'])).toEqual([]);
  });

  it('sees the same release in a tag spelled either way', () => {
    const p = project([source('p', ['0.3.0rc1'])]);
    expect(runRules({ ...p, tags: { ...noTags, headTags: [{ name: 'v0.3.0-rc.1', version: '0.3.0-rc.1' }] } }, {})).toEqual([]);
  });

  it('compares sources by meaning and says when no mapping exists', () => {
    const rules = (primary: string, json: string) =>
      runRules({ ...project([source('pyproject.toml', [primary]), source('package.json', [json], { scheme: semver })]), tags: noTags }, {});
    expect(rules('0.3.0rc1', '0.3.0-rc.1')).toEqual([]);
    expect(rules('1.0.0', '1.0.0-rc.1')).toEqual([expect.objectContaining({ rule: 'version-mismatch' })]);
    const post = rules('1.0.0.post1', '1.0.0');
    expect(post.map((d) => d.rule)).toEqual(['invalid-version', 'version-mismatch']);
    expect(post[1]!.message).toContain('cannot be stated in package.json: SemVer has no post-releases');
  });

  it('holds a version to the versioning policy, naming the nearest allowed one', () => {
    const p = project([source('pyproject.toml', ['1.0'])]);
    const [d] = runRules({ ...p, tags: noTags }, {});
    expect(d).toMatchObject({ rule: 'invalid-version', message: expect.stringContaining('the nearest allowed version is 1.0.0') });
    p.versioning = 'pep440';
    expect(runRules({ ...p, tags: noTags }, {})).toEqual([]);
  });

  it('warns about a Python version not in normalized form', () => {
    expect(runRules({ ...project([source('pyproject.toml', ['0.3.0-rc.1'])]), tags: noTags }, {})).toEqual([
      expect.objectContaining({ rule: 'version-spelling', severity: 'warn', message: expect.stringContaining('normalizes to 0.3.0rc1') }),
    ]);
  });

  it("holds HEAD's tags against the version unless the version files moved on", () => {
    const p = project([source('p', ['0.2.0'])]);
    const head = { ...noTags, newest: tag('0.1.0'), headTags: [tag('0.1.0')] };
    expect(runRules({ ...p, tags: head }, {}).map((d) => d.rule)).toEqual(['tag-mismatch']);
    expect(runRules({ ...p, tags: { ...head, changedSinceHead: true } }, {})).toEqual([]);
    expect(runRules({ ...p, tags: { ...head, staged: true } }, {})).toEqual([]);
  });
});

describe('messages', () => {
  it("carry a stable id and their data; the words are made from the rule's template", () => {
    const p = project([source('p', ['0.2.0']), source('q', ['0.1.0'])]);
    expect(runRules({ ...p, tags: noTags }, {})).toEqual([
      {
        rule: 'version-mismatch',
        severity: 'error',
        messageId: 'differs',
        data: { label: 'version', found: '0.1.0', expected: '0.2.0', primaryFile: 'p' },
        message: 'version is 0.1.0 but p says 0.2.0',
        file: 'q',
        line: 1,
        column: 1,
      },
    ]);
  });

  it('leaves a placeholder without data visible rather than empty', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('a rule with options', () => {
  const changelog = defineRule({
    meta: {
      id: 'example-option',
      description: 'An example of a rule that owns options.',
      defaultSeverity: 'warn',
      messages: { says: 'the file is {file}' },
      options: { file: text().default('CHANGELOG.md').describe('The file to look at.') },
    },
    check: (_context, options) => [{ messageId: 'says', data: { file: options.file } }],
  });
  const context = { ...project([source('p', ['0.2.0'])]), tags: noTags };

  it('gets its defaults, or the options configured with its severity', () => {
    expect(runRules(context, {}, [changelog])).toEqual([expect.objectContaining({ severity: 'warn', messageId: 'says', message: 'the file is CHANGELOG.md' })]);
    expect(runRules(context, { 'example-option': ['error', { file: 'NEWS.md' }] }, [changelog])).toEqual([
      expect.objectContaining({ severity: 'error', message: 'the file is NEWS.md' }),
    ]);
  });

  it('has its options validated by the configuration, with located messages, and in the schema', () => {
    const settings = ruleSettings([changelog]);
    const problems: string[] = [];
    const issue = (where: string, what: string) => problems.push(`${where}: ${what}`);
    expect(settings.parse({ 'example-option': ['warn', { file: 'NEWS.md' }] }, 'rules', issue)).toEqual({ 'example-option': ['warn', { file: 'NEWS.md' }] });
    expect(settings.parse({ 'example-option': ['warn'] }, 'rules', issue)).toEqual({ 'example-option': ['warn', { file: 'CHANGELOG.md' }] });
    settings.parse({ 'example-option': ['fatal', { file: '', other: 1 }] }, 'rules', issue);
    settings.parse({ 'example-option': 'fatal' }, 'rules', issue);
    expect(problems).toEqual([
      'rules.example-option[0]: must be one of error, warn, off',
      'rules.example-option[1].other: unknown key (known: file)',
      'rules.example-option[1].file: must be a non-empty string, not a string',
      'rules.example-option: must be one of error, warn, off',
    ]);
    expect(settings.jsonSchema().properties).toEqual({
      'example-option': {
        description: 'An example of a rule that owns options.',
        anyOf: [
          { enum: ['error', 'warn', 'off'] },
          {
            type: 'array',
            minItems: 1,
            maxItems: 2,
            items: [
              { enum: ['error', 'warn', 'off'] },
              {
                type: 'object',
                additionalProperties: false,
                properties: { file: { type: 'string', minLength: 1, default: 'CHANGELOG.md', description: 'The file to look at.' } },
              },
            ],
          },
        ],
      },
    });
  });
});

describe('the rule tables', () => {
  it('exist for every rule, one file each under test/unit/rules/', () => {
    const tables = readdirSync(path.resolve('test/unit/rules')).map((f) => f.replace(/\.test\.ts$/, ''));
    expect(RULES.map((r) => r.meta.id).filter((id) => !tables.includes(id))).toEqual([]);
  });
});
