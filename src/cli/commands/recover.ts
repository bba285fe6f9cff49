// recover: the one command that finishes or undoes a change a crash interrupted.
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { withLock } from '../../change/lock.js';
import { recoverChange } from '../../change/recover.js';
import { changeState } from '../../change/state.js';

const RECOVER_FLAGS = {
  discard: { type: 'boolean', help: 'forget the journal without changing any file (after putting things right by hand)', example: 'recover --discard' },
} as const satisfies Flags;

export const recoverCommand = defineCommand({
  name: 'recover',
  summary: 'finish or undo a change that a crash interrupted',
  options: RECOVER_FLAGS,
  examples: ['recover', 'recover --discard'],
  run: (v, _p, io) => runRecover(v, io),
});

async function runRecover(v: CommandValues<typeof RECOVER_FLAGS>, io: Io): Promise<number> {
  const loaded = await loadConfig({ cwd: v.cwd, configFile: v.config });
  const state = await changeState(loaded.root, loaded.gitTop);
  const said = await withLock(state, (s) => io.err(`heimdall-version: ${s}\n`), () => recoverChange(state, loaded.gitTop, v.discard));
  io.out(`${said}\n`);
  return 0;
}
