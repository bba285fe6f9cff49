// Reading ahead: what the last judgement read is asked for at the next commits, level by level (their
// root trees, then the trees below, then the files' blobs), each level one batch on the one
// cat-file, so that those commits are then judged from memory without waiting.
import { CommitTree, isFile, isToRead, type ToRead } from './commit-tree.js';
import type { TreeCache } from './tree.js';

export async function readAhead(cache: TreeCache, commits: readonly { oid: string; tree: string }[], earlier: ReadonlyMap<string, string>): Promise<void> {
  // Directories are listed, the files that were there read, the other paths looked up (an absent file's directories say it is absent).
  const asks = [...earlier].map(([key, was]) => ({ path: key.startsWith('\0') ? key.slice(1) : key, listing: key.startsWith('\0'), file: isFile(was) }));
  const probes = commits.map((c) => new CommitTree(cache, c.oid, c.tree, false));
  const asked = new Set<string>();
  for (;;) {
    const trees: string[] = [];
    const blobs: string[] = [];
    const want = (answer: unknown) => {
      if (!isToRead(answer) || asked.has(answer.toRead)) return;
      asked.add(answer.toRead);
      ((answer as ToRead).blob ? blobs : trees).push(answer.toRead);
    };
    for (const probe of probes)
      for (const ask of asks) want(ask.listing ? probe.subdirectoriesNow(ask.path) : ask.file ? probe.bytesNow(ask.path) : probe.lookupNow(ask.path));
    // Done when nothing new is wanted (an object the cache let go meanwhile is read when its commit is judged).
    if (trees.length === 0 && blobs.length === 0) return;
    await cache.load(trees, blobs);
  }
}
