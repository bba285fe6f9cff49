// What makes check start fast, tested as behaviour: the code cache the bin starts from, and a check
// that needs no git process when the ref files answer.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { testEnv } from '../helpers/env.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** A copy of the installed package (bin, dist), so its caches can be changed without touching ours; cache: check's. */
function installedCopy(): { bin: string; cache: string } {
  const dir = tempDir('hv-pkg-');
  cpSync(path.join(PROJECT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  cpSync(path.join(PROJECT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  symlinkSync(path.join(PROJECT, 'node_modules'), path.join(dir, 'node_modules'));
  return { bin: path.join(dir, 'bin', 'heimdall-version.cjs'), cache: path.join(dir, 'dist', 'check.cjs.cache') };
}

function check(bin: string, cwd: string, env: Record<string, string> = {}, args = ['check']) {
  const res = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: testEnv({ NODE_DISABLE_COMPILE_CACHE: '', ...env }) });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('the code cache', () => {
  const repo = layoutRepo('1.2.3').commit();
  const expected = '✔ 1.2.3: pyproject.toml, cognitive_memory/core/version.py agree\n';

  it('is not made by the build (it fits only the Node that made it); each bundle names its build', () => {
    const ids = ['check.cjs', 'cli.cjs'].map((bundle) => readFileSync(path.join(PROJECT, 'dist', bundle), 'utf8').split('\n')[0]);
    for (const id of ids) expect(id).toMatch(/^\/\/ heimdall-version build [0-9a-f]{16}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('is written after a run when missing, and the next run starts from it', () => {
    const { bin, cache } = installedCopy();
    rmSync(cache, { force: true });
    expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect(existsSync(cache)).toBe(true);
    const written = readFileSync(cache);
    expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect(readFileSync(cache).equals(written)).toBe(true); // accepted, so left alone
  });

  it('a damaged cache is rejected by V8, the CLI runs as usual, and the cache is replaced', () => {
    const { bin, cache } = installedCopy();
    writeFileSync(cache, Buffer.alloc(4096, 7));
    expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect(readFileSync(cache).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('a bundle of another build never runs from the old cache, even at the same length', () => {
    const { bin, cache } = installedCopy();
    const cli = path.join(path.dirname(cache), 'check.cjs');
    expect(check(bin, repo.dir).code).toBe(0); // the cache now fits this copy
    const before = readFileSync(cache);
    const original = readFileSync(cli, 'utf8');
    // Another build: other code, so another id (the build's hash), here of the same length.
    const edited = original.replace(/^(\/\/ heimdall-version build )[0-9a-f]{16}/, '$10123456789abcdef').replace(/"0\.1\.0"/, '"9.9.9"');
    expect(edited.length).toBe(original.length);
    writeFileSync(cli, edited);
    const res = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: testEnv({ NODE_DISABLE_COMPILE_CACHE: '' }) });
    expect(res.stdout).toBe('9.9.9\n');
    expect(readFileSync(cache).equals(before)).toBe(true); // --version does not rewrite it
    expect(check(bin, repo.dir).code).toBe(0);
    expect(readFileSync(cache).subarray(0, 80).toString()).toContain('0123456789abcdef');
  });

  it('a read-only install never tries to write into itself', () => {
    const { bin, cache } = installedCopy();
    rmSync(cache, { force: true });
    const dist = path.dirname(cache);
    chmodSync(dist, 0o555);
    try {
      const before = readdirSync(dist).sort();
      // Even for root, whom the permission bits do not stop: the install was marked read-only.
      expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: expected, stderr: '' });
      expect(readdirSync(dist).sort()).toEqual(before);
    } finally {
      chmodSync(dist, 0o755);
    }
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 neither reads nor writes it', () => {
    const { bin, cache } = installedCopy();
    rmSync(cache, { force: true });
    expect(check(bin, repo.dir, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect(existsSync(cache)).toBe(false);
  });

  it("is kept once a check (the hook's command) made it; another command makes one only where there is none, and the next check replaces it", () => {
    const { bin, cache } = installedCopy();
    rmSync(cache, { force: true });
    expect(check(bin, repo.dir, {}, ['check', '--format', 'nonsense']).code).toBe(2);
    expect(check(bin, repo.dir, {}, ['check', '--help']).code).toBe(0);
    expect(existsSync(cache)).toBe(false);
    expect(check(bin, repo.dir, {}, ['show']).code).toBe(0);
    const byShow = readFileSync(cache);
    expect(check(bin, repo.dir, {}, ['show']).code).toBe(0);
    expect(readFileSync(cache).equals(byShow)).toBe(true); // accepted, so left alone
    expect(check(bin, repo.dir, {}, ['--format', 'json']).code).toBe(0);
    const byCheck = readFileSync(cache);
    expect(byCheck.equals(byShow)).toBe(false); // a check's replaces it
    expect(check(bin, repo.dir, {}, ['show']).code).toBe(0);
    expect(check(bin, repo.dir).code).toBe(0);
    expect(readFileSync(cache).equals(byCheck)).toBe(true); // and is kept
  });

  it('a check --staged (what the hook runs) adds its code to the cache a check made, and a check to the one it made, once', () => {
    for (const [first, second] of [
      [['check'], ['check', '--staged']],
      [['check', '--staged'], ['check']],
    ]) {
      const { bin, cache } = installedCopy();
      rmSync(cache, { force: true });
      expect(check(bin, repo.dir, {}, first).code).toBe(0);
      const byFirst = readFileSync(cache);
      expect(check(bin, repo.dir, {}, second).code).toBe(0);
      const byBoth = readFileSync(cache);
      // The code of both runs: what the second compiled beside what it loaded.
      expect(byBoth.length).toBeGreaterThan(byFirst.length);
      for (const again of [first, second, ['show']]) {
        expect(check(bin, repo.dir, {}, again).code).toBe(0);
        expect(readFileSync(cache).equals(byBoth)).toBe(true);
      }
    }
  });

  it('--version alone does not write it (it compiles too little to be worth keeping)', () => {
    const { bin, cache } = installedCopy();
    rmSync(cache, { force: true });
    const res = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: testEnv() });
    expect(res.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(existsSync(cache)).toBe(false);
  });
});

describe('the two bundles', () => {
  const repo = layoutRepo('1.2.3').commit();
  const caches = (bin: string) =>
    readdirSync(path.join(path.dirname(bin), '..', 'dist'))
      .filter((f) => f.endsWith('.cache'))
      .sort();

  it('check and show start from dist/check.cjs; every other command from dist/cli.cjs, with a cache of its own made by its first run', () => {
    const { bin, cache } = installedCopy();
    const repo = layoutRepo('1.2.3').commit();
    for (const f of caches(bin)) rmSync(path.join(path.dirname(cache), f));
    expect(check(bin, repo.dir).code).toBe(0);
    expect(check(bin, repo.dir, {}, ['show']).code).toBe(0);
    expect(caches(bin)).toEqual(['check.cjs.cache']);
    const bump = check(bin, repo.dir, {}, ['bump', 'patch', '--dry-run']);
    expect(bump.code).toBe(0);
    expect(bump.stdout).toContain('1.2.4');
    expect(caches(bin)).toEqual(['check.cjs.cache', 'cli.cjs.bump.cache']);
    const byBump = readFileSync(path.join(path.dirname(cache), 'cli.cjs.bump.cache'));
    expect(byBump.subarray(0, 80).toString()).toContain(readFileSync(path.join(path.dirname(cache), 'cli.cjs'), 'utf8').split('\n')[0]);
    expect(check(bin, repo.dir, {}, ['bump', 'patch', '--dry-run']).code).toBe(0);
    expect(readFileSync(path.join(path.dirname(cache), 'cli.cjs.bump.cache')).equals(byBump)).toBe(true); // accepted, so left alone
    // A dry run's cache lacks the writing: the first bump that writes adds its code, once.
    expect(check(bin, repo.dir, {}, ['bump', 'patch']).code).toBe(0);
    const byWrite = readFileSync(path.join(path.dirname(cache), 'cli.cjs.bump.cache'));
    expect(byWrite.length).toBeGreaterThan(byBump.length);
    for (const args of [
      ['bump', 'patch', '--dry-run'],
      ['bump', 'patch'],
    ]) {
      expect(check(bin, repo.dir, {}, args).code).toBe(0);
      expect(readFileSync(path.join(path.dirname(cache), 'cli.cjs.bump.cache')).equals(byWrite)).toBe(true);
    }
    // The help, a usage error and an unknown command compile too little to be worth keeping.
    for (const args of [['help', 'bump'], ['bump', '--help'], ['bump', '--nonsense'], ['bmup']]) expect(check(bin, repo.dir, {}, args).code).not.toBe(1);
    expect(caches(bin)).toEqual(['check.cjs.cache', 'cli.cjs.bump.cache']);
  });

  it('a command line naming no command (a path, an inherited property) writes no cache, here or anywhere', () => {
    const { bin } = installedCopy();
    const root = path.join(path.dirname(bin), '..');
    const before = [readdirSync(root).sort(), caches(bin)];
    for (const name of ['constructor', '__proto__', 'tostring', '../evil', '..', 'x/../../y', 'BUMP']) {
      const res = check(bin, repo.dir, {}, [name]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(`unknown command "${name}"`);
    }
    expect([readdirSync(root).sort(), caches(bin)]).toEqual(before);
  });

  it("a command's failed run (exit 1) makes no cache, nor replaces its dry run's", () => {
    const { bin, cache } = installedCopy();
    for (const f of caches(bin)) rmSync(path.join(path.dirname(cache), f));
    const repo = layoutRepo('1.2.3').commit();
    const bumpCache = path.join(path.dirname(cache), 'cli.cjs.bump.cache');
    repo.write('pyproject.toml', pyproject('1.2.4'));
    expect(check(bin, repo.dir, {}, ['bump', 'patch']).code).toBe(1); // the sources disagree: nothing bumped
    expect(existsSync(bumpCache)).toBe(false);
    repo.git('checkout', '--', 'pyproject.toml');
    expect(check(bin, repo.dir, {}, ['bump', 'patch', '--dry-run']).code).toBe(0);
    const byDryRun = readFileSync(bumpCache);
    repo.write('pyproject.toml', pyproject('1.2.4'));
    expect(check(bin, repo.dir, {}, ['bump', 'patch']).code).toBe(1);
    expect(readFileSync(bumpCache).equals(byDryRun)).toBe(true); // kept for the first bump that writes
    repo.git('checkout', '--', 'pyproject.toml');
    expect(check(bin, repo.dir, {}, ['bump', 'patch']).code).toBe(0);
    expect(readFileSync(bumpCache).length).toBeGreaterThan(byDryRun.length);
  });

  it('a bundle built before the bundles were written wrapped (a checkout whose dist/ was not rebuilt) still runs, never from a cache made for the wrapped one', () => {
    const { bin, cache } = installedCopy();
    const dist = path.dirname(cache);
    // Caches made for the bundles as written: the same bundle wrapped by the bin has the same length,
    // which is all V8 checks of a cache's source.
    expect(check(bin, repo.dir).code).toBe(0);
    expect(check(bin, repo.dir, {}, ['bump', 'patch', '--dry-run']).code).toBe(0);
    expect(existsSync(cache)).toBe(true);
    for (const bundle of ['check.cjs', 'cli.cjs']) {
      const text = readFileSync(path.join(dist, bundle), 'utf8');
      const [first, ...rest] = text.split('\n');
      const body = rest
        .join('\n')
        .replace(/^\(function \(exports, require, module, __filename, __dirname\) \{/, '')
        .replace(/\n\}\);\n$/, '');
      expect(body.length).toBeLessThan(text.length - first!.length - 60);
      writeFileSync(path.join(dist, bundle), `${first}\n${body}`);
    }
    for (let i = 0; i < 2; i++) {
      expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: '✔ 1.2.3: pyproject.toml, cognitive_memory/core/version.py agree\n', stderr: '' });
      const res = check(bin, repo.dir, {}, ['bump', 'patch', '--dry-run']);
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(res.stdout).toContain('1.2.4');
    }
  });

  it('a bundle patched in place (its build id and length kept, as a one-character fix keeps them) runs as patched', () => {
    const { bin, cache } = installedCopy();
    const bundle = path.join(path.dirname(cache), 'check.cjs');
    const expected = '✔ 1.2.3: pyproject.toml, cognitive_memory/core/version.py agree\n';
    expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: expected, stderr: '' }); // the cache holds the report's code
    const text = readFileSync(bundle, 'utf8');
    expect(text).toContain('" agree"');
    writeFileSync(bundle, text.replace('" agree"', '" AGREE"'));
    for (let i = 0; i < 2; i++) expect(check(bin, repo.dir).stdout).toBe(expected.replace(' agree', ' AGREE'));
  });

  it('a bundle with no build id (built by hand) never starts from a cache: another bundle of the same length runs its own code', () => {
    const { bin, cache } = installedCopy();
    // Two bundles of the same length, with no build line: V8 checks only a cache's source length.
    const bundle = (word: string) => `exports.main = async () => { process.stdout.write('${word}\\n'); return 0; };\nexports.drained = () => true;\n`;
    expect(bundle('first').length).toBe(bundle('other').length);
    for (const word of ['first', 'other']) {
      writeFileSync(path.join(path.dirname(cache), 'check.cjs'), bundle(word));
      for (let i = 0; i < 2; i++) expect(check(bin, repo.dir)).toEqual({ code: 0, stdout: `${word}\n`, stderr: '' });
    }
  });

  it('dist/check.cjs holds no other command: asked for one, it says so instead of running it', () => {
    // The bin never asks it: this loads the bundle as the bin does, and asks.
    const script = `
      const fs = require('fs'), vm = require('vm'), path = require('path');
      const file = process.argv[1];
      const cli = { exports: {} };
      new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file }).runInThisContext()(cli.exports, require, cli, file, path.dirname(file));
      cli.exports.main(['bump', 'patch', '--dry-run']).then((code) => { process.exitCode = code; });
    `;
    const res = spawnSync(process.execPath, ['-e', script, path.join(PROJECT, 'dist', 'check.cjs')], { cwd: repo.dir, encoding: 'utf8', env: testEnv() });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('./commands/bump.js is not in dist/check.cjs');
    expect(res.stdout).toBe('');
    expect(readFileSync(path.join(PROJECT, 'dist', 'check.cjs')).length).toBeLessThan(0.7 * readFileSync(path.join(PROJECT, 'dist', 'cli.cjs')).length);
  });
});

describe('output written straight to the descriptors', () => {
  const sh = (script: string, cwd: string) =>
    spawnSync('sh', ['-c', script], {
      cwd,
      encoding: 'utf8',
      env: testEnv({ BIN: path.join(PROJECT, 'bin', 'heimdall-version.cjs'), NODE: process.execPath }),
    });

  it('arrives whole through a pipe', () => {
    const repo = layoutRepo('1.2.3').commit();
    const res = sh('"$NODE" "$BIN" check --format json | cat', repo.dir);
    expect(JSON.parse(res.stdout).version).toBe('1.2.3');
  });

  it('a closed standard output is no error', () => {
    const repo = layoutRepo('1.2.3').commit();
    const res = sh('"$NODE" "$BIN" check >&-; echo "exit=$?"', repo.dir);
    expect(res.stdout).toBe('exit=0\n');
    expect(res.stderr).toBe('');
  });
});

describe('a check without git', () => {
  // PATH without git: only the ref files can answer. (node itself is started by its full path.)
  const noGit = { PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) };

  it('applies the tag rules from the ref files alone', () => {
    const repo = layoutRepo('1.0.0').commit('one');
    repo.git('tag', '-a', 'v0.9.0', '-m', 'old');
    repo.write('pyproject.toml', repo.read('pyproject.toml')).commit('two');
    repo.git('tag', 'v1.0.0');
    // Without the ref files, a missing git would skip the tag rules with a warning.
    expect(run(['check'], repo.dir, noGit)).toEqual({ code: 0, stdout: '✔ 1.0.0: pyproject.toml, cognitive_memory/core/version.py agree\n', stderr: '' });
  });

  it('a tag on HEAD that disagrees needs git to see whether the sources changed since', () => {
    const repo = layoutRepo('1.0.0').commit();
    repo.git('tag', 'v0.9.0');
    const res = run(['check', '--format', 'json'], repo.dir, noGit);
    expect(JSON.parse(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-mismatch', severity: 'warn', message: 'git is not installed: the tag rules were skipped' }),
    ]);
    expect(JSON.parse(run(['check', '--format', 'json'], repo.dir).stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-mismatch', severity: 'error', message: expect.stringContaining('HEAD is tagged v0.9.0') }),
    ]);
  });

  it('needs git for a tag newer than the version, and says so when git is missing', () => {
    const repo = layoutRepo('1.0.0').commit();
    repo.git('tag', 'v2.0.0');
    const res = run(['check', '--format', 'json'], repo.dir, noGit);
    expect(JSON.parse(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-mismatch', severity: 'warn', message: 'git is not installed: the tag rules were skipped' }),
    ]);
    const withGit = run(['check', '--format', 'json'], repo.dir);
    expect(JSON.parse(withGit.stdout).diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'tag-ahead', message: expect.stringContaining('tag v2.0.0 (reachable from HEAD)') })]),
    );
  });
});

describe('the JavaScript parser (Babel)', () => {
  // Records every module the CLI requires, through a --require preload the spawned Node runs first.
  const required = (cwd: string, args = ['check']) => {
    const log = path.join(tempDir('hv-spy-'), 'modules.txt');
    const spy = path.join(path.dirname(log), 'spy.cjs');
    writeFileSync(
      spy,
      `const M = require('node:module'); const fs = require('node:fs'); const load = M._load;
M._load = function (request, ...rest) { fs.appendFileSync(${JSON.stringify(log)}, request + '\\n'); return load.call(this, request, ...rest); };\n`,
    );
    expect(check(`${PROJECT}/bin/heimdall-version.cjs`, cwd, { NODE_OPTIONS: `--require ${spy}` }, args).code).toBe(0);
    return readFileSync(log, 'utf8').split('\n');
  };

  it('is loaded by a check with a js source, and by no other check', () => {
    expect(required(layoutRepo('1.0.0').commit().dir)).not.toContain('@babel/parser');
    const withJs = tempRepo({
      'pyproject.toml': pyproject('1.0.0'),
      'src/version.ts': "export const VERSION = '1.0.0';\n",
      '.heimdallrc.json': JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml' },
          { file: 'src/version.ts', type: 'js' },
        ],
      }),
    }).commit();
    expect(required(withJs.dir)).toContain('@babel/parser');
  });

  it('a check loads neither node:crypto nor the machinery that writes (check --fix does)', () => {
    const repo = layoutRepo('1.0.0').commit();
    const modules = required(repo.dir);
    expect(modules).not.toContain('node:crypto');
    expect(modules).not.toContain('node:readline/promises');
  });

  it('check --staged inflates the staged objects and checks them against their names without node:zlib or node:crypto, and starts no git', () => {
    const repo = layoutRepo('1.0.0').commit();
    repo.write('pyproject.toml', pyproject('1.0.0', '# staged\n')).git('add', 'pyproject.toml');
    const modules = required(repo.dir, ['check', '--staged']);
    expect(modules).not.toContain('node:zlib');
    expect(modules).not.toContain('node:crypto');
    expect(modules).not.toContain('node:child_process');
  });
});

describe('a PEP 440 project', () => {
  const noGit = { PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) };

  it('is checked against post, rc and dev tags from the ref files alone, with no process started', () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "p"\nversion = "1.0.0.post1"\n',
      '.heimdallrc.json': JSON.stringify({ versioning: 'pep440', sources: [{ file: 'pyproject.toml', type: 'toml' }] }),
    }).commit();
    for (const tag of ['v0.9', 'v1.0.0rc2', 'v1.0.0', 'v1.0.0.post1.dev3', 'v1.0.0.post1']) repo.git('tag', tag);
    expect(run(['check'], repo.dir, noGit)).toEqual({ code: 0, stdout: '✔ 1.0.0.post1: pyproject.toml\n', stderr: '' });
    // The same tags read by git agree: a newer one is still seen without git's help.
    repo.git('tag', 'v1.0.0.post2.dev0');
    const res = run(['check', '--format', 'json'], repo.dir, noGit);
    expect(JSON.parse(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-mismatch', message: 'git is not installed: the tag rules were skipped' }),
    ]);
  });
});
