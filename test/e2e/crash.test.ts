// bump --commit --tag killed (SIGKILL) at each point it passes: after recover, work tree, index and HEAD agree (issue #11).
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { runWithFault } from '../helpers/faults.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, tempRepo, versionPy, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const ENV = {
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Either nothing happened (old files, no commit, no tag) or everything did; and git status is clean. */
function expectAgreement(repo: TempRepo, start: string, what: string): 'old' | 'new' {
  const head = repo.git('rev-parse', 'HEAD').trim();
  expect(repo.git('status', '--porcelain'), `${what}: work tree, index and HEAD agree`).toBe('');
  const tags = repo.git('tag', '--list').split('\n').filter(Boolean);
  if (head === start) {
    expect({ toml: repo.read('pyproject.toml'), py: repo.read(VPY), tags }, `${what}: all old`).toEqual({
      toml: pyproject('0.2.0'),
      py: versionPy('0.2.0'),
      tags: [],
    });
    return 'old';
  }
  expect(repo.git('rev-parse', 'HEAD^').trim(), `${what}: one commit on top`).toBe(start);
  expect({ toml: repo.read('pyproject.toml'), py: repo.read(VPY), tags }, `${what}: all new`).toEqual({
    toml: pyproject('0.2.1'),
    py: versionPy('0.2.1'),
    tags: ['v0.2.1'],
  });
  expect(repo.git('rev-parse', 'v0.2.1^{commit}').trim(), `${what}: the tag is on the commit`).toBe(head);
  return 'new';
}

describe('a crash at each named point of bump --commit --tag', () => {
  const points: [string, 'old' | 'new'][] = [
    ['files:0', 'old'],
    ['files:1', 'old'],
    ['added', 'old'],
    ['commit', 'old'],
    ['tag', 'new'],
    ['finish', 'new'],
  ];
  for (const [point, side] of points) {
    it(`at ${point} is ${side === 'old' ? 'undone' : 'finished'} by recover`, () => {
      const repo = layoutRepo().commit();
      const start = repo.git('rev-parse', 'HEAD').trim();
      const crashed = runWithFault(['bump', 'patch', '--commit', '--tag'], repo.dir, `crash-at:${point}`);
      expect(crashed.code).not.toBe(0);
      expect(run(['check'], repo.dir).stderr).toContain('heimdall-version recover');
      const res = run(['recover'], repo.dir);
      expect(res.code, res.stderr).toBe(0);
      expect(expectAgreement(repo, start, point)).toBe(side);
      expect(run(['check'], repo.dir).code).toBe(0);
    });
  }
});

describe('outside git, the journal lives in the state directory, keyed by the project root', () => {
  it('a crashed bump is reported by check and undone by recover', () => {
    const project = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), [VPY]: versionPy('0.2.0') }, false);
    const state = tempDir('hv-state-');
    const env = { XDG_STATE_HOME: state };
    expect(runWithFault(['bump', 'patch'], project.dir, 'crash-at:files:1', env).code).not.toBe(0);
    const journals = readdirSync(path.join(state, 'heimdall-version'));
    expect(journals, 'one directory, named by a 20-hex-digit key').toEqual([expect.stringMatching(/^[0-9a-f]{20}$/)]);
    expect(readdirSync(path.join(state, 'heimdall-version', journals[0]!))).toContain('heimdall-version.journal');
    const check = run(['check'], project.dir, env);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('heimdall-version recover');
    expect(run(['recover'], project.dir, env).code).toBe(0);
    expect({ toml: project.read('pyproject.toml'), py: project.read(VPY) }).toEqual({ toml: pyproject('0.2.0'), py: versionPy('0.2.0') });
    expect(run(['check'], project.dir, env).code).toBe(0);
  });
});

describe('SIGKILL at every point a bump passes', () => {
  it('after recover, each repository is all old or all new, never in between', () => {
    // One run traces every point it passes, in order; then one run is killed at each of them.
    const trace = path.join(tempDir('hv-trace-'), 'points');
    const traced = runWithFault(['bump', 'patch', '--commit', '--tag'], layoutRepo().commit().dir, `trace:${trace}`);
    expect(traced.code, traced.stderr).toBe(0);
    const points = readFileSync(trace, 'utf8').trim().split('\n');
    expect(points).toEqual(['locked', 'journal', 'files:0', 'temp:0', 'files:1', 'temp:1', 'written', 'commit', 'added', 'tag', 'finish']);
    const sides: string[] = [];
    for (const [i, point] of points.entries()) {
      const repo = layoutRepo().commit();
      const start = repo.git('rev-parse', 'HEAD').trim();
      const reached = path.join(tempDir('hv-trace-'), 'points');
      const crashed = runWithFault(['bump', 'patch', '--commit', '--tag'], repo.dir, `trace:${reached},crash-at:${point}`);
      expect(crashed.code, point).not.toBe(0);
      // The kill landed exactly at this point: the run passed every point before it, and no other.
      expect(readFileSync(reached, 'utf8').trim().split('\n'), point).toEqual(points.slice(0, i + 1));
      const res = run(['recover'], repo.dir, ENV);
      expect(res.code, `${point}: ${res.stderr}`).toBe(0);
      sides.push(`${point}:${expectAgreement(repo, start, `killed at ${point}`)}`);
      expect(
        readdirSync(repo.path()).filter((f) => f.endsWith('.heimdall-tmp')),
        point,
      ).toEqual([]);
      expect(
        readdirSync(repo.path('cognitive_memory/core')).filter((f) => f.endsWith('.heimdall-tmp')),
        point,
      ).toEqual([]);
    }
    expect(sides).toEqual([...points.slice(0, 9).map((p) => `${p}:old`), 'tag:new', 'finish:new']);
  }, 300_000);
});
