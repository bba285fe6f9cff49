// Writing planned changes: all or nothing. The journal (written first, in a place git does not carry)
// lets `recover` finish or undo a change a crash left half-done; each file is replaced by renaming an
// exclusively created, synced temp file over the checked path, keeping its owner, mode, ACL and attributes.
import { readFileSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { FileChange } from './plan.js';
import { UserError } from '../core/errors.js';
import { isInside } from '../git/workspace.js';
import { createSynced, syncDir, syncDirInPool, tempName, writeNew, writeNewSynced } from './exclusive.js';
import { isPlainRelative, type Journal, type JournalGit } from './journal.js';
import { ensureStateDir, unfinished, type ChangeState } from './state.js';
import { injectFault } from './fault.js';
import { copyAttributes, filesWithAttributes, type AttributesAhead } from './attributes.js';
import { refuseForeignWriters } from './foreign-writers.js';

export interface Applied {
  /** Puts every replaced file back as it was; returns the files restored. */
  rollback(): string[];
  /** Forgets the journal: the change stands. */
  finish(): void;
}

/**
 * Replaces each file's content, or restores everything and throws. Call under withLock.
 *
 * In this order, each step durable before the next: the journal (synced, linked, its directory synced);
 * a synced temp copy of every file; the renames, one by one; every directory holding a file, synced once.
 * The syncs within a step run at once on the thread pool (a file system commits them together), so a
 * change of many files waits for four rounds of syncs (the last removes the journal), not three a file;
 * getfattr, which names the files with attributes to copy, runs meanwhile (or ran during the planning:
 * `ahead`).
 */
export async function applyChanges(
  state: ChangeState,
  root: string,
  changes: FileChange[],
  git?: JournalGit,
  allowForeignOwner = false,
  /** getfattr's answer, asked before the plan was made (lookAhead). */
  ahead?: AttributesAhead,
): Promise<Applied> {
  const realRoot = realpathSync(root);
  if (!allowForeignOwner)
    refuseForeignWriters(
      realRoot,
      changes.map((c) => c.file),
    );
  const targets = changes.map((c) => {
    let real: string;
    let current: Buffer;
    let stat: Stats;
    try {
      real = realpathSync.native(path.join(realRoot, c.file));
      stat = statSync(real);
      current = readFileSync(real);
    } catch (e) {
      throw new UserError(`cannot write ${c.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written`, 1);
    }
    if (!isInside(realRoot, real)) throw new UserError(`${c.file} leads outside the project root; nothing was written`, 1);
    if (!stat.isFile()) throw new UserError(`${c.file} is not a regular file; nothing was written`, 1);
    if (!current.equals(c.before)) throw new UserError(`${c.file} changed while heimdall-version was working; nothing was written`, 1);
    return { change: c, real, stat, temp: tempName(real) };
  });
  ensureStateDir(state);
  const withAttributes = filesWithAttributes(
    targets.map((t) => t.real),
    ahead,
  );
  const toBase = baseRelative(state, root);
  const journal: Journal = {
    format: 1,
    pid: process.pid,
    files: changes.map((c) => ({ file: toBase(c.file), before: c.before.toString('base64'), after: c.after.toString('base64') })),
    ...(git ? { git } : {}),
  };
  try {
    await createSynced(state.journal, Buffer.from(JSON.stringify(journal)));
  } catch (e) {
    await withAttributes;
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw unfinished(state);
    throw new UserError(`cannot write the journal ${state.journal} (${(e as Error).message}); nothing was written`, 1);
  }
  injectFault('journal');
  const replaced: typeof targets = [];
  const finish = () => {
    rmSync(state.journal, { force: true });
    syncDir(state.dir);
  };
  // Until getfattr answers, every file's attributes are copied (a rollback before then restores them all).
  let attributes = new Set(targets.map((t) => t.real));
  const copyAttributesOf = (t: (typeof targets)[number]) => async () => {
    attributes = await withAttributes;
    if (attributes.has(t.real)) copyAttributes(t.real, t.temp);
  };
  const rollback = () => {
    for (const t of targets) if (!replaced.includes(t)) rmSync(t.temp, { force: true });
    for (const t of [...replaced].reverse()) replaceFile(t.real, t.change.before, t.stat, undefined, attributes.has(t.real));
    finish();
    return replaced.map((t) => t.change.file);
  };
  try {
    // The journal's link is made durable while the copies are written and synced.
    const copies = [
      syncDirInPool(state.dir),
      ...targets.map((t) => writeNewSynced(t.temp, t.change.after, t.stat.mode & 0o7777, { uid: t.stat.uid, gid: t.stat.gid }, copyAttributesOf(t))),
    ];
    const settled = await Promise.allSettled(copies);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    for (const t of targets) {
      injectFault(`files:${replaced.length}`);
      injectFault(`temp:${replaced.length}`);
      renameSync(t.temp, t.real);
      replaced.push(t);
    }
    await Promise.all([...new Set(targets.map((t) => path.dirname(t.real)))].map(syncDirInPool));
    injectFault('written');
  } catch (e) {
    const restored = rollback();
    const what = e instanceof UserError ? e.message : `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`.trim();
    const note = restored.length ? `; restored ${restored.join(', ')}` : '';
    throw new UserError(`writing failed (${what}); every file is as it was${note}`, 1);
  }
  return { rollback, finish };
}

/** Root-relative paths as the journal keeps them: relative to the state's base, '/'-separated. */
export function baseRelative(state: ChangeState, root: string): (file: string) => string {
  // The root's own place is worked out once: path.relative resolves and normalizes both paths at each call.
  const prefix = path.relative(state.base, root).split(path.sep).join('/');
  return (file) => (isPlainRelative(file) ? (prefix ? `${prefix}/${file}` : file) : path.relative(state.base, path.join(root, file)).split(path.sep).join('/'));
}

/**
 * Renames a new, synced copy over `target`, with the owner and mode `was` had and the target's ACL and
 * extended attributes (`attributes`: false when the caller knows it has none).
 */
export function replaceFile(target: string, content: Buffer, was: Stats, point?: string, attributes = true): void {
  const temp = tempName(target);
  try {
    // One sync covers the bytes and the attributes copied onto the open file.
    writeNew(temp, content, was.mode & 0o7777, { uid: was.uid, gid: was.gid }, attributes ? () => copyAttributes(target, temp) : undefined);
    if (point) injectFault(point);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  syncDir(path.dirname(target));
}
