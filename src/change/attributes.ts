// A replaced file keeps its POSIX ACL and extended attributes. Node can read neither, so GNU cp copies
// them (with the owner and mode) from the file onto its new copy before the rename, and drops a default
// ACL the copy inherited from its directory: the copy has exactly the file's. Measured: 2-10 ms a file
// (a process each; nothing for 2 files, 5.0 → 9.0 s for a 300-source bump on a loaded machine, where
// the syncs cost the rest). Where cp is not GNU's (BusyBox, macOS) only the owner and mode are kept.
import { spawnSync } from 'node:child_process';

let unsupported = process.platform !== 'linux';

/** Gives `copy` the ACL and extended attributes of `file` (the caller syncs it); throws when cp fails on them. */
export function copyAttributes(file: string, copy: string): void {
  if (unsupported) return;
  const args = ['--attributes-only', '--preserve=all', '--no-preserve=timestamps,links', '-T', '--', file, copy];
  const res = spawnSync('cp', args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  // No cp, or one without these options: nothing here can copy them.
  if (
    (res.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ||
    /unrecognized option|invalid option|illegal option|unknown option/i.test(res.stderr ?? '')
  ) {
    unsupported = true;
    return;
  }
  if (res.status !== 0)
    throw new Error(
      `cannot give the new copy of ${file} its ACL and attributes (${res.stderr?.trim() || res.error?.message || `cp exited with ${res.status}`})`,
    );
}
