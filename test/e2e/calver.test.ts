// A CalVer project end to end with the built CLI in throwaway git repositories: check, the format's
// spelling, the tag rules (loose and packed refs, and the ref files alone), bump to a version and to
// today's date; and bump through the library with an injected date (a new year restarts N).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { GIT_ISOLATION, IDENTITY } from '../helpers/env.js';
import { cleanupTempDirs, pyproject, tempRepo, versionPy, VPY, type TempRepo } from '../helpers/repo.js';
import type * as Api from '../../src/index.js';

let api: typeof Api;
const saved = { ...process.env };
beforeAll(async () => {
  // git, started by the library, sees this process's environment: a fixed identity, no user configuration.
  Object.assign(process.env, IDENTITY, GIT_ISOLATION);
  api = (await import(path.resolve(__dirname, '../../dist/index.js'))) as typeof Api;
});
afterAll(() => {
  process.env = saved;
  cleanupTempDirs();
});

const packageJson = (version: string) => `{\n  "name": "heimdall-mcp",\n  "version": "${version}"\n}\n`;
const config = (format: string) =>
  `${JSON.stringify(
    {
      versioning: ['calver', { format }],
      sources: [
        { file: 'pyproject.toml', type: 'toml', primary: true },
        { file: VPY, type: 'python' },
        { file: 'package.json', type: 'json' },
      ],
    },
    null,
    2,
  )}\n`;

/** pyproject.toml and version.py at `python`, package.json at `json`, under ["calver", { format }], committed. */
const calverRepo = (python: string, json = python, format = 'YYYY.0M.0D', py = python) =>
  tempRepo({ 'pyproject.toml': pyproject(python), [VPY]: versionPy(py), 'package.json': packageJson(json), '.heimdallrc.json': config(format) }).commit(
    'initial',
  );

type Json = { ok: boolean; diagnostics: { rule: string; severity: string; message: string }[] };
const check = (repo: TempRepo, env: Record<string, string> = {}) => JSON.parse(run(['check', '--format', 'json'], repo.dir, env).stdout) as Json;
const found = (repo: TempRepo) => check(repo).diagnostics.map((d) => [d.rule, d.message]);
const files = (repo: TempRepo) => [repo.read('pyproject.toml'), repo.read(VPY), repo.read('package.json')];
/** Today as YYYY.0M.0D in UTC. */
const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '.');

describe('check on a CalVer project', () => {
  it("accepts the format's spelling in Python files and SemVer's in package.json", () => {
    const repo = calverRepo('2026.01.05', '2026.1.5');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stderr: '' });
    expect(found(repo)).toEqual([]);
  });

  it("warns about a spelling the format does not give, and check --fix writes the format's", () => {
    const repo = calverRepo('2026.01.05', '2026.1.5', 'YYYY.0M.0D', '2026.1.5');
    expect(found(repo)).toEqual([
      ['version-spelling', '__version__ is "2026.1.5", which the format YYYY.0M.0D writes as 2026.01.05; heimdall-version check --fix rewrites it'],
    ]);
    expect(run(['check', '--fix'], repo.dir).code).toBe(0);
    expect(files(repo)).toEqual([pyproject('2026.01.05'), versionPy('2026.01.05'), packageJson('2026.1.5')]);
  });

  it('reports a date that is none, and a version of another shape, as invalid', () => {
    const repo = calverRepo('2026.13.01', '2026.1.5');
    expect(run(['check'], repo.dir).code).toBe(1);
    expect(found(repo)).toContainEqual([
      'invalid-version',
      'project.version is "2026.13.01", which is not a valid CalVer YYYY.0M.0D version (e.g. 2026.01.05)',
    ]);
    expect(found(calverRepo('2026.3', '2026.3.0', 'YYYY.N', '2026.3'))).toEqual([]);
    expect(found(calverRepo('2026.3', '2026.3.1', 'YYYY.N'))).toContainEqual([
      'invalid-version',
      'version is "2026.3.1", which the "calver" versioning policy does not allow (versions of the format YYYY.N, e.g. 2026.2): or set "versioning": "semver" in the configuration',
    ]);
  });

  it('refuses "versioning": "calver" without its format, with exit 2', () => {
    const repo = calverRepo('2026.01.05').write('.heimdallrc.json', '{ "versioning": "calver" }\n');
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('versioning: "calver" needs its options: ["calver", { … }]');
  });
});

describe('the tag rules on a CalVer project', () => {
  for (const packed of [false, true]) {
    it(`see a newer tag, padded or not, as tag-ahead (${packed ? 'packed' : 'loose'} refs)`, () => {
      const repo = calverRepo('2026.01.05', '2026.1.5');
      repo.tag('v2025.12.31').tag('v2026.1.4', true).write('README.md', 'next\n').commit('next');
      if (packed) repo.git('pack-refs', '--all');
      expect(found(repo)).toEqual([]);
      repo.git('tag', 'v2026.1.6', 'HEAD~1');
      if (packed) repo.git('pack-refs', '--all');
      expect(found(repo)).toEqual([
        [
          'tag-ahead',
          'tag v2026.1.6 (reachable from HEAD) is newer than 2026.01.05 in pyproject.toml: the version went backwards; set a version above 2026.1.6',
        ],
      ]);
    });
  }

  it('are answered from the ref files alone when no tag is newer', () => {
    const repo = calverRepo('2026.01.05', '2026.1.5');
    repo.tag('v2025.12.31').tag('v2026.01.04', true).tag('vlatest').write('README.md', 'next\n').commit('next');
    const noGit = { PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) };
    expect(run(['check'], repo.dir, noGit)).toEqual({
      code: 0,
      stdout: '✔ 2026.01.05: pyproject.toml, cognitive_memory/core/version.py, package.json agree\n',
      stderr: '',
    });
  });

  it("hold HEAD's tag to the version by meaning: v2026.1.5 is 2026.01.05, v2026.01.04 is not", () => {
    const repo = calverRepo('2026.01.05', '2026.1.5');
    repo.tag('v2026.1.5');
    expect(found(repo)).toEqual([]);
    const other = calverRepo('2026.01.05', '2026.1.5');
    other.tag('v2026.01.04');
    expect(found(other).map(([rule]) => rule)).toEqual(['tag-mismatch']);
  });
});

describe('bump on a CalVer project', () => {
  it("writes an explicit version in each file's spelling and tags it in the primary's", () => {
    const repo = calverRepo('2026.01.05', '2026.1.5');
    const res = run(['bump', '2026.2.1', '--tag'], repo.dir);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(files(repo)).toEqual([pyproject('2026.02.01'), versionPy('2026.02.01'), packageJson('2026.2.1')]);
    expect(repo.git('tag', '--points-at', 'HEAD')).toBe('v2026.02.01\n');
    expect(found(repo)).toEqual([]);
  });

  it("bump release sets today's date (UTC)", () => {
    const repo = calverRepo('2001.01.01', '2001.1.1');
    const before = today();
    const res = run(['bump', 'release'], repo.dir);
    const after = today();
    expect(res).toMatchObject({ code: 0, stderr: '' });
    // The run may cross midnight: the version is the date of one side of it.
    const version = /^version = "(.*)"$/m.exec(repo.read('pyproject.toml'))![1]!;
    expect([before, after]).toContain(version);
    expect(files(repo)).toEqual([pyproject(version), versionPy(version), packageJson(version.replace(/\.0(?=\d)/g, '.'))]);
  });

  it('has no other level, and says which it has, with exit 2', () => {
    const repo = calverRepo('2026.01.05', '2026.1.5');
    const res = run(['bump', 'patch'], repo.dir);
    expect(res).toMatchObject({ code: 2, stderr: 'heimdall-version: the "calver" versioning policy has no patch releases; its levels are release\n' });
    expect(files(repo)).toEqual([pyproject('2026.01.05'), versionPy('2026.01.05'), packageJson('2026.1.5')]);
  });

  it('through the library takes the date it is given: N counts up within the year and starts at 0 in the next', async () => {
    const repo = calverRepo('2026.3', '2026.3.0', 'YYYY.N');
    const late = await api.bump({ cwd: repo.dir, spec: 'release', now: new Date('2026-12-31T23:59:59Z'), tag: true });
    expect(late.plan).toMatchObject({ from: '2026.3', to: '2026.4' });
    const next = await api.bump({ cwd: repo.dir, spec: 'release', now: new Date('2027-01-01T00:00:00Z'), tag: true });
    expect(next.plan).toMatchObject({ from: '2026.4', to: '2027.0' });
    expect(files(repo)).toEqual([pyproject('2027.0'), versionPy('2027.0'), packageJson('2027.0.0')]);
    expect(repo.git('tag', '--list').split('\n').filter(Boolean)).toEqual(['v2026.4', 'v2027.0']);
    await expect(api.bump({ cwd: repo.dir, spec: 'release', now: new Date('2026-06-01T00:00:00Z') })).rejects.toThrow(
      'cannot bump release from 2027.0: its date is after today (2026-06-01, UTC)',
    );
  });
});
