// Writing a planned change and proving it took, one change at a time: shared by bump, fix and recover.
import { existsSync } from 'node:fs';
import { applyChanges, type Applied } from '../change/apply.js';
import type { AttributesAhead } from '../change/attributes.js';
import type { JournalGit } from '../change/journal.js';
import { withLock } from '../change/lock.js';
import { injectFault } from '../change/fault.js';
import { changeState, unfinished } from '../change/state.js';
import { refuseForeignDir, refuseForeignWriters } from '../change/foreign-writers.js';
import type { LoadedConfig } from '../config/types.js';
import type { FileChange } from '../change/plan.js';
import { UserError } from './errors.js';
import { RULES } from '../rules/index.js';
import { loadProject, type LoadedSource } from './project.js';
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
export async function refuseForeignTree(
  loaded: LoadedConfig,
  allowForeignOwner = false,
  files = loaded.config.sources.map((s) => s.file).filter((f) => f !== ''),
): Promise<void> {
  if (allowForeignOwner) return;
  refuseForeignWriters(loaded.root, files);
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
  const wrongAfter = async () => wrongSources((await loadProject(sourcesOnly(loaded), workTreeReader(loaded.root))).sources, target);
  return applyChecked(loaded, changes, wrongAfter, target.value, git, allowForeignOwner);
}

/** Applies the changes, then rolls every file back unless `wrongAfter` (reading them again) finds nothing wrong. */
export async function applyChecked(
  loaded: LoadedConfig,
  changes: FileChange[],
  wrongAfter: () => Promise<string[]>,
  version: string,
  git?: JournalGit,
  allowForeignOwner = false,
  ahead?: AttributesAhead,
): Promise<Applied> {
  const applied = await applyChanges(await changeState(loaded.root, loaded.gitTop), loaded.root, changes, git, allowForeignOwner, ahead);
  const wrong = await wrongAfter();
  if (wrong.length > 0) {
    const restored = applied.rollback();
    throw new UserError(`after writing, ${wrong.join('; ')} instead of ${version}; rolled back ${restored.join(', ')}`, 1);
  }
  return applied;
}

/**
 * The configuration with every rule off, for reading the sources back after a write: no rule's files
 * are read or looked for (a workspace member's manifest still is, for the pins), only the sources.
 */
export function sourcesOnly(loaded: LoadedConfig): LoadedConfig {
  const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const]));
  return { ...loaded, config: { ...loaded.config, rules } };
}

/** Each literal of the sources that does not mean `target`, and each source that cannot be read, in words; `dir` prefixes the files. */
export function wrongSources(sources: LoadedSource[], target: Stated, dir = ''): string[] {
  const at = (file: string) => (dir === '' ? file : `${dir}/${file}`);
  // A source that names a published release is not written for a development version (plan.ts spellingsFor).
  const development = target.scheme.parse(target.value)?.dev !== undefined;
  return sources.flatMap((s) => [
    ...(s.namesRelease && development ? [] : s.hits)
      .filter((h) => !sameVersion(target, { scheme: s.scheme, value: h.value }))
      .map((h) => `${at(s.file)}:${h.line} reads ${h.value}`),
    ...s.problems.filter((p) => p.kind !== 'uncheckable').map((p) => `${at(s.file)}: ${p.message}`),
  ]);
}
