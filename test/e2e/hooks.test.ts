// hook install / uninstall and init, with real `git commit` runs through the installed hook.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, PROJECT, run } from '../helpers/cli.js';
import { GIT_ISOLATION, IDENTITY, needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, exampleRepo, layoutRepo, pyproject, tempDir, tempRepo, TempRepo, versionPy, VPY } from '../helpers/repo.js';

let binDir: string;

// The hook finds heimdall-version on PATH, as after `npm install --global`.
beforeAll(() => {
  binDir = tempDir();
  symlinkSync(BIN, path.join(binDir, 'heimdall-version'));
});
afterAll(cleanupTempDirs);

const withPath = () => ({ PATH: `${binDir}${path.delimiter}${process.env.PATH}` });

function commit(repo: TempRepo, args: string[] = []) {
  return spawnSync('git', ['commit', '-q', '-m', 'change', ...args], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: testEnv(withPath()),
  });
}

const project = () => layoutRepo().commit('initial');

/** A commit from a shell whose PATH has git (and node) but no heimdall-version. */
const commitWithout = (repo: TempRepo) =>
  spawnSync('git', ['commit', '-q', '-m', 'x'], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: tempDir(), NO_COLOR: '1', ...IDENTITY, ...GIT_ISOLATION },
  });

/** A copy of the package (bin, dist, node_modules linked) outside every PATH and node_modules. */
function installedCopy(): { dir: string; bin: string } {
  const dir = tempDir('hv-copy-');
  cpSync(path.join(PROJECT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  cpSync(path.join(PROJECT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  cpSync(path.join(PROJECT, 'package.json'), path.join(dir, 'package.json'));
  symlinkSync(path.join(PROJECT, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, bin: path.join(dir, 'bin', 'heimdall-version.cjs') };
}

describe('hook install', () => {
  it('blocks a commit whose staged versions disagree and lets a consistent one through', () => {
    const repo = project();
    const res = run(['hook', 'install'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('wrote .git/hooks/pre-commit');
    expect(statSync(repo.path('.git/hooks/pre-commit')).mode & 0o111).toBeTruthy();

    repo.write(VPY, versionPy('0.1.0'));
    repo.git('add', '-A');
    const blocked = commit(repo);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('__version__ is 0.1.0 but pyproject.toml says 0.2.0  version-mismatch');
    expect(repo.git('log', '--format=%s')).toBe('initial\n');

    const bypass = commit(repo, ['--no-verify']);
    expect(bypass.status).toBe(0);

    repo.write(VPY, versionPy('0.2.0')).git('add', '-A');
    expect(commit(repo).status).toBe(0);
    expect(repo.git('log', '--format=%s')).toBe('change\nchange\ninitial\n');
  });

  it('checks the staged content, not the work tree', () => {
    const repo = project();
    run(['hook', 'install'], repo.dir);
    repo.write(VPY, versionPy('0.1.0')).git('add', '-A');
    repo.write(VPY, versionPy('0.2.0'));
    expect(commit(repo).status).not.toBe(0);
  });

  it('is idempotent, and uninstall removes exactly what it added', () => {
    const repo = project();
    run(['hook', 'install'], repo.dir);
    const once = repo.read('.git/hooks/pre-commit');
    expect(run(['hook', 'install'], repo.dir).stdout).toContain('already in');
    expect(repo.read('.git/hooks/pre-commit')).toBe(once);
    expect(run(['hook', 'uninstall'], repo.dir).code).toBe(0);
    expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(false);
  });

  it('keeps a foreign shell hook, runs both, and restores it on uninstall', () => {
    const repo = project();
    const foreign = '#!/bin/sh\necho foreign hook ran\nexit 0\n';
    repo.write('.git/hooks/pre-commit', foreign);
    chmodSync(repo.path('.git/hooks/pre-commit'), 0o755);
    expect(run(['hook', 'install'], repo.dir).stdout).toContain('added the heimdall-version check to the existing');
    repo.write(VPY, versionPy('0.1.0')).git('add', '-A');
    expect(commit(repo).status).not.toBe(0);
    repo.write(VPY, versionPy('0.2.0')).write('x.txt', 'x').git('add', '-A');
    const ok = commit(repo);
    expect(ok.status).toBe(0);
    expect(ok.stdout + ok.stderr).toContain('foreign hook ran');
    run(['hook', 'uninstall'], repo.dir);
    expect(repo.read('.git/hooks/pre-commit')).toBe(foreign);
  });

  it('chains a hook in another language instead of overwriting it', () => {
    const repo = project();
    const foreign = `#!${process.execPath}\nconsole.log('node hook ran');\n`;
    repo.write('.git/hooks/pre-commit', foreign);
    chmodSync(repo.path('.git/hooks/pre-commit'), 0o755);
    expect(run(['hook', 'install'], repo.dir).stdout).toContain('chained it');
    repo.write('x.txt', 'x').git('add', '-A');
    const ok = commit(repo);
    expect(ok.status).toBe(0);
    expect(ok.stdout + ok.stderr).toContain('node hook ran');
    run(['hook', 'uninstall'], repo.dir);
    expect(repo.read('.git/hooks/pre-commit')).toBe(foreign);
    expect(existsSync(repo.path('.git/hooks/pre-commit.heimdall-chained'))).toBe(false);
  });

  it('honours core.hooksPath', () => {
    const repo = project();
    repo.git('config', 'core.hooksPath', '.githooks');
    expect(run(['hook', 'install'], repo.dir).code).toBe(0);
    expect(readFileSync(repo.path('.githooks/pre-commit'), 'utf8')).toContain('check --staged');
    repo.write(VPY, versionPy('0.1.0')).git('add', '-A');
    expect(commit(repo).status).not.toBe(0);
  });

  it('appends to .husky/pre-commit when the repository uses husky', () => {
    const repo = project();
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    expect(run(['hook', 'install'], repo.dir).stdout).toContain('(husky)');
    expect(repo.read('.husky/pre-commit')).toMatch(/^npx lint-staged\n# >>> heimdall-version >>>\n[\s\S]*# <<< heimdall-version <<<\n$/);
    run(['hook', 'uninstall'], repo.dir);
    expect(repo.read('.husky/pre-commit')).toBe('npx lint-staged\n');
  });

  it('works in a linked worktree', () => {
    const repo = project();
    const wt = path.join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', wt);
    expect(run(['hook', 'install'], wt).code).toBe(0);
    expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(true);
  });

  it("works in a submodule, and prefers the project's own node_modules/.bin", () => {
    const sub = project();
    const outer = tempRepo({ 'README.md': 'outer\n' }).commit('outer');
    outer.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub');
    const inside = path.join(outer.dir, 'vendor/sub');
    expect(run(['hook', 'install'], inside).code).toBe(0);
    const hooks = outer.git('-C', inside, 'rev-parse', '--git-path', 'hooks').trim();
    expect(readFileSync(path.resolve(inside, hooks, 'pre-commit'), 'utf8')).toContain('check --staged');
    // A local install wins over PATH: a stand-in that records it ran.
    const local = path.join(inside, 'node_modules/.bin/heimdall-version');
    mkdirSync(path.dirname(local), { recursive: true });
    writeFileSync(local, '#!/bin/sh\necho local heimdall-version "$@"\nexit 1\n');
    chmodSync(local, 0o755);
    writeFileSync(path.join(inside, 'x.txt'), 'x');
    const sub2 = new TempRepo(inside);
    sub2.git('add', 'x.txt');
    const res = commit(sub2);
    expect(res.status).not.toBe(0);
    expect(res.stdout + res.stderr).toContain('local heimdall-version check --staged');
  });

  it('records the heimdall-version that installed it, by absolute path, as the last resort', () => {
    const repo = project();
    // Neither in node_modules/.bin nor on PATH at commit time: a copy of the package run by its path.
    const copy = installedCopy();
    expect(spawnSync(process.execPath, [copy.bin, 'hook', 'install'], { cwd: repo.dir, encoding: 'utf8' }).status).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toContain(`'${process.execPath}' '${copy.bin}' check --staged`);
    repo.write(VPY, versionPy('0.1.0')).git('add', '-A');
    const blocked = commitWithout(repo);
    expect(blocked.stdout + blocked.stderr).toContain('__version__ is 0.1.0 but pyproject.toml says 0.2.0');
    expect(blocked.status).not.toBe(0);
    repo.write(VPY, versionPy('0.2.0')).write('x.txt', 'x').git('add', '-A');
    expect(commitWithout(repo).status).toBe(0);
  });

  it('says how to install heimdall-version when the hook cannot find it', () => {
    const repo = project();
    const copy = installedCopy();
    spawnSync(process.execPath, [copy.bin, 'hook', 'install'], { cwd: repo.dir });
    rmSync(copy.dir, { recursive: true }); // the copy that installed the hook is gone too
    repo.write('x.txt', 'x').git('add', '-A');
    const res = commitWithout(repo);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('heimdall-version is not installed where this hook looks (node_modules/.bin, PATH, or where hook install ran from)');
  });

  it('needs a git repository', () => {
    const res = run(['hook', 'install'], tempDir());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('needs a git repository');
  });
});

describe('init', () => {
  it('detects the heimdall-mcp sources, leaves out a disagreeing __version__, and writes a valid config', () => {
    const repo = exampleRepo('heimdall-mcp-drifted');
    repo.write('cognitive_memory/retrieval/__init__.py', '"""Retrieval."""\n__version__ = "1.0.0"\n').commit().tag('v0.1.0').commit('later');
    const res = run(['init'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('✔ pyproject.toml project.version: 0.2.0 (primary: [project] version is set in pyproject.toml)');
    expect(res.stdout).toContain(
      '✔ cognitive_memory/core/version.py SYSTEM_VERSION: 0.1.0 (fallback of a runtime lookup of "heimdall-mcp-server") — differs from 0.2.0: check will report it',
    );
    expect(res.stdout).toContain(
      "· cognitive_memory/retrieval/__init__.py __version__: 1.0.0 — a subpackage's own version, left out (add it with --include cognitive_memory/retrieval/__init__.py)",
    );
    const config = JSON.parse(repo.read('.heimdallrc.json'));
    expect(config.$schema).toMatch(/heimdallrc\.schema\.json$/);
    expect(config.sources.map((s: { file: string }) => s.file)).toEqual(['pyproject.toml', VPY]);
    expect(config.tags).toEqual({ prefix: 'v' });
    const check = run(['check', '--format', 'json'], repo.dir);
    expect(JSON.parse(check.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['runtime-lookup', 'version-mismatch']);
  });

  it("keeps the package's own drifted version, includes a subpackage only when named, and refuses to overwrite without --force", () => {
    const repo = tempRepo({
      'pyproject.toml': pyproject('0.2.0'),
      'pkg/__init__.py': '__version__ = "0.1.0"\n',
      'pkg/sub/__init__.py': '__version__ = "3.0.0"\n',
      'package.json': '{"version":"0.2.0"}\n',
    });
    const first = run(['init'], repo.dir);
    expect(first.stdout).toContain("✔ pkg/__init__.py __version__: 0.1.0 — differs from 0.2.0: check will report it (the package's own version)");
    expect(first.stdout).toContain(
      "· pkg/sub/__init__.py __version__: 3.0.0 — a subpackage's own version, left out (add it with --include pkg/sub/__init__.py)",
    );
    expect(JSON.parse(repo.read('.heimdallrc.json')).sources.map((s: { file: string }) => s.file)).toEqual([
      'pyproject.toml',
      'pkg/__init__.py',
      'package.json',
    ]);
    expect(run(['check'], repo.dir).stdout).toContain('pkg/__init__.py:1:16  error  __version__ is 0.1.0 but pyproject.toml says 0.2.0');
    const again = run(['init', '--include', 'pkg/sub/__init__.py'], repo.dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('pass --force');
    expect(run(['init', '--force', '--include', 'pkg/sub/__init__.py'], repo.dir).code).toBe(0);
    expect(JSON.parse(repo.read('.heimdallrc.json')).sources.map((s: { file: string }) => s.file)).toEqual([
      'pyproject.toml',
      'pkg/__init__.py',
      'pkg/sub/__init__.py',
      'package.json',
    ]);
  });

  it("finds the package's own version under a lower-case `version` too, and keeps its drift", () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), 'demo/__init__.py': '', 'demo/__about__.py': 'version = "0.1.0"\n' });
    expect(run(['init'], repo.dir).stdout).toContain(
      "✔ demo/__about__.py version: 0.1.0 — differs from 0.2.0: check will report it (the package's own version)",
    );
    expect(JSON.parse(repo.read('.heimdallrc.json')).sources[1]).toEqual({ file: 'demo/__about__.py', type: 'python', variable: 'version' });
    expect(run(['check'], repo.dir).stdout).toContain('demo/__about__.py:1:12  error  version is 0.1.0 but pyproject.toml says 0.2.0');
  });

  it('detects a bare tag prefix and Poetry', () => {
    const repo = tempRepo({ 'pyproject.toml': '[tool.poetry]\nname = "p"\nversion = "1.1.0"\n' }).commit().tag('1.0.0').tag('1.1.0');
    expect(run(['init'], repo.dir).code).toBe(0);
    const config = JSON.parse(repo.read('.heimdallrc.json'));
    expect(config.sources).toEqual([{ file: 'pyproject.toml', type: 'toml', key: 'tool.poetry.version', primary: true }]);
    expect(config.tags.prefix).toBe('');
  });
});

describe('this repository and its examples', () => {
  it('ships a .pre-commit-hooks.yaml for the pre-commit framework', () => {
    const text = readFileSync(path.join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(text).toContain('id: heimdall-version');
    expect(text).toContain('entry: heimdall-version check --staged');
    expect(text).toContain('language: node');
    expect(text).toContain('pass_filenames: false');
    // Any file may hold a version (a README pin is a regex source): no pattern may skip the check.
    expect(text).toContain('always_run: true');
    expect(text).not.toMatch(/^\s*(files|exclude|types|types_or):/m);
  });

  it('no example installs heimdall-version from the npm registry, where it is not published', () => {
    const examples = path.join(PROJECT, 'examples');
    const files = (readdirSync(examples, { recursive: true }) as string[]).filter((f) => /\.(ya?ml|md|json|toml|cfg|sh)$/.test(f));
    expect(files).toContain(path.join('heimdall-mcp', '.pre-commit-config.yaml'));
    for (const file of files) {
      const text = readFileSync(path.join(examples, file), 'utf8');
      // An npm spec ("heimdall-version@0.1.0", npx heimdall-version) would fetch whatever holds the name.
      expect(text, file).not.toMatch(/(^|[\s"'[])heimdall-version@\d/m);
      expect(text, file).not.toMatch(/\bnpx\s+(-\S+\s+)*heimdall-version\b/);
    }
  });
});

describe('hook install with the pre-commit framework', () => {
  const hasPreCommit = needs(
    spawnSync('pre-commit', ['--version']).status === 0,
    'hook install with the pre-commit framework (hooks.test.ts)',
    'apt-get install pre-commit',
  );
  const CONFIG = `# the project's hooks
repos:
  - repo: local # its own
    hooks:
      - id: no-tabs
        name: no tabs
        entry: "\\t"
        language: pygrep
        types: [python]

# keep going
fail_fast: false
`;
  const frameworkRepo = () => project().write('.pre-commit-config.yaml', CONFIG).commit('framework');
  const envWith = (extra: Record<string, string> = {}) => testEnv({ ...withPath(), PRE_COMMIT_HOME: tempDir('hv-pch-'), ...extra });

  it.skipIf(!hasPreCommit)(
    'adds the hook to .pre-commit-config.yaml (every other byte kept), which pre-commit then runs',
    () => {
      const repo = frameworkRepo();
      const res = run(['hook', 'install'], repo.dir, withPath());
      expect(res.stdout).toBe(
        'added the heimdall-version hook to .pre-commit-config.yaml (this repository uses the pre-commit framework, whose pre-commit install replaces .git/hooks/pre-commit); run pre-commit install if you have not\n',
      );
      expect(res.code).toBe(0);
      const cut = CONFIG.indexOf('\n\n# keep going');
      expect(repo.read('.pre-commit-config.yaml')).toBe(
        `${CONFIG.slice(0, cut + 1)}  # added by heimdall-version hook install\n  - repo: local\n    hooks:\n      - id: heimdall-version\n        name: heimdall-version check\n        entry: heimdall-version check --staged\n        language: system\n        pass_filenames: false\n        always_run: true\n${CONFIG.slice(cut + 1)}`,
      );
      expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(false); // nothing the framework would erase
      expect(run(['hook', 'install'], repo.dir, withPath()).stdout).toBe('.pre-commit-config.yaml already runs the heimdall-version hook\n');

      const env = envWith();
      expect(spawnSync('pre-commit', ['install'], { cwd: repo.dir, env }).status).toBe(0);
      repo.write(VPY, versionPy('0.1.0')).git('add', '-A');
      const blocked = spawnSync('git', ['commit', '-q', '-m', 'drift'], { cwd: repo.dir, env, encoding: 'utf8' });
      expect(blocked.stdout + blocked.stderr).toMatch(/heimdall-version check\.+Failed/);
      expect(blocked.status).not.toBe(0);
      repo.write(VPY, versionPy('0.2.0')).git('add', '-A');
      const passed = spawnSync('git', ['commit', '-q', '-m', 'ok'], { cwd: repo.dir, env, encoding: 'utf8' });
      expect(passed.stdout + passed.stderr).toMatch(/heimdall-version check\.+Passed/);
      expect(passed.status).toBe(0);

      expect(run(['hook', 'uninstall'], repo.dir).stdout).toBe('removed the heimdall-version hook from .pre-commit-config.yaml\n');
      expect(repo.read('.pre-commit-config.yaml')).toBe(CONFIG);
    },
    120_000,
  );

  it('runs it from node_modules/.bin when it is not on PATH', () => {
    const repo = frameworkRepo();
    mkdirSync(repo.path('node_modules/.bin'), { recursive: true });
    symlinkSync(BIN, repo.path('node_modules/.bin/heimdall-version'));
    expect(run(['hook', 'install'], repo.dir, { PATH: '/usr/bin:/bin' }).code).toBe(0);
    expect(repo.read('.pre-commit-config.yaml')).toContain('        entry: node_modules/.bin/heimdall-version check --staged\n');
  });

  it('refuses with the snippet to paste when it cannot run it or cannot edit the file safely', () => {
    const repo = frameworkRepo();
    const notFound = run(['hook', 'install'], repo.dir, { PATH: '/usr/bin:/bin' });
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toContain('heimdall-version is neither on PATH nor in node_modules/.bin');
    expect(notFound.stderr).toContain('Nothing was changed. Add heimdall-version to .pre-commit-config.yaml yourself');
    expect(notFound.stderr).toContain('  - repo: https://github.com/OWNER/heimdall-version');
    expect(repo.read('.pre-commit-config.yaml')).toBe(CONFIG);
    repo.write('.pre-commit-config.yaml', 'repos: [{repo: local, hooks: []}]\n');
    const inline = run(['hook', 'install'], repo.dir, withPath());
    expect(inline.code).toBe(1);
    expect(inline.stderr).toContain('.pre-commit-config.yaml cannot be edited safely: its repos: list is written inline');
    expect(repo.read('.pre-commit-config.yaml')).toBe('repos: [{repo: local, hooks: []}]\n');
    expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(false);
  });
});
