// The pre-commit framework's hook (.pre-commit-hooks.yaml) runs whenever a commit can change a
// version: a version file named by the build backend or by the configuration, whatever its name,
// blocks the commit when it goes behind the newest tag or away from the primary. Real pre-commit,
// the hook repository installed from a file:// clone of this one.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';
import { selfRepo } from '../helpers/self-repo.js';

afterAll(cleanupTempDirs);

const hasPreCommit = needs(
  spawnSync('pre-commit', ['--version']).status === 0,
  'the pre-commit framework tests (test/e2e/pre-commit-files.test.ts)',
  'apt-get install pre-commit',
);

const dynamic = (tool: string) => `[project]\nname = "demo"\ndynamic = ["version"]\n\n${tool}`;
const CONFIGURED = (sources: object[]) =>
  JSON.stringify({ sources: [{ file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true }, ...sources] });
const STATIC = '[project]\nname = "demo"\nversion = "1.2.0"\n';

/** Each project states 1.2.0 (tagged v1.2.0) in `file`; the commit under test rewrites it to 1.1.0 there alone. */
const CASES: { name: string; file: string; files: Record<string, string>; says: string }[] = [
  {
    name: "hatch's __about__.py",
    file: 'src/demo/__about__.py',
    files: { 'pyproject.toml': dynamic('[tool.hatch.version]\npath = "src/demo/__about__.py"\n'), 'src/demo/__about__.py': '__version__ = "1.2.0"\n' },
    says: 'tag-ahead',
  },
  {
    name: 'a VERSION file',
    file: 'VERSION',
    files: { 'pyproject.toml': dynamic('[tool.setuptools.dynamic]\nversion = { file = "VERSION" }\n'), VERSION: '1.2.0\n' },
    says: 'tag-ahead',
  },
  { name: 'setup.py', file: 'setup.py', files: { 'setup.py': 'from setuptools import setup\nsetup(name="demo", version="1.2.0")\n' }, says: 'tag-ahead' },
  { name: 'setup.cfg', file: 'setup.cfg', files: { 'setup.cfg': '[metadata]\nname = demo\nversion = 1.2.0\n' }, says: 'tag-ahead' },
  {
    name: "Sphinx's docs/conf.py, configured",
    file: 'docs/conf.py',
    files: {
      'pyproject.toml': STATIC,
      'docs/conf.py': 'release = "1.2.0"\n',
      '.heimdallrc.json': CONFIGURED([{ file: 'docs/conf.py', type: 'python', variable: 'release' }]),
    },
    says: 'version-mismatch',
  },
  {
    name: 'a README pin, configured',
    file: 'README.md',
    files: {
      'pyproject.toml': STATIC,
      'README.md': 'pip install demo==1.2.0\n',
      '.heimdallrc.json': CONFIGURED([{ file: 'README.md', type: 'regex', pattern: 'demo==(?<version>\\S+)' }]),
    },
    says: 'version-mismatch',
  },
];

describe.skipIf(!hasPreCommit)('the pre-commit framework hook runs whenever a commit can change a version', () => {
  let url: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    url = `file://${selfRepo('v0.1.0').dir}`;
    env = testEnv({ PRE_COMMIT_HOME: tempDir('hv-pch-') }); // shared: the hook is installed once
  }, 300_000);

  const project = (files: Record<string, string>): TempRepo => {
    const repo = tempRepo({ ...files, '.pre-commit-config.yaml': `repos:\n  - repo: ${url}\n    rev: v0.1.0\n    hooks:\n      - id: heimdall-version\n` })
      .commit('project')
      .tag('v1.2.0');
    const install = spawnSync('pre-commit', ['install'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    return repo;
  };
  const commit = (repo: TempRepo) => spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: repo.dir, env, encoding: 'utf8' });

  for (const c of CASES) {
    it(`blocks a commit that changes only ${c.name} (${c.says})`, () => {
      const repo = project(c.files);
      repo.write(c.file, repo.read(c.file).replace('1.2.0', '1.1.0')).git('add', '-A');
      const blocked = commit(repo);
      const said = blocked.stdout + blocked.stderr;
      expect(said).not.toContain('Skipped');
      expect(said).toMatch(/heimdall-version check\.+Failed/);
      expect(said).toContain(c.says);
      expect(blocked.status).not.toBe(0);
      expect(repo.git('log', '--format=%s')).toBe('project\n');
    }, 600_000);
  }

  it('lets a commit that touches no version through, having run', () => {
    const repo = project(CASES[0]!.files);
    repo.write('notes.txt', 'notes\n').git('add', '-A');
    const passed = commit(repo);
    expect(passed.stdout + passed.stderr).toMatch(/heimdall-version check\.+Passed/);
    expect(passed.status).toBe(0);
  }, 600_000);
});
