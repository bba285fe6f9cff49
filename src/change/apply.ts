// Writing planned changes: all or nothing. A lock keeps two runs apart, a journal lets the next run
// undo a change a crash left half-done, and every file is replaced by rename from a synced temp file.
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { FileChange } from './plan.js';
import { UserError } from '../core/errors.js';
import { isInside } from '../git/workspace.js';

export const JOURNAL = '.heimdall-version.journal';
export const LOCK = '.heimdall-version.lock';

interface JournalEntry {
  file: string;
  before: string;
  after: string;
}

/** Runs `fn` holding the project's lock; a lock left by a dead process is taken over. */
export async function withLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, LOCK);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(lock, e);
      const holder = Number(readText(lock));
      if (isAlive(holder)) throw new UserError(`another heimdall-version (pid ${holder}) is changing this project; wait for it, or remove ${LOCK} if it is gone`, 1);
      rmSync(lock, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function lockError(lock: string, e: unknown): UserError {
  return new UserError(`cannot take the lock ${lock}: ${(e as Error).message}`, 1);
}

export interface Applied {
  /** Puts every replaced file back as it was; returns the files restored. */
  rollback(): string[];
  /** Forgets the journal: the change stands. */
  finish(): void;
}

/** Replaces each file's content, or restores everything and throws. Call under withLock. */
export function applyChanges(root: string, changes: FileChange[]): Applied {
  const realRoot = realpathSync(root);
  const targets = changes.map((c) => {
    let real: string;
    let current: Buffer;
    try {
      real = realpathSync(path.join(realRoot, c.file));
      current = readFileSync(real);
    } catch (e) {
      throw new UserError(`cannot write ${c.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was written`, 1);
    }
    if (!isInside(realRoot, real)) throw new UserError(`${c.file} leads outside the project root; nothing was written`, 1);
    if (!current.equals(c.before)) throw new UserError(`${c.file} changed while heimdall-version was working; nothing was written`, 1);
    return { change: c, real, mode: statSync(real).mode & 0o7777 };
  });
  const journal: JournalEntry[] = changes.map((c) => ({ file: c.file, before: c.before.toString('base64'), after: c.after.toString('base64') }));
  writeAtomic(path.join(realRoot, JOURNAL), Buffer.from(JSON.stringify({ pid: process.pid, files: journal })), 0o644);
  const replaced: typeof targets = [];
  const rollback = () => {
    for (const t of [...replaced].reverse()) writeAtomic(t.real, t.change.before, t.mode);
    rmSync(path.join(realRoot, JOURNAL), { force: true });
    return replaced.map((t) => t.change.file);
  };
  try {
    for (const t of targets) {
      injectFault(replaced.length);
      writeAtomic(t.real, t.change.after, t.mode);
      replaced.push(t);
    }
  } catch (e) {
    const restored = rollback();
    const what = e instanceof UserError ? e.message : `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`.trim();
    const note = restored.length ? `; restored ${restored.join(', ')}` : '';
    throw new UserError(`writing failed (${what}); every file is as it was${note}`, 1);
  }
  return { rollback, finish: () => rmSync(path.join(realRoot, JOURNAL), { force: true }) };
}

/** Undoes a change a crashed run left half-done; returns what it did, for the user, or undefined. */
export function recoverInterrupted(root: string): string | undefined {
  const file = path.join(root, JOURNAL);
  const text = readText(file);
  if (text === undefined) return undefined;
  const holder = Number(readText(path.join(root, LOCK)));
  if (isAlive(holder) && holder !== process.pid) return undefined;
  let entries: JournalEntry[];
  try {
    entries = (JSON.parse(text) as { files: JournalEntry[] }).files;
  } catch {
    rmSync(file, { force: true });
    return `removed an unreadable ${JOURNAL} left by an interrupted run; check your version files`;
  }
  const restored: string[] = [];
  const kept: string[] = [];
  for (const entry of entries) {
    const target = path.join(root, entry.file);
    const current = readBytes(target);
    const before = Buffer.from(entry.before, 'base64');
    if (current?.equals(Buffer.from(entry.after, 'base64'))) {
      writeAtomic(realpathSync(target), before, statSync(target).mode & 0o7777);
      restored.push(entry.file);
    } else if (!current?.equals(before)) kept.push(entry.file);
  }
  rmSync(file, { force: true });
  rmSync(path.join(root, LOCK), { force: true });
  const parts = [`an interrupted heimdall-version run was undone`];
  if (restored.length) parts.push(`restored ${restored.join(', ')}`);
  if (kept.length) parts.push(`left ${kept.join(', ')} as they are (changed since)`);
  return parts.join('; ');
}

function writeAtomic(target: string, content: Buffer, mode: number): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.heimdall-tmp`);
  try {
    const fd = openSync(temp, 'w', mode);
    try {
      fchmodSync(fd, mode);
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** Test hook: HEIMDALL_VERSION_FAULT=fail-after:N or crash-after:N, counted in replaced files. */
function injectFault(done: number): void {
  const m = /^(fail|crash)-after:(\d+)$/.exec(process.env.HEIMDALL_VERSION_FAULT ?? '');
  if (!m || done !== Number(m[2])) return;
  if (m[1] === 'crash') process.kill(process.pid, 'SIGKILL');
  throw new Error(`injected failure after ${done} file(s)`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | undefined {
  return readBytes(file)?.toString('utf8');
}

function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
