// Version tags read straight from the ref files in .git, for the common case where they answer
// exactly what the tag rules ask, without starting git (which costs a pre-commit hook more than the
// rest of the check): when no tag is newer than the version, reachability cannot change a verdict,
// and the tags on HEAD are those that peel to HEAD's commit. Anything this reader does not fully
// understand (reftable, GIT_DIR elsewhere, symbolic or nested tags, an object kept in a pack, a
// tag newer than the version, a prefix that is not ASCII) makes it return undefined, and git
// itself is asked.
import {
  closeSync,
  constants,
  type Dirent,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type { TagInfo } from './git.js';
import type { TagReader } from '../version/tags.js';
import { readLooseObject } from './loose-objects.js';
import { gitDirs } from './workspace.js';
import { UserError } from '../core/errors.js';

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The tags check needs, or undefined when only git can tell. `version` is the project's version;
 * `withHead` asks for the tags on HEAD too. newestReachable stays empty: no tag is newer.
 */
export async function tagsFromFiles(gitTop: string, tags: TagReader, version: string | undefined, withHead: boolean): Promise<TagInfo | undefined> {
  const { prefix } = tags;
  // packed-refs is read as latin1 (fastest), which matches only an ASCII prefix.
  if (!/^[\x20-\x7e]*$/.test(prefix)) return undefined;
  const dirs = gitDirs(gitTop);
  if (!dirs || !isPlainRepository(gitTop, dirs)) return undefined;
  // Loose refs first, then packed-refs, as git reads them: git pack-refs writes the new packed-refs
  // before it deletes the loose files, so a tag packed meanwhile is found in one or the other.
  const loose = looseTags(dirs.common, prefix, withHead, (name) => tags.version(name) !== undefined);
  if (!loose) return undefined;
  const packed = read(path.join(dirs.common, 'packed-refs'), 'latin1') ?? '';
  // Without the "peeled" trait, annotated tags carry no ^ line and their objects would need reading.
  const traits = packed.startsWith('# pack-refs with:') ? `${packed.slice(17, packed.indexOf('\n'))} ` : '';
  if (packed && !traits.includes(' peeled ')) return undefined;

  // Only git knows which newer tags are reachable from HEAD.
  if (version !== undefined && tags.scheme.valid(version)) {
    const pattern = tags.newerPattern(version);
    if (pattern === undefined || packedHasNewer(packed, tags, pattern, version)) return undefined;
    // The same pattern picks the few names that may be newer: thousands of loose tags are not each parsed.
    const candidate = new RegExp(`^${escapeRegExp(tags.prefix)}${pattern}$`);
    for (const name of loose.keys()) if (candidate.test(name) && tags.isNewer(name, version)) return undefined;
  }
  const none = { newestReachable: [], onHead: [] };
  if (!withHead || (loose.size === 0 && !packed.includes(` refs/tags/${prefix}`))) return none;

  const head = headCommit(dirs, packed);
  if (!head) return undefined;
  const onHead = packedOnHead(packed, prefix, head).filter((name) => !loose.has(name));
  // Many tags may name one object: each object is peeled once.
  const peeled = new Map<string, string | undefined>([[head, head]]);
  for (const [name, oid] of loose) {
    if (oid === undefined) continue; // no version tag
    if (!peeled.has(oid)) peeled.set(oid, await peelLoose(dirs.common, oid));
    const commit = peeled.get(oid);
    if (commit === undefined) {
      if (tags.version(name) === undefined) continue; // no version tag: git is not needed for it
      return undefined;
    }
    if (commit === head) onHead.push(name);
  }
  return { ...none, onHead };
}

/**
 * A repository git would use as it is: HEAD and refs/ present (git passes over a .git that lacks
 * them), ref files rather than reftable, and no environment that points git elsewhere. Hooks get
 * GIT_DIR (in a linked worktree) naming the very directory found here: that one is fine.
 */
export function isPlainRepository(gitTop: string, dirs: { git: string; common: string }): boolean {
  const env = process.env;
  // git refuses a repository another user owns (safe.directory): only git can say whether it is allowed.
  if (process.getuid && !ownedByMe(gitTop, dirs)) return false;
  // A HEAD git would not accept makes git reject the whole repository: git must say so.
  if (!HEAD_FORM.test(read(path.join(dirs.git, 'HEAD'), 'latin1') ?? '')) return false;
  if (env.GIT_NAMESPACE || env.GIT_OBJECT_DIRECTORY) return false;
  if (env.GIT_DIR && !samePath(env.GIT_DIR, dirs.git)) return false;
  if (env.GIT_COMMON_DIR && !samePath(env.GIT_COMMON_DIR, dirs.common)) return false;
  return existsSync(path.join(dirs.git, 'HEAD')) && existsSync(path.join(dirs.common, 'refs')) && !existsSync(path.join(dirs.common, 'reftable'));
}

const HEAD_FORM = /^(?:[0-9a-f]{40}(?:[0-9a-f]{24})?|ref: refs\/(?!\S*\.\.)\S+)\r?\n?$/;

function ownedByMe(gitTop: string, dirs: { git: string; common: string }): boolean {
  const uid = process.getuid!();
  try {
    return [gitTop, dirs.git, dirs.common].every((d) => statSync(d).uid === uid);
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether packed-refs holds a tag above the version: one regular expression over the whole file
 * finds the few lines that may be, which are then compared in full.
 */
function packedHasNewer(packed: string, tags: TagReader, pattern: string, version: string): boolean {
  const lines = new RegExp(`^[0-9a-f]+ refs/tags/(${escapeRegExp(tags.prefix)}${pattern})\r?$`, 'gm');
  for (const m of packed.matchAll(lines)) if (tags.isNewer(m[1]!, version)) return true;
  return false;
}

/** Packed tags under the prefix that peel to `head`: its lines are found by the commit id itself. */
function packedOnHead(packed: string, prefix: string, head: string): string[] {
  const names: string[] = [];
  for (let at = packed.indexOf(head); at !== -1; at = packed.indexOf(head, at + head.length)) {
    const start = packed.lastIndexOf('\n', at) + 1;
    const peeled = at === start + 1 && packed[start] === '^';
    const after = packed[at + head.length];
    if ((at !== start && !peeled) || (after !== undefined && !' \r\n'.includes(after))) continue;
    // A ^ line peels the annotated tag on the line before it.
    const refStart = peeled ? packed.lastIndexOf('\n', start - 2) + 1 : start;
    const refEnd = packed.indexOf('\n', refStart);
    const line = packed.slice(refStart, refEnd === -1 ? undefined : refEnd).trimEnd();
    const ref = line.slice(line.indexOf(' ') + 1);
    if (ref.startsWith(`refs/tags/${prefix}`)) names.push(ref.slice('refs/tags/'.length));
  }
  return names;
}

/**
 * Loose tag refs under the prefix, name → id, the ids read only when `withIds` (for the tags on
 * HEAD; whether a name is newer needs no more) and left undefined for a ref that is not `needed`
 * and holds no plain id; undefined when a needed ref cannot be read plainly.
 */
function looseTags(
  common: string,
  prefix: string,
  withIds: boolean,
  needed: (name: string) => boolean = () => true,
): Map<string, string | undefined> | undefined {
  const names: string[] = [];
  const dir = path.join(common, 'refs', 'tags');
  if (!listFiles(dir, '', names)) return undefined;
  const loose = new Map<string, string | undefined>();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const oid = withIds ? readRef(`${dir}${path.sep}${name}`) : undefined;
    // Symbolic, or being written: git must say what a needed ref means then; another is left out.
    if (withIds && (oid === undefined || !OID.test(oid)) && needed(name)) return undefined;
    loose.set(name, oid !== undefined && OID.test(oid) ? oid : undefined);
  }
  return loose;
}

const refBuffer = Buffer.alloc(128);

/** A ref file's trimmed text, read into one buffer (no allocation per file); undefined when it is gone or longer than any id. */
function readRef(file: string): string | undefined {
  let fd: number;
  try {
    // Non-blocking: a FIFO put there since the listing must not make the check wait.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EACCES') throw unreadable(file);
    return undefined;
  }
  try {
    const size = readSync(fd, refBuffer, 0, refBuffer.length, 0);
    return size < refBuffer.length ? refBuffer.toString('latin1', 0, size).trim() : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Collects file names under dir ('/' for subfolders); false when something there is not a plain file. */
function listFiles(dir: string, base: string, out: string[]): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EACCES') throw unreadable(dir);
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
  for (const entry of entries) {
    const name = base + entry.name;
    if (entry.isDirectory()) {
      if (!listFiles(path.join(dir, entry.name), `${name}/`, out)) return false;
    } else if (entry.isFile()) out.push(name);
    else if (entry.isSymbolicLink()) {
      // git follows the link: one to a FIFO or a device would make it wait, so it is named as they are.
      const target = statOrUndefined(path.join(dir, entry.name));
      if (target && !target.isFile() && !target.isDirectory()) throw notRegular(path.join(dir, entry.name), target);
      return false;
    }
    // git for-each-ref would open it and wait forever (git status and commit pass over it): said here instead.
    else
      throw new UserError(
        `${path.join(dir, entry.name)} is not a regular file (${entry.isFIFO() ? 'a FIFO' : 'a device or socket'}), so the tags cannot be checked`,
        1,
      );
  }
  return true;
}

/** HEAD's commit: detached, or through one branch ref (loose, then packed); undefined when unborn or unusual. */
function headCommit(dirs: { git: string; common: string }, packed: string | (() => string)): string | undefined {
  const head = read(path.join(dirs.git, 'HEAD'), 'latin1')?.trim();
  if (head === undefined) return undefined;
  if (OID.test(head)) return head;
  const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
  if (ref === undefined || !plainRefName(ref)) return undefined;
  const loose = readBranch(path.join(dirs.common, ...ref.split('/')));
  if (loose === 'unreadable') return undefined;
  if (loose !== undefined) return OID.test(loose) ? loose : undefined;
  if (typeof packed === 'function') packed = packed();
  const at = packed.indexOf(` ${ref}\n`);
  if (at === -1) return undefined;
  const oid = packed.slice(packed.lastIndexOf('\n', at) + 1, at);
  return OID.test(oid) ? oid : undefined;
}

/** A name that stays below refs/ (no part empty or starting with a dot, no `..`): another is never turned into a path, git says what it means. */
const plainRefName = (ref: string) => ref.split('/').every((part) => part !== '' && !part.startsWith('.')) && !ref.includes('..');

/**
 * A branch's ref file, trimmed: undefined when there is none (then packed-refs says), 'unreadable'
 * when it is longer than any id. Opened non-blocking and looked at first: a FIFO or a device
 * (/dev/zero) is named, never read, for git would wait on it or read it forever.
 */
function readBranch(file: string): string | undefined | 'unreadable' {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw unreadable(file);
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : 'unreadable';
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(file, st);
    const size = readSync(fd, refBuffer, 0, refBuffer.length, 0);
    return size < refBuffer.length ? refBuffer.toString('latin1', 0, size).trim() : 'unreadable';
  } finally {
    closeSync(fd);
  }
}

const notRegular = (file: string, st: Stats) =>
  new UserError(
    `${file} is not a regular file (${st.isFIFO() ? 'a FIFO' : st.isDirectory() ? 'a directory' : 'a device or socket'}), so the tags cannot be checked`,
    1,
  );

/** HEAD's commit read from the ref files (packed-refs only when the branch has no loose ref); undefined when only git can say. */
export const headFromFiles = (dirs: { git: string; common: string }) => headCommit(dirs, () => read(path.join(dirs.common, 'packed-refs'), 'latin1') ?? '');

/** What a loose object peels to: a tag's target, any other object itself; undefined when packed or nested. */
async function peelLoose(common: string, oid: string): Promise<string | undefined> {
  const object = await readLooseObject(common, oid);
  if (!object || object === 'corrupt') return undefined; // in a pack, or not plainly readable: git knows
  if (object.type !== 'tag') return oid;
  const tag = /^object ([0-9a-f]+)\ntype (\w+)\n/.exec(object.body.toString('latin1'));
  return tag && tag[2] !== 'tag' ? tag[1] : undefined;
}

function read(file: string, encoding: BufferEncoding): string | undefined {
  try {
    return readFileSync(file, encoding);
  } catch (e) {
    // git passes over refs it cannot read without a word: the tags would silently go missing.
    if ((e as NodeJS.ErrnoException).code === 'EACCES') throw unreadable(file);
    return undefined;
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

const unreadable = (file: string) => new UserError(`cannot read ${file} (permission denied), so the tags cannot be checked`, 1);

/**
 * Every tag's name, and (`withHead`) those on HEAD among the `wanted` ones, read from the ref files
 * once for a whole workspace; undefined when only git can tell. Names are read as latin1: only an
 * ASCII prefix may be matched against them.
 */
export async function tagSnapshotFromFiles(
  gitTop: string,
  withHead: boolean,
  wanted: (name: string) => boolean,
): Promise<{ names: string[]; onHead: string[] } | undefined> {
  const dirs = gitDirs(gitTop);
  if (!dirs || !isPlainRepository(gitTop, dirs)) return undefined;
  const loose = looseTags(dirs.common, '', true);
  if (!loose) return undefined;
  const packed = read(path.join(dirs.common, 'packed-refs'), 'latin1') ?? '';
  const traits = packed.startsWith('# pack-refs with:') ? `${packed.slice(17, packed.indexOf('\n'))} ` : '';
  if (packed && !traits.includes(' peeled ')) return undefined;
  const names = new Set(loose.keys());
  for (const m of packed.matchAll(/^[0-9a-f]+ refs\/tags\/(.+?)\r?$/gm)) names.add(m[1]!);
  if (!withHead || names.size === 0) return { names: [...names], onHead: [] };
  const head = headCommit(dirs, packed);
  if (!head) return undefined;
  const onHead = packedOnHead(packed, '', head).filter((name) => !loose.has(name));
  const peeled = new Map<string, string | undefined>([[head, head]]);
  for (const [name, oid] of loose) {
    if (oid === undefined || !wanted(name)) continue;
    if (!peeled.has(oid)) peeled.set(oid, await peelLoose(dirs.common, oid));
    const commit = peeled.get(oid);
    if (commit === undefined) return undefined;
    if (commit === head) onHead.push(name);
  }
  return { names: [...names], onHead };
}
