// The project on disk: where it starts, and reading its files from the work tree or the git index.
import { existsSync, realpathSync } from 'node:fs';
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { readIndexFiles } from './git.js';

export type ReadResult = { bytes: Buffer } | { missing: string };

/** Reads project files by their root-relative, '/'-separated paths. */
export type FileReader = (files: string[]) => Promise<Map<string, ReadResult>>;

/** The nearest directory at or above `dir` holding `.git` (a directory, or a file in worktrees and submodules). */
export function findGitTop(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return realpathSync(d);
    if (path.dirname(d) === d) return undefined;
  }
}

/** Reads from the work tree, refusing any path that leaves the root, including through a link. */
export function workTreeReader(root: string): FileReader {
  return async (files) => {
    const realRoot = await realpath(root);
    const entries = await Promise.all(
      files.map(async (file): Promise<[string, ReadResult]> => [file, await readInside(realRoot, file)]),
    );
    return new Map(entries);
  };
}

async function readInside(realRoot: string, file: string): Promise<ReadResult> {
  const full = path.join(realRoot, file);
  try {
    const real = await realpath(full);
    if (!isInside(realRoot, real)) return { missing: `leads outside the project root (to ${real}); refusing to read it` };
    if (!(await lstat(real)).isFile()) return { missing: 'is not a regular file' };
    return { bytes: await readFile(real) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: 'does not exist' };
    return { missing: `cannot be read (${code ?? (e as Error).message})` };
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Reads what is staged for the next commit. */
export function indexReader(root: string, gitTop: string): FileReader {
  return async (files) => {
    const prefix = path.relative(gitTop, root).split(path.sep).join('/');
    const inRepo = files.map((f) => (prefix ? `${prefix}/${f}` : f));
    const found = await readIndexFiles(gitTop, inRepo);
    return new Map(files.map((f, i): [string, ReadResult] => {
      const bytes = found.get(inRepo[i]!);
      return [f, bytes ? { bytes } : { missing: 'is not in the git index (not staged or not tracked)' }];
    }));
  };
}
