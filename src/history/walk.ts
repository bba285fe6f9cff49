// The first-parent history of HEAD, oldest first, each commit judged: where the primary version
// changed, and where it went below the highest so far. Commits are read in batches: what the last
// judgement read is asked for at the batch's commits at once (read-ahead.ts), and the judgements then
// run one by one from memory.
import type { VersionScheme } from '../version/scheme.js';
import type { Judge, Verdict } from './judge.js';
import type { CommitInfo } from './refs.js';
import { readAhead } from './read-ahead.js';
import type { TreeCache } from './tree.js';
import type { CommitTree } from './commit-tree.js';

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
  cache: TreeCache;
  judge: Judge;
  firstParent: CommitInfo[];
  /** Tag names by the commit they peel to. */
  tagsOn: Map<string, string[]>;
  scheme: VersionScheme;
  /** A shallow clone: its first commit may hold a version set before it, which is no change that can be told. */
  shallow: boolean;
  tick: () => void;
}): Promise<Walk> {
  const { cache, judge, firstParent, tagsOn, scheme, shallow, tick } = args;
  const verdicts = new Map<string, Verdict>();
  const changes: VersionChange[] = [];
  const backwards: Walk['backwards'] = [];
  let previous: string | null = null;
  let highest: string | undefined;
  let readUntil = 0;
  /** The commits read ahead from `readFrom` on, with what was looked up in each. */
  let readFrom = 0;
  let trees: CommitTree[] = [];
  for (const [at, info] of firstParent.entries()) {
    // What the last judgement read is asked for at the next commits at once (pipelined), from the second commit on.
    const reads = at >= readUntil ? judge.lastReads() : undefined;
    if (reads) {
      readUntil = at + BATCH;
      readFrom = at;
      trees = await readAhead(cache, firstParent.slice(at, readUntil), reads);
    }
    tick();
    const oid = info.oid;
    // Judged at once when what it reads was read ahead; waited for only when not.
    const judged = judge.judge(oid, info.tree, tagsOn.get(oid) ?? [], trees[at - readFrom]);
    const verdict = judged instanceof Promise ? await judged : judged;
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
