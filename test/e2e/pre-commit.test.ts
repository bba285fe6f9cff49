// The pre-commit framework for real: heimdall-version packed as npm would publish it, installed
// by pre-commit into its own node environment, run on a heimdall-mcp-shaped repository.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, exampleRepo, tempDir, VPY } from '../helpers/repo.js';

const hasPreCommit = needs(
  spawnSync('pre-commit', ['--version']).status === 0,
  'the pre-commit framework tests (test/e2e/pre-commit.test.ts)',
  'apt-get install pre-commit',
);
afterAll(cleanupTempDirs);

describe.skipIf(!hasPreCommit)('pre-commit framework', () => {
  it('blocks a commit with drifted versions and passes once they agree', () => {
    const packDir = tempDir();
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: PROJECT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const repo = exampleRepo('heimdall-mcp-drifted');
    // A local hook whose node environment installs the packed tarball (the examples use the repo: route).
    repo.write(
      '.pre-commit-config.yaml',
      `repos:\n  - repo: local\n    hooks:\n      - id: heimdall-version\n        name: heimdall-version check\n        entry: heimdall-version check --staged\n        language: node\n        language_version: system\n        additional_dependencies: [${JSON.stringify(path.join(packDir, tarball))}]\n        pass_filenames: false\n        always_run: true\n`,
    );
    repo.git('add', '-A');
    const env = testEnv({ PRE_COMMIT_HOME: tempDir() });
    expect(spawnSync('pre-commit', ['install'], { cwd: repo.dir, env }).status).toBe(0);

    const blocked = spawnSync('git', ['commit', '-q', '-m', 'drifted'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('heimdall-version check');
    expect(blocked.stdout + blocked.stderr).toContain('SYSTEM_VERSION looks up the distribution "heimdall-mcp-server"');

    repo.write(VPY, repo.read(VPY).replace('"heimdall-mcp-server"', '"heimdall-mcp"').replace('"0.1.0"', '"0.2.0"'));
    repo.git('add', '-A');
    const passed = spawnSync('git', ['commit', '-q', '-m', 'fixed'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(passed.stdout + passed.stderr).toMatch(/heimdall-version check\.+Passed/);
    expect(passed.status).toBe(0);
  }, 300_000);
});
