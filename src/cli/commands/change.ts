// Writing a planned change and proving it took: shared by bump and check --fix.
import { applyChanges, type Applied } from '../../change/apply.js';
import type { LoadedConfig } from '../../config/types.js';
import { unifiedDiff } from '../../change/diff.js';
import type { FileChange } from '../../change/plan.js';
import { UserError } from '../../core/errors.js';
import { loadProject } from '../../core/project.js';
import { workTreeReader } from '../../git/workspace.js';

export const showDiff = (changes: FileChange[]) => changes.map(unifiedDiff).join('');

/** Applies the changes, re-reads every source and rolls back unless each literal now reads `version`. */
export async function applyVerified(loaded: LoadedConfig, changes: FileChange[], version: string): Promise<Applied> {
  const applied = applyChanges(loaded.root, changes);
  const after = await loadProject(loaded, workTreeReader(loaded.root));
  const wrong = after.sources.flatMap((s) => [
    ...s.hits.filter((h) => h.value !== version).map((h) => `${s.file}:${h.line} reads ${h.value}`),
    ...s.problems.filter((p) => p.kind !== 'uncheckable').map((p) => `${s.file}: ${p.message}`),
  ]);
  if (wrong.length > 0) {
    const restored = applied.rollback();
    throw new UserError(`after writing, ${wrong.join('; ')} instead of ${version}; rolled back ${restored.join(', ')}`, 1);
  }
  return applied;
}
