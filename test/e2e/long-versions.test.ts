// A hostile version with the built CLI: a pyproject.toml whose version is 10 KB of release numbers,
// beside a tag named like it (held in packed-refs: no file name is that long). check reports it as
// too long to be a version and ends; nothing crashes, and bump refuses it.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, pyproject, tempRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const LONG = `${'1.'.repeat(5000)}1`;

/** pyproject.toml at `version`, committed; tags v1.0.0 and v<LONG> on HEAD, both packed. */
function hostileRepo(version: string): TempRepo {
  const repo = tempRepo({
    'pyproject.toml': pyproject(version),
    '.heimdallrc.json': '{ "versioning": "pep440", "sources": [{ "file": "pyproject.toml", "type": "toml" }] }\n',
  }).commit('initial');
  repo.tag('v1.0.0').write('README.md', 'next\n').commit('next');
  repo.git('pack-refs', '--all');
  const head = repo.git('rev-parse', 'HEAD').trim();
  const packed = repo
    .read('.git/packed-refs')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const lines = [...packed, `${head} refs/tags/v${LONG}`].sort((a, b) => (a.slice(41) < b.slice(41) ? -1 : 1));
  writeFileSync(repo.path('.git/packed-refs'), `# pack-refs with: peeled fully-peeled sorted \n${lines.join('\n')}\n`);
  expect(repo.git('tag', '--list').split('\n')).toContain(`v${LONG}`);
  return repo;
}

describe('a version of 10 KB', () => {
  it('is reported as too long to be a version, with exit 1 and no crash', () => {
    const repo = hostileRepo(LONG);
    const res = run(['check', '--format', 'json'], repo.dir);
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 1, stderr: '' });
    const report = JSON.parse(res.stdout) as { diagnostics: { rule: string; messageId: string; message: string }[] };
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'invalid-version',
        messageId: 'tooLong',
        message: 'project.version is 10001 characters long; no version is longer than 256 ("1.1.1.1.1.1.1.1.1.1.…")',
      }),
    ]);
    const stylish = run(['check'], repo.dir);
    expect({ code: stylish.code, stderr: stylish.stderr, long: stylish.stdout.includes(LONG) }).toEqual({ code: 1, stderr: '', long: false });
  });

  it('beside a real version, leaves the tag named like it out of the tag rules', () => {
    const repo = hostileRepo('1.0.1');
    expect(run(['check'], repo.dir)).toEqual({ code: 0, stdout: '✔ 1.0.1: pyproject.toml\n', stderr: '' });
  });

  it("leaves init's guess of the tag prefix to the real tags", () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('1.0.1') }).commit('initial');
    repo.tag('release-1.0.0').tag('release-1.0.1');
    // Tag names of 6 KB that look almost like versions, with a prefix init would count.
    const head = repo.git('rev-parse', 'HEAD').trim();
    const names = ['v', 'w'].map((p) => `${p}${'1.'.repeat(3000)}x!`);
    const lines = [...names.map((n) => `${head} refs/tags/${n}`), `${head} refs/tags/release-1.0.0`, `${head} refs/tags/release-1.0.1`].sort((a, b) =>
      a.slice(41) < b.slice(41) ? -1 : 1,
    );
    repo.git('tag', '-d', 'release-1.0.0', 'release-1.0.1');
    writeFileSync(repo.path('.git/packed-refs'), `# pack-refs with: peeled fully-peeled sorted \n${lines.join('\n')}\n`);
    const res = run(['init'], repo.dir);
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(repo.read('.heimdallrc.json')).tags).toEqual({ prefix: 'release-' });
  });

  it("is not bumped: bump refuses with the check's report, writing nothing", () => {
    const repo = hostileRepo(LONG);
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('the check found errors (above), so nothing was bumped');
    expect(repo.read('pyproject.toml')).toBe(pyproject(LONG));
  });
});
