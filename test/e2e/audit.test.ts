// audit over real git histories built in temp repositories: each release judged from git's object
// store as check would judge it, the sequence (gaps, untagged changes, going backwards), drift
// windows reported once as a range, tags off the branch, configuration changing over history, a
// shallow clone, and the exit code over the range asked.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, run, runAsync } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, pyproject, tempDir, tempRepo, TempRepo, VPY } from '../helpers/repo.js';
import type { AuditEvent, AuditResult } from '../../src/core/audit-result.js';
import { audit } from '../../src/core/audit.js';

afterAll(cleanupTempDirs);

/** The runtime copy: a lookup of `dist` with a literal fallback. */
const runtime = (dist: string, fallback: string) =>
  `try:\n    from importlib.metadata import version\n    SYSTEM_VERSION = version("${dist}")\nexcept Exception:\n    SYSTEM_VERSION = "${fallback}"\n`;

/** Commits the version (pyproject and the runtime copy); `dist` and `fallback` set the runtime copy. */
function release(repo: TempRepo, version: string, dist = 'heimdall-mcp', fallback = version): TempRepo {
  return repo.write('pyproject.toml', pyproject(version)).write(VPY, runtime(dist, fallback)).commit(version);
}

function auditJson(repo: TempRepo, ...args: string[]): { code: number; result: AuditResult; stderr: string } {
  const res = run(['audit', '--format', 'json', ...args], repo.dir);
  expect(res.stderr, res.stderr).toBe('');
  return { code: res.code, result: JSON.parse(res.stdout) as AuditResult, stderr: res.stderr };
}

const rules = (result: AuditResult, tag: string) => result.releases.find((r) => r.tag === tag)!.findings.map((f) => f.rule);

describe('audit, release by release', () => {
  it('finds a tag on a commit that still holds the previous version, and passes the others', () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    release(repo, '1.0.1').tag('v1.0.1');
    repo.write('README.md', 'x').commit('docs').tag('v1.0.2'); // tagged before the bump
    release(repo, '1.0.2');
    const { code, result } = auditJson(repo);
    expect(code).toBe(1);
    expect(result.mode).toBe('tags');
    expect(rules(result, 'v1.0.0')).toEqual([]);
    expect(rules(result, 'v1.0.1')).toEqual([]);
    const bad = result.releases.find((r) => r.tag === 'v1.0.2')!;
    expect(bad.filesVersion).toBe('1.0.1');
    expect(bad.findings[0]).toMatchObject({ rule: 'tag-differs', severity: 'error', file: 'pyproject.toml', data: { tagVersion: '1.0.2', version: '1.0.1' } });
  });

  it('reports a skipped version and a version change no tag names', () => {
    const repo = tempRepo();
    release(repo, '1.3.0').tag('v1.3.0');
    release(repo, '1.4.1').tag('v1.4.1');
    release(repo, '1.4.2').tag('v1.4.2');
    release(repo, '1.5.0');
    const { code, result } = auditJson(repo);
    expect(code).toBe(0); // warnings only
    expect(result.findings.map((f) => [f.rule, f.version])).toEqual([
      ['gap', '1.4.1'],
      ['untagged', '1.5.0'],
    ]);
    expect(result.findings[0]!.message).toBe('1.3.0 → 1.4.1 skips a version (after 1.3.0 comes 1.4.0)');
  });

  it('reports a runtime lookup that drifts over several releases once, as a range', () => {
    const repo = tempRepo();
    release(repo, '0.2.9').tag('v0.2.9');
    for (const v of ['0.2.10', '0.3.0', '0.3.1', '0.3.2']) release(repo, v, 'heimdall-mcp-server', '0.1.0').tag(`v${v}`);
    release(repo, '0.3.3').tag('v0.3.3');
    const { result } = auditJson(repo);
    const lookup = result.windows.filter((w) => w.rule === 'runtime-lookup');
    expect(lookup).toHaveLength(1);
    expect(lookup[0]).toMatchObject({ summary: `${VPY} reports 0.1.0 at run time`, releases: 4 });
    expect(result.releases[lookup[0]!.from]!.tag).toBe('v0.2.10');
    expect(result.releases[lookup[0]!.to]!.tag).toBe('v0.3.2');
    const stylish = run(['audit'], repo.dir);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain(`v0.2.10 … v0.3.2 (4 releases): ${VPY} reports 0.1.0 at run time  runtime-lookup`);
    expect(stylish.stdout.match(/reports 0\.1\.0 at run time/g)).toHaveLength(1);
  });

  it('reads annotated and lightweight tags, and marks a tag on a side branch', () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0', true);
    release(repo, '1.1.0').tag('v1.1.0');
    repo.git('checkout', '-q', '-b', 'side');
    release(repo, '1.1.1').tag('v1.1.1', true);
    repo.git('checkout', '-q', 'main');
    release(repo, '1.2.0').tag('v1.2.0');
    const { result } = auditJson(repo);
    const byTag = Object.fromEntries(result.releases.map((r) => [r.tag, r]));
    expect(byTag['v1.0.0']).toMatchObject({ annotated: true, reachable: true, filesVersion: '1.0.0' });
    expect(byTag['v1.1.0']).toMatchObject({ annotated: false, reachable: true });
    expect(byTag['v1.1.1']).toMatchObject({ annotated: true, reachable: false, filesVersion: '1.1.1' });
    expect(byTag['v1.1.1']!.findings).toEqual([expect.objectContaining({ rule: 'off-branch', severity: 'warn', data: { tag: 'v1.1.1', branch: 'main' } })]);
  });

  it('says two tags of different versions on one commit disagree', () => {
    const repo = tempRepo();
    release(repo, '2.0.0').tag('v2.0.0').tag('v2.0.1');
    const { result } = auditJson(repo);
    expect(rules(result, 'v2.0.0')).toContain('tags-disagree');
    expect(rules(result, 'v2.0.1')).toEqual(expect.arrayContaining(['tag-differs', 'tags-disagree']));
  });

  it("judges each release with the configuration of its commit, else today's, else the layout, and says which", () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    // From 1.1.0 on the configuration names another primary: src/pkg/__init__.py.
    repo.write('src/pkg/__init__.py', '__version__ = "1.1.0"\n');
    repo.write('.heimdallrc.json', JSON.stringify({ sources: [{ file: 'src/pkg/__init__.py', type: 'python', primary: true }] }));
    release(repo, '1.0.0').tag('v1.1.0'); // pyproject is stale, but the configuration does not read it
    const { result } = auditJson(repo);
    const [old, now] = result.releases;
    expect(old!.config).toEqual({ from: 'today', file: '.heimdallrc.json' });
    expect(old!.findings.map((f) => f.rule)).toContain('source-missing'); // today's config names a file this commit lacks
    expect(now!.config).toEqual({ from: 'commit', file: '.heimdallrc.json' });
    expect(now!.findings).toEqual([]);
    expect(now!.filesVersion).toBe('1.1.0');
  });

  it('uses the layout at a commit when no configuration exists at it or today', () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    const { result } = auditJson(repo);
    expect(result.releases[0]!.config).toMatchObject({ from: 'layout', layout: 'static' });
    expect(result.releases[0]!.sources.map((s) => s.file)).toEqual(['pyproject.toml', VPY]);
  });

  it('switches to history mode when few tags name the versions, and says so', () => {
    const repo = tempRepo();
    release(repo, '0.1.0').tag('v0.1.0');
    for (const v of ['0.2.0', '0.2.1', '0.2.2', '0.3.0']) release(repo, v);
    const { result } = auditJson(repo);
    expect(result.mode).toBe('history');
    expect(result.modeReason).toContain('the tags name 1 of the 5 versions');
    expect(result.releases.map((r) => r.tag ?? r.version)).toEqual(['v0.1.0', '0.2.0', '0.2.1', '0.2.2', '0.3.0']);
    expect(run(['audit'], repo.dir).stdout).toContain('(history mode: ');
  });

  it('reports a version that went backwards on the branch', () => {
    const repo = tempRepo();
    release(repo, '1.2.0').tag('v1.2.0');
    release(repo, '1.1.0');
    const { code, result } = auditJson(repo);
    expect(code).toBe(1);
    expect(result.findings.find((f) => f.rule === 'backwards')).toMatchObject({ severity: 'error', data: { from: '1.2.0', to: '1.1.0' } });
  });

  it('fails only on errors in the range asked with --since', () => {
    const repo = tempRepo();
    release(repo, '1.0.0');
    repo.tag('v1.0.1'); // wrong: files say 1.0.0
    release(repo, '1.0.1');
    release(repo, '1.0.2').tag('v1.0.2');
    release(repo, '1.0.3').tag('v1.0.3');
    expect(run(['audit'], repo.dir).code).toBe(1);
    const since = auditJson(repo, '--since', 'v1.0.2');
    expect(since.code).toBe(0);
    expect(since.result.releases.filter((r) => r.inRange).map((r) => r.tag)).toEqual(['v1.0.3']);
    expect(run(['audit', '--since', 'no-such-ref'], repo.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--since: "no-such-ref" names no commit'),
    });
  });

  it('refuses an unknown format and package with exit 2', () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    expect(run(['audit', '--format', 'xml'], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of') });
    expect(run(['audit', '--package', 'heimdall-mpc'], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean "heimdall-mcp"') });
    expect(run(['audit', '--package', 'Heimdall_MCP'], repo.dir).code).toBe(0);
  });

  it('writes the report only where --output asks, and prints no progress on a pipe', () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    const out = `${tempDir()}/report.json`;
    const res = run(['audit', '--format', 'json', '--output', out], repo.dir);
    expect(res).toMatchObject({ code: 0, stdout: '' });
    expect(res.stderr).toBe(`wrote ${out}\n`);
    expect(JSON.parse(readFileSync(out, 'utf8')).releases).toHaveLength(1);
  });
});

describe('audit of a shallow clone', () => {
  it('reads what the clone holds and says what it could not read, without guessing', () => {
    const origin = tempRepo();
    for (const v of ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0']) release(origin, v).tag(`v${v}`);
    const dir = tempDir();
    origin.git('clone', '-q', '--depth', '2', `file://${origin.dir}`, `${dir}/clone`);
    const clone = new TempRepo(`${dir}/clone`);
    // A tag known by name whose commit never came (what a partial fetch of tags leaves).
    const missing = origin.git('rev-parse', 'v1.0.0^{commit}').trim();
    clone.write('.git/packed-refs', `${readFileSync(clone.path('.git/packed-refs'), 'utf8')}${missing} refs/tags/v1.0.0\n`);
    const { result } = auditJson(clone);
    expect(result.history.complete).toBe(false);
    expect(result.history.notes[0]).toMatch(/shallow clone: the history before [0-9a-f]{12} is not in it and was not read/);
    const read = result.releases.filter((r) => r.filesVersion !== null).map((r) => r.tag);
    expect(read).toEqual(['v1.4.0', 'v1.5.0']);
    expect(result.releases[0]).toMatchObject({ tag: 'v1.0.0', filesVersion: null, reachable: null });
    expect(result.releases[0]!.findings).toEqual([
      expect.objectContaining({ rule: 'unreadable', data: { what: 'tag v1.0.0', why: 'its commit is not in this shallow clone' } }),
    ]);
    // Nothing is guessed across the boundary: 1.4.0 is where the clone starts, not an untagged change, and 1.0.0 → 1.4.0 is no gap it can see.
    expect(result.findings.filter((f) => f.rule !== 'gap')).toEqual([]);
  });
});

describe('audit of a hostile repository', () => {
  /** A program that notes it ran. */
  const program = (dir: string, name: string, ran: string, body = 'cat') => {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\necho ${name} >> '${ran}'\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };

  /** Every file under dir (.git included) with its bytes' hash, size and modification time. */
  const snapshot = (dir: string) =>
    (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name);
        const st = statSync(file);
        return `${path.relative(dir, file)} ${st.size} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
      })
      .sort();

  function hostile(): { repo: TempRepo; ran: string } {
    const bin = tempDir('hv-programs-');
    const ran = path.join(bin, 'ran');
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    // A configuration that asks to import code, and one written as code, at later releases: data only, never run.
    const evil = program(bin, 'imported', ran, 'exit 0');
    repo.write('evil.cjs', `require('node:fs').appendFileSync(${JSON.stringify(ran)}, 'config code\\n'); module.exports = {};\n`);
    repo.write('.heimdallrc', `$import: ${evil}\nsources: []\n`);
    release(repo, '1.1.0').tag('v1.1.0');
    repo.git('rm', '-q', '.heimdallrc');
    repo.write('.heimdallrc.cjs', `require('./evil.cjs'); module.exports = {};\n`);
    release(repo, '1.2.0').tag('v1.2.0');
    repo.write('.gitattributes', '* filter=evil diff=evil\n').commit('attributes');
    for (const [key, value] of [
      ['core.fsmonitor', program(bin, 'fsmonitor', ran, 'exit 1')],
      ['core.pager', program(bin, 'pager', ran)],
      ['core.hooksPath', bin],
      ['diff.evil.textconv', program(bin, 'textconv', ran, 'cat "$1"')],
      ['filter.evil.clean', program(bin, 'clean', ran)],
      ['filter.evil.smudge', program(bin, 'smudge', ran)],
      ['filter.evil.required', 'true'],
      ['core.sshCommand', program(bin, 'ssh', ran, 'exit 1')],
      ['extensions.partialClone', 'origin'],
      ['remote.origin.url', `ext::${program(bin, 'remote', ran, 'exit 1')}`],
      ['remote.origin.promisor', 'true'],
      ['protocol.ext.allow', 'always'],
    ] as const)
      repo.git('config', key, value);
    program(bin, 'post-index-change', ran, 'exit 0');
    return { repo, ran };
  }

  it('plants programs that git itself runs (the attack is real)', () => {
    const { repo, ran } = hostile();
    writeFileSync(repo.path('pyproject.toml'), readFileSync(repo.path('pyproject.toml')));
    utimesSync(repo.path('pyproject.toml'), new Date('2001-01-01'), new Date('2001-01-01'));
    repo.git('diff', '--quiet', 'HEAD', '--', 'pyproject.toml');
    expect(readFileSync(ran, 'utf8')).toMatch(/fsmonitor|clean/);
  });

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`runs nothing and writes nothing (--format ${format}), and says which configurations it did not use`, () => {
      const { repo, ran } = hostile();
      // The work tree at HEAD still holds the code configuration: today's configuration is refused (exit 2), as check refuses it.
      repo.git('rm', '-q', '.heimdallrc.cjs');
      repo.commit('no code configuration today');
      rmSync(ran, { force: true }); // what the commit above ran
      const before = snapshot(repo.dir);
      const res = run(['audit', '--format', format], repo.dir);
      expect(existsSync(ran) ? readFileSync(ran, 'utf8') : '', res.stderr).toBe('');
      expect(snapshot(repo.dir)).toEqual(before);
      expect(res.stderr).toBe('');
      if (format !== 'json') return;
      const result = JSON.parse(res.stdout) as AuditResult;
      const config = Object.fromEntries(result.releases.map((r) => [r.tag, r.config]));
      expect(config['v1.0.0']).toMatchObject({ from: 'layout', layout: 'static' });
      expect(config['v1.1.0']).toMatchObject({ from: 'layout', note: expect.stringContaining('$import: a configuration is data') });
      expect(config['v1.2.0']).toMatchObject({ from: 'layout', note: '.heimdallrc.cjs at this commit is a configuration written as code, which is never run' });
    });
  }
});

describe('audit against a package index on 127.0.0.1', () => {
  let server: PypiServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Tags v1.0.0, v1.1.0 and v1.2.0; the index serves 1.0.0 (one file yanked), 1.1 (1.1.0 spelled short) and 1.3.0, never tagged. */
  async function published(json: boolean) {
    const repo = tempRepo();
    for (const v of ['1.0.0', '1.1.0', '1.2.0']) release(repo, v).tag(`v${v}`);
    server = await startPypiServer({ json });
    server.publish('heimdall-mcp', '1.0.0', 'heimdall_mcp-1.0.0-py3-none-any.whl');
    server.publish('heimdall-mcp', '1.0.0', 'heimdall_mcp-1.0.0.tar.gz', 'broken metadata');
    server.publish('heimdall-mcp', '1.1', 'heimdall_mcp-1.1-py3-none-any.whl');
    server.publish('heimdall-mcp', '1.3.0', 'heimdall-mcp-1.3.0.tar.gz');
    const res = await runAsync(['audit', '--format', 'json', '--index-url', server.simple], repo.dir);
    expect(res.stderr).toBe('');
    return JSON.parse(res.stdout) as AuditResult;
  }

  for (const json of [true, false]) {
    it(`finds a version served with no tag, a tag not served and a yanked file (${json ? 'PEP 691 JSON' : 'PEP 503 HTML'})`, async () => {
      const result = await published(json);
      expect(result.index?.versions.sort()).toEqual(['1.0.0', '1.1', '1.3.0']);
      expect(result.findings.map((f) => [f.rule, f.message])).toEqual([
        ['yanked', 'heimdall_mcp-1.0.0.tar.gz (1.0.0) is yanked on the index: broken metadata'],
        ['served-untagged', 'the index serves 1.3.0 but no tag names it'],
        ['tag-not-served', 'tag v1.2.0 names 1.2.0, which the index does not serve'],
      ]);
    });
  }

  it('sends the credentials of an index URL as a header and never prints them', async () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    server = await startPypiServer();
    server.publish('heimdall-mcp', '1.0.0', 'heimdall_mcp-1.0.0-py3-none-any.whl');
    const url = server.simple.replace('http://', 'http://__token__:s3cret-token@');
    for (const format of ['json', 'stylish', 'sarif', 'html']) {
      const res = await runAsync(['audit', '--format', format, '--index-url', url], repo.dir);
      expect(res.code).toBe(0);
      expect(`${res.stdout}${res.stderr}`).not.toContain('s3cret');
      if (format === 'json') expect(JSON.parse(res.stdout).index).toEqual({ url: `${server.simple}heimdall-mcp/`, versions: ['1.0.0'] });
    }
  });

  it('asks nothing of any network without --index-url', async () => {
    const repo = tempRepo();
    release(repo, '1.0.0').tag('v1.0.0');
    server = await startPypiServer();
    const res = await runAsync(['audit', '--format', 'json'], repo.dir, { PIP_INDEX_URL: server.simple });
    expect(res.code).toBe(0);
    expect(server.requests).toBe(0);
    expect(JSON.parse(res.stdout).index).toBeNull();
  });
});

describe('audit progress', () => {
  const hasScript = needs(spawnSync('script', ['--version']).status === 0, 'the progress test (audit.test.ts)', 'it needs script(1): apt-get install bsdutils');

  it.skipIf(!hasScript)('counts the commits and tags read on a terminal, and erases the line before the report', () => {
    const repo = tempRepo();
    for (const v of ['1.0.0', '1.0.1', '1.0.2']) release(repo, v).tag(`v${v}`);
    // `script` gives the CLI a real terminal, as a developer's shell does.
    const shown = spawnSync('script', ['-qec', `${process.execPath} ${BIN} audit`, '/dev/null'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: testEnv({ TERM: 'xterm' }),
    }).stdout;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's line erase is the point
    expect(shown).toMatch(/\r\u001b\[Kaudit: read \d+\/6 commits and tags/);
    expect(shown).toContain('audit: read 6/6 commits and tags\r\u001b[K');
    expect(shown).toContain('heimdall-mcp: 3 releases read');
    expect(run(['audit'], repo.dir).stderr).toBe(''); // a pipe: nothing
  });

  it('a progress listener that throws (audit used as a library) leaves no git running', async () => {
    const repo = tempRepo();
    for (const v of ['1.0.0', '1.0.1']) release(repo, v).tag(`v${v}`);
    const onEvent = (e: AuditEvent) => {
      if (e.type === 'started') throw new Error('the listener failed');
    };
    await expect(audit({ cwd: repo.dir, onEvent })).rejects.toThrow('the listener failed');
    // The object store's cat-file is stopped: wait for it to be reaped (a git left open never is).
    while (childCommands().some((c) => c.includes('cat-file'))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(childCommands().filter((c) => c.includes('cat-file'))).toEqual([]);
  });
});

/** The command lines of this process's children, from /proc. */
function childCommands(): string[] {
  const tasks = readdirSync('/proc/self/task');
  const pids = tasks.flatMap((t) => readFileSync(`/proc/self/task/${t}/children`, 'utf8').split(' ').filter(Boolean));
  return pids.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')];
    } catch {
      return []; // gone meanwhile
    }
  });
}

describe('audit in a workspace', () => {
  it('audits the member named with --package (by name or path) by its own files and tag template, and asks for one when there are several', () => {
    const repo = tempRepo();
    const commit = (root: string, member: string) =>
      repo
        .write('pyproject.toml', `[project]\nname = "albatross"\nversion = "${root}"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n`)
        .write('packages/bird-feeder/pyproject.toml', `[project]\nname = "bird-feeder"\nversion = "${member}"\n`)
        .commit(`${root} ${member}`);
    commit('0.1.0', '1.0.0').tag('albatross-v0.1.0').tag('bird-feeder-v1.0.0');
    commit('0.2.0', '1.0.0').tag('albatross-v0.2.0').tag('bird-feeder-v1.1.0'); // the member was tagged without its bump
    commit('0.2.0', '1.1.0');
    expect(run(['audit'], repo.dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('name the one to audit with --package') });
    for (const asked of ['bird-feeder', 'packages/bird-feeder']) {
      const { code, result } = auditJson(repo, '--package', asked);
      expect(code).toBe(1);
      expect(result).toMatchObject({ package: 'bird-feeder', tagPrefix: 'bird-feeder-v', mode: 'tags' });
      expect(result.releases.map((r) => [r.tag, r.filesVersion, r.findings.map((f) => f.rule)])).toEqual([
        ['bird-feeder-v1.0.0', '1.0.0', []],
        ['bird-feeder-v1.1.0', '1.0.0', ['tag-differs']],
      ]);
    }
    expect(auditJson(repo, '--package', 'albatross').code).toBe(0);
  });

  it("judges each package's tags by that package's sources at their commit: its declaration in the configuration of that commit, else its layout there", () => {
    const repo = tempRepo();
    const config = (birdSources: object[]) =>
      JSON.stringify({
        packages: [
          { path: 'packages/bird', sources: birdSources, tags: { template: 'bird@{version}' } },
          { path: 'packages/fish', tags: { template: 'fish@{version}' } },
        ],
      });
    const toml = { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true };
    const member = (name: string, version: string, dynamic = false) =>
      dynamic
        ? `[project]\nname = "${name}"\ndynamic = ["version"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[tool.hatch.version]\npath = "${name}/__about__.py"\n`
        : `[project]\nname = "${name}"\nversion = "${version}"\n`;
    // 1.0: bird states its version in pyproject.toml only, fish too (static).
    repo
      .write('.heimdallrc.json', config([toml]))
      .write('packages/bird/pyproject.toml', member('bird', '1.0.0'))
      .write('packages/fish/pyproject.toml', member('fish', '2.0.0'))
      .commit('1.0')
      .tag('bird@1.0.0')
      .tag('fish@2.0.0');
    // 1.1: bird gains a runtime copy (declared), fish moves its version to hatch's path.
    repo
      .write('.heimdallrc.json', config([toml, { file: 'bird/_version.py', type: 'python' }]))
      .write('packages/bird/pyproject.toml', member('bird', '1.1.0'))
      .write('packages/bird/bird/_version.py', '__version__ = "1.1.0"\n')
      .write('packages/fish/pyproject.toml', member('fish', '', true))
      .write('packages/fish/fish/__about__.py', '__version__ = "2.1.0"\n')
      .commit('1.1')
      .tag('bird@1.1.0')
      .tag('fish@2.1.0');
    const bird = auditJson(repo, '--package', 'bird');
    expect(bird.code).toBe(0);
    expect(bird.result.releases.map((r) => [r.tag, r.filesVersion, r.sources.map((s) => s.file), r.config, r.findings.map((f) => f.rule)])).toEqual([
      ['bird@1.0.0', '1.0.0', ['pyproject.toml'], { from: 'commit', file: '.heimdallrc.json' }, []],
      ['bird@1.1.0', '1.1.0', ['pyproject.toml', 'bird/_version.py'], { from: 'commit', file: '.heimdallrc.json' }, []],
    ]);
    const fish = auditJson(repo, '--package', 'fish');
    expect(fish.code).toBe(0);
    expect(fish.result.releases.map((r) => [r.tag, r.filesVersion, r.sources.find((s) => s.primary)?.file, r.config, r.findings.map((f) => f.rule)])).toEqual([
      ['fish@2.0.0', '2.0.0', 'pyproject.toml', { from: 'commit', file: '.heimdallrc.json' }, []],
      ['fish@2.1.0', '2.1.0', 'fish/__about__.py', { from: 'commit', file: '.heimdallrc.json' }, []],
    ]);
    // With no configuration at a commit, today's declaration applies: bird's sources, fish's layout there.
    repo.git('rm', '-q', '.heimdallrc.json');
    repo.write('packages/bird/pyproject.toml', member('bird', '1.2.0')).write('packages/bird/bird/_version.py', '__version__ = "1.2.0"\n');
    repo.commit('1.2').tag('bird@1.2.0');
    repo.write('.heimdallrc.json', config([toml, { file: 'bird/_version.py', type: 'python' }])).commit('back');
    const later = auditJson(repo, '--package', 'bird').result.releases.find((r) => r.tag === 'bird@1.2.0')!;
    expect([later.config, later.sources.map((s) => s.file), later.findings]).toEqual([
      { from: 'today', file: '.heimdallrc.json' },
      ['pyproject.toml', 'bird/_version.py'],
      [],
    ]);
  });
});
