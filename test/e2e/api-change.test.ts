// bump, fix and recover as a library, in this process: imported from the built dist/index.js (hence an e2e test, after the build check), on real git repositories.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GIT_ISOLATION, IDENTITY, needs } from '../helpers/env.js';
import { cleanupTempDirs, layoutRepo, pyproject, versionPy, VPY } from '../helpers/repo.js';
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

describe('bump(options)', () => {
  it('writes, commits and tags, announcing the plan and then each action in its order', async () => {
    const repo = layoutRepo('0.2.0').commit('initial');
    const events: Api.BumpEvent[] = [];
    const result = await api.bump({ cwd: repo.dir, spec: 'minor', tag: true, onEvent: (e) => events.push(e) });
    expect(result.applied).toBe(true);
    expect(result.plan).toMatchObject({ from: '0.2.0', to: '0.3.0' });
    expect(result.plan.actions).toEqual([
      { kind: 'write', from: '0.2.0', to: '0.3.0', files: ['pyproject.toml', VPY] },
      { kind: 'commit', message: 'Bump version: 0.2.0 → 0.3.0', files: ['pyproject.toml', VPY] },
      { kind: 'tag', name: 'v0.3.0', message: 'Release v0.3.0' },
    ]);
    expect(events.map((e) => (e.type === 'done' ? `done ${e.action.kind}` : e.type))).toEqual(['planned', 'done write', 'done commit', 'done tag']);
    expect({ toml: repo.read('pyproject.toml'), py: repo.read(VPY) }).toEqual({ toml: pyproject('0.3.0'), py: versionPy('0.3.0') });
    expect(repo.git('log', '-1', '--format=%s')).toBe('Bump version: 0.2.0 → 0.3.0\n');
    expect(repo.git('rev-parse', 'v0.3.0^{commit}')).toBe(repo.git('rev-parse', 'HEAD'));
  });

  it('with dryRun announces the very plan a run executes, and changes nothing', async () => {
    const repo = layoutRepo('0.2.0').commit('initial');
    const dry = await api.bump({ cwd: repo.dir, spec: 'patch', commit: true, dryRun: true });
    expect(dry.applied).toBe(false);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
    expect(repo.git('status', '--porcelain')).toBe('');
    const done: Api.BumpAction[] = [];
    const real = await api.bump({ cwd: repo.dir, spec: 'patch', commit: true, onEvent: (e) => e.type === 'done' && done.push(e.action) });
    expect(real.plan.actions).toEqual(dry.plan.actions);
    expect(done).toEqual(dry.plan.actions);
  });

  it('refuses a push that confirmPush declines, before anything is written', async () => {
    const remote = layoutRepo('0.2.0');
    const repo = layoutRepo('0.2.0').commit('initial');
    repo.git('remote', 'add', 'origin', remote.dir);
    let asked: Api.BumpPlan | undefined;
    const declined = api.bump({
      cwd: repo.dir,
      spec: 'patch',
      push: true,
      confirmPush: async (plan) => {
        asked = plan;
        return false;
      },
    });
    await expect(declined).rejects.toMatchObject({ name: 'UserError', exitCode: 1, message: 'not confirmed; nothing was changed' });
    expect(asked?.actions.map((a) => a.kind)).toEqual(['write', 'commit', 'push']);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
  });

  it('hands the failed check to onEvent and throws a UserError with exit code 1', async () => {
    const repo = layoutRepo('0.2.0').write(VPY, versionPy('0.1.0')).commit('initial');
    const events: Api.BumpEvent[] = [];
    await expect(api.bump({ cwd: repo.dir, spec: 'patch', onEvent: (e) => events.push(e) })).rejects.toMatchObject({ exitCode: 1 });
    expect(events).toEqual([{ type: 'check-failed', result: expect.objectContaining({ ok: false }) }]);
    expect(repo.read(VPY)).toBe(versionPy('0.1.0'));
  });
});

describe('fix(options) and recover(options)', () => {
  it('fix sets the drifted literal and returns the check after it', async () => {
    const repo = layoutRepo('0.2.0').write(VPY, versionPy('0.1.0')).commit('initial');
    const result = await api.fix({ cwd: repo.dir });
    expect(result).toMatchObject({ applied: true, version: '0.2.0', result: { ok: true } });
    expect(result.changes.map((c) => c.file)).toEqual([VPY]);
    expect(repo.read(VPY)).toBe(versionPy('0.2.0'));
  });

  it("fix after a bump that stopped at its check keeps an attribute set in between: a bump's early getfattr answer is its own", async () => {
    if (!needs(spawnSync('setfattr', ['--version']).status === 0, 'extended attribute case', 'apt-get install attr')) return;
    const repo = layoutRepo('0.2.0').write(VPY, versionPy('0.1.0')).commit('initial');
    // The bump asks getfattr about its files before planning, then refuses: the check finds the drift.
    await expect(api.bump({ cwd: repo.dir, spec: 'patch' })).rejects.toThrow('the check found errors');
    execFileSync('setfattr', ['-n', 'user.origin', '-v', 'kept', repo.path(VPY)]);
    expect((await api.fix({ cwd: repo.dir })).applied).toBe(true);
    expect(repo.read(VPY)).toBe(versionPy('0.2.0'));
    expect(execFileSync('getfattr', ['--absolute-names', '-n', 'user.origin', '--only-values', repo.path(VPY)], { encoding: 'utf8' })).toBe('kept');
  });

  it('recover says there is nothing to recover when no change was interrupted', async () => {
    const repo = layoutRepo('0.2.0').commit('initial');
    expect(await api.recover({ cwd: repo.dir })).toEqual({ summary: 'nothing to recover' });
  });
});
