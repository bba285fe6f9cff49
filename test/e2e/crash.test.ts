// bump --commit --tag killed (SIGKILL) at any moment: after recover, work tree, index and HEAD agree (issue #11).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run } from '../helpers/cli.js';
import { testEnv } from '../helpers/env.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, tempRepo, versionPy, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const ENV = { NO_COLOR: '1', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

/** Either nothing happened (old files, no commit, no tag) or everything did; and git status is clean. */
function expectAgreement(repo: TempRepo, start: string, what: string): 'old' | 'new' {
  const head = repo.git('rev-parse', 'HEAD').trim();
  expect(repo.git('status', '--porcelain'), `${what}: work tree, index and HEAD agree`).toBe('');
  const tags = repo.git('tag', '--list').split('\n').filter(Boolean);
  if (head === start) {
    expect({ toml: repo.read('pyproject.toml'), py: repo.read(VPY), tags }, `${what}: all old`).toEqual({ toml: pyproject('0.2.0'), py: versionPy('0.2.0'), tags: [] });
    return 'old';
  }
  expect(repo.git('rev-parse', 'HEAD^').trim(), `${what}: one commit on top`).toBe(start);
  expect({ toml: repo.read('pyproject.toml'), py: repo.read(VPY), tags }, `${what}: all new`).toEqual({ toml: pyproject('0.2.1'), py: versionPy('0.2.1'), tags: ['v0.2.1'] });
  expect(repo.git('rev-parse', 'v0.2.1^{commit}').trim(), `${what}: the tag is on the commit`).toBe(head);
  return 'new';
}

describe('a crash at each named point of bump --commit --tag', () => {
  const points: [string, 'old' | 'new'][] = [['files:0', 'old'], ['files:1', 'old'], ['added', 'old'], ['commit', 'old'], ['tag', 'new'], ['finish', 'new']];
  for (const [point, side] of points) {
    it(`at ${point} is ${side === 'old' ? 'undone' : 'finished'} by recover`, () => {
      const repo = layoutRepo().commit();
      const start = repo.git('rev-parse', 'HEAD').trim();
      const crashed = run(['bump', 'patch', '--commit', '--tag'], repo.dir, { HEIMDALL_VERSION_FAULT: `crash-at:${point}` });
      expect(crashed.code).not.toBe(0);
      expect(run(['check'], repo.dir).stderr).toContain('heimdall-version recover');
      const res = run(['recover'], repo.dir);
      expect(res.code, res.stderr).toBe(0);
      expect(expectAgreement(repo, start, point)).toBe(side);
      expect(run(['check'], repo.dir).code).toBe(0);
    });
  }
});

/** The processes of a process group still alive (a killed bump's git may finish what it started). */
const groupAlive = (pgid: number) =>
  readdirSync('/proc').some((p) => {
    if (!/^\d+$/.test(p)) return false;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[2]) === pgid && fields[0] !== 'Z';
    } catch {
      return false;
    }
  });

function bumpKilledAfter(repo: TempRepo, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'bump', 'patch', '--commit', '--tag'], { cwd: repo.dir, env: testEnv(ENV), detached: true, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', async (code) => {
      clearTimeout(timer);
      while (groupAlive(child.pid!)) await new Promise((r) => setTimeout(r, 10));
      resolve(code);
    });
  });
}

describe('outside git, the journal lives in the state directory, keyed by the project root', () => {
  it('a crashed bump is reported by check and undone by recover', () => {
    const project = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), [VPY]: versionPy('0.2.0') }, false);
    const state = tempDir('hv-state-');
    const env = { XDG_STATE_HOME: state };
    expect(run(['bump', 'patch'], project.dir, { ...env, HEIMDALL_VERSION_FAULT: 'crash-at:files:1' }).code).not.toBe(0);
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

describe('SIGKILL at random moments', () => {
  it('50 kills: after recover, every repository is all old or all new, never in between', async () => {
    // One uninterrupted run shows when the change is under way (journal present): the kills aim there, and around it.
    const timing = layoutRepo().commit();
    const t0 = Date.now();
    const window = { from: Infinity, to: 0 };
    const watch = setInterval(() => {
      if (existsSync(timing.path('.git/heimdall-version.journal'))) (window.from = Math.min(window.from, Date.now() - t0)), (window.to = Date.now() - t0);
    }, 2);
    expect(await bumpKilledAfter(timing, 60_000)).toBe(0);
    clearInterval(watch);
    const full = Date.now() - t0;
    const from = Number.isFinite(window.from) ? Math.max(0, window.from - 40) : 0;
    const to = window.to ? Math.min(full, window.to + 40) : full;
    let seed = 1125;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const seen = { old: 0, new: 0, recovered: 0 };
    for (let i = 0; i < 50; i++) {
      const repo = layoutRepo().commit();
      const start = repo.git('rev-parse', 'HEAD').trim();
      const delay = Math.round(from + random() * (to - from));
      await bumpKilledAfter(repo, delay);
      const res = run(['recover'], repo.dir, ENV);
      expect(res.code, `kill after ${delay} ms: ${res.stderr}`).toBe(0);
      if (res.stdout !== 'nothing to recover\n') seen.recovered++;
      seen[expectAgreement(repo, start, `kill after ${delay} ms (change under way ${from}–${to} of ${full} ms)`)]++;
    }
    // The kills must have landed inside the change, not only before or after it.
    expect(seen.recovered).toBeGreaterThan(0);
    console.log(`random kills: ${JSON.stringify(seen)}, aimed at ${from}–${to} ms of a ${full} ms bump`);
  }, 300_000);
});
