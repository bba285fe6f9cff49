// check, end to end: real git repositories in a temp dir, the built CLI spawned as a user runs it.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, exampleRepo, layoutRepo, pyproject, tempDir, tempRepo, versionPy, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    ok: boolean;
    version: string | null;
    sources: { name: string; file: string; version: string | null; line: number | null; column: number | null }[];
    diagnostics: { rule: string; severity: string; message: string; file?: string; line?: number; column?: number }[];
  };

const consistent = layoutRepo;

describe('check on the heimdall-mcp layout with no configuration', () => {
  it('passes on the shipped example and names the version', () => {
    const repo = exampleRepo().commit();
    const res = run(['check'], repo.dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('✔ 0.2.0: pyproject.toml, cognitive_memory/core/version.py agree');
  });

  it('reports the real drift: a lookup of the old distribution name and a stale fallback', () => {
    const repo = exampleRepo('heimdall-mcp-drifted').commit();
    const res = run(['check', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    const out = json(res.stdout);
    expect(out.ok).toBe(false);
    expect(out.version).toBe('0.2.0');
    expect(out.diagnostics.map((d) => [d.rule, d.file, d.line, d.column])).toEqual([
      ['runtime-lookup', VPY, 6, 31],
      ['version-mismatch', VPY, 9, 23],
    ]);
    expect(out.diagnostics[0]!.message).toContain('"heimdall-mcp-server"');
    expect(out.diagnostics[0]!.message).toContain('fallback 0.1.0');
  });

  it('names each finding in json by a stable message id beside the words', () => {
    const out = JSON.parse(run(['check', '--format', 'json'], exampleRepo('heimdall-mcp-drifted').commit().dir).stdout);
    expect(out.diagnostics.map((d: { rule: string; messageId: string }) => `${d.rule}/${d.messageId}`)).toEqual([
      'runtime-lookup/otherWithFallback',
      'version-mismatch/differs',
    ]);
    expect(Object.keys(out.diagnostics[1])).toEqual(['rule', 'severity', 'messageId', 'message', 'file', 'line', 'column']);
  });

  it('prints linter lines with file:line:column, severity, message and rule', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), [VPY]: `"""v"""\n\n__version__ = "0.1.9"\n` });
    const res = run([], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`${VPY}:3:16  error  __version__ is 0.1.9 but pyproject.toml says 0.2.0  version-mismatch`);
    expect(res.stdout).toContain('✖ 1 error');
  });

  it('ignores every decoy of the real pyproject', () => {
    const repo = exampleRepo();
    const res = run(['show', '--json'], repo.dir);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.sources[0]).toMatchObject({ file: 'pyproject.toml', version: '0.2.0', line: 7, column: 12 });
  });

  it('reports a version the default "semver" policy does not allow, and one that is no version at all', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2'), [VPY]: versionPy('0.2.x') });
    const out = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(out.diagnostics.map((d) => [d.rule, d.file, d.message])).toEqual([
      ['invalid-version', 'pyproject.toml', expect.stringContaining('the nearest allowed version is 0.2.0')],
      ['invalid-version', VPY, expect.stringContaining('not a valid PEP 440 version')],
    ]);
  });

  it('says nothing about the runtime file when it does not exist, and reports it when configured', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0') });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('✔ 0.2.0: pyproject.toml\n');
    repo.write(
      '.heimdallrc.json',
      JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml' },
          { file: VPY, type: 'python' },
        ],
      }),
    );
    const configured = run(['check'], repo.dir);
    expect(configured.code).toBe(1);
    expect(configured.stdout).toContain(`${VPY}  error  ${VPY} does not exist  source-missing`);
  });

  it('locates malformed TOML instead of crashing', () => {
    const repo = tempRepo({ 'pyproject.toml': '[project]\nname = "x"\nversion = "0.2.0\n', [VPY]: versionPy('0.2.0') });
    const res = run(['check', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('');
    const d = json(res.stdout).diagnostics.find((x) => x.file === 'pyproject.toml');
    expect(d).toMatchObject({ rule: 'source-missing', file: 'pyproject.toml' });
    expect(d!.line).toBe(3);
  });

  it('says when the version is dynamic', () => {
    const repo = tempRepo({ 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["version"]\n', [VPY]: versionPy('0.2.0') });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/pyproject\.toml.*dynamic.*source-missing/);
  });

  it('handles CRLF line endings and a UTF-8 BOM', () => {
    const repo = tempRepo({
      'pyproject.toml': '\uFEFF[project]\r\nname = "heimdall-mcp"\r\nversion = "0.2.0"\r\n',
      [VPY]: '\uFEFF"""v"""\r\n__version__ = "0.1.0"\r\n',
    });
    const out = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(out.sources.map((s) => [s.version, s.line, s.column])).toEqual([
      ['0.2.0', 3, 12],
      ['0.1.0', 2, 16],
    ]);
    expect(out.diagnostics.map((d) => d.rule)).toEqual(['version-mismatch']);
  });

  it('reports an empty file and non-UTF-8 bytes as located problems', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), [VPY]: Buffer.from('__version__ = "0.2.0"\n# caf\xe9\n', 'latin1') });
    const res = run(['check', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    expect(json(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'source-missing', file: VPY, line: 2, message: expect.stringContaining('not valid UTF-8') }),
    ]);
    repo.write(VPY, '');
    const empty = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(empty.diagnostics).toEqual([expect.objectContaining({ rule: 'source-missing', file: VPY })]);
  });

  it('exits 2 with a message when run in a bad --cwd', () => {
    const res = run(['check', '--cwd', '/nonexistent/dir'], tempDir());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('is not a directory');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('git tags', () => {
  it('passes when HEAD carries the matching tag, lightweight or annotated', () => {
    const repo = consistent().commit().tag('v0.2.0', true);
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('reports HEAD tagged with another version', () => {
    const repo = consistent().commit().tag('v0.1.9');
    const out = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-mismatch', file: 'pyproject.toml', line: 3, message: expect.stringContaining('HEAD is tagged v0.1.9') }),
    ]);
  });

  it('reports a reachable tag newer than the version', () => {
    const repo = consistent('0.3.0').commit().tag('v0.3.0');
    repo.write('pyproject.toml', pyproject('0.2.0')).write(VPY, versionPy('0.2.0')).commit('back');
    const out = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(out.diagnostics.map((d) => d.rule)).toEqual(['tag-ahead']);
    expect(out.diagnostics[0]!.message).toContain('v0.3.0');
  });

  it('orders reachable tags by SemVer: a prerelease comes before its release', () => {
    const repo = consistent('1.0.0').commit('old');
    repo.tag('v1.0.0-rc.2').tag('v1.0.0-rc.10').tag('v0.10.0').tag('v0.9.0');
    repo.commit('release');
    expect(run(['check'], repo.dir).code).toBe(0);
    repo.git('tag', 'v1.0.1-alpha.1', 'HEAD~1');
    const res = run(['check', '--format', 'json'], repo.dir);
    expect(json(res.stdout).diagnostics).toEqual([expect.objectContaining({ rule: 'tag-ahead', message: expect.stringContaining('tag v1.0.1-alpha.1') })]);
  });

  it('ignores tags only on an unmerged branch and tags that are not versions', () => {
    const repo = consistent().commit();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature work').tag('v9.0.0');
    repo.git('checkout', '-q', 'main');
    repo.tag('latest').tag('v-next').tag('release-1');
    const res = run(['check'], repo.dir);
    expect(res.stdout).not.toContain('v9.0.0');
    expect(res.code).toBe(0);
  });

  it('honours a configured tag prefix', () => {
    const repo = consistent()
      .write(
        '.heimdallrc.json',
        JSON.stringify({
          sources: [
            { file: 'pyproject.toml', type: 'toml' },
            { file: VPY, type: 'python' },
          ],
          tags: { prefix: 'heimdall-mcp-' },
        }),
      )
      .commit()
      .tag('v7.0.0')
      .tag('heimdall-mcp-0.1.0');
    const out = json(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(out.diagnostics.map((d) => [d.rule, d.message.includes('heimdall-mcp-0.1.0')])).toEqual([['tag-mismatch', true]]);
  });

  it("does not hold HEAD's tag against a version that was changed after it", () => {
    const repo = consistent().commit().tag('v0.2.0');
    repo.write('pyproject.toml', pyproject('0.3.0')).write(VPY, versionPy('0.3.0'));
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it("holds HEAD's tag against a version whose files changed only in their line endings", () => {
    const repo = consistent().commit().tag('v0.1.9');
    for (const file of ['pyproject.toml', VPY]) repo.write(file, repo.read(file).replace(/\n/g, '\r\n'));
    expect(run(['check'], repo.dir).stdout).toContain('HEAD is tagged v0.1.9');
  });

  it('works in a repository with no commits', () => {
    const repo = consistent();
    const res = run(['check'], repo.dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });

  it('skips the tag rules with a warning outside a git repository', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'pyproject.toml'), pyproject('0.2.0'));
    mkdirSync(path.join(dir, 'cognitive_memory/core'), { recursive: true });
    writeFileSync(path.join(dir, VPY), versionPy('0.2.0'));
    const res = run(['check', '--format', 'json'], dir);
    expect(res.code).toBe(0);
    expect(json(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-mismatch', severity: 'warn', message: 'not a git repository: the tag rules were skipped' }),
    ]);
  });

  it('warns in a shallow clone that tags may be missing', () => {
    const origin = consistent().commit().tag('v0.2.0');
    origin.commit('second');
    const clone = tempDir();
    const res0 = origin.git('clone', '-q', '--depth', '1', `file://${origin.dir}`, clone);
    expect(res0).toBe('');
    const res = run(['check', '--format', 'json'], clone);
    expect(res.code).toBe(0);
    expect(json(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'tag-ahead', severity: 'warn', message: expect.stringContaining('git fetch --tags --unshallow') }),
    ]);
  });
});

describe('--staged', () => {
  it('reads what is staged, not the work tree', () => {
    const repo = consistent().commit();
    repo.write(VPY, versionPy('0.1.0'));
    expect(run(['check'], repo.dir).code).toBe(1);
    expect(run(['check', '--staged'], repo.dir).code).toBe(0);
    repo.git('add', VPY);
    const res = run(['check', '--staged'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('__version__ is 0.1.0 but pyproject.toml says 0.2.0');
    repo.write(VPY, versionPy('0.2.0'));
    expect(run(['check', '--staged'], repo.dir).code).toBe(1);
  });

  it('reports a source that is not in the index', () => {
    const repo = consistent();
    repo.git('add', 'pyproject.toml');
    const res = run(['check', '--staged'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('is not in the git index');
  });

  it("does not apply HEAD's tag to the next commit", () => {
    const repo = consistent().commit().tag('v0.2.0');
    repo.write('pyproject.toml', pyproject('0.3.0')).write(VPY, versionPy('0.3.0'));
    repo.git('add', '-A');
    expect(run(['check', '--staged'], repo.dir).code).toBe(0);
  });

  it('is a usage error outside a git repository', () => {
    const res = run(['check', '--staged'], tempDir());
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not a git repository');
  });
});

describe('project discovery', () => {
  it('runs from a subdirectory of the project', () => {
    const repo = consistent().commit().tag('v0.1.0');
    const res = run(['show'], repo.path('cognitive_memory/core'));
    expect(res).toMatchObject({ code: 0, stdout: '0.2.0\n' });
  });

  it('finds the config above the start directory, and --cwd picks another project', () => {
    const repo = tempRepo({
      'py/pyproject.toml': pyproject('1.4.0'),
      'py/.heimdallrc.json': JSON.stringify({ sources: [{ file: 'pyproject.toml', type: 'toml' }] }),
      'py/pkg/__init__.py': '',
    });
    expect(run(['show'], repo.path('py/pkg')).stdout).toBe('1.4.0\n');
    expect(run(['show', '--cwd', 'py/pkg'], repo.dir).stdout).toBe('1.4.0\n');
  });

  it('reads the config from a "heimdall" key in package.json', () => {
    const repo = tempRepo({
      'package.json': JSON.stringify({ name: 'x', version: '3.1.0', heimdall: { sources: [{ file: 'package.json', type: 'json' }] } }),
    });
    expect(run(['show'], repo.dir)).toMatchObject({ code: 0, stdout: '3.1.0\n' });
  });

  it('refuses a source whose link leads out of the project', () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'pyproject.toml'), pyproject('0.2.0'));
    const repo = tempRepo({ [VPY]: versionPy('0.2.0') });
    symlinkSync(path.join(outside, 'pyproject.toml'), repo.path('pyproject.toml'));
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('leads outside the project root');
  });
});

describe('configuration errors exit 2 and name the file', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed JSON', '{ "sources": [ }', /\.heimdallrc\.json:1:\d+: invalid JSON/],
    ['an unknown key', '{ "source": [] }', /source: unknown key/],
    [
      'a wrong type',
      '{ "sources": [{ "file": "a.toml", "type": "xml" }] }',
      /sources\[0\]\.type: must be one of toml, python, json, js, regex, ini, text, yaml/,
    ],
    ['a path outside the root', '{ "sources": [{ "file": "../pyproject.toml", "type": "toml" }] }', /sources\[0\]\.file: must stay inside the project root/],
    ['an absolute path', '{ "sources": [{ "file": "/etc/passwd", "type": "regex", "pattern": "(?<version>x)" }] }', /must be relative to the project root/],
    ['an unknown rule', '{ "rules": { "tag-behind": "error" } }', /rules\.tag-behind: unknown rule/],
    ['a bad severity', '{ "rules": { "tag-ahead": "fatal" } }', /rules\.tag-ahead: must be one of error, warn, off/],
    ['a regex without a version group', '{ "sources": [{ "file": "README.md", "type": "regex", "pattern": "v(\\\\d+)" }] }', /named group/],
  ];
  for (const [what, content, message] of cases) {
    it(`for ${what}`, () => {
      const repo = consistent().write('.heimdallrc.json', content);
      const res = run(['check'], repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('.heimdallrc.json');
      expect(res.stderr).toMatch(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('for --config naming a missing file', () => {
    const res = run(['check', '--config', 'nope.json'], consistent().dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('nope.json');
  });
});

describe('formats and usage', () => {
  it('says the sources agree only when version-mismatch compared them', () => {
    const repo = consistent('0.2.0').write(VPY, versionPy('0.1.0'));
    repo
      .write(
        '.heimdallrc.json',
        JSON.stringify({
          sources: [
            { file: 'pyproject.toml', type: 'toml' },
            { file: VPY, type: 'python' },
          ],
          rules: { 'version-mismatch': 'off' },
        }),
      )
      .commit();
    expect(run(['check'], repo.dir)).toMatchObject({
      code: 0,
      stdout: `✔ 0.2.0: pyproject.toml, ${VPY} read; not compared with each other (version-mismatch is off)\n`,
    });
    repo
      .write(VPY, versionPy('0.2.0'))
      .write(
        '.heimdallrc.json',
        JSON.stringify({
          sources: [
            { file: 'pyproject.toml', type: 'toml' },
            { file: VPY, type: 'python' },
          ],
        }),
      )
      .commit();
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: `✔ 0.2.0: pyproject.toml, ${VPY} agree\n` });
  });

  it('prints GitHub annotations', () => {
    const repo = exampleRepo('heimdall-mcp-drifted');
    const res = run(['check', '--format', 'github'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout.split('\n')[0]).toMatch(new RegExp(`^::error file=${VPY},line=6,col=31,title=runtime-lookup::SYSTEM_VERSION looks up`));
  });

  it('rejects an unknown format, command or option with exit 2', () => {
    const dir = consistent().dir;
    expect(run(['check', '--format', 'xml'], dir).code).toBe(2);
    expect(run(['frobnicate'], dir).code).toBe(2);
    const res = run(['check', '--nope'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('heimdall-version: check has no option --nope (run heimdall-version check --help)\n');
  });

  it('shows help and its own version', () => {
    const dir = tempDir();
    expect(run(['--help'], dir).stdout).toContain('Usage: heimdall-version');
    expect(run(['--version'], dir).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('passes on this repository itself', () => {
    const res = run(['check'], path.resolve(__dirname, '../..'));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});

describe('programmatic API (the built dist/index.js)', () => {
  it('checks a project and loads its configuration', async () => {
    const api = (await import(path.resolve(__dirname, '../../dist/index.js'))) as typeof import('../../src/index.js');
    const repo = exampleRepo('heimdall-mcp-drifted').commit();
    const result = await api.check({ cwd: repo.dir });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['runtime-lookup', 'version-mismatch']);
    const loaded = await api.loadConfig({ cwd: repo.dir });
    expect(loaded.config.sources[0]).toMatchObject({ file: 'pyproject.toml', primary: true });
    expect(api.RULES.map((r) => r.id)).toContain('tag-ahead');
    await expect(api.check({ cwd: '/nonexistent' })).rejects.toBeInstanceOf(api.UserError);
  });
});

describe('colour', () => {
  const hasScript = needs(spawnSync('script', ['--version']).status === 0, 'the colour test (check.test.ts)', 'it needs script(1): apt-get install bsdutils');
  // `script` gives the CLI a real terminal, as a developer's shell does.
  const inTerminal = (dir: string, noColor: boolean) => {
    const env = testEnv({ TERM: 'xterm', NO_COLOR: noColor ? '1' : undefined });
    return spawnSync('script', ['-qec', `${process.execPath} ${BIN} check`, '/dev/null'], { cwd: dir, encoding: 'utf8', env }).stdout;
  };

  it.skipIf(!hasScript)('colours a terminal, unless NO_COLOR; never a pipe', () => {
    const repo = layoutRepo();
    repo.write(VPY, versionPy('0.1.0'));
    expect(inTerminal(repo.dir, false)).toContain('\u001b[31merror\u001b[0m');
    expect(inTerminal(repo.dir, true)).not.toContain('\u001b[');
    expect(run(['check'], repo.dir, { NO_COLOR: undefined }).stdout).not.toContain('\u001b[');
  });
});
