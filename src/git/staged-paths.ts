// What is staged for the next commit (the paths whose index entry differs from HEAD's tree), read
// from the index and loose objects without starting git, as `git diff --cached --name-only
// --no-renames` answers it. A directory the index records as an unchanged tree that is HEAD's own
// tree is passed over, as git passes over it, so a commit touching one member of a large workspace
// reads a handful of trees. Anything this reader does not fully know (a conflict, an intent-to-add
// or skip-worktree entry, a packed or replaced object, an unborn branch) is left to git (undefined).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sha1Repository } from './blobs.js';
import { indexFileOf, readWholeIndex, type WholeIndex } from './index-file.js';
import { readLooseObject } from './loose-objects.js';
import { headFromFiles, isPlainRepository } from './refs.js';
import { gitDirs } from './workspace.js';

interface TreeEntry {
  mode: string;
  oid: string;
}

const TREE_MODE = '40000';

/** The staged paths (UTF-8, '/'-separated, relative to the top level), or undefined when git must say. */
export async function stagedPathsFromFiles(gitTop: string): Promise<string[] | undefined> {
  const dirs = gitDirs(gitTop);
  if (!dirs || !isPlainRepository(gitTop, dirs) || !sha1Repository(dirs.common) || hasReplacements(dirs.common)) return undefined;
  const index = readWholeIndex(indexFileOf(gitTop, dirs.git));
  if (!index?.plain) return undefined;
  const head = headFromFiles(dirs);
  if (!head) return undefined;
  const commit = await readLooseObject(dirs.common, head);
  const root = commit && commit !== 'corrupt' && commit.type === 'commit' ? /^tree ([0-9a-f]{40})\n/.exec(commit.body.toString('latin1'))?.[1] : undefined;
  if (!root) return undefined;
  const changed = await compare(dirs.common, index, root);
  return changed?.map((p) => Buffer.from(p, 'latin1').toString('utf8'));
}

/** `git replace` objects stand in for others when git reads them: only git knows what they replace. */
function hasReplacements(common: string): boolean {
  try {
    if (readdirSync(path.join(common, 'refs', 'replace')).length > 0) return true;
  } catch {}
  try {
    return readFileSync(path.join(common, 'packed-refs'), 'latin1').includes(' refs/replace/');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The paths (latin1) where the index and the tree `root` differ, or undefined when a tree or an entry cannot be read here. */
async function compare(common: string, index: WholeIndex, root: string): Promise<string[] | undefined> {
  const changed: string[] = [];
  const readTree = async (oid: string): Promise<Map<string, TreeEntry> | undefined> => {
    const object = await readLooseObject(common, oid);
    return object && object !== 'corrupt' && object.type === 'tree' ? parseTree(object.body) : undefined;
  };
  // Every file of a tree the index no longer holds (or holds a file in place of).
  const gone = async (dir: string, oid: string): Promise<boolean> => {
    const tree = await readTree(oid);
    if (!tree) return false;
    for (const [name, entry] of tree) {
      if (entry.mode !== TREE_MODE) changed.push(`${dir}${name}`);
      else if (!(await gone(`${dir}${name}/`, entry.oid))) return false;
    }
    return true;
  };
  // The end of the run of entries from i (below hi) whose paths start with `prefix`: they lie together, the index being sorted.
  const runEnd = (prefix: string, i: number, hi: number) => {
    let lo = i + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index.path(mid).startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // The index entries [lo, hi) all lie under `dir` ('' or 'a/b/'); `oid` is HEAD's tree there.
  const walk = async (dir: string, oid: string, lo: number, hi: number): Promise<boolean> => {
    if (index.trees.get(dir.slice(0, -1)) === oid) return true;
    const tree = await readTree(oid);
    if (!tree) return false;
    const seen = new Set<string>();
    for (let i = lo; i < hi; ) {
      const file = index.path(i);
      const slash = file.indexOf('/', dir.length);
      const name = file.slice(dir.length, slash === -1 ? undefined : slash);
      const inHead = tree.get(name);
      seen.add(name);
      if (slash === -1) {
        const entry = index.entry(i);
        if (!entry) return false;
        if (!inHead || inHead.mode !== entry.mode || inHead.oid !== entry.oid) changed.push(file);
        if (inHead?.mode === TREE_MODE && !(await gone(`${file}/`, inHead.oid))) return false;
        i++;
        continue;
      }
      const sub = `${dir}${name}/`;
      const j = runEnd(sub, i, hi);
      if (inHead?.mode === TREE_MODE) {
        if (!(await walk(sub, inHead.oid, i, j))) return false;
      } else {
        if (inHead) changed.push(`${dir}${name}`);
        for (let k = i; k < j; k++) changed.push(index.path(k));
      }
      i = j;
    }
    for (const [name, entry] of tree) {
      if (seen.has(name)) continue;
      if (entry.mode !== TREE_MODE) changed.push(`${dir}${name}`);
      else if (!(await gone(`${dir}${name}/`, entry.oid))) return false;
    }
    return true;
  };
  return (await walk('', root, 0, index.count)) ? changed : undefined;
}

/** A tree object's entries: `mode name\0` and 20 bytes of object id each; names as latin1. */
function parseTree(body: Buffer): Map<string, TreeEntry> | undefined {
  const entries = new Map<string, TreeEntry>();
  for (let at = 0; at < body.length; ) {
    const space = body.indexOf(32, at);
    const nul = space === -1 ? -1 : body.indexOf(0, space);
    if (nul === -1 || nul + 21 > body.length) return undefined;
    entries.set(body.toString('latin1', space + 1, nul), { mode: body.toString('latin1', at, space), oid: body.toString('hex', nul + 1, nul + 21) });
    at = nul + 21;
  }
  return entries;
}
