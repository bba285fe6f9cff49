// Refuses to write where another user could redirect the write. Node has no openat: each write names its
// path again, so whoever may rename an entry on that path (the owner of a directory on it, or anyone who
// may write one) can swap a directory for a link between the check and the write, and send the bytes
// wherever the link leads, with the writer's rights. When every directory from / down to each file
// belongs to root or the user running and nobody else may write it (a sticky directory protects the
// entries it holds, which are checked in turn), nobody else can change the path: the path checked is the
// path written. The file's own owner does not matter: a rename replaces its entry, it never opens it.
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';

/** Why another user may rename entries of the directory `st` describes, or undefined. */
function foreignWriter(st: Stats, me: { uid: number; gid: number }): string | undefined {
  const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
  if (st.uid !== 0 && st.uid !== me.uid) return `it belongs to uid ${st.uid} (not root, not you)`;
  if (st.mode & 0o1000) return undefined;
  if (st.mode & 0o002) return `every user may write it (mode ${mode}, no sticky bit)`;
  // A group of our own (a private group) or root's is ours; any other group's members are other users.
  if (st.mode & 0o020 && st.gid !== 0 && st.gid !== me.gid) return `group ${st.gid} may write it (mode ${mode})`;
  return undefined;
}

/**
 * Throws unless every directory on the way to each file (root-relative, '/'-separated) is safe from other
 * users: those above the root, and inside it each one the file's path passes, links followed.
 */
export function refuseForeignWriters(root: string, files: string[]): void {
  if (typeof process.getuid !== 'function' || typeof process.getegid !== 'function') return; // no owners to compare
  const me = { uid: process.geteuid?.() ?? process.getuid(), gid: process.getegid() };
  const seen = new Set<string>();
  /** `st`: the directory's lstat when the caller has it. */
  const check = (dir: string, st?: Stats) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    if (!st) {
      try {
        st = lstatSync(dir);
      } catch {
        return; // gone: the write itself will say so
      }
    }
    const why = foreignWriter(st, me);
    if (why)
      throw new UserError(
        `refusing to write in ${dir}: ${why}; another user could swap a directory there for a link and send the writes anywhere you may write; nothing was written. If you trust every user who can write there, pass --allow-foreign-owner`,
        1,
      );
  };
  /** Every directory from / down to `real`, in order. */
  const chain = (real: string) => {
    const parts = real.split(path.sep).filter(Boolean);
    for (let i = 0; i <= parts.length; i++) check(path.sep + parts.slice(0, i).join(path.sep));
  };
  const realRoot = realpathSync(root);
  chain(realRoot);
  // Each entry's real path by its root-relative path (undefined: missing), found from its parent's, whose
  // directories are all checked: one lstat tells that it is no link, so it is where its parent's real path
  // says (only itself is left to check); a link is resolved and the directories on its way are checked.
  const reals = new Map<string, string | undefined>([['', realRoot]]);
  const realOf = (parentRel: string, name: string, isDir: boolean): string | undefined => {
    const rel = parentRel === '' ? name : `${parentRel}/${name}`;
    if (isDir && reals.has(rel)) return reals.get(rel);
    const entry = path.join(reals.get(parentRel)!, name);
    const st = name === '.' || name === '..' || name === '' ? undefined : lstatOrNot(entry);
    let real: string | undefined;
    if (st && !st.isSymbolicLink()) {
      real = entry;
      if (isDir) check(real, st);
    } else {
      try {
        // The native realpath: one system call, not one lstat per part of the path.
        real = realpathSync.native(path.join(realRoot, rel));
        chain(isDir ? real : path.dirname(real));
      } catch {
        real = undefined;
      }
    }
    if (isDir) reals.set(rel, real);
    return real;
  };
  for (const file of files) {
    const parts = file.split('/');
    // Outward from the root, so a directory another user controls is met before anything they could swap below it;
    // where a link leads elsewhere, the directories on its way are checked too, and for the file, those of its target.
    let parent = '';
    for (const [i, name] of parts.entries()) {
      if (realOf(parent, name, i < parts.length - 1) === undefined) break; // missing: nothing below it to write
      parent = parent === '' ? name : `${parent}/${name}`;
    }
  }
}

/** The entry's own lstat, or undefined when it cannot be had (realpath then says why). */
function lstatOrNot(entry: string): Stats | undefined {
  try {
    return lstatSync(entry, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Throws unless nobody else could redirect writes into `dir` (where the lock and journal go, maybe outside the
 *  project: a `.git` file names any git directory): every directory on its path as written, links followed. */
export function refuseForeignDir(dir: string): void {
  const abs = path.resolve(dir);
  const top = path.parse(abs).root;
  refuseForeignWriters(top, [[...path.relative(top, abs).split(path.sep), '-'].filter(Boolean).join('/')]);
}
