// The pure pieces of a workspace bump, in-process: which packages a bump names (bump-select.ts) and
// which bytes of the siblings' manifests an exact pin rewrites, in each syntax (pin-edits.ts).
import { describe, expect, it } from 'vitest';
import { bumpTarget } from '../../src/core/bump-select.js';
import { siblingFacts } from '../../src/core/inspect-workspace.js';
import { exactVersionPart, pinEdits } from '../../src/core/pin-edits.js';
import { loadProject } from '../../src/core/project.js';
import { UserError } from '../../src/core/errors.js';
import { memoryWorkspace, type WorkspaceCase } from '../helpers/workspace-tester.js';
import { memoryReader } from '../helpers/memory-reader.js';

const py = (name: string, version: string, extra = '') => `[project]\nname = "${name}"\nversion = "${version}"\n${extra}`;

/** The edits bumping `core` to `to` makes in the other packages, each applied to its file. */
async function rewritten(c: WorkspaceCase, to: string) {
  const loaded = memoryWorkspace(c);
  const project = await loadProject(loaded, memoryReader(c.files), async () => []);
  const core = project.packages.find((p) => p.name === 'core')!;
  const { edits, problems } = pinEdits(project.packages, [{ facts: siblingFacts(core), to }]);
  const files: Record<string, string> = {};
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    const text = files[e.file] ?? (c.files[e.file] as string);
    files[e.file] = text.slice(0, e.start) + e.new + text.slice(e.end);
  }
  return { files, problems };
}

describe('pin edits', () => {
  it('the version part of an exact pin', () => {
    expect(['==1.2.0', '=== 1.2.0', '1.2.0', '=1.2.0', 'v1.2.0', 'workspace:1.2.0'].map((s) => exactVersionPart(s))).toEqual([
      { start: 2, end: 7 },
      { start: 4, end: 9 },
      { start: 0, end: 5 },
      { start: 1, end: 6 },
      { start: 1, end: 6 },
      { start: 10, end: 15 },
    ]);
  });

  it('rewrites exact pins in every Python table and package.json, and nothing else', async () => {
    const extras = py(
      'extras',
      '1.0.0',
      [
        'dependencies = ["core==2.0.0", "other==2.0.0", "core-x==2.0.0"]',
        '[project.optional-dependencies]',
        'all = [\'core[fast] (===2.0.0) ; python_version > "3.9"\']',
        '[dependency-groups]',
        'dev = ["core>=2"]',
        'tpl = ["core=={{ version }}"]',
        '',
      ].join('\n'),
    );
    const poetry = '[tool.poetry]\nname = "poet"\nversion = "1.0.0"\n[tool.poetry.dependencies]\npython = "^3.10"\ncore = "2.0.0"\n';
    const { files, problems } = await rewritten(
      {
        name: 'pins',
        files: {
          'core/pyproject.toml': py('core', '2.0.0'),
          'extras/pyproject.toml': extras,
          'poet/pyproject.toml': poetry,
        },
        packages: [{ path: 'core' }, { path: 'extras' }, { path: 'poet' }],
      },
      '2.1.0',
    );
    expect(problems).toEqual([]);
    expect(files).toEqual({
      'extras/pyproject.toml': extras.replace('"core==2.0.0"', '"core==2.1.0"').replace('(===2.0.0)', '(===2.1.0)'),
      'poet/pyproject.toml': poetry.replace('core = "2.0.0"', 'core = "2.1.0"'),
    });
  });

  it('an npm sibling pinned exactly is rewritten in SemVer; a caret range that still holds is left', async () => {
    const app =
      '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": { "core": "1.3.0-rc.1", "x": "1.3.0-rc.1" },\n  "peerDependencies": { "core": "^1.3.0-rc.1" }\n}\n';
    const { files } = await rewritten(
      {
        name: 'npm',
        files: { 'core/package.json': '{ "name": "core", "version": "1.3.0-rc.1" }\n', 'app/package.json': app },
        packages: [{ path: 'core' }, { path: 'app' }],
      },
      '1.3.0-rc.2',
    );
    expect(files).toEqual({ 'app/package.json': app.replace('"core": "1.3.0-rc.1"', '"core": "1.3.0-rc.2"') });
  });

  it('a range the new version leaves is a located problem', async () => {
    const { problems } = await rewritten(
      {
        name: 'range',
        files: { 'core/pyproject.toml': py('core', '2.0.0'), 'app/pyproject.toml': py('app', '1.0.0', 'dependencies = ["core~=2.0.0"]\n') },
        packages: [{ path: 'core' }, { path: 'app' }],
      },
      '2.1.0',
    );
    expect(problems).toEqual(['app/pyproject.toml:4:22: [project] dependencies requires core ~=2.0.0, which excludes 2.1.0; widen it first']);
  });
});

describe('what a workspace bump names', () => {
  const ws = (groups: { name: string; packages: string[] }[] = []) =>
    memoryWorkspace({
      name: 'w',
      files: { 'a/pyproject.toml': py('a', '1.0.0'), 'b/pyproject.toml': py('b', '1.0.0'), 'c/pyproject.toml': py('c', '1.0.0') },
      packages: [{ path: 'a' }, { path: 'b' }, { path: 'c' }],
      groups,
    }).workspace!;
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof UserError ? [e.exitCode, e.message] : e;
    }
    return 'no error';
  };

  it('a package by name or path, a group, or the one group holding every package', () => {
    expect(bumpTarget(ws(), 'b', undefined)).toEqual({ name: 'b', packages: ['b'] });
    expect(bumpTarget(ws(), './c/', undefined).packages).toEqual(['c']);
    expect(bumpTarget(ws([{ name: 'g', packages: ['c', 'a'] }]), undefined, 'g').packages).toEqual(['c', 'a']);
    expect(bumpTarget(ws([{ name: 'all', packages: ['a', 'b', 'c'] }]), undefined, undefined).name).toBe('all');
  });

  it('usage errors (exit 2): nothing named, a misspelt name, a grouped package alone, both flags', () => {
    expect(error(() => bumpTarget(ws([{ name: 'g', packages: ['a', 'b'] }]), undefined, undefined))).toEqual([
      2,
      'this workspace has 2 independently versioned packages or groups; name what to bump with --package NAME or --group NAME (the packages: a, b, c; the groups: g)',
    ]);
    expect(error(() => bumpTarget(ws([{ name: 'grp', packages: ['a', 'b'] }]), undefined, 'grq'))).toEqual([
      2,
      '--group: no group is named "grq"; did you mean "grp"? (the packages: a, b, c; the groups: grp)',
    ]);
    expect(error(() => bumpTarget(ws([{ name: 'g', packages: ['a', 'b'] }]), 'a', undefined))).toEqual([
      2,
      '--package: a is in the fixed group "g" (a, b), which has one version: bump --group g',
    ]);
    expect(error(() => bumpTarget(ws(), 'a', 'g'))).toEqual([2, 'bump takes --package or --group, not both']);
  });
});
