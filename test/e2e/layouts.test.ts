// Zero configuration on every standard layout: the primary source is the version the build backend
// puts in the wheel. Each fixture (test/fixtures/layouts/) is built by Debian's python3 -m build
// --no-isolation where its backend is installed, before and after a bump.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const PY = process.env.HEIMDALL_TEST_PYTHON ?? '/usr/bin/python3';
const FIXTURES = path.join(PROJECT, 'test/fixtures/layouts');

interface Case {
  fixture: string;
  layout: string;
  version: string;
  /** The Python module the backend needs, to prove the version with a real build. */
  backend: string;
  /** The backend is not packaged for Debian: the layout is checked without a build unless it is installed. */
  unpackaged?: true;
  /** The file bump rewrites, and its exact bytes after bumping to the next patch. */
  bumps?: { file: string; from: string; to: string };
}

const FILE_LAYOUTS: Case[] = [
  {
    fixture: 'static',
    layout: 'static',
    version: '1.4.2',
    backend: 'setuptools',
    bumps: { file: 'pyproject.toml', from: 'version = "1.4.2"', to: 'version = "1.4.3"' },
  },
  {
    fixture: 'poetry',
    layout: 'poetry',
    version: '0.3.1',
    backend: 'poetry.core',
    bumps: { file: 'pyproject.toml', from: 'version = "0.3.1"', to: 'version = "0.3.2"' },
  },
  {
    fixture: 'hatch-path',
    layout: 'hatch-path',
    version: '2.0.1',
    backend: 'hatchling',
    bumps: { file: 'src/hatch_demo/__about__.py', from: '"2.0.1"', to: '"2.0.2"' },
  },
  {
    fixture: 'hatch-pattern',
    layout: 'hatch-path',
    version: '3.2.0',
    backend: 'hatchling',
    bumps: { file: 'hatch_pattern_demo/__init__.py', from: "'b3.2.0'", to: "'b3.2.1'" },
  },
  {
    fixture: 'setuptools-attr',
    layout: 'setuptools-attr',
    version: '0.8.0',
    backend: 'setuptools',
    bumps: { file: 'src/my_package/__init__.py', from: '"0.8.0"', to: '"0.8.1"' },
  },
  { fixture: 'setuptools-file', layout: 'setuptools-file', version: '5.1.0', backend: 'setuptools', bumps: { file: 'VERSION', from: '5.1.0', to: '5.1.1' } },
  {
    fixture: 'pdm-file',
    layout: 'pdm-file',
    version: '0.6.0',
    backend: 'pdm.backend',
    unpackaged: true,
    bumps: { file: 'src/pdm_demo/__init__.py', from: '"0.6.0"', to: '"0.6.1"' },
  },
  { fixture: 'flit', layout: 'flit', version: '0.7.3', backend: 'flit_core', bumps: { file: 'flit_demo/__init__.py', from: '"0.7.3"', to: '"0.7.4"' } },
  {
    fixture: 'setup-cfg',
    layout: 'setup.cfg',
    version: '1.0.4',
    backend: 'setuptools',
    bumps: { file: 'setup.cfg', from: 'version = 1.0.4', to: 'version = 1.0.5' },
  },
  {
    fixture: 'setup-cfg-attr',
    layout: 'setup.cfg-attr',
    version: '2.2.0',
    backend: 'setuptools',
    bumps: { file: 'cfg_attr_demo/__init__.py', from: '"2.2.0"', to: '"2.2.1"' },
  },
  {
    fixture: 'setup-py',
    layout: 'setup.py',
    version: '3.0.2',
    backend: 'setuptools',
    bumps: { file: 'setup.py', from: 'version="3.0.2"', to: 'version="3.0.3"' },
  },
];

const TAG_LAYOUTS: (Case & { check: number; literal?: string })[] = [
  { fixture: 'setuptools-scm', layout: 'setuptools-scm', version: '1.5.0', backend: 'setuptools_scm', check: 1, literal: 'scm_demo/__init__.py' },
  { fixture: 'hatch-vcs', layout: 'hatch-vcs', version: '1.5.0', backend: 'hatch_vcs', check: 0 },
  { fixture: 'pdm-scm', layout: 'pdm-scm', version: '1.5.0', backend: 'pdm.backend', unpackaged: true, check: 0 },
  {
    fixture: 'poetry-dynamic-versioning',
    layout: 'poetry-dynamic-versioning',
    version: '1.5.0',
    backend: 'poetry_dynamic_versioning',
    unpackaged: true,
    check: 1,
    literal: 'pdv_demo/__init__.py',
  },
];

/** Whether the wheel proof can run: a backend Debian packages must be there (needs() fails under CI), others may be. */
const canBuild = (c: Case): boolean => {
  const there = spawnSync(PY, ['-c', `import ${c.backend}, build`]).status === 0;
  return c.unpackaged
    ? there
    : needs(
        there,
        `the wheel proof for ${c.fixture} (layouts.test.ts): ${c.backend} is not installed for ${PY}`,
        'apt-get install python3-build and the backend (see .ci/run)',
      );
};

function fixtureRepo(name: string): TempRepo {
  const repo = tempRepo();
  cpSync(path.join(FIXTURES, name), repo.dir, { recursive: true });
  return repo.commit('fixture');
}

/** Builds a wheel outside the work tree and returns the version in its file name. */
function wheelVersion(repo: TempRepo): string {
  const out = tempDir('hv-wheel-');
  const res = spawnSync(PY, ['-m', 'build', '--wheel', '--no-isolation', '--skip-dependency-check', '--outdir', out, repo.dir], {
    encoding: 'utf8',
    env: testEnv({ PIP_NO_INDEX: '1' }),
  });
  expect(res.status, res.stderr + res.stdout).toBe(0);
  const wheel = readdirSync(out).find((f) => f.endsWith('.whl'))!;
  return wheel.split('-')[1]!;
}

const show = (repo: TempRepo) =>
  JSON.parse(run(['show', '--json'], repo.dir).stdout) as {
    version: string;
    layout: { id: string; reason: string; fromTags?: string };
    sources: { file: string; primary: boolean }[];
  };

describe('zero configuration finds the version where the build backend takes it', () => {
  for (const c of FILE_LAYOUTS) {
    it(`${c.fixture}: check passes, show names the layout, bump rewrites ${c.bumps!.file}, and the wheel carries each version`, () => {
      const repo = fixtureRepo(c.fixture);
      const shown = show(repo);
      expect(shown.version).toBe(c.version);
      expect(shown.layout.id).toBe(c.layout);
      expect(shown.layout.reason).not.toBe('');
      expect(shown.sources.find((s) => s.primary)?.file).toBe(c.bumps!.file);
      expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stderr: '' });
      const built = canBuild(c);
      if (built) expect(wheelVersion(repo)).toBe(c.version);

      const before = repo.read(c.bumps!.file);
      expect(run(['bump', 'patch', '--allow-dirty'], repo.dir).code).toBe(0);
      expect(repo.read(c.bumps!.file)).toBe(before.replace(c.bumps!.from, c.bumps!.to));
      const next = show(repo).version;
      expect(next).not.toBe(c.version);
      if (built) expect(wheelVersion(repo)).toBe(next);
    });
  }
});

describe('a version from git tags: tags are the truth', () => {
  for (const c of TAG_LAYOUTS) {
    it(`${c.fixture}: show gives the newest tag, check ${c.literal ? 'reports the committed literal' : 'says there is nothing to drift'}, bump refuses`, () => {
      const repo = fixtureRepo(c.fixture).tag('v1.4.0').commit('more').tag(`v${c.version}`);
      const shown = show(repo);
      expect(shown).toMatchObject({ version: c.version, layout: { id: c.layout, fromTags: c.layout } });
      const res = run(['check'], repo.dir);
      expect(res.code).toBe(c.check);
      if (c.literal) expect(res.stdout).toContain(`${c.literal}:1:16  error  __version__ is 0.`);
      else expect(res.stdout).toContain(`✔ ${c.version}: the version comes from git tags (${c.layout}), no file holds it`);
      const bump = run(['bump', 'patch'], repo.dir);
      expect(bump.code).toBe(2);
      expect(bump.stderr).toContain('bump: the version comes from git tags');
      if (canBuild(c)) expect(wheelVersion(repo)).toBe(c.version);
    });
  }

  it('warns that an agreeing literal goes stale at the next tag', () => {
    const repo = fixtureRepo('setuptools-scm').tag('v0.1.0');
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      'scm_demo/__init__.py:1:16  warn   __version__ is a literal 0.1.0: it goes stale at the next tag; with setuptools-scm the tags are the version; read it with importlib.metadata.version("scm-demo") instead of a literal',
    );
  });
});
