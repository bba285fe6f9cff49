// Tags read from .git's ref files against git's own answer, on real repositories: whenever the file
// reader answers, it must say what git says; when it cannot be sure, it must step aside.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTags } from '../../src/git/git.js';
import { tagsFromFiles } from '../../src/git/refs.js';
import { currentBranchName } from '../../src/history/refs.js';
import { pep440 } from '../../src/version/pep440.js';
import type { VersionScheme } from '../../src/version/scheme.js';
import { semver } from '../../src/version/semver.js';
import { TagReader } from '../../src/version/tags.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const reader = (prefix: string, scheme: VersionScheme = semver) => new TagReader(prefix, scheme, scheme === semver ? pep440 : semver);
const versioned = (names: string[], tags: TagReader) => names.filter((n) => tags.version(n) !== undefined).sort();

/** The file reader's answer, checked against git's wherever it gives one. */
async function agreed(repo: TempRepo, prefix: string, version: string, withHead = true, scheme: VersionScheme = semver) {
  const tags = reader(prefix, scheme);
  const files = await tagsFromFiles(repo.dir, tags, version, withHead);
  const git = await readTags(repo.dir, prefix, withHead);
  if (files) {
    expect(versioned(files.onHead, tags)).toEqual(withHead ? versioned(git.onHead, tags) : []);
    const newest = tags.newest(git.newestReachable);
    if (newest) expect(scheme.compare(newest.version, version)).toBeLessThanOrEqual(0);
  }
  return files;
}

function history(): TempRepo {
  const repo = tempRepo({ 'a.txt': '1' }).commit('one');
  repo.write('a.txt', '2').commit('two');
  return repo;
}

describe('tags from the ref files', () => {
  it('finds loose lightweight and annotated tags on HEAD, and none elsewhere', async () => {
    const repo = history();
    repo.git('tag', 'v0.9.0', 'HEAD~1');
    repo.git('tag', '-a', 'v0.9.1', '-m', 'x', 'HEAD~1');
    repo.tag('v1.0.0').tag('v1.0.0-rc.1', true);
    const files = await agreed(repo, 'v', '1.0.0');
    expect(files?.onHead.sort()).toEqual(['v1.0.0', 'v1.0.0-rc.1']);
  });

  it('reads packed tags and their peeled lines after pack-refs', async () => {
    const repo = history();
    repo.git('tag', '-a', 'v0.1.0', '-m', 'x', 'HEAD~1');
    repo.tag('v0.2.0', true).tag('v0.2.0-beta');
    repo.git('pack-refs', '--all');
    expect(await agreed(repo, 'v', '0.2.0')).toEqual({ newestReachable: [], onHead: ['v0.2.0', 'v0.2.0-beta'] });
    expect((await agreed(repo, 'v', '0.3.0'))?.onHead).toEqual(['v0.2.0', 'v0.2.0-beta']);
  });

  it('a loose ref overrides its packed line', async () => {
    const repo = history().tag('v1.0.0');
    repo.git('pack-refs', '--all');
    repo.git('tag', '-f', 'v1.0.0', 'HEAD~1');
    expect((await agreed(repo, 'v', '1.0.0'))?.onHead).toEqual([]);
  });

  it('steps aside for a tag newer than the version: reachability decides, and only git knows it', async () => {
    const repo = history().tag('v2.0.0');
    expect(await agreed(repo, 'v', '1.9.9')).toBeUndefined();
    repo.git('pack-refs', '--all');
    expect(await agreed(repo, 'v', '1.9.9')).toBeUndefined();
    expect(await agreed(repo, 'v', '2.0.0')).toBeDefined();
  });

  it('compares prereleases of the same version in full', async () => {
    const repo = history().tag('v1.0.0-rc.2').tag('v1.0.0-rc.10');
    repo.git('pack-refs', '--all');
    expect(await agreed(repo, 'v', '1.0.0-rc.10')).toBeDefined();
    expect(await agreed(repo, 'v', '1.0.0-rc.3')).toBeUndefined();
    expect(await agreed(repo, 'v', '1.0.0')).toBeDefined();
  });

  it('keeps to the prefix, and ignores tags that are not versions', async () => {
    const repo = history().tag('pkg-v0.3.0').tag('v9.0.0').tag('pkg-vnext').tag('pkg-v1.0.0');
    const files = await agreed(repo, 'pkg-v', '1.0.0');
    expect(files).toBeDefined();
    expect(versioned(files!.onHead, reader('pkg-v'))).toEqual(['pkg-v0.3.0', 'pkg-v1.0.0']);
  });

  it('works from a linked worktree and on a detached HEAD', async () => {
    const repo = history().tag('v1.0.0', true);
    const tree = path.join(repo.dir, '..', `${path.basename(repo.dir)}-tree`);
    repo.git('worktree', 'add', '-q', '--detach', tree, 'HEAD~1');
    const other = { dir: tree } as TempRepo;
    expect((await agreed(other, 'v', '1.0.0'))?.onHead).toEqual([]);
    repo.git('checkout', '-q', '--detach', 'HEAD');
    expect((await agreed(repo, 'v', '1.0.0'))?.onHead).toEqual(['v1.0.0']);
  });

  it('steps aside when a tag object is kept in a pack and only its ref is loose', async () => {
    const repo = history();
    repo.git('tag', '-a', 'v0.9.0', '-m', 'x', 'HEAD~1');
    repo.git('repack', '-a', '-d', '-q');
    repo.git('prune-packed');
    expect(await agreed(repo, 'v', '1.0.0')).toBeUndefined();
  });

  it('steps aside for a GIT_DIR elsewhere, a reftable store, or a packed-refs file without peeled lines', async () => {
    const repo = history().tag('v1.0.0');
    const other = history();
    const withEnv = async (name: string, value: string) => {
      process.env[name] = value;
      try {
        return await tagsFromFiles(repo.dir, reader('v'), '1.0.0', true);
      } finally {
        delete process.env[name];
      }
    };
    expect(await withEnv('GIT_DIR', other.path('.git'))).toBeUndefined();
    // A hook in a linked worktree gets GIT_DIR naming the very git directory found: that one is fine.
    expect(await withEnv('GIT_DIR', repo.path('.git'))).toEqual({ newestReachable: [], onHead: ['v1.0.0'] });
    expect(await withEnv('GIT_NAMESPACE', 'x')).toBeUndefined();
    mkdirSync(repo.path('.git/reftable'));
    expect(await tagsFromFiles(repo.dir, reader('v'), '1.0.0', true)).toBeUndefined();

    const old = history().tag('v1.0.0');
    old.git('pack-refs', '--all');
    const packed = old.read('.git/packed-refs').replace(/^# pack-refs with:.*\n/, '');
    old.write('.git/packed-refs', packed);
    expect(await tagsFromFiles(old.dir, reader('v'), '1.0.0', true)).toBeUndefined();
  });

  it('steps aside for a .git that is no repository (git looks further up) and for a prefix that is not ASCII', async () => {
    const repo = history().tag('v2.0.0');
    mkdirSync(repo.path('sub/.git'), { recursive: true });
    expect(await tagsFromFiles(repo.path('sub'), reader('v'), '1.0.0', true)).toBeUndefined();
    repo.tag('ü1.0.0').tag('ü2.0.0');
    repo.git('pack-refs', '--all');
    expect(await tagsFromFiles(repo.dir, reader('ü'), '1.0.0', true)).toBeUndefined();
  });

  it('reads 10,000 packed tags, among them names of 40 KB with 20,000 release numbers, and agrees with git', async () => {
    const repo = history();
    // Lightweight: the lines are sorted here, and an annotated tag's ^ line must follow its own.
    repo.tag('v0.0.1');
    repo.git('pack-refs', '--all');
    const before = repo.git('rev-parse', 'HEAD~1').trim();
    const hostile = [`v1.0.0${'.1'.repeat(20000)}`, `v1.0.0-${'a.'.repeat(20000)}a`, `v${'9'.repeat(40000)}`];
    const names = [...Array.from({ length: 10000 }, (_, i) => `v0.${i}.0`), ...hostile];
    const kept = repo
      .read('.git/packed-refs')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const lines = [...kept, ...names.map((n) => `${before} refs/tags/${n}`)].sort((a, b) => (a.slice(41) < b.slice(41) ? -1 : 1));
    writeFileSync(repo.path('.git/packed-refs'), `# pack-refs with: peeled fully-peeled sorted \n${lines.join('\n')}\n`);
    for (const scheme of [pep440, semver]) {
      expect(await agreed(repo, 'v', '1.0.0', true, scheme)).toEqual({ newestReachable: [], onHead: ['v0.0.1'] });
      const git = await readTags(repo.dir, 'v', false);
      expect(reader('v', scheme).newest(git.newestReachable)).toEqual({ name: 'v0.9999.0', version: '0.9999.0' });
    }
  });

  it('reads 3,000 loose tags itself, and agrees with git: one on HEAD, an annotated one, a newer one, one being written', async () => {
    const repo = history();
    const before = repo.git('rev-parse', 'HEAD~1').trim();
    mkdirSync(repo.path('.git/refs/tags'), { recursive: true });
    for (let i = 0; i < 3000; i++) writeFileSync(repo.path(`.git/refs/tags/v0.${i}.0`), `${before}\n`);
    repo.tag('v0.9.9-rc.1', true).tag('v1.0.0');
    expect(await agreed(repo, 'v', '1.0.0')).toEqual({ newestReachable: [], onHead: expect.arrayContaining(['v0.9.9-rc.1', 'v1.0.0']) });
    // A ref being written (empty) names no commit: only git can say what it means for HEAD; a staged check needs names alone.
    writeFileSync(repo.path('.git/refs/tags/v0.0.1'), '');
    expect(await agreed(repo, 'v', '1.0.0')).toBeUndefined();
    expect(await agreed(repo, 'v', '1.0.0', false)).toEqual({ newestReachable: [], onHead: [] });
    repo.git('tag', 'v1.0.1', 'HEAD~1');
    expect(await agreed(repo, 'v', '1.0.0', false)).toBeUndefined();
  });

  it('needs no commit when there are no tags, and leaves HEAD alone for a staged check', async () => {
    expect(await agreed(tempRepo({ 'a.txt': '1' }), 'v', '1.0.0')).toEqual({ newestReachable: [], onHead: [] });
    const repo = history().tag('v1.0.0');
    expect(await agreed(repo, 'v', '1.0.0', false)).toEqual({ newestReachable: [], onHead: [] });
  });

  it.each([
    ['SemVer', semver, ['0.1.0', '0.2.0', '0.2.10', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.1.0', '2.0.0']],
    ['PEP 440', pep440, ['0.1.0', '0.2', '0.2.10', '1.0.0rc1', '1.0.0-rc.2', '1.0.0', '1.0.0.post1', '1.0.1.dev0', '1.1', '01.1.1', '2.0.0']],
  ] as const)('agrees with git on many random histories (%s)', async (_name, scheme, versions) => {
    let seed = 20261124;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const answered = { byFiles: 0, byGit: 0 };
    for (let round = 0; round < 12; round++) {
      const repo = tempRepo({ 'a.txt': '0' }).commit('c0');
      const commits = 2 + random(4);
      for (let c = 1; c < commits; c++) repo.write('a.txt', String(c)).commit(`c${c}`);
      if (random(2)) repo.git('checkout', '-q', '-b', 'side', `HEAD~${random(commits)}`);
      for (const v of versions) {
        if (random(3) === 0) continue;
        const at = `main~${random(commits)}`;
        if (random(2)) repo.git('tag', '-a', `v${v}`, '-m', v, at);
        else repo.git('tag', `v${v}`, at);
      }
      if (random(2)) repo.git('pack-refs', '--all');
      for (const version of versions) answered[(await agreed(repo, 'v', version, true, scheme)) ? 'byFiles' : 'byGit']++;
    }
    // Both ways were taken, so both were compared.
    expect(answered.byFiles).toBeGreaterThan(10);
    expect(answered.byGit).toBeGreaterThan(10);
  });
});

describe("the branch HEAD names (audit's), read from the HEAD file", () => {
  const gitSays = (repo: TempRepo, dir = repo.dir) => {
    try {
      return repo.git('-C', dir, 'symbolic-ref', '--short', '-q', 'HEAD').trim();
    } catch {
      return undefined; // detached: symbolic-ref exits 1
    }
  };

  it('says what git symbolic-ref says: a branch, a branch with slashes, detached HEAD, a linked worktree', async () => {
    const repo = tempRepo({ 'a.txt': 'a' }).commit('one');
    expect(await currentBranchName(repo.dir)).toBe(gitSays(repo));
    repo.git('checkout', '-q', '-b', 'release/1.x');
    expect(await currentBranchName(repo.dir)).toBe('release/1.x');
    expect(gitSays(repo)).toBe('release/1.x');
    repo.git('checkout', '-q', '--detach');
    expect(await currentBranchName(repo.dir)).toBeUndefined();
    expect(gitSays(repo)).toBeUndefined();
    const linked = path.join(tempDir(), 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'side', linked);
    expect(await currentBranchName(linked)).toBe('side');
    expect(gitSays(repo, linked)).toBe('side');
  });

  it('a branch name beyond ASCII reads as git spells it, and a symlinked HEAD is left to git', async () => {
    const repo = tempRepo({ 'a.txt': 'a' }).commit('one');
    repo.git('checkout', '-q', '-b', 'release/café-ü');
    expect(await currentBranchName(repo.dir)).toBe('release/café-ü');
    // The old way of naming the branch: HEAD a symbolic link to the ref (read through, it names a commit).
    repo.git('checkout', '-q', '-b', 'main2');
    rmSync(path.join(repo.dir, '.git', 'HEAD'));
    symlinkSync('refs/heads/main2', path.join(repo.dir, '.git', 'HEAD'));
    expect(gitSays(repo)).toBe('main2');
    expect(await currentBranchName(repo.dir)).toBe('main2');
  });
});
