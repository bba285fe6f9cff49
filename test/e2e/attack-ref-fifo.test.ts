// A FIFO where a tag ref should be: git status and git commit pass over it, but git for-each-ref opens
// it and waits forever for a writer, so a pre-commit hook running check would hang the commit. check
// reports it instead (exit 1), without starting the git that would block.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo } from '../helpers/repo.js';

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
