// What a workspace's check asks of git once per run, not once per package: every tag's name (and
// those on HEAD), and the files staged for the next commit.
import { readGit } from './git.js';
import { tagSnapshotFromFiles } from './refs.js';
import { stagedPathsFromFiles } from './staged-paths.js';

export interface TagSnapshot {
  /** Every tag's name. */
  names: string[];
  /** The tags on HEAD among those wanted, when the ref files could tell (else each package asks git). */
  onHead?: string[];
}

/** Every tag's name, and those on HEAD: from the ref files, else the names from git; none when git cannot say. */
export async function tagSnapshot(gitTop: string, withHead: boolean, wanted: (name: string) => boolean): Promise<TagSnapshot> {
  const fromFiles = await tagSnapshotFromFiles(gitTop, withHead, wanted);
  if (fromFiles) return withHead ? fromFiles : { names: fromFiles.names, onHead: [] };
  const res = await readGit(gitTop, ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags']);
  return { names: res.code === 0 ? res.stdout.split('\n').filter(Boolean) : [] };
}

/** The paths (relative to the git top level, '/'-separated) the index holds changed from HEAD; undefined when git cannot say. */
export async function stagedFiles(gitTop: string): Promise<string[] | undefined> {
  const fromFiles = await stagedPathsFromFiles(gitTop);
  if (fromFiles) return fromFiles;
  const res = await readGit(gitTop, ['diff', '--cached', '--name-only', '-z', '--no-renames']);
  if (res.code !== 0) return undefined;
  return res.stdout.split('\0').filter(Boolean);
}
