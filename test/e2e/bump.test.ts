// bump and check --fix, end to end: every byte of every file checked after each run.
import { chmodSync, mkdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { runWithFault } from '../helpers/faults.js';
import { cleanupTempDirs, exampleRepo, layoutRepo, pyproject, tempDir, tempRepo, versionPy, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const project = (version = '0.2.0') => layoutRepo(version).commit('initial');

const snapshot = (repo: TempRepo, files: string[]) => Object.fromEntries(files.map((f) => [f, repo.bytes(f).toString('base64')]));

describe('bump levels', () => {
  const cases: [string, string, string[], string][] = [
    ['0.2.0', 'major', [], '1.0.0'],
    ['0.2.0', 'minor', [], '0.3.0'],
    ['0.2.0', 'patch', [], '0.2.1'],
    ['0.2.0', 'premajor', [], '1.0.0a0'],
    ['0.2.0', 'preminor', ['--preid', 'rc'], '0.3.0rc0'],
    ['0.3.0rc0', 'prerelease', ['--preid', 'rc'], '0.3.0rc1'],
    ['0.2.0', 'prepatch', ['--preid', 'beta'], '0.2.1b0'],
    ['0.3.0rc1', 'patch', [], '0.3.0'],
    ['0.2.0', '0.10.0', [], '0.10.0'],
  ];
  for (const [from, level, extra, to] of cases) {
    it(`${level} ${extra.join(' ')} takes ${from} to ${to}`, () => {
      const repo = project(from);
      const res = run(['bump', level, ...extra], repo.dir);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`bumped ${from} → ${to}`);
      expect(repo.read('pyproject.toml')).toBe(pyproject(to));
      expect(repo.read(VPY)).toBe(versionPy(to));
    });
  }
});

describe('refusals', () => {
  it('rejects what is no version, and a version the policy does not allow, with exit 2, writing nothing', () => {
    const repo = project();
    const res = run(['bump', '0.3.x'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"0.3.x" is neither a bump level');
    const short = run(['bump', '0.3'], repo.dir);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('0.3 is not allowed by the "semver" versioning policy');
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
  });

  it('refuses to go backwards unless --force', () => {
    const repo = project();
    const res = run(['bump', '0.1.0'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('0.1.0 is not newer than the current version 0.2.0; use --force');
    expect(repo.read(VPY)).toBe(versionPy('0.2.0'));
    expect(run(['bump', '0.1.0', '--force'], repo.dir).code).toBe(0);
    expect(repo.read(VPY)).toBe(versionPy('0.1.0'));
  });

  it('refuses to bump when version.py disagrees, and shows the report', () => {
    const repo = project();
    repo.write(VPY, versionPy('0.1.9'));
    const before = snapshot(repo, ['pyproject.toml', VPY]);
    const res = run(['bump', 'minor'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('__version__ is 0.1.9 but pyproject.toml says 0.2.0  version-mismatch');
    expect(res.stderr).toContain('nothing was bumped');
    expect(snapshot(repo, ['pyproject.toml', VPY])).toEqual(before);
  });

  it('needs exactly one argument', () => {
    expect(run(['bump'], project().dir).code).toBe(2);
    expect(run(['bump', 'minor', 'major'], project().dir).code).toBe(2);
  });
});

describe('--dry-run', () => {
  it('prints a unified diff and writes nothing', () => {
    const repo = project();
    const before = snapshot(repo, ['pyproject.toml', VPY]);
    const res = run(['bump', 'minor', '--dry-run', '--commit', '--tag'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      '--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -1,3 +1,3 @@\n [project]\n name = "heimdall-mcp"\n-version = "0.2.0"\n+version = "0.3.0"\n',
    );
    expect(res.stdout).toContain(`-__version__ = "0.2.0"\n+__version__ = "0.3.0"`);
    expect(res.stdout).toContain(
      'would bump 0.2.0 → 0.3.0 in pyproject.toml, cognitive_memory/core/version.py, commit "Bump version: 0.2.0 → 0.3.0", tag v0.3.0',
    );
    expect(snapshot(repo, ['pyproject.toml', VPY])).toEqual(before);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('tag')).toBe('');
  });
});

describe('one plan for --dry-run and the run', () => {
  it('the dry run lists every step, the push included, and a run reports the same steps in that order', () => {
    const remote = tempDir();
    const repo = project();
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    const dry = run(['bump', 'minor', '--dry-run', '--tag', '--push'], repo.dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `dry run: would bump 0.2.0 → 0.3.0 in pyproject.toml, ${VPY}, commit "Bump version: 0.2.0 → 0.3.0", tag v0.3.0, push HEAD and tag v0.3.0 to origin (${remote}); nothing was written\n`,
    );
    expect(repo.git('tag')).toBe('');
    const res = run(['bump', 'minor', '--tag', '--push'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').filter((l) => /^(bumped|committed|tagged|pushed) /.test(l))).toEqual([
      `bumped 0.2.0 → 0.3.0: pyproject.toml, ${VPY}`,
      'committed "Bump version: 0.2.0 → 0.3.0"',
      'tagged v0.3.0',
      'pushed to origin',
    ]);
  });
});

describe('--commit and --tag', () => {
  it('commits exactly the version files and creates an annotated tag', () => {
    const repo = project();
    repo.write('notes.txt', 'untracked, left alone\n');
    const res = run(['bump', 'minor', '--commit', '--tag'], repo.dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(repo.git('log', '-1', '--format=%s')).toBe('Bump version: 0.2.0 → 0.3.0\n');
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([VPY, 'pyproject.toml']);
    expect(repo.git('cat-file', '-t', 'v0.3.0')).toBe('tag\n');
    expect(repo.git('rev-parse', 'v0.3.0^{commit}')).toBe(repo.git('rev-parse', 'HEAD'));
    expect(repo.git('status', '--porcelain')).toBe('?? notes.txt\n');
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('uses the configured commit and tag messages and prefix', () => {
    const repo = project()
      .write(
        '.heimdallrc.json',
        JSON.stringify({
          sources: [
            { file: 'pyproject.toml', type: 'toml' },
            { file: VPY, type: 'python' },
          ],
          tags: { prefix: 'release-' },
          bump: { message: 'release {new} (was {old})', tagMessage: 'tag {tag}' },
        }),
      )
      .commit('config');
    expect(run(['bump', 'patch', '--tag'], repo.dir).code).toBe(0);
    expect(repo.git('log', '-1', '--format=%s')).toBe('release 0.2.1 (was 0.2.0)\n');
    expect(repo.git('tag', '-l', '--format=%(contents:subject)', 'release-0.2.1')).toBe('tag release-0.2.1\n');
  });

  it('refuses a dirty tree before writing, unless --allow-dirty', () => {
    const repo = project().write('README.md', 'readme\n').commit('readme');
    repo.write('README.md', 'changed\n');
    const res = run(['bump', 'minor', '--commit'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('uncommitted changes in README.md');
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
    expect(run(['bump', 'minor', '--commit', '--allow-dirty'], repo.dir).code).toBe(0);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([VPY, 'pyproject.toml']);
    expect(repo.git('status', '--porcelain')).toBe(' M README.md\n');
  });

  it('refuses an existing tag before writing', () => {
    const repo = project();
    repo.git('tag', 'v0.3.0', 'HEAD');
    repo.git('tag', '-d', 'v0.3.0');
    repo.commit('other').tag('v0.3.0');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    const res = run(['bump', 'minor', '--tag'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('tag v0.3.0 already exists');
    expect(repo.read(VPY)).toBe(versionPy('0.2.0'));
    expect(repo.git('log', '--format=%s')).toBe('initial\n');
  });

  it('--push sends the commit and the tag to the remote', () => {
    const remote = tempDir();
    const repo = project();
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', 'origin', 'main');
    const res = run(['bump', 'minor', '--tag', '--push'], repo.dir);
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('pushed to origin');
    expect(repo.git('--git-dir', remote, 'rev-parse', 'main')).toBe(repo.git('rev-parse', 'HEAD'));
    expect(repo.git('--git-dir', remote, 'cat-file', '-t', 'v0.3.0')).toBe('tag\n');
  });

  it('needs a git repository for --commit', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'pyproject.toml'), pyproject('0.2.0'));
    writeFileSync(path.join(dir, '.heimdallrc.json'), JSON.stringify({ sources: [{ file: 'pyproject.toml', type: 'toml' }] }));
    const res = run(['bump', 'patch', '--commit'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('need a git repository');
  });
});

describe('byte-exact rewriting', () => {
  it('keeps CRLF, BOM, quotes, comments, spacing, the missing trailing newline and the file mode', () => {
    const toml = '\uFEFF[project]\r\nname = "heimdall-mcp"\r\nversion   =   \'0.2.0\'   # the version\r\n[tool.poetry]\r\nversion = "0.2.0"';
    const py =
      '\uFEFF# -*- coding: utf-8 -*-\r\n"""__version__ = "0.2.0" in a docstring"""\r\n__version__: str = \'0.2.0\'  # keep\r\nOTHER_VERSION = "0.2.0"\r\n';
    const repo = tempRepo({ 'pyproject.toml': toml, [VPY]: py }).commit();
    chmodSync(repo.path(VPY), 0o755);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(toml.replace("'0.2.0'", "'0.2.1'"));
    expect(repo.read(VPY)).toBe(py.replace("'0.2.0'", "'0.2.1'"));
    expect(statSync(repo.path(VPY)).mode & 0o777).toBe(0o755);
  });

  it('leaves decoys alone: a pinned dependency, a comment, a docstring, another table', () => {
    const toml = [
      '[project]',
      'name = "heimdall-mcp"',
      'version = "0.2.0"',
      '# version = "0.2.0"',
      'dependencies = ["heimdall-core==0.2.0"]',
      '',
      '[tool.other]',
      'version = "0.2.0"',
      '',
    ].join('\n');
    const repo = tempRepo({ 'pyproject.toml': toml, [VPY]: `"""Docs: __version__ = "0.2.0"."""\n__version__ = "0.2.0"\nAPI_VERSION = "0.2.0"\n` }).commit();
    expect(run(['bump', 'minor'], repo.dir).code).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(toml.replace('version = "0.2.0"\n#', 'version = "0.3.0"\n#'));
    expect(repo.read(VPY)).toBe(`"""Docs: __version__ = "0.2.0"."""\n__version__ = "0.3.0"\nAPI_VERSION = "0.2.0"\n`);
  });

  it('bumps the fallback literal of the real layout and never the runtime lookup', () => {
    const repo = exampleRepo().commit();
    const before = repo.read(VPY);
    expect(run(['bump', 'minor'], repo.dir).code).toBe(0);
    expect(repo.read(VPY)).toBe(before.replace('SYSTEM_VERSION = "0.2.0"', 'SYSTEM_VERSION = "0.3.0"'));
    expect(repo.read(VPY)).toContain('version("heimdall-mcp")');
    expect(repo.read(VPY)).toContain('MCP_PROTOCOL_VERSION = "1.0.0"');
  });

  it('works with every adapter, and rewrites every match of a regex source', () => {
    const repo = tempRepo({
      'pyproject.toml': pyproject('1.2.3'),
      'package.json': '{\n  "name": "x",\n  "version": "1.2.3",\n  "dependencies": { "y": "1.2.3" }\n}\n',
      'src/version.ts': "// VERSION = '1.2.3'\nexport const VERSION: string = '1.2.3';\n",
      'README.md': 'pip install heimdall-mcp==1.2.3\n\nor `heimdall-mcp==1.2.3`\n',
      'pkg/__init__.py': '__version__ = "1.2.3"\n',
      '.heimdallrc.json': JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml', primary: true },
          { file: 'package.json', type: 'json', key: 'version' },
          { file: 'src/version.ts', type: 'js' },
          { file: 'README.md', type: 'regex', pattern: 'heimdall-mcp==(?<version>[^\\s`]+)' },
          { file: 'pkg/__init__.py', type: 'python' },
        ],
      }),
    }).commit();
    expect(run(['bump', 'major'], repo.dir).code).toBe(0);
    expect(repo.read('package.json')).toBe('{\n  "name": "x",\n  "version": "2.0.0",\n  "dependencies": { "y": "1.2.3" }\n}\n');
    expect(repo.read('src/version.ts')).toBe("// VERSION = '1.2.3'\nexport const VERSION: string = '2.0.0';\n");
    expect(repo.read('README.md')).toBe('pip install heimdall-mcp==2.0.0\n\nor `heimdall-mcp==2.0.0`\n');
    expect(repo.read('pkg/__init__.py')).toBe('__version__ = "2.0.0"\n');
  });
});

describe('all or nothing', () => {
  it('restores every file when the second write fails', () => {
    const repo = exampleRepo().commit();
    const files = ['pyproject.toml', VPY];
    const before = snapshot(repo, files);
    const res = runWithFault(['bump', 'minor'], repo.dir, 'fail-after:1');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('writing failed (injected failure at files:1); every file is as it was; restored pyproject.toml');
    expect(snapshot(repo, files)).toEqual(before);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
  });

  it('undoes a bump killed between two renames with recover, and says so', () => {
    const repo = exampleRepo().commit();
    const files = ['pyproject.toml', VPY];
    const before = snapshot(repo, files);
    const crashed = runWithFault(['bump', 'minor'], repo.dir, 'crash-after:1');
    expect(crashed.code).not.toBe(0);
    expect(repo.read('pyproject.toml')).toContain('version = "0.3.0"');
    const next = run(['recover'], repo.dir);
    expect(next.stdout).toBe('restored pyproject.toml\n');
    expect(next.code).toBe(0);
    expect(snapshot(repo, files)).toEqual(before);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
  });

  it('refuses a source that is a link leading out of the project, before writing', () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'version.py'), versionPy('0.2.0'));
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0') });
    mkdirSync(repo.path('cognitive_memory/core'), { recursive: true });
    symlinkSync(path.join(outside, 'version.py'), repo.path(VPY));
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('leads outside the project root');
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
  });

  it('refuses while another bump holds the lock', () => {
    const repo = project();
    const lock = repo.path('.git/heimdall-version.lock');
    const holder = (pid: number) => JSON.stringify({ pid, host: hostname(), ns: readlinkSync('/proc/self/ns/pid'), token: 'x' });
    writeFileSync(lock, holder(process.pid));
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`another heimdall-version (pid ${process.pid}) is changing this project`);
    rmSync(lock);
    writeFileSync(lock, holder(999999999));
    const next = run(['bump', 'patch'], repo.dir);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('took over a stale lock (its holder, pid 999999999, is gone)');
  });
});

describe('check --fix', () => {
  it('sets drifted literals to the primary version and reports what it cannot fix', () => {
    const repo = exampleRepo('heimdall-mcp-drifted').commit();
    const dry = run(['check', '--fix', '--dry-run'], repo.dir);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('-    SYSTEM_VERSION = "0.1.0"\n+    SYSTEM_VERSION = "0.2.0"');
    expect(repo.read(VPY)).toContain('SYSTEM_VERSION = "0.1.0"');
    const res = run(['check', '--fix'], repo.dir);
    expect(res.code).toBe(1);
    expect(repo.read(VPY)).toContain('SYSTEM_VERSION = "0.2.0"');
    expect(repo.read(VPY)).toContain('version("heimdall-mcp-server")');
    expect(res.stdout).toContain('change it to version("heimdall-mcp")  runtime-lookup');
    expect(res.stdout).not.toContain('version-mismatch');
  });

  it('keeps stdout valid JSON with --format json', () => {
    const repo = project();
    repo.write(VPY, versionPy('0.1.0'));
    const res = run(['check', '--fix', '--format', 'json'], repo.dir);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, version: '0.2.0', diagnostics: [] });
    expect(res.stderr).toContain('+__version__ = "0.2.0"');
  });

  it('exits 0 once the fix leaves nothing to report', () => {
    const repo = project();
    repo.write(VPY, versionPy('0.1.0'));
    expect(run(['check', '--fix'], repo.dir).code).toBe(0);
    expect(repo.read(VPY)).toBe(versionPy('0.2.0'));
  });
});
