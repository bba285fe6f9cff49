// The project on disk: where it starts, and reading its files from the work tree or the git index.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { listWorkTree } from './list-files.js';
import { keep, recall } from './read-once.js';
import { UserError } from '../core/errors.js';

export type ReadResult = { bytes: Buffer } | { missing: string };

/** Reads project files by their root-relative, '/'-separated paths; `list`, where the reader can, names the regular files under a directory (bounded, never through a link). */
export type FileReader = ((files: string[]) => Promise<Map<string, ReadResult>>) & { list?: (dir: string) => Promise<string[]> };

/**
 * The nearest directory at or above `dir` holding `.git` (a directory, or a file in worktrees and
 * submodules). A repository where a file git opens first is a FIFO or a device is refused here.
 */
export function findGitTop(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) {
      const top = realpathSync(d);
      refuseBlockingGitFiles(top);
      return top;
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * git opens these files on every start or as soon as it reads the history or an object (and the
 * readers here read HEAD, packed-refs and the index): one that is a FIFO or a device makes it wait
 * forever, so the repository is named, not read. A clone never makes one; an unpacked tarball can.
 */
function refuseBlockingGitFiles(gitTop: string): void {
  refuseBlocking(path.join(gitTop, '.git'));
  const git = ownGitDir(gitTop);
  if (git === undefined) return;
  // The work tree's own files first: git reads HEAD even where it cannot read commondir.
  for (const file of ['commondir', 'HEAD', 'index', 'config.worktree']) refuseBlocking(path.join(git, file));
  const common = gitDirs(gitTop)?.common;
  if (common === undefined) return;
  for (const file of ['config', 'packed-refs', 'shallow', 'objects/info/alternates']) refuseBlocking(path.join(common, file));
}

function refuseBlocking(file: string): void {
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return; // absent, or unreadable: git says what it makes of that
  }
  if (st.isFIFO() || st.isCharacterDevice() || st.isBlockDevice() || st.isSocket())
    throw new UserError(`${file} is ${fileKind(st)}, not a regular file: git would wait on it forever, so this repository is not read`, 1);
}

/** The work tree's own git directory: .git, or where a .git file points, read as git reads it. */
function ownGitDir(gitTop: string): string | undefined {
  const dotGit = path.join(gitTop, '.git');
  try {
    if (!statSync(dotGit).isFile()) return dotGit;
    // git reads at most 1 MB, wants "gitdir: " at the start and drops only the line breaks at the end (spaces are the path's).
    const read = readRegular(dotGit, GIT_FILE_MAX);
    const target = 'bytes' in read ? /^gitdir: ([^\r\n]+)[\r\n]*$/.exec(read.bytes.toString('utf8'))?.[1] : undefined;
    return target ? path.resolve(gitTop, target) : undefined;
  } catch {
    return undefined;
  }
}

/** The largest .git file or commondir git reads. */
const GIT_FILE_MAX = 1 << 20;

/** A commondir's path as git reads it: the line breaks at the end dropped, nothing else. */
const commonDirIn = (text: string) => text.replace(/[\r\n]+$/, '');

/** The work tree's own git directory (HEAD, index) and the common one (refs, objects), shared by worktrees; read without git. */
export function gitDirs(gitTop: string): { git: string; common: string } | undefined {
  const git = ownGitDir(gitTop);
  if (git === undefined) return undefined;
  try {
    const common = path.join(git, 'commondir');
    if (!existsSync(common)) return { git, common: git };
    const read = readRegular(common, GIT_FILE_MAX);
    return 'bytes' in read ? { git, common: path.resolve(git, commonDirIn(read.bytes.toString('utf8'))) } : undefined;
  } catch {
    return undefined;
  }
}

/** A shallow clone keeps a `shallow` file in its git directory. */
export const isShallow = (gitTop: string) => {
  const dirs = gitDirs(gitTop);
  return dirs !== undefined && existsSync(path.join(dirs.common, 'shallow'));
};

/** Reads from the work tree, refusing any path that leaves the root, including through a link. */
export function workTreeReader(root: string): FileReader {
  // Synchronous reads: for many small files they cost far less than a round trip through the thread pool.
  const reader: FileReader = async (files) => {
    const realRoot = realpathSync(root);
    return new Map(files.map((file): [string, ReadResult] => [file, readInside(realRoot, file)]));
  };
  reader.list = async (dir) => listWorkTree(realpathSync(root), dir);
  return reader;
}

function readInside(realRoot: string, file: string): ReadResult {
  try {
    // realpath normalizes the joined path itself.
    const real = realpathSync.native(`${realRoot}${path.sep}${file}`);
    if (!isInside(realRoot, real)) return { missing: `leads outside the project root (to ${real}); refusing to read it` };
    return readRegular(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: 'does not exist' };
    if (code === 'EISDIR') return { missing: 'is not a regular file' };
    return { missing: `cannot be read (${code ?? (e as Error).message})` };
  }
}

/** Reads a regular file (of at most maxBytes); anything else (a FIFO, a device, a directory) would block or mislead, so it is named instead. */
export function readRegular(real: string, maxBytes = Number.POSITIVE_INFINITY): ReadResult {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; what the descriptor is decides whether it is read.
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  try {
    const st = fstatSync(fd);
    const kind = fileKind(st);
    if (kind) return { missing: `is not a regular file (${kind})` };
    if (st.size > maxBytes) return { missing: `is larger than ${maxBytes} bytes` };
    const known = recall(real, st);
    if (known) return { bytes: known };
    const bytes = readFileSync(fd);
    keep(real, st, bytes);
    return { bytes };
  } finally {
    closeSync(fd);
  }
}

function fileKind(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/** Whether target is root or below it; both absolute and normalized, as real paths are. */
export function isInside(root: string, target: string): boolean {
  if (process.platform === 'win32') {
    const rel = path.win32.relative(root, target); // case-insensitive, as the file system is
    return rel === '' || (rel !== '..' && !rel.startsWith('..\\') && !path.win32.isAbsolute(rel));
  }
  // A plain prefix test: this runs once for every source, and path.relative costs far more.
  return target === root || target.startsWith(root.endsWith('/') ? root : `${root}/`);
}
