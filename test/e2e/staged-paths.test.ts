// What is staged, read from the index and loose objects, against `git diff --cached --name-only
// --no-renames` on real repositories: whenever the reader answers, it must answer what git does;
// where it cannot be sure (a conflict, an intent-to-add entry, a packed or replaced object, an
// unborn branch, a crafted index), it must step aside and leave the question to git.
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWholeIndex } from '../../src/git/index-file.js';
import { stagedPathsFromFiles } from '../../src/git/staged-paths.js';
import { cleanupTempDirs, tempDir, TempRepo, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const fromGit = (repo: TempRepo) =>
  repo.git('-c', 'core.quotepath=off', 'diff', '--cached', '--name-only', '-z', '--no-renames').split('\0').filter(Boolean).sort();

/** The reader's answer, which must be given and be git's. */
async function agrees(repo: TempRepo): Promise<string[]> {
  const paths = await stagedPathsFromFiles(repo.dir);
  expect(paths).toBeDefined();
  expect([...paths!].sort()).toEqual(fromGit(repo));
  return paths!;
}

/** A small deterministic generator, so that a failing round can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const DIRS = ['', 'a/', 'a/b/', 'a/b/c/', 'pkg/', 'pkg.d/', 'pkg0/', 'ünï/', 'sp ace/'];
const NAMES = ['x.py', 'y.toml', 'x', 'README.md', 'cödé.py'];

function workspace(): TempRepo {
  const repo = tempRepo();
  for (const dir of DIRS) for (const name of NAMES.slice(0, 3)) repo.write(`${dir}${name}`, `${dir}${name}\n`);
  return repo.commit('one');
}

describe('the staged paths read without git', () => {
  it('nothing staged, one file staged, and a staged file put back as it was', async () => {
    const repo = workspace();
    expect(await agrees(repo)).toEqual([]);
    repo.write('a/b/c/x.py', 'changed\n');
    repo.git('add', 'a/b/c/x.py');
    expect(await agrees(repo)).toEqual(['a/b/c/x.py']);
    repo.write('a/b/c/x.py', 'a/b/c/x.py\n');
    repo.git('add', 'a/b/c/x.py');
    expect(await agrees(repo)).toEqual([]);
  });

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('random changes, round %i: what git says', async (seed) => {
    const repo = workspace();
    const next = random(seed);
    for (let step = 0; step < 4; step++) {
      for (let k = 0; k < 1 + next(6); k++) {
        const dir = DIRS[next(DIRS.length)]!;
        const file = `${dir}${NAMES[next(NAMES.length)]}`;
        const full = repo.path(file);
        const kind = next(6);
        try {
          if (kind === 0) rmSync(full, { recursive: true, force: true });
          else if (kind === 1) rmSync(repo.path(dir || 'a'), { recursive: true, force: true });
          else if (kind === 2) {
            // A file where a directory was, or the other way round.
            rmSync(repo.path(dir.slice(0, -1) || 'x'), { recursive: true, force: true });
            writeFileSync(repo.path(dir.slice(0, -1) || 'x'), `now a file ${seed}\n`);
          } else {
            mkdirSync(path.dirname(full), { recursive: true });
            rmSync(full, { recursive: true, force: true });
            if (kind === 3) symlinkSync('x.py', full);
            else {
              writeFileSync(full, `${file} ${seed} ${step}\n`);
              if (next(3) === 0) chmodSync(full, 0o755);
            }
          }
        } catch {
          // A file stands where a directory would go, or the other way round: this change is not made.
        }
      }
      // Stage all, or some; commit now and then; move the branch back (the index then records trees HEAD does not have).
      try {
        repo.git('add', '-A', '--', next(3) === 0 ? DIRS[1 + next(DIRS.length - 1)]!.slice(0, -1) : '.');
      } catch {
        // That directory is gone from the work tree and the index alike: nothing to stage there.
      }
      // Each index version: 4 spells each path against the one before.
      repo.git('update-index', '--index-version', String(2 + ((seed + step) % 3)));
      await agrees(repo);
      const op = next(4);
      if (op === 0) repo.git('commit', '-q', '--allow-empty', '-m', `step ${step}`);
      if (op === 1 && step > 0) {
        repo.git('commit', '-q', '--allow-empty', '-m', `step ${step}`);
        repo.git('reset', '-q', '--soft', 'HEAD~1');
      }
      await agrees(repo);
    }
  });

  it('a mode change, a link and a submodule are staged changes as git sees them', async () => {
    const repo = workspace();
    chmodSync(repo.path('a/x.py'), 0o755);
    symlinkSync('x.py', repo.path('a/link'));
    const sub = tempRepo({ 'a.txt': '1' }).commit('sub');
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'sub');
    repo.git('add', '-A');
    expect((await agrees(repo)).sort()).toEqual(['.gitmodules', 'a/link', 'a/x.py', 'sub']);
  });

  it('in a linked worktree, and with GIT_INDEX_FILE naming the index', async () => {
    const repo = workspace();
    const other = path.join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', other, '-b', 'side');
    const wt = new TempRepo(other);
    wt.write('pkg/x.py', 'side\n');
    wt.git('add', 'pkg/x.py');
    expect(await agrees(wt)).toEqual(['pkg/x.py']);
    expect(await agrees(repo)).toEqual([]);
    repo.write('a/x', 'next\n');
    repo.git('add', 'a/x');
    const saved = process.env.GIT_INDEX_FILE;
    try {
      process.env.GIT_INDEX_FILE = repo.path('.git/index');
      expect(await stagedPathsFromFiles(repo.dir)).toEqual(['a/x']);
      process.env.GIT_INDEX_FILE = repo.path('.git/no-such-index');
      expect(await stagedPathsFromFiles(repo.dir)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved;
    }
  });

  it('steps aside for a conflict, an intent-to-add entry, an unborn branch, packed objects and replaced objects', async () => {
    const unborn = tempRepo({ 'a.txt': '1\n' });
    unborn.git('add', '-A');
    expect(await stagedPathsFromFiles(unborn.dir)).toBeUndefined();

    const intent = workspace();
    intent.write('new.py', 'x\n');
    intent.git('add', '-N', 'new.py');
    expect(await stagedPathsFromFiles(intent.dir)).toBeUndefined();

    const conflict = workspace();
    conflict.git('checkout', '-q', '-b', 'side');
    conflict.write('a/x.py', 'side\n').commit('side');
    conflict.git('checkout', '-q', 'main');
    conflict.write('a/x.py', 'main\n').commit('main');
    expect(() => conflict.git('merge', '-q', 'side')).toThrow();
    expect(await stagedPathsFromFiles(conflict.dir)).toBeUndefined();

    const packed = workspace();
    packed.write('a/x.py', 'changed\n');
    packed.git('add', '-A');
    packed.git('commit', '-q', '-m', 'two');
    packed.git('gc', '-q', '--prune=now');
    packed.write('pkg/x.py', 'changed\n');
    packed.git('add', 'pkg/x.py');
    expect(await stagedPathsFromFiles(packed.dir)).toBeUndefined();

    const replaced = workspace();
    replaced.write('a/x.py', 'changed\n');
    replaced.git('add', '-A');
    const tree = replaced.git('write-tree').trim();
    const fake = replaced.git('commit-tree', tree, '-m', 'stand-in').trim();
    replaced.git('replace', replaced.git('rev-parse', 'HEAD').trim(), fake);
    // git reads HEAD through the replacement, so it sees nothing staged; the reader must not say otherwise.
    expect(fromGit(replaced)).toEqual([]);
    expect(await stagedPathsFromFiles(replaced.dir)).toBeUndefined();
  });

  it('a tree object whose content is not its name is never trusted: git is asked', async () => {
    const repo = workspace();
    repo.write('a/b/x.py', 'changed\n');
    repo.git('add', '-A');
    const tree = repo.git('rev-parse', 'HEAD:a').trim();
    const other = repo.git('rev-parse', 'HEAD:pkg').trim();
    const objects = repo.path('.git/objects');
    // The tree of a/ replaced by pkg/'s bytes (a valid object, under another name).
    const file = path.join(objects, tree.slice(0, 2), tree.slice(2));
    chmodSync(file, 0o644);
    writeFileSync(file, readFileSync(path.join(objects, other.slice(0, 2), other.slice(2))));
    expect(await stagedPathsFromFiles(repo.dir)).toBeUndefined();
  });

  it('a crafted index (a cache tree nested a million deep, a count past its end) is read as nothing, without a crash', async () => {
    const repo = workspace();
    repo.write('a/x.py', 'changed\n');
    repo.git('add', '-A');
    const index = readFileSync(repo.path('.git/index'));
    const entriesEnd = index.indexOf(Buffer.from('TREE'));
    expect(entriesEnd).toBeGreaterThan(0);
    const craft = (tree: Buffer) => {
      const size = Buffer.alloc(4);
      size.writeUInt32BE(tree.length);
      return Buffer.concat([index.subarray(0, entriesEnd), Buffer.from('TREE'), size, tree, Buffer.alloc(20)]);
    };
    const deep = Buffer.from('\0-1 1\n'.repeat(1_000_000), 'latin1');
    for (const tree of [deep, Buffer.from('\0-1 9\n', 'latin1'), Buffer.from('\x001 0\n\x01', 'latin1')]) {
      writeFileSync(repo.path('.git/index'), craft(tree));
      expect(readWholeIndex(repo.path('.git/index'))).toBeUndefined();
      expect(await stagedPathsFromFiles(repo.dir)).toBeUndefined();
    }
  });
});
