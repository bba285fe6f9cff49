// The staged files read from .git/index and loose objects against git's own answer, on real
// repositories: whenever the file reader answers, it must say what git says; when it cannot be
// sure (a packed object, a split index, an entry it does not know), it must step aside.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexFilesFromGit, indexFilesWithoutGit } from '../../src/git/blobs.js';
import { cleanupTempDirs, tempRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const FILES = ['pyproject.toml', 'pkg/__init__.py', 'ünï/cödé.py', 'missing.py'];

/** The file reader's answer, checked against git's whenever it gives one. */
async function agreed(repo: TempRepo, files = FILES) {
  const fromFiles = await indexFilesWithoutGit(repo.dir, files);
  const fromGit = await indexFilesFromGit(repo.dir, files);
  if (fromFiles) expect(fromFiles).toEqual(fromGit);
  return fromFiles;
}

function staged(): TempRepo {
  const repo = tempRepo({ 'pyproject.toml': '[project]\nversion = "1.0.0"\n', 'pkg/__init__.py': '__version__ = "1.0.0"\n', 'ünï/cödé.py': 'v = "1"\n' });
  repo.commit('one');
  repo.write('pyproject.toml', '[project]\nversion = "1.0.1"\n').write('pkg/__init__.py', '__version__ = "1.0.1"\r\n');
  repo.git('add', '-A');
  // Not staged: the index still holds 1.0.1.
  repo.write('pkg/__init__.py', '__version__ = "9"\n');
  return repo;
}

describe('the index read without git', () => {
  it.each(['2', '3', '4'])('reads staged content from an index of version %s', async (version) => {
    const repo = staged();
    const deep = Array.from({ length: 40 }, (_, i) => `pkg/mod${i}/deep/er/file${i}.py`);
    for (const file of deep) repo.write(file, `${file}\n`);
    repo.git('add', '--', ...deep);
    repo.git('update-index', '--index-version', version);
    const files = await agreed(repo);
    expect(files?.get('pkg/__init__.py')).toEqual({ bytes: Buffer.from('__version__ = "1.0.1"\r\n') });
    expect(files?.get('missing.py')).toEqual({ missing: 'is not in the git index (not staged or not tracked)' });
    expect((await agreed(repo, deep))?.get(deep[39]!)).toEqual({ bytes: Buffer.from(`${deep[39]}\n`) });
  });

  it('reads a large staged object (inflated by node:zlib) and one that inflates past the plain inflater, as git does', async () => {
    const repo = staged();
    const noisy = Buffer.from(Array.from({ length: 400_000 }, (_, i) => (i * 2654435761) >>> 24));
    repo.write('pyproject.toml', noisy).write('pkg/__init__.py', Buffer.alloc(5 << 20, 'x'));
    repo.git('add', '-A');
    const fromFiles = await indexFilesWithoutGit(repo.dir, FILES);
    const fromGit = await indexFilesFromGit(repo.dir, FILES);
    // equals(), not toEqual: a deep comparison of megabytes takes minutes.
    const bytes = (files: typeof fromGit | undefined, file: string) => {
      const read = files?.get(file);
      return read && 'bytes' in read ? read.bytes : Buffer.alloc(0);
    };
    expect(bytes(fromFiles, 'pyproject.toml').equals(noisy)).toBe(true);
    expect(bytes(fromGit, 'pyproject.toml').equals(noisy)).toBe(true);
    expect(bytes(fromFiles, 'pkg/__init__.py').equals(Buffer.alloc(5 << 20, 'x'))).toBe(true);
    expect(bytes(fromGit, 'pkg/__init__.py').equals(Buffer.alloc(5 << 20, 'x'))).toBe(true);
  });

  it('reports a staged link, a submodule and a conflict as git does', async () => {
    const repo = staged();
    symlinkSync('pyproject.toml', repo.path('link.toml'));
    const sub = tempRepo({ 'a.txt': '1' }).commit('sub');
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'sub');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'two');
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('pyproject.toml', 'side\n').commit('side');
    repo.git('checkout', '-q', 'main');
    repo.write('pyproject.toml', 'main\n').commit('main');
    expect(() => repo.git('merge', '-q', 'side')).toThrow();
    const files = await agreed(repo, [...FILES, 'link.toml', 'sub']);
    expect(files?.get('pyproject.toml')).toEqual({ missing: 'is unmerged in the git index (a conflict to resolve first)' });
    expect(files?.get('link.toml')).toEqual({ missing: 'is a symbolic link in the index, not a file; its target is not read' });
    expect(files?.get('sub')).toEqual({ missing: 'is a submodule in the index, not a file' });
  });

  it('steps aside for a packed object, a split index, an intent-to-add entry and a SHA-256 repository', async () => {
    const packed = staged();
    packed.git('gc', '-q');
    expect(await agreed(packed)).toBeUndefined();

    const split = staged();
    split.git('update-index', '--split-index');
    expect(await agreed(split)).toBeUndefined();

    const intent = staged();
    intent.write('new.py', 'x\n');
    intent.git('add', '-N', 'new.py');
    expect(await agreed(intent, ['new.py'])).toBeUndefined();
    // Other entries of that index are still read.
    expect(await agreed(intent)).toBeDefined();

    const sha256 = tempRepo({}, false);
    sha256.git('init', '-q', '-b', 'main', '--object-format=sha256');
    sha256.write('pyproject.toml', 'x\n').commit('one');
    expect(await agreed(sha256)).toBeUndefined();
    // git's answer there is checked against its SHA-256 names.
    expect((await indexFilesFromGit(sha256.dir, ['pyproject.toml'])).get('pyproject.toml')).toEqual({ bytes: Buffer.from('x\n') });
  });

  it('reads the index GIT_INDEX_FILE names, as git in a hook does (git commit -a stages into index.lock)', async () => {
    const repo = staged();
    const other = path.join(repo.dir, '.git', 'other-index');
    repo.git('read-tree', `--index-output=${other}`, 'HEAD');
    const saved = process.env.GIT_INDEX_FILE;
    try {
      for (const named of [other, path.relative(repo.dir, other)]) {
        process.env.GIT_INDEX_FILE = named;
        const files = await agreed(repo);
        expect(files?.get('pyproject.toml')).toEqual({ bytes: Buffer.from('[project]\nversion = "1.0.0"\n') });
      }
    } finally {
      if (saved === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved;
    }
  });
});
