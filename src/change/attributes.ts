// A replaced file keeps its POSIX ACL and extended attributes. Node can read neither, so GNU cp copies
// them (with the owner and mode) from the file onto its new copy before the rename, about 2 ms a file
// (measured), and drops a default ACL the copy inherited from its directory: the copy has exactly the
// file's. Where cp is not GNU's (BusyBox, macOS) only the owner and mode, set by exclusive.ts, are kept.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, fsyncSync, openSync } from 'node:fs';

let unsupported = process.platform !== 'linux';

/** Gives `copy` the ACL and extended attributes of `file`, durably; throws when cp fails on them. */
export function copyAttributes(file: string, copy: string): void {
  if (unsupported) return;
  const args = ['--attributes-only', '--preserve=all', '--no-preserve=timestamps,links', '-T', '--', file, copy];
  const res = spawnSync('cp', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if ((res.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' || /unrecognized option|invalid option|illegal option|unknown option/i.test(res.stderr ?? '')) {
    unsupported = true;
    return;
  }
  if (res.status !== 0) throw new Error(`cannot give the new copy of ${file} its ACL and attributes (${res.stderr?.trim() || res.error?.message || `cp exited with ${res.status}`})`);
  const fd = openSync(copy, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
