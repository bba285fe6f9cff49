// A FIFO where a tag ref should be: git status and git commit pass over it, but git for-each-ref opens
// it and waits forever for a writer, so a pre-commit hook running check would hang the commit. check
// reports it instead (exit 1), without starting the git that would block.
import { execFileSync } from 'node:child_process';
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
