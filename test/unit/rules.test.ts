import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import type { LoadedSource, Project } from '../../src/core/project.js';
import { runRules } from '../../src/rules/index.js';
import { normalizeDistribution } from '../../src/rules/runtime-lookup.js';
import { newestTag } from '../../src/version/semver.js';
import type { TagState } from '../../src/rules/types.js';

function source(file: string, hits: string[], extra: Partial<LoadedSource> = {}): LoadedSource {
  return {
    name: file, file, config: { file, type: 'toml' }, primary: false, label: 'version', text: '',
    hits: hits.map((value, i) => ({ value, start: 0, end: value.length, line: i + 1, column: 1 })),
    lookups: [], problems: [], ...extra,
  };
}

function project(sources: LoadedSource[], distribution = 'heimdall-mcp'): Project {
  sources[0]!.primary = true;
  return { config: defaultConfig(), root: '/p', sources, primary: sources[0]!, version: sources[0]!.hits[0]?.value, distribution };
}

const noTags: TagState = { available: true, headTags: [], shallow: false, changedSinceHead: false, staged: false };
const tag = (version: string) => ({ name: `v${version}`, version });

describe('rules', () => {
  it('normalizes distribution names as PEP 503 does', () => {
    expect(normalizeDistribution('Heimdall_MCP')).toBe('heimdall-mcp');
    expect(normalizeDistribution('heimdall..mcp')).toBe('heimdall-mcp');
  });

  it('accepts a lookup of the project under another spelling, rejects another distribution', () => {
    const lookup = (distribution: string) => source('v.py', ['0.2.0'], { lookups: [{ distribution, start: 0, end: 1, line: 6, column: 30 }] });
    expect(runRules({ project: project([source('p', ['0.2.0']), lookup('Heimdall_MCP')]), tags: noTags }, {})).toEqual([]);
    expect(runRules({ project: project([source('p', ['0.2.0']), lookup('heimdall-mcp-server')]), tags: noTags }, {}).map((d) => d.rule)).toEqual(['runtime-lookup']);
  });

  it('honours configured severities', () => {
    const p = project([source('p', ['0.2.0']), source('q', ['0.1.0'])]);
    expect(runRules({ project: p, tags: noTags }, { 'version-mismatch': 'warn' })).toEqual([expect.objectContaining({ rule: 'version-mismatch', severity: 'warn' })]);
    expect(runRules({ project: p, tags: noTags }, { 'version-mismatch': 'off' })).toEqual([]);
  });

  it('compares tags by SemVer precedence', () => {
    const p = project([source('p', ['1.0.0'])]);
    const ahead = (versions: string[]) => runRules({ project: p, tags: { ...noTags, newest: newestTag(versions.map((v) => `v${v}`), 'v') } }, {}).map((d) => d.rule);
    expect(ahead(['0.9.0', '1.0.0-rc.1', '0.10.0', 'v1.2', 'latest'])).toEqual([]);
    expect(ahead(['1.0.1'])).toEqual(['tag-ahead']);
    expect(ahead(['1.0.0-rc.1', '1.1.0-alpha.0'])).toEqual(['tag-ahead']);
    expect(ahead(['01.0.0', '2.0', '2.0.0.0', '1.0.0'])).toEqual([]);
  });

  it('holds HEAD\'s tags against the version unless the version files moved on', () => {
    const p = project([source('p', ['0.2.0'])]);
    const head = { ...noTags, newest: tag('0.1.0'), headTags: [tag('0.1.0')] };
    expect(runRules({ project: p, tags: head }, {}).map((d) => d.rule)).toEqual(['tag-mismatch']);
    expect(runRules({ project: p, tags: { ...head, changedSinceHead: true } }, {})).toEqual([]);
    expect(runRules({ project: p, tags: { ...head, staged: true } }, {})).toEqual([]);
  });
});
