// A replaced file keeps its POSIX ACL and extended attributes. Node can read neither, so GNU cp copies
// them (with the owner and mode) from the file onto its new copy before the rename, and drops a default
// ACL the copy inherited from its directory: the copy has exactly the file's. A cp costs 2-10 ms a file
// (a process each: 5.0 → 9.0 s for a 300-source bump on a loaded machine), so one getfattr first names
// the files that have any (ACLs are system.posix_acl_* attributes), and only those are copied; without
// getfattr (or when it fails) every file is. Where cp is not GNU's (BusyBox, macOS) only the owner and
// mode are kept.
import { execFile, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

let unsupported = process.platform !== 'linux';

/** A getfattr started ahead of a change (lookAhead): the files it asked about, and its answer. */
export interface AttributesAhead {
  files: Set<string>;
  answer: Promise<Set<string>>;
}

/**
 * Starts getfattr on the files (root-relative) a change may write, so that it runs beside the planning
 * and the change finds its answer waiting. Starting a process blocks until it has started, longer the
 * more memory this one holds: early, it holds less.
 */
export function lookAhead(root: string, files: string[]): AttributesAhead {
  const real = files.flatMap((f) => {
    try {
      return [realpathSync.native(path.join(root, f))];
    } catch {
      return []; // missing: the change says so itself
    }
  });
  return { files: new Set(real), answer: askGetfattr(real) };
}

/**
 * The files among `files` (real paths) that may have an ACL or extended attributes: those getfattr
 * lists (one process for all, running while the caller does other work; the answer of `ahead` when
 * it asked about all of them), or all of them when it cannot tell.
 */
export function filesWithAttributes(files: string[], ahead?: AttributesAhead): Promise<Set<string>> {
  const answer = ahead && files.every((f) => ahead.files.has(f)) ? ahead.answer : askGetfattr(files);
  return answer.then((listed) => new Set(files.filter((f) => listed.has(f))));
}

function askGetfattr(files: string[]): Promise<Set<string>> {
  const all = new Set(files);
  if (unsupported || files.length === 0) return Promise.resolve(new Set());
  // A directory's default ACL is inherited by the new copy, which cp then drops: its files are copied too.
  const dirs = [...new Set(files.map((f) => path.dirname(f)))];
  return new Promise((resolve) => {
    execFile(
      'getfattr',
      ['--absolute-names', '-m', '-', '--', ...files, ...dirs],
      { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return resolve(all);
        const listed = new Set(
          stdout
            .split('\n')
            .filter((line) => line.startsWith('# file: '))
            .map((line) => line.slice(8)),
        );
        // getfattr escapes some characters in the names it prints: such a name is copied whatever it said.
        const plain = (name: string) => /^[\x20-\x7e]*$/.test(name) && !/[\\=]/.test(name);
        resolve(new Set(files.filter((f) => [f, path.dirname(f)].some((name) => listed.has(name) || !plain(name)))));
      },
    );
  });
}

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
