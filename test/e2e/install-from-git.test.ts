// A copy installed from git has no dist/ when npm ran no build script (npm 11 runs none for a git
// package installed globally): the bin builds the same bundle on its first run, with the esbuild
// installed next to it, or says what to do.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir } from '../helpers/repo.js';
import { selfRepo } from '../helpers/self-repo.js';

afterAll(cleanupTempDirs);
const buildLine = (file: string) => readFileSync(file, 'utf8').split('\n')[0];
const OK = '✔ 1.0.0: pyproject.toml, cognitive_memory/core/version.py agree\n';

/** The package as npm packs it from a git checkout without a build: bin, src, the bundler script; no dist/. */
function sourceCopy(withEsbuild: boolean): string {
  const dir = tempDir('hv-git-');
  for (const p of ['bin', 'src', 'scripts/bundle-cli.cjs', 'scripts/patches/smol-toml.cjs', 'package.json'])
    cpSync(path.join(PROJECT, p), path.join(dir, p), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules'));
  for (const name of readdirSync(path.join(PROJECT, 'node_modules')))
    if (withEsbuild || (name !== 'esbuild' && name !== '.bin')) symlinkSync(path.join(PROJECT, 'node_modules', name), path.join(dir, 'node_modules', name));
  return dir;
}

describe('installed from git without dist/', () => {
  const repo = layoutRepo('1.0.0').commit();

  it('builds the very bundle the build makes on its first run, then runs from it', () => {
    const dir = sourceCopy(true);
    const res = spawnSync(process.execPath, [path.join(dir, 'bin', 'heimdall-version.cjs'), 'check'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(OK);
    for (const bundle of ['check.cjs', 'cli.cjs']) expect(buildLine(path.join(dir, 'dist', bundle))).toBe(buildLine(path.join(PROJECT, 'dist', bundle)));
  });

  it('without esbuild, says how to install it properly (exit 2, no stack trace)', () => {
    const dir = sourceCopy(false);
    const res = spawnSync(process.execPath, [path.join(dir, 'bin', 'heimdall-version.cjs'), 'check'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('dist/check.cjs is missing and esbuild is not installed to build it');
    expect(res.stderr).toContain('npm install --global --install-links <git URL> esbuild@');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('npm install --global --install-links <git URL> esbuild@<version>, as the README says, gives a working command', () => {
    const source = selfRepo('v0.1.0');
    const prefix = tempDir('hv-prefix-');
    const esbuild = JSON.parse(readFileSync(path.join(PROJECT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
    const env = { ...process.env, NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix, NO_COLOR: '1' };
    const install = spawnSync(
      'npm',
      ['install', '--global', '--install-links', '--no-audit', '--no-fund', `git+file://${source.dir}#v0.1.0`, `esbuild@${esbuild}`],
      { env, encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);
    expect(readdirSync(prefix).join(','), install.stdout + install.stderr).toContain('bin');
    const res = spawnSync(path.join(prefix, 'bin', 'heimdall-version'), ['check'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(res.error).toBeUndefined();
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe(OK);
  }, 300_000);

  it('.pre-commit-hooks.yaml installs the esbuild this package builds with', () => {
    const esbuild = JSON.parse(readFileSync(path.join(PROJECT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
    expect(readFileSync(path.join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8')).toContain(`additional_dependencies: ["esbuild@${esbuild}"]`);
  });
});
