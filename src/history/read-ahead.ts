// Reading ahead: what the last judgement read is asked for at the next commits, level by level (their
// root trees, then the trees below, then the files' blobs), each level one batch on the one
// cat-file, so that those commits are then judged from memory without waiting. Each commit's
// answers are kept in its CommitTree, which its judgement goes on with (nothing is looked up twice).
import { CommitTree, isFile, isToRead } from './commit-tree.js';
import type { TreeCache } from './tree.js';

export async function readAhead(
  cache: TreeCache,
  commits: readonly { oid: string; tree: string }[],
  earlier: ReadonlyMap<string, string>,
): Promise<CommitTree[]> {
  // Directories are listed, the files that were there read, the other paths looked up (an absent file's directories say it is absent).
  const asks = [...earlier].map(([key, was]) => ({ path: key.startsWith('\0') ? key.slice(1) : key, listing: key.startsWith('\0'), file: isFile(was) }));
  const probes = commits.map((c) => new CommitTree(cache, c.oid, c.tree));
  let waiting = probes.flatMap((probe) => asks.map((ask) => ({ probe, ask })));
  const read = new Set<string>();
  let trees = new Set(commits.map((c) => c.tree));
  let blobs = new Set<string>();
  while (trees.size || blobs.size) {
    await cache.load([...trees], [...blobs]);
    for (const oid of [...trees, ...blobs]) read.add(oid);
    trees = new Set();
    blobs = new Set();
    // Only the questions that waited for something are asked again.
    waiting = waiting.filter(({ probe, ask }) => {
      const answer = ask.listing ? probe.subdirectoriesNow(ask.path) : ask.file ? probe.bytesNow(ask.path) : probe.lookupNow(ask.path);
      // An object read in an earlier round that the cache let go meanwhile is not asked twice: it is read when its commit is judged.
      if (!isToRead(answer) || read.has(answer.toRead)) return false;
      (answer.blob ? blobs : trees).add(answer.toRead);
      return true;
    });
  }
  return probes;
}
