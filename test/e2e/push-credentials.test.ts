// A remote URL may embed credentials (https://user:token@host/…): bump shows where it pushes without them.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, layoutRepo, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

// Port 1 on the loopback: nothing listens, so even a push that ran would reach nobody.
const SECRET = 's3cr3t-t0ken';
const WITH_CREDENTIALS = `https://deploy:${SECRET}@127.0.0.1:1/demo.git`;
const SHOWN = 'https://127.0.0.1:1/demo.git';

const repoWithRemote = () => {
  const repo = layoutRepo('0.2.0').commit();
  repo.git('remote', 'add', 'origin', WITH_CREDENTIALS);
  return repo;
};

describe('bump --push and a remote URL with credentials', () => {
  it('the dry run names the remote and its URL without them', () => {
    const res = run(['bump', 'patch', '--tag', '--push', '--dry-run'], repoWithRemote().dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`push HEAD and tag v0.2.1 to origin (${SHOWN}); nothing was written`);
    expect(res.stdout + res.stderr).not.toContain(SECRET);
    expect(res.stdout + res.stderr).not.toContain('deploy');
  });

  it('release.remote given as a URL is shown without them too', () => {
    const repo = layoutRepo('0.2.0')
      .write(
        '.heimdallrc.json',
        JSON.stringify({
          sources: [
            { file: 'pyproject.toml', type: 'toml' },
            { file: VPY, type: 'python' },
          ],
          release: { remote: WITH_CREDENTIALS },
        }),
      )
      .commit();
    const res = run(['bump', 'patch', '--push', '--dry-run'], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`push HEAD to ${SHOWN}; nothing was written`);
    expect(res.stdout + res.stderr).not.toContain(SECRET);
  });

  it('the question on a terminal shows the URL without them', () => {
    if (!needs(spawnSync('script', ['--version']).status === 0, 'the terminal question', 'install util-linux (script)')) return;
    const repo = repoWithRemote();
    const command = [process.execPath, BIN, 'bump', 'patch', '--tag', '--push'].map((a) => `'${a}'`).join(' ');
    const res = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, env: testEnv({ TERM: 'dumb' }), input: 'n\n', encoding: 'utf8' });
    expect(res.stdout).toContain(`and tag v0.2.1 to origin (${SHOWN})? [y/N]`);
    expect(res.stdout).not.toContain(SECRET);
    expect(res.stdout).toContain('not confirmed; nothing was changed');
    expect(res.status).toBe(1);
  });
});
