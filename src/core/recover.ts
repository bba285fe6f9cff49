// recover as a library use case: finish or undo the change a crash interrupted, under the project's lock.
import { withLock } from '../change/lock.js';
import { recoverChange } from '../change/recover.js';
import { changeState } from '../change/state.js';
import { refuseForeignDir } from '../change/foreign-writers.js';
import { loadConfig } from '../config/load.js';
import type { RecoverOptions, RecoverResult } from './change-types.js';

export async function recover(options: RecoverOptions = {}): Promise<RecoverResult> {
  const emit = options.onEvent ?? (() => {});
  const loaded = await loadConfig({ cwd: options.cwd, configFile: options.configFile });
  const state = await changeState(loaded.root, loaded.gitTop);
  // The lock and journal's directory: the files' are checked once the journal names them.
  if (!options.allowForeignOwner) refuseForeignDir(state.dir);
  const summary = await withLock(
    state,
    (message) => emit({ type: 'notice', message }),
    () => recoverChange(state, loaded.gitTop, options.discard ?? false, options.allowForeignOwner ?? false),
  );
  return { summary };
}
