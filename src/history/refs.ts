// What the history is made of, from git's plumbing (each a single read process): the tags of the
// template, which of them HEAD reaches, the first-parent history, the commits of a range; and one
// commit object read from the object store.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gitFailure, readGit } from '../git/git.js';
import { gitDirs } from '../git/workspace.js';
import type { ObjectStore } from './objects.js';

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  /** Committer time, seconds since the epoch. */
  time: number;
}

const globOf = (prefix: string) => `refs/tags/${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;

async function lines(gitTop: string, args: string[], what: string): Promise<string[]> {
  const res = await readGit(gitTop, args);
  if (res.code !== 0) throw gitFailure(gitTop, res, what);
  return res.stdout.split('\n').filter(Boolean);
}

/** The template's tags by name and the object each names (not read here: a ref may name an object this clone lacks). */
export async function tagRefs(gitTop: string, prefix: string): Promise<{ name: string; oid: string }[]> {
  const out = await lines(gitTop, ['for-each-ref', '--format=%(objectname) %(refname:strip=2)', globOf(prefix)], 'reading the tags (git for-each-ref)');
  return out.flatMap((line) => {
    const m = /^([0-9a-f]+) (.+)$/.exec(line);
    return m ? [{ name: m[2]!, oid: m[1]! }] : [];
  });
}

/**
 * What a tag ref names, peeled to its commit: whether it is annotated, and the commit (undefined when
 * not in this repository). A commit already `known` (from the history) is not read again.
 */
export async function peelTag(store: ObjectStore, oid: string, known: ReadonlyMap<string, CommitInfo>): Promise<{ annotated: boolean; commit?: CommitInfo }> {
  const commit = known.get(oid);
  if (commit) return { annotated: false, commit };
  const obj = await store.read(oid);
  if ('missing' in obj) return { annotated: false };
  if (obj.type === 'commit') return { annotated: false, commit: parseCommit(obj) };
  // An annotated tag names its object in its first line; a tag of a tag is peeled by git.
  const target = obj.type === 'tag' ? /^object ([0-9a-f]+)\ntype commit\n/.exec(obj.bytes.toString('latin1', 0, 200))?.[1] : undefined;
  return { annotated: obj.type === 'tag', commit: (target && known.get(target)) || (await readCommit(store, oid)) };
}

/** Names of the template's tags that `rev` reaches (merged) or does not reach. */
export const tagsMerged = (gitTop: string, prefix: string, rev: string, merged: boolean) =>
  lines(
    gitTop,
    ['for-each-ref', merged ? `--merged=${rev}` : `--no-merged=${rev}`, '--format=%(refname:strip=2)', globOf(prefix)],
    'reading the tags (git for-each-ref)',
  );

/** The first-parent history of HEAD, oldest first, each commit with its tree and time (one rev-list, no object read); empty on a branch with no commit yet. */
export async function firstParentHistory(gitTop: string): Promise<CommitInfo[]> {
  const res = await readGit(gitTop, ['rev-list', '--first-parent', '--reverse', '--format=%H %T %ct %P', 'HEAD']);
  if (res.code !== 0) {
    // Only then is it asked whether HEAD names a commit at all: a branch with no commit yet has no history.
    const head = await readGit(gitTop, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
    if (head.code !== 0) return [];
    throw gitFailure(gitTop, res, 'reading the history (git rev-list)');
  }
  // Each commit comes as a "commit <id>" line (older git has no --no-commit-header) and the line asked for.
  return res.stdout.split('\n').flatMap((line) => {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (\d+) ?([0-9a-f ]*)$/.exec(line);
    return m ? [{ oid: m[1]!, tree: m[2]!, time: Number(m[3]), parents: m[4]!.split(' ').filter(Boolean) }] : [];
  });
}

/** The commits HEAD has and `since` has not. */
export async function commitsSince(gitTop: string, since: string): Promise<Set<string>> {
  return new Set(await lines(gitTop, ['rev-list', `${since}..HEAD`, '--'], `reading the commits since ${since} (git rev-list)`));
}

/** The commit a revision names, or undefined when it names none. */
export async function resolveCommit(gitTop: string, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-')) return undefined;
  const res = await readGit(gitTop, ['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`]);
  return res.code === 0 ? res.stdout.trim() : undefined;
}

/** The branch HEAD names, from the HEAD file when it plainly names one (git only for anything else); undefined when detached. */
export async function currentBranchName(gitTop: string): Promise<string | undefined> {
  const head = headFile(gitTop);
  if (head !== undefined && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(head)) return undefined;
  // A reftable repository's HEAD names the branch ".invalid": only git can say.
  const branch = head === undefined ? undefined : /^ref: refs\/heads\/(\S+)$/.exec(head)?.[1];
  if (branch !== undefined && branch !== '.invalid') return branch;
  const res = await readGit(gitTop, ['symbolic-ref', '--short', '-q', 'HEAD']);
  return res.code === 0 ? res.stdout.trim() : undefined;
}

/** The HEAD file's text; undefined (ask git) when it is a symbolic link (the old way of naming the branch) or not UTF-8. */
function headFile(gitTop: string): string | undefined {
  const dirs = gitDirs(gitTop);
  if (!dirs) return undefined;
  try {
    const file = path.join(dirs.git, 'HEAD');
    if (lstatSync(file).isSymbolicLink()) return undefined;
    const text = readFileSync(file, 'utf8').trim();
    return text.includes('\uFFFD') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A commit (or what a tag peels to) from the object store; undefined when the object is not in this repository. */
export async function readCommit(store: ObjectStore, rev: string): Promise<CommitInfo | undefined> {
  const obj = await store.read(`${rev}^{commit}`);
  return 'missing' in obj ? undefined : parseCommit(obj);
}

function parseCommit(obj: { oid: string; type: string; bytes: Buffer }): CommitInfo | undefined {
  if (obj.type !== 'commit') return undefined;
  const head = obj.bytes.toString('utf8', 0, Math.min(obj.bytes.length, 4096));
  const end = head.indexOf('\n\n');
  const fields = (end === -1 ? head : head.slice(0, end)).split('\n');
  const tree = fields.find((f) => f.startsWith('tree '))?.slice(5);
  if (!tree) return undefined;
  const committer = fields.find((f) => f.startsWith('committer '));
  const time = Number(/ (\d+) [+-]\d{4}$/.exec(committer ?? '')?.[1] ?? 0);
  return { oid: obj.oid, tree, parents: fields.filter((f) => f.startsWith('parent ')).map((f) => f.slice(7)), time };
}
