// Writing a planned change and proving it took, one change at a time: shared by bump, fix and recover.
import { existsSync } from 'node:fs';
import { applyChanges, type Applied } from '../change/apply.js';
import type { JournalGit } from '../change/journal.js';
import { withLock } from '../change/lock.js';
import { injectFault } from '../change/fault.js';
import { changeState, unfinished } from '../change/state.js';
import { refuseForeignDir, refuseForeignWriters } from '../change/foreign-writers.js';
import type { LoadedConfig } from '../config/types.js';
import type { FileChange } from '../change/plan.js';
import { UserError } from './errors.js';
import { loadProject } from './project.js';
import { workTreeReader } from '../git/workspace.js';
import type { Stated } from '../version/scheme.js';
import { sameVersion } from '../version/same.js';
import type { NoticeEvent } from './change-types.js';

/** Runs fn holding the project's lock, once no unfinished change is left. */
export async function underLock<T>(loaded: LoadedConfig, emit: (e: NoticeEvent) => void, fn: () => Promise<T>): Promise<T> {
  const state = await changeState(loaded.root, loaded.gitTop);
  return withLock(
    state,
    (message) => emit({ type: 'notice', message }),
    async () => {
      injectFault('locked');
      if (existsSync(state.journal)) throw unfinished(state);
      return fn();
    },
  );
}

/** Refuses, before anything is read or the lock taken, to change a tree where another user could redirect the writes
 *  (see foreign-writers.ts): the sources' and the lock and journal's. */
export async function refuseForeignTree(loaded: LoadedConfig, allowForeignOwner = false): Promise<void> {
  if (allowForeignOwner) return;
  refuseForeignWriters(
    loaded.root,
    loaded.config.sources.map((s) => s.file).filter((f) => f !== ''),
  );
  refuseForeignDir((await changeState(loaded.root, loaded.gitTop)).dir);
}

/** Applies the changes, re-reads every source and rolls back unless each literal now means `target`. */
export async function applyVerified(
  loaded: LoadedConfig,
  changes: FileChange[],
  target: Stated,
  git?: JournalGit,
  allowForeignOwner = false,
): Promise<Applied> {
  const applied = applyChanges(await changeState(loaded.root, loaded.gitTop), loaded.root, changes, git, allowForeignOwner);
  const after = await loadProject(loaded, workTreeReader(loaded.root));
  const version = target.value;
  // A source that names a published release is not written for a development version (plan.ts spellingsFor).
  const development = target.scheme.parse(target.value)?.dev !== undefined;
  const wrong = after.sources.flatMap((s) => [
    ...(s.namesRelease && development ? [] : s.hits)
      .filter((h) => !sameVersion(target, { scheme: s.scheme, value: h.value }))
      .map((h) => `${s.file}:${h.line} reads ${h.value}`),
    ...s.problems.filter((p) => p.kind !== 'uncheckable').map((p) => `${s.file}: ${p.message}`),
  ]);
  if (wrong.length > 0) {
    const restored = applied.rollback();
    throw new UserError(`after writing, ${wrong.join('; ')} instead of ${version}; rolled back ${restored.join(', ')}`, 1);
  }
  return applied;
}
