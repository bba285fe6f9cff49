// A FIFO where a tag ref should be: git status and git commit pass over it, but git for-each-ref opens
// it and waits forever for a writer, so a pre-commit hook running check would hang the commit. check
// reports it instead (exit 1), without starting the git that would block.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('a FIFO among the tag refs', () => {
  for (const args of [['check'], ['check', '--format', 'json']]) {
    it(`${args.join(' ')} says so and ends`, async () => {
      const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
      execFileSync('mkfifo', [repo.path('.git/refs/tags/v0.5.0')]);
      const res = await runAsync(args, repo.dir);
      expect(res.stderr).toContain(`${repo.path('.git/refs/tags/v0.5.0')} is not a regular file (a FIFO)`);
      expect(res.code).toBe(1);
    });
  }
});

// A FIFO where git keeps a file it opens on every start (HEAD, config, the index, packed-refs): git
// itself would wait on it forever (a clone never makes one; an unpacked tarball can). Every command
// names the file and ends, before reading it or starting git.
describe('a FIFO among the files git opens first', () => {
  const cases: [string, string[]][] = [
    ['.git/HEAD', ['check']],
    ['.git/HEAD', ['check', '--staged']],
    ['.git/HEAD', ['audit']],
    ['.git/HEAD', ['show']],
    ['.git/HEAD', ['bump', 'patch', '--dry-run']],
    ['.git/config', ['check']],
    ['.git/packed-refs', ['check']],
    ['.git/index', ['check', '--staged']],
    ['.git/shallow', ['audit']],
    ['.git/objects/info/alternates', ['audit']],
  ];
  for (const [file, args] of cases) {
    it(`${file}, ${args.join(' ')}: says so and ends`, async () => {
      const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
      rmSync(repo.path(file), { force: true });
      execFileSync('mkfifo', [repo.path(file)]);
      const res = await runAsync(args, repo.dir);
      expect(res.stderr).toContain(`${repo.path(file)} is a FIFO, not a regular file: git would wait on it forever`);
      expect(res.code).toBe(1);
    });
  }
});

// HEAD names the branch whose file holds HEAD's commit: a name that climbs out of .git, or a branch
// file that is a FIFO or a device, must never be read (a FIFO waits forever, /dev/zero never ends).
describe("HEAD's branch, read from the ref files", () => {
  it('a HEAD naming a branch outside .git (refs/heads/../../…) is never read: the outside FIFO and /dev/zero', async () => {
    for (const target of ['fifo', '/dev/zero']) {
      const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
      const outside = target === 'fifo' ? path.join(tempDir(), 'outside') : target;
      if (target === 'fifo') execFileSync('mkfifo', [outside]);
      writeFileSync(repo.path('.git/HEAD'), `ref: refs/heads/${'../'.repeat(12)}${outside.slice(1)}\n`);
      for (const args of [['check'], ['show']]) {
        const res = await runAsync(args, repo.dir);
        expect(res.stderr).not.toContain('unexpected error');
        expect([0, 1, 2]).toContain(res.code);
      }
    }
  });

  it('a branch file that is a FIFO, or a link to /dev/zero, is named (exit 1)', async () => {
    for (const make of ['fifo', 'zero']) {
      const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
      const branch = repo.path(`.git/${repo.read('.git/HEAD').trim().slice(5)}`);
      rmSync(branch);
      if (make === 'fifo') execFileSync('mkfifo', [branch]);
      else symlinkSync('/dev/zero', branch);
      const res = await runAsync(['check'], repo.dir);
      expect(res.stderr).toContain(`${branch} is not a regular file`);
      expect(res.code).toBe(1);
    }
  });

  it('a tag ref that is a link to a FIFO is named as a FIFO is (git would wait on it)', async () => {
    const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
    const fifo = path.join(tempDir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    symlinkSync(fifo, repo.path('.git/refs/tags/v0.5.0'));
    const res = await runAsync(['check'], repo.dir);
    expect(res.stderr).toContain(`${repo.path('.git/refs/tags/v0.5.0')} is not a regular file (a FIFO)`);
    expect(res.code).toBe(1);
  });
});

// The refusal must look where git looks: git keeps the spaces of a gitdir or commondir line (only the
// line break goes), and it reads HEAD even where commondir cannot be read.
describe('the FIFO refusal, where git looks', () => {
  it('a .git file whose gitdir ends in a space', async () => {
    const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
    renameSync(repo.path('.git'), repo.path('gd '));
    rmSync(repo.path('gd /HEAD'));
    execFileSync('mkfifo', [repo.path('gd /HEAD')]);
    writeFileSync(repo.path('.git'), 'gitdir: gd \n');
    const res = await runAsync(['check'], repo.dir);
    expect(res.stderr).toContain(`${repo.path('gd /HEAD')} is a FIFO, not a regular file`);
    expect(res.code).toBe(1);
  });

  it('a commondir that is a directory does not hide a FIFO HEAD', async () => {
    const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
    rmSync(repo.path('.git/HEAD'));
    execFileSync('mkfifo', [repo.path('.git/HEAD')]);
    mkdirSync(repo.path('.git/commondir'));
    const res = await runAsync(['check'], repo.dir);
    expect(res.stderr).toContain(`${repo.path('.git/HEAD')} is a FIFO, not a regular file`);
    expect(res.code).toBe(1);
  });
});
