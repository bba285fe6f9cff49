// A bump replaces each file by a new copy: the copy keeps what the file had (mode, POSIX ACL, extended attributes), no more, no less.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { needs } from '../helpers/env.js';
import { runWithFault } from '../helpers/faults.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, versionPy, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const has = (tool: string) => spawnSync(tool, ['--version']).status === 0;
const canAcl = () => needs(has('setfacl') && has('getfacl'), 'ACL cases', 'apt-get install acl');
const canXattr = () => needs(has('setfattr') && has('getfattr'), 'extended attribute cases', 'apt-get install attr');

const acl = (file: string) => execFileSync('getfacl', ['--absolute-names', '--omit-header', file], { encoding: 'utf8' });
const xattrs = (file: string) => execFileSync('getfattr', ['--absolute-names', '--dump', '--match=-', file], { encoding: 'utf8' });
const mode = (file: string) => statSync(file).mode & 0o7777;

describe('bump keeps each file as it was but for its bytes', () => {
  it("a POSIX ACL, exactly: a named user keeps their entry and the owning group's permission is not widened to the mask", () => {
    if (!canAcl()) return;
    const repo = layoutRepo('0.2.0').commit();
    const file = repo.path(VPY);
    chmodSync(file, 0o640);
    // The group may read; nobody may also write: the mode's group bits now show the mask (rw).
    execFileSync('setfacl', ['-m', 'u:nobody:rw-,g::r--', file]);
    const before = acl(file);
    expect(before).toContain('group::r--');
    expect(mode(file)).toBe(0o660);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read(VPY)).toBe(versionPy('0.2.1'));
    expect(acl(file)).toBe(before);
    expect(mode(file)).toBe(0o660);
  });

  it("no ACL where the file had none, though its directory's default ACL names another user", () => {
    if (!canAcl()) return;
    const repo = layoutRepo('0.2.0').commit();
    const file = repo.path(VPY);
    chmodSync(file, 0o640);
    execFileSync('setfacl', ['-d', '-m', 'u:nobody:rw-', repo.path('cognitive_memory/core')]);
    const before = acl(file);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(acl(file)).toBe(before);
    expect(acl(file)).not.toContain('nobody');
    expect(mode(file)).toBe(0o640);
  });

  it('a user. extended attribute', () => {
    if (!canXattr()) return;
    const repo = layoutRepo('0.2.0').commit();
    execFileSync('setfattr', ['-n', 'user.origin', '-v', 'kept', repo.path('pyproject.toml')]);
    const before = xattrs(repo.path('pyproject.toml'));
    expect(before).toContain('user.origin="kept"');
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
    expect(xattrs(repo.path('pyproject.toml'))).toBe(before);
  });

  it('an extended attribute and an ACL where getfattr, which names the files that have any, is not installed: every file is copied then', () => {
    if (!canAcl() || !canXattr()) return;
    const repo = layoutRepo('0.2.0').commit();
    const file = repo.path(VPY);
    execFileSync('setfacl', ['-m', 'u:nobody:r--', file]);
    execFileSync('setfattr', ['-n', 'user.origin', '-v', 'kept', repo.path('pyproject.toml')]);
    const [aclBefore, attrsBefore] = [acl(file), xattrs(repo.path('pyproject.toml'))];
    // A PATH with cp and git, and no getfattr.
    const bin = tempDir();
    for (const tool of ['cp', 'git']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool));
    expect(run(['bump', 'patch'], repo.dir, { PATH: bin }).code).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
    expect([acl(file), xattrs(repo.path('pyproject.toml'))]).toEqual([aclBefore, attrsBefore]);
  });

  it('the mode exactly, setgid and every group bit included', () => {
    const repo = layoutRepo('0.2.0').commit();
    chmodSync(repo.path(VPY), 0o2751);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(mode(repo.path(VPY))).toBe(0o2751);
  });

  it('and a failed bump restores the ACL and attributes with the bytes', () => {
    if (!canAcl() || !canXattr()) return;
    const repo = layoutRepo('0.2.0').commit();
    const file = repo.path('pyproject.toml');
    execFileSync('setfacl', ['-m', 'u:nobody:r--', file]);
    execFileSync('setfattr', ['-n', 'user.origin', '-v', 'kept', file]);
    const before = { acl: acl(file), xattrs: xattrs(file) };
    const res = runWithFault(['bump', 'patch'], repo.dir, 'fail-after:1');
    expect(res.stderr).toContain('every file is as it was; restored pyproject.toml');
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
    expect({ acl: acl(file), xattrs: xattrs(file) }).toEqual(before);
  });
});
