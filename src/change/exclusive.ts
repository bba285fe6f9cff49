// Files created exclusively: an unpredictable name, O_EXCL|O_NOFOLLOW, so no planted link or file is ever written through.
import { close, closeSync, constants, fchmodSync, fchownSync, fsync, fsyncSync, linkSync, open, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomHex } from './random.js';

/** A sibling name nobody can guess ahead of time. */
export const tempName = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.${randomHex(8)}.heimdall-tmp`);

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Writes a new file that did not exist (never through a link), synced, with this mode and owner; `finish` runs just before the sync. */
export function writeNew(file: string, content: Buffer, mode: number, owner?: { uid: number; gid: number }, finish?: () => void, sync = true): void {
  const fd = openSync(file, CREATE, mode & 0o777);
  try {
    if (owner) keepOwner(fd, owner);
    fchmodSync(fd, mode);
    writeSync(fd, content);
    finish?.();
    if (sync) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
  closeSync(fd);
}

/**
 * writeNew whose sync runs on libuv's thread pool, so that many new files are
 * written and synced at once, which the file system commits together; `finish` (awaited) runs just before
 * the sync. The file is written and closed when the promise resolves, removed when it rejects.
 */
export async function writeNewSynced(
  file: string,
  content: Buffer,
  mode: number,
  owner?: { uid: number; gid: number },
  finish?: () => Promise<void>,
): Promise<void> {
  const fd = openSync(file, CREATE, mode & 0o777);
  try {
    if (owner) keepOwner(fd, owner);
    fchmodSync(fd, mode);
    writeSync(fd, content);
    await finish?.();
    // Only the sync waits on the disk: sent to the pool, where the other files' syncs run beside it. A round trip
    // there costs more than the opening, owner, mode and bytes, which are quicker done here.
    await new Promise<void>((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
  } catch (e) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
  closeSync(fd);
}

/**
 * Creates `file` with its whole content at once (a hard link from a temp file): readers never see it
 * half-written. `durable`: synced, so that it outlives a crash (a lock need not: after a crash no
 * holder is left to honour).
 */
export function createWithContent(file: string, content: Buffer, durable = true): void {
  const temp = tempName(file);
  writeNew(temp, content, 0o600, undefined, undefined, durable);
  try {
    linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  if (durable) syncDir(path.dirname(file));
}

/** syncDir on the thread pool, beside other syncs. */
export function syncDirInPool(dir: string): Promise<void> {
  return new Promise((resolve) =>
    open(dir, constants.O_RDONLY, (e, fd) => {
      // As syncDir: some file systems cannot sync a directory; the rename itself stays atomic.
      if (e) return resolve();
      fsync(fd, () => close(fd, () => resolve()));
    }),
  );
}

/** createWithContent, durable, whose sync runs on the thread pool; the directory's sync is left to the caller, to run beside others. */
export async function createSynced(file: string, content: Buffer): Promise<void> {
  const temp = tempName(file);
  await writeNewSynced(temp, content, 0o600);
  try {
    linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Makes renames and removals in dir durable. */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a directory; the rename itself stays atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function keepOwner(fd: number, owner: { uid: number; gid: number }): void {
  try {
    fchownSync(fd, owner.uid, owner.gid);
  } catch (e) {
    // Only root may give a file away; anyone else keeps their own file as it was.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
}
