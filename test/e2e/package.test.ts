// What npm publishes: `npm pack` contents, the licence, and an install from the packed tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
const manifest = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8'));

describe('the npm package', () => {
  const packed = () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path).sort();
  };

  it('holds the bin, the built dist, the schema, the pre-commit and action files, and the licence', () => {
    const files = packed();
    for (const f of [
      'bin/heimdall-version.cjs',
      'dist/cli.cjs',
      'dist/check.cjs',
      'dist/index.js',
      'dist/index.d.ts',
      'schema/heimdallrc.schema.json',
      '.pre-commit-hooks.yaml',
      'action.yml',
      'LICENSE',
      'README.md',
      'package.json',
    ])
      expect(files).toContain(f);
    // What a copy installed from git needs to build its own bundle (bin/heimdall-version.cjs).
    expect(files).toContain('scripts/bundle-cli.cjs');
    expect(files).toContain('scripts/patches/smol-toml.cjs');
    expect(files).toContain('src/cli/main.ts');
  });

  it('holds no tests, no code cache, no temporary or development files', () => {
    run(['check'], layoutRepo('1.0.0').commit().dir); // a run of this checkout writes its code cache into dist/
    expect(existsSync(path.join(PROJECT, 'dist', 'check.cjs.cache'))).toBe(true);
    const files = packed();
    expect(files.filter((f) => /^(test|examples|node_modules|\.husky|\.ci|coverage|\.bench)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(cache|tmp)$|\.test\.ts$|^\.npmrc$|^tsconfig|^vitest|^lint-staged/.test(f))).toEqual([]);
  });

  it('carries an MIT LICENSE, as package.json says', () => {
    expect(manifest.license).toBe('MIT');
    const text = readFileSync(path.join(PROJECT, 'LICENSE'), 'utf8');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toContain('Permission is hereby granted, free of charge');
  });

  it('installs from the packed tarball and runs (read-only, it writes nothing into itself)', () => {
    const dest = tempDir('hv-pack-');
    const name = execFileSync('npm', ['pack', '--pack-destination', dest, '--ignore-scripts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    expect(name).toBe(`heimdall-version-${manifest.version}.tgz`); // nothing but the name on stdout
    const prefix = tempDir('hv-prefix-');
    const install = spawnSync('npm', ['install', '--global', '--no-audit', '--no-fund', path.join(dest, name)], {
      encoding: 'utf8',
      env: { ...process.env, NPM_CONFIG_PREFIX: prefix },
    });
    expect(install.status, install.stderr).toBe(0);
    const pkg = path.join(prefix, 'lib', 'node_modules', 'heimdall-version');
    execFileSync('chmod', ['-R', 'a-w', pkg]);
    try {
      const repo = layoutRepo('1.0.0').commit();
      const res = spawnSync(path.join(prefix, 'bin', 'heimdall-version'), ['check'], {
        cwd: repo.dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(res.stdout).toBe('✔ 1.0.0: pyproject.toml, cognitive_memory/core/version.py agree\n');
      expect(res.status).toBe(0);
      expect(execFileSync('ls', [path.join(pkg, 'dist')], { encoding: 'utf8' })).not.toMatch(/\.cache|\.tmp/);
    } finally {
      execFileSync('chmod', ['-R', 'u+w', pkg]);
    }
  }, 120_000);
});
