// Every tag of the repository by name, and the files staged for the next commit: what a workspace's
// check asks once per run (which package templates match no tag, which packages a commit touches).
import { readGit } from './git.js';
import { tagNamesFromFiles } from './refs.js';

/** Every tag's name: from the ref files, else from git; none when git cannot say. */
export async function allTagNames(gitTop: string): Promise<string[]> {
  const fromFiles = tagNamesFromFiles(gitTop);
  if (fromFiles) return fromFiles;
  const res = await readGit(gitTop, ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags']);
  return res.code === 0 ? res.stdout.split('\n').filter(Boolean) : [];
}

/** The paths (relative to the git top level, '/'-separated) the index holds changed from HEAD; undefined when git cannot say. */
export async function stagedFiles(gitTop: string): Promise<string[] | undefined> {
  const res = await readGit(gitTop, ['diff', '--cached', '--name-only', '-z', '--no-renames']);
  if (res.code !== 0) return undefined;
  return res.stdout.split('\0').filter(Boolean);
}
