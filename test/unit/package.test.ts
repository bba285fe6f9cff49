// The package model and the check use case, in-process over in-memory files: what loading gives
// every rule and command, and check's result, with no disk, no git and no process.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectWith } from '../../src/core/inspect.js';
import { loadProject } from '../../src/core/project.js';
import { filesRulesRead } from '../../src/rules/index.js';
import { memoryConfig, memoryReader, ROOT, type MemoryFiles } from '../helpers/memory-reader.js';
import { pyproject, TWO_SOURCES, versionPy } from '../helpers/rule-fixtures.js';

/** Every file of an example project, by its root-relative path. */
function exampleFiles(name: string): MemoryFiles {
  const dir = path.resolve('examples', name);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
  return Object.fromEntries(files.map((f) => [f.split(path.sep).join('/'), readFileSync(path.join(dir, f))]));
}

describe('loading', () => {
  const files = { 'pyproject.toml': pyproject('1.2.0', 'Demo_Pkg'), 'demo/__init__.py': versionPy('1.2.0'), 'CHANGELOG.md': '## [1.2.0]\n' };

  it("gives a list of packages, one today, whose fields are also the project's", async () => {
    const project = await loadProject(memoryConfig(files, TWO_SOURCES), memoryReader(files));
    expect(project.packages).toHaveLength(1);
    const [pkg] = project.packages;
    expect(pkg).toMatchObject({ name: 'Demo_Pkg', root: ROOT, version: '1.2.0', distribution: 'Demo_Pkg', versioning: 'semver' });
    expect(pkg!.sources.map((s) => [s.file, s.primary, s.hits[0]?.value])).toEqual([
      ['pyproject.toml', true, '1.2.0'],
      ['demo/__init__.py', false, '1.2.0'],
    ]);
    expect(pkg!.primary).toBe(pkg!.sources[0]);
    expect(pkg!.scheme.name).toBe('pep440');
    expect(pkg!.tagReader.prefix).toBe('v');
    for (const key of ['sources', 'primary', 'version', 'scheme', 'tagReader', 'distribution', 'name'] as const) expect(project[key]).toBe(pkg![key]);
  });

  it('names the package after its directory when pyproject.toml names no distribution', async () => {
    const bare = { 'pyproject.toml': '[project]\nversion = "1.0.0"\n' };
    const pkg = (await loadProject(memoryConfig(bare, { sources: [{ file: 'pyproject.toml', type: 'toml' }] }), memoryReader(bare))).packages[0]!;
    expect([pkg.name, pkg.distribution]).toEqual(['demo', undefined]);
  });

  it('reads the files a rule that is on declares, and refuses any other', async () => {
    const asked: string[][] = [];
    const reader = memoryReader(files);
    const counting = (wanted: string[]) => (asked.push(wanted), reader(wanted));
    const on = await loadProject(memoryConfig(files, { ...TWO_SOURCES, rules: { 'changelog-entry': ['warn', { file: 'CHANGELOG.md' }] } }), counting);
    expect(on.read('CHANGELOG.md')).toEqual({ text: '## [1.2.0]\n' });
    expect(() => on.read('README.md')).toThrow(/README\.md was not read/);
    // One batch: the git index is read once (with the files the MCP rules look for, which this project lacks).
    expect(asked).toEqual([['pyproject.toml', 'demo/__init__.py', 'CHANGELOG.md', 'package.json', 'server.json', 'manifest.json']]);
    const off = await loadProject(memoryConfig(files, TWO_SOURCES), memoryReader(files));
    expect(() => off.read('CHANGELOG.md')).toThrow();
  });

  it("asks for a rule's files only while the rule is on, by its options", () => {
    expect(filesRulesRead({})).toEqual([]);
    expect(filesRulesRead({ 'changelog-entry': 'error' })).toEqual(['CHANGELOG.md']);
    expect(filesRulesRead({ 'changelog-entry': ['warn', { file: 'docs/NEWS.md' }] })).toEqual(['docs/NEWS.md']);
    expect(filesRulesRead({ 'changelog-entry': ['off', { file: 'docs/NEWS.md' }] })).toEqual([]);
  });
});

describe('check, in-process', () => {
  it("reports the heimdall-mcp drift exactly, from the example's files", async () => {
    const files = exampleFiles('heimdall-mcp-drifted');
    const loaded = memoryConfig(files, JSON.parse(String(files['.heimdallrc.json'])));
    const { result } = await inspectWith(loaded, memoryReader(files), false);
    const vpy = 'cognitive_memory/core/version.py';
    expect(result.ok).toBe(false);
    expect(result.version).toBe('0.2.0');
    expect(result.sources.map((s) => [s.file, s.primary, s.version, s.line, s.column])).toEqual([
      ['pyproject.toml', true, '0.2.0', expect.any(Number), 12],
      [vpy, false, '0.1.0', 9, 23],
    ]);
    // Not a git repository: the tag rules say they were skipped, first (no file), then by file and line.
    expect(result.diagnostics.map((d) => [d.rule, d.messageId, d.severity, d.file, d.line, d.column])).toEqual([
      ['tag-mismatch', 'skipped', 'warn', undefined, undefined, undefined],
      ['runtime-lookup', 'otherWithFallback', 'error', vpy, 6, 31],
      ['version-mismatch', 'differs', 'error', vpy, 9, 23],
    ]);
  });

  it('passes a consistent project, with only the skipped tag rules as a warning', async () => {
    const files = { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': versionPy('1.2.0') };
    const { result } = await inspectWith(memoryConfig(files, TWO_SOURCES), memoryReader(files), false);
    expect(result).toMatchObject({ ok: true, version: '1.2.0', root: ROOT });
    expect(result.diagnostics.map((d) => d.messageId)).toEqual(['skipped']);
  });
});
