// Writes never follow a planted link, keep owner and mode, and one change at a time (issue #11).
import {
  chownSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  chmodSync,
  rmSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { spawnWithFault } from '../helpers/faults.js';
import { canRunAsNobody } from '../helpers/nobody.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, versionPy, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('a link planted where a temporary file would go', () => {
  it('is never written through: the victim stays, the source stays a regular file', () => {
    const victim = path.join(tempDir(), 'victim');
    writeFileSync(victim, 'precious\n');
    const repo = layoutRepo().commit();
    for (const name of ['.pyproject.toml.heimdall-tmp', '.heimdall-version.journal.heimdall-tmp', '.heimdall-version.lock'])
      symlinkSync(victim, repo.path(name));
    symlinkSync(victim, repo.path('cognitive_memory/core/.version.py.heimdall-tmp'));
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(repo.path('pyproject.toml')).isFile()).toBe(true);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
    expect(repo.read(VPY)).toBe(versionPy('0.2.1'));
  });

  it('at the journal or the lock in the git directory is never written through', () => {
    const victim = path.join(tempDir(), 'victim');
    writeFileSync(victim, 'precious\n');
    utimesSync(victim, new Date(0), new Date(0));
    const repo = layoutRepo().commit();
    symlinkSync(victim, repo.path('.git/heimdall-version.lock'));
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    symlinkSync(path.join(tempDir(), 'absent'), repo.path('.git/heimdall-version.journal'));
    run(['bump', 'patch'], repo.dir);
    expect(readdirSync(path.dirname(victim))).toEqual(['victim']);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });
});

describe.runIf(canRunAsNobody('exclusive-writes.test.ts'))('a bump run by root', () => {
  it("keeps each file's owner and mode", () => {
    const repo = layoutRepo().commit();
    chownSync(repo.path(VPY), 65534, 65534);
    chmodSync(repo.path(VPY), 0o640);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    const st = statSync(repo.path(VPY));
    expect({ uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 }).toEqual({ uid: 65534, gid: 65534, mode: 0o640 });
    expect(repo.read(VPY)).toBe(versionPy('0.2.1'));
  });
});

describe('the lock', () => {
  it('lets exactly one of five concurrent bumps through; the others refuse clearly', async () => {
    const repo = layoutRepo().commit();
    const gate = path.join(tempDir(), 'gate');
    writeFileSync(gate, '');
    let exited = 0;
    // Each run that gets the lock waits at the gate (announcing itself with gate.<pid>) until all five have settled.
    const runs = Array.from({ length: 5 }, () => spawnWithFault(['bump', 'patch'], repo.dir, `pause-at:locked:${gate}`).then((r) => (exited++, r)));
    const waiting = () => readdirSync(path.dirname(gate)).filter((f) => f.startsWith('gate.')).length;
    while (exited + waiting() < 5) await new Promise((r) => setTimeout(r, 20));
    rmSync(gate);
    const results = await Promise.all(runs);
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    const refused = results.filter((r) => r.code !== 0);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.stderr).toMatch(/another heimdall-version \(pid \d+\) is changing this project; wait for it to finish/);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
    expect(repo.read(VPY)).toBe(versionPy('0.2.1'));
    expect(existsSync(repo.path('.git/heimdall-version.lock'))).toBe(false);
  });

  const holder = (host: string, pid: number) =>
    JSON.stringify({ pid, host, ns: host === hostname() ? readlinkSync('/proc/self/ns/pid') : 'pid:[1]', token: 't' });

  it('held from another machine is respected while it is renewed, and taken over with a notice once it is not', () => {
    const repo = layoutRepo().commit();
    const lock = repo.path('.git/heimdall-version.lock');
    writeFileSync(lock, holder('build-box-7', 4242));
    const refused = run(['bump', 'patch'], repo.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('another heimdall-version (pid 4242 on build-box-7) is changing this project');
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/took over a stale lock \(its holder, pid 4242 on build-box-7, stopped renewing it \d+s ago\)/);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
  });

  it('left by a dead process on this machine is taken over with a notice', () => {
    const repo = layoutRepo().commit();
    writeFileSync(repo.path('.git/heimdall-version.lock'), holder(hostname(), 999999999));
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('took over a stale lock (its holder, pid 999999999, is gone)');
  });
});
