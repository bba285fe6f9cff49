// recover: finishes or undoes the change an interrupted run left, as its journal describes it.
// Work tree, index and HEAD end up agreeing: all old and no commit, or the commit, all new, and the tag.
import { readdirSync, readFileSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { git, gitOrFail, headCommit, tagCommit } from '../git/git.js';
import { blobId, blobsAt, writeIndexEntries } from '../git/index-entries.js';
import { isInside } from '../git/workspace.js';
import { replaceFile } from './apply.js';
import { syncDir } from './exclusive.js';
import { parseJournal, type Journal, type JournalFile } from './journal.js';
import type { ChangeState } from './state.js';
import { refuseForeignWriters } from './foreign-writers.js';

interface Target {
  entry: JournalFile;
  real?: string;
  stat?: Stats;
  current?: Buffer;
}

/** Returns what was done, in words; call under the lock. */
export async function recoverChange(state: ChangeState, gitTop: string | undefined, discard: boolean, allowForeignOwner = false): Promise<string> {
  let text: string;
  try {
    text = readFileSync(state.journal, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'nothing to recover';
    throw new UserError(`cannot read the journal ${state.journal} (${(e as NodeJS.ErrnoException).code})`, 1);
  }
  if (discard) return (forget(state), `discarded the journal ${state.journal}; no file was changed`);
  const parsed = parseJournal(text);
  if ('problem' in parsed)
    throw new UserError(
      `${state.journal} is not a journal heimdall-version can trust (${parsed.problem}); nothing was changed. Check your version files, then remove it with: heimdall-version recover --discard`,
      2,
    );
  const journal = parsed.journal;
  if (!allowForeignOwner)
    refuseForeignWriters(
      state.base,
      journal.files.map((f) => f.file),
    );
  const targets = journal.files.map((entry) => locate(state.base, entry));
  for (const t of targets) removeTemps(path.join(state.base, ...t.entry.file.split('/')));
  removeTemps(state.journal);
  let done: string;
  if (journal.git && gitTop) done = await recoverWithGit(gitTop, journal, targets);
  else done = restore(targets, 'before');
  forget(state);
  return done;
}

async function recoverWithGit(gitTop: string, journal: Journal, targets: Target[]): Promise<string> {
  const g = journal.git!;
  const head = (await headCommit(gitTop)) ?? null;
  const files = targets.map((t) => t.entry.file);
  if (head === g.head) {
    const words = restore(targets, 'before');
    await writeIndexEntries(gitTop, g.index);
    return `${words}; the index is as it was; no commit was made`;
  }
  const parent = head && (await git(gitTop, ['rev-parse', '-q', '--verify', `${head}^1`])).stdout.trim();
  const committed = head !== null && (parent || null) === g.head && (await holdsAfter(gitTop, head, targets));
  if (!committed)
    throw new UserError(
      `HEAD moved since the interrupted change (from ${g.head ?? 'no commit'} to ${head ?? 'no commit'}) and holds other changes; nothing was changed. Put ${files.join(', ')} right by hand, then run heimdall-version recover --discard`,
      1,
    );
  const words = restore(targets, 'after');
  await gitOrFail(gitTop, ['reset', '-q', 'HEAD', '--', ...files], 'git reset');
  const made: string[] = [];
  const tags = g.tag ? [{ name: g.tag, message: g.tagMessage ?? g.tag }, ...(g.tags ?? [])] : [];
  for (const t of tags) {
    const at = await tagCommit(gitTop, t.name);
    if (at === undefined) {
      await gitOrFail(gitTop, ['tag', '-a', t.name, '-m', t.message, head!], `git tag ${t.name}`);
      made.push(t.name);
    } else if (at !== head) throw new UserError(`the commit was made, but tag ${t.name} already names another commit (${at.slice(0, 12)}); tag by hand`, 1);
  }
  const tagged = made.length ? `; tagged ${made.join(', ')}` : '';
  return `the commit ${head!.slice(0, 12)} was already made, so the change was finished: ${words}${tagged}`;
}

async function holdsAfter(gitTop: string, commit: string, targets: Target[]): Promise<boolean> {
  const blobs = await blobsAt(
    gitTop,
    commit,
    targets.map((t) => t.entry.file),
  );
  for (const t of targets) if (blobs.get(t.entry.file) !== (await blobId(gitTop, Buffer.from(t.entry.after, 'base64')))) return false;
  return true;
}

/** Checks a journal path on disk: inside the base (links included) and a regular file. */
function locate(base: string, entry: JournalFile): Target {
  let real: string;
  try {
    real = realpathSync(path.join(base, ...entry.file.split('/')));
  } catch {
    return { entry }; // gone: nothing to put back
  }
  if (!isInside(realpathSync(base), real)) throw new UserError(`the journal names ${entry.file}, which leads outside the project; nothing was changed`, 2);
  const stat = statSync(real);
  if (!stat.isFile()) throw new UserError(`the journal names ${entry.file}, which is not a regular file; nothing was changed`, 2);
  return { entry, real, stat, current: readFileSync(real) };
}

/** Sets each file that is in the other state to `want`; files changed since are left alone and named. */
function restore(targets: Target[], want: 'before' | 'after'): string {
  const other = want === 'before' ? 'after' : 'before';
  const set: string[] = [];
  const kept: string[] = [];
  for (const t of targets) {
    const wanted = Buffer.from(t.entry[want], 'base64');
    if (t.current?.equals(wanted)) continue;
    if (t.current?.equals(Buffer.from(t.entry[other], 'base64'))) {
      replaceFile(t.real!, wanted, t.stat!);
      set.push(t.entry.file);
    } else kept.push(t.entry.file);
  }
  const parts = [set.length ? `${want === 'before' ? 'restored' : 'completed'} ${set.join(', ')}` : 'every file already was as it should be'];
  if (kept.length) parts.push(`left ${kept.join(', ')} as they are (changed since)`);
  return parts.join('; ');
}

/** Temporary copies a crash left beside a file (named as exclusive.ts names them). */
function removeTemps(file: string): void {
  const dir = path.dirname(file);
  const mine = new RegExp(`^\\.${path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{16}\\.heimdall-tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (mine.test(name)) rmSync(path.join(dir, name), { force: true });
}

function forget(state: ChangeState): void {
  rmSync(state.journal, { force: true });
  syncDir(state.dir);
}
