// The pre-commit framework's standard route, as examples/heimdall-mcp*/.pre-commit-config.yaml
// write it: `repo:` a git URL of heimdall-version, `rev:` a tag, `hooks: [{id: heimdall-version}]`. Debian's pre-commit 3.0.4 and a current 4.x (from this
// machine's pip index, in a throwaway venv) each install the hook from a file:// clone and run it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, exampleRepo, tempDir, VPY } from '../helpers/repo.js';
import { selfRepo } from '../helpers/self-repo.js';
import { needs, testEnv } from '../helpers/env.js';

afterAll(cleanupTempDirs);

const debianPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).stdout?.trim();
const hasDebianPreCommit = needs(
  Boolean(debianPreCommit),
  "the pre-commit repo: route with Debian's pre-commit (pre-commit-repo.test.ts)",
  'apt-get install pre-commit',
);

/** pre-commit 4.x in a fresh venv, from the configured pip index; undefined when pip cannot install it (the test then goes through needs()). */
function currentPreCommit(): { exe?: string; why: string } {
  const venv = path.join(tempDir('hv-venv-'), 'venv');
  const made = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
  const pip = made.status === 0 ? spawnSync(path.join(venv, 'bin', 'pip'), ['install', '-q', '--retries', '0', 'pre-commit>=4'], { encoding: 'utf8' }) : made;
  const exe = path.join(venv, 'bin', 'pre-commit');
  const version = spawnSync(exe, ['--version'], { encoding: 'utf8' });
  if (pip.status !== 0 || version.status !== 0) return { why: (pip.stderr || version.stderr || '').trim().split('\n').at(-1) ?? '' };
  return { exe, why: '' };
}

/** Installs the framework's hook in a drifted heimdall-mcp copy and commits through it: blocked, then passing once fixed. */
function commitsThroughHook(preCommit: string, url: string, rev: string): void {
  const repo = exampleRepo('heimdall-mcp-drifted');
  // The example's configuration as written, pointed at the clone under test.
  const example = repo.read('.pre-commit-config.yaml');
  expect(example).toContain('  - repo: https://github.com/OWNER/heimdall-version\n    rev: v0.1.0\n');
  repo.write('.pre-commit-config.yaml', example.replace('https://github.com/OWNER/heimdall-version', url).replace('rev: v0.1.0', `rev: ${rev}`));
  repo.git('add', '-A');
  const env = testEnv({ PRE_COMMIT_HOME: tempDir('hv-pch-') });
  const install = spawnSync(preCommit, ['install'], { cwd: repo.dir, env, encoding: 'utf8' });
  expect(install.stderr).toBe('');
  expect(install.status).toBe(0);

  const blocked = spawnSync('git', ['commit', '-q', '-m', 'drifted'], { cwd: repo.dir, env, encoding: 'utf8' });
  const said = blocked.stdout + blocked.stderr;
  expect(said).toMatch(/heimdall-version check\.+Failed/);
  expect(said).toContain('SYSTEM_VERSION looks up the distribution "heimdall-mcp-server"');
  expect(said).not.toContain('ENOENT');
  expect(blocked.status).not.toBe(0);

  repo.write(VPY, repo.read(VPY).replace('"heimdall-mcp-server"', '"heimdall-mcp"').replace('"0.1.0"', '"0.2.0"'));
  repo.git('add', '-A');
  const passed = spawnSync('git', ['commit', '-q', '-m', 'fixed'], { cwd: repo.dir, env, encoding: 'utf8' });
  expect(passed.stdout + passed.stderr).toMatch(/heimdall-version check\.+Passed/);
  expect(passed.status).toBe(0);
}

describe('pre-commit repo: route', () => {
  let source: ReturnType<typeof selfRepo>;
  let current: { exe?: string; why: string };
  beforeAll(() => {
    source = selfRepo('v0.1.0');
    current = currentPreCommit();
  }, 300_000);

  it.skipIf(!hasDebianPreCommit)(
    `works with Debian's ${debianPreCommit}`,
    () => {
      commitsThroughHook('pre-commit', `file://${source.dir}`, 'v0.1.0');
    },
    600_000,
  );

  it('works with a current pre-commit 4.x', (ctx) => {
    // pip needs an index that has pre-commit 4 (this machine's pip configuration, or the network).
    if (
      !needs(
        current.exe !== undefined,
        `the pre-commit 4.x repo: route (pre-commit-repo.test.ts): pip could not install pre-commit>=4 (${current.why})`,
        'configure a pip index that has pre-commit 4',
      )
    )
      return ctx.skip();
    const exe = current.exe!;
    expect(spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^pre-commit 4\./);
    commitsThroughHook(exe, `file://${source.dir}`, 'v0.1.0');
  }, 600_000);
});
