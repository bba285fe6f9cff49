// check --fix as a library use case: every drifted literal set to the primary version, with bump's machinery.
// Its own module, loaded only when asked for: check itself never loads the machinery that writes.
import { changesFor, planFix, spellingsFor } from '../change/plan.js';
import { refuseUnfinished } from '../change/state.js';
import { loadConfig } from '../config/load.js';
import { applyVerified, refuseForeignTree, underLock } from './change.js';
import type { FixOptions, FixResult } from './change-types.js';
import { inspect } from './inspect.js';
import { refuseWorkspaceRoot } from './one-package.js';

export async function fix(options: FixOptions = {}): Promise<FixResult> {
  const emit = options.onEvent ?? (() => {});
  const loaded = await loadConfig({ cwd: options.cwd, configFile: options.configFile });
  refuseWorkspaceRoot(loaded, 'check --fix');
  const run = async (): Promise<FixResult> => {
    const { project, result } = await inspect(loaded, false);
    const version = project.version;
    const meaning = version === undefined ? undefined : project.scheme.parse(version);
    // A source that cannot state the version is left as it is: check reports why.
    const changes = meaning ? changesFor(project, planFix(project, spellingsFor(project, meaning).spellings)) : [];
    if (changes.length === 0) return { version, changes, applied: false, result };
    const dryRun = options.dryRun ?? false;
    emit({ type: 'fix-planned', version: version!, changes, dryRun });
    if (dryRun) return { version, changes, applied: false, result };
    (await applyVerified(loaded, changes, { scheme: project.scheme, value: version! }, undefined, options.allowForeignOwner)).finish();
    return { version, changes, applied: true, result: (await inspect(loaded, false)).result };
  };
  if (options.dryRun) return (await refuseUnfinished(loaded), run());
  await refuseForeignTree(loaded, options.allowForeignOwner);
  return underLock(loaded, emit, run);
}
