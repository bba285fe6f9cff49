// The first-parent history of HEAD, oldest first, each commit judged: where the primary version
// changed, and where it went below the highest so far. Commits are read in batches: the batch's
// commit objects, then what the last judgement read, are asked of cat-file at once (pipelined), and
// the judgements then run one by one from the cache.
import type { VersionScheme } from '../version/scheme.js';
import type { Judge, Verdict } from './judge.js';
import type { ObjectStore } from './objects.js';
import { readCommit, type CommitInfo } from './refs.js';
import { CommitTree, type TreeCache } from './tree.js';

const BATCH = 256;

export interface VersionChange {
  commit: string;
  version: string;
  time: number;
  verdict: Verdict;
}

export interface Walk {
  /** The judgements of the tagged commits on the walk. */
  verdicts: Map<string, Verdict>;
  changes: VersionChange[];
  backwards: { commit: string; from: string; to: string }[];
}

export async function walkFirstParent(args: {
  store: ObjectStore;
  cache: TreeCache;
  judge: Judge;
  firstParent: string[];
  /** Tag names by the commit they peel to. */
  tagsOn: Map<string, string[]>;
  scheme: VersionScheme;
  /** A shallow clone: its first commit may hold a version set before it, which is no change that can be told. */
  shallow: boolean;
  tick: () => void;
}): Promise<Walk> {
  const { store, cache, judge, firstParent, tagsOn, scheme, shallow, tick } = args;
  const verdicts = new Map<string, Verdict>();
  const changes: VersionChange[] = [];
  const backwards: Walk['backwards'] = [];
  let previous: string | null = null;
  let highest: string | undefined;
  let batch: (CommitInfo | undefined)[] = [];
  for (const [at, oid] of firstParent.entries()) {
    if (at % BATCH === 0) {
      batch = await Promise.all(firstParent.slice(at, at + BATCH).map((c) => readCommit(store, c)));
      const reads = judge.lastReads();
      if (reads) await Promise.all(batch.map((info) => info && new CommitTree(cache, info.oid, info.tree).prefetch(reads)));
    }
    const info = batch[at % BATCH];
    tick();
    if (!info) continue;
    const verdict = await judge.judge(oid, info.tree, tagsOn.get(oid) ?? []);
    if (tagsOn.has(oid)) verdicts.set(oid, verdict);
    const v = verdict.version;
    if (v === null || v === previous || !scheme.valid(v)) continue;
    const first = previous === null && shallow && at === 0;
    previous = v;
    if (first) {
      highest = v;
      continue;
    }
    if (highest !== undefined && scheme.compare(v, highest) < 0) backwards.push({ commit: oid, from: highest, to: v });
    if (highest === undefined || scheme.compare(v, highest) > 0) highest = v;
    changes.push({ commit: oid, version: v, time: info.time, verdict });
  }
  return { verdicts, changes, backwards };
}
