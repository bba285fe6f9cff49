// The lock and the journal are writes too: they go to the work tree's git directory, which a `.git`
// file may place in a directory another user owns. That user can make the git directory a link to
// any directory root may write, and root's lock and journal go there. bump, check --fix and recover
// must refuse before they write anything, the lock included.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithFault } from '../helpers/faults.js';
import { canRunAsNobody } from '../helpers/nobody.js';
import { cleanupTempDirs, pyproject, tempDir, tempRepo, TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const NOBODY = 65534;
/** git refuses a git directory another user owns unless told otherwise, as CI containers often are. */
const TRUST_ALL = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };

/** Root's work tree whose git directory lies in nobody's directory, and which nobody has made a link to root's other repository's. */
function redirectedGitDir(): { repo: TempRepo; victim: string; nobodys: string } {
  const base = tempDir('hv-state-');
  chmodSync(base, 0o755);
  const nobodys = path.join(base, 'nobodys');
  mkdirSync(nobodys);
  const repo = new TempRepo(path.join(base, 'work'));
  execFileSync('git', ['init', '-q', '-b', 'main', `--separate-git-dir=${path.join(nobodys, 'gitdir')}`, repo.dir]);
  repo.write('pyproject.toml', pyproject('0.2.0')).commit();
  const victim = tempRepo().path('.git');
  execFileSync('chown', ['-R', 'nobody:nogroup', nobodys]);
  execFileSync('runuser', ['-u', 'nobody', '--', 'sh', '-c', 'mv "$1/gitdir" "$1/real" && ln -s "$2" "$1/gitdir"', 'sh', nobodys, victim]);
  return { repo, victim, nobodys };
}

const ours = (dir: string) => readdirSync(dir).filter((n) => n.includes('heimdall-version'));

describe.runIf(canRunAsNobody('attack-state-dir.test.ts'))('the lock and journal where another user could redirect them', () => {
  for (const args of [['bump', 'patch'], ['check', '--fix'], ['recover']]) {
    // Crashed once it holds the lock (recover, which holds no crash point there, releases it): any lock written stays.
    it(`${args.join(' ')} refuses before writing the lock through nobody's link`, () => {
      const { repo, victim, nobodys } = redirectedGitDir();
      const res = runWithFault(args, repo.dir, 'crash-at:locked', TRUST_ALL);
      expect(ours(victim), res.stderr).toEqual([]);
      expect(res.stderr).toContain(`refusing to write in ${nobodys}: it belongs to uid ${NOBODY}`);
      expect(res.code).toBe(1);
    });
  }

  it('bump refuses before taking the lock when the project lies in a directory another user owns', () => {
    const base = tempDir('hv-state-');
    chmodSync(base, 0o755);
    const repo = new TempRepo(path.join(base, 'shared'));
    mkdirSync(repo.dir);
    repo.git('init', '-q', '-b', 'main');
    repo.write('pyproject.toml', pyproject('0.2.0')).commit();
    chownSync(repo.dir, NOBODY, NOBODY);
    const res = runWithFault(['bump', 'patch'], repo.dir, 'crash-at:locked', TRUST_ALL);
    expect(existsSync(repo.path('.git/heimdall-version.lock')), res.stderr).toBe(false);
    expect(res.stderr).toContain(`refusing to write in ${repo.dir}: it belongs to uid ${NOBODY}`);
    expect(res.code).toBe(1);
  });
});
