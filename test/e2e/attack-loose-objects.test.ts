// A hostile repository's .git/objects can hold anything: check --staged reads the staged files from
// loose objects itself, without git. Whatever it meets there, it reads the true staged content, steps
// aside for git, or fails clearly; it never passes a commit whose staged files disagree.
import { chmodSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { indexFilesWithoutGit } from '../../src/git/blobs.js';
import { readLooseObject } from '../../src/git/loose-objects.js';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, pyproject, type TempRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** A repository whose staged pyproject.toml (2.0.0) disagrees with its version.py (1.0.0): check --staged must fail. */
function disagreeing(): { repo: TempRepo; oid: string; object: string } {
  const repo = layoutRepo('1.0.0').commit();
  repo.write('pyproject.toml', pyproject('2.0.0'));
  repo.git('add', 'pyproject.toml');
  const oid = repo.git('rev-parse', ':0:pyproject.toml').trim();
  return { repo, oid, object: repo.path(`.git/objects/${oid.slice(0, 2)}/${oid.slice(2)}`) };
}

/** Replaces a loose object's file with these bytes. */
function forge(file: string, bytes: Buffer): void {
  chmodSync(file, 0o644);
  writeFileSync(file, bytes);
}

/** A well-formed object whose content agrees with version.py, so a reader that trusts it passes the commit. */
const agreeingBlob = () => {
  const body = Buffer.from(pyproject('1.0.0'));
  return Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]);
};

/** check --staged as a hook runs it: it must not pass. */
function refused(repo: TempRepo) {
  const res = run(['check', '--staged'], repo.dir);
  expect(res.stdout + res.stderr).not.toContain('agree');
  expect(res.code).toBe(1);
  return res;
}

const staged = async (repo: TempRepo) => (await indexFilesWithoutGit(repo.dir, ['pyproject.toml']))?.get('pyproject.toml');

describe('check --staged on hostile loose objects', () => {
  it('an object whose content does not hash to its name is reported as corrupt, not read', async () => {
    const { repo, oid, object } = disagreeing();
    forge(object, deflateSync(agreeingBlob()));
    expect(await staged(repo)).toEqual({
      missing: `is staged, but its object ${oid} is corrupt: its content does not match its id (git fsck shows the damage)`,
    });
    expect(refused(repo).stdout).toContain(`its object ${oid} is corrupt`);
  });

  it('a corrupted object (not zlib data, or cut short) is left to git, whose failure is reported', async () => {
    const { repo, object } = disagreeing();
    forge(object, Buffer.from('x\x9c this is no zlib stream'));
    expect(await staged(repo)).toBeUndefined();
    refused(repo);
    const whole = deflateSync(agreeingBlob());
    forge(object, whole.subarray(0, whole.length - 6));
    expect(await staged(repo)).toBeUndefined();
    refused(repo);
  });

  it('an oversized or malformed header is left to git, whose failure is reported', async () => {
    const { repo, object } = disagreeing();
    const body = Buffer.from(pyproject('1.0.0'));
    for (const header of [
      'blob 99999999999999999999999999',
      `blob ${'9'.repeat(4096)}`,
      `blob 0${body.length}`,
      `bl\nob ${body.length}`,
      'x'.repeat(1 << 20),
    ]) {
      forge(object, deflateSync(Buffer.concat([Buffer.from(`${header}\0`), body])));
      expect(await staged(repo)).toBeUndefined();
      refused(repo);
    }
  });

  it('a decompression bomb is not inflated past the bound; what git streams from it is verified too', async () => {
    const { repo, oid, object } = disagreeing();
    // A header naming the agreeing content's size, then 40 MiB more that git streams after it.
    forge(object, deflateSync(Buffer.concat([agreeingBlob(), Buffer.alloc(40 << 20)])));
    expect(await readLooseObject(repo.path('.git'), oid)).toBeUndefined();
    expect(await staged(repo)).toBeUndefined();
    expect(refused(repo).stdout).toContain(`its object ${oid} is corrupt`);
  });

  it('a symlinked objects directory is not followed, and what git reads through it is verified', async () => {
    const { repo, oid, object } = disagreeing();
    forge(object, deflateSync(agreeingBlob()));
    const outside = tempDir('hv-objects-');
    renameSync(repo.path('.git/objects'), path.join(outside, 'objects'));
    symlinkSync(path.join(outside, 'objects'), repo.path('.git/objects'));
    expect(await staged(repo)).toBeUndefined();
    expect(refused(repo).stdout).toContain(`its object ${oid} is corrupt`);
  });

  it('a symlinked fan-out directory or object file is not followed; git reads the true object through it', async () => {
    for (const link of ['dir', 'file'] as const) {
      const { repo, oid, object } = disagreeing();
      const outside = tempDir('hv-objects-');
      if (link === 'dir') {
        renameSync(path.dirname(object), path.join(outside, oid.slice(0, 2)));
        symlinkSync(path.join(outside, oid.slice(0, 2)), path.dirname(object));
      } else {
        renameSync(object, path.join(outside, 'object'));
        symlinkSync(path.join(outside, 'object'), object);
      }
      expect(await staged(repo)).toBeUndefined();
      // The true staged content, read by git: 2.0.0 disagrees with version.py.
      expect(refused(repo).stdout).toContain('version-mismatch');
    }
  });
});
