// recover: the one command that finishes or undoes a change a crash interrupted.
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { recover } from '../../core/recover.js';

const RECOVER_FLAGS = {
  discard: { type: 'boolean', help: 'forget the journal without changing any file (after putting things right by hand)', example: 'recover --discard' },
  'allow-foreign-owner': {
    type: 'boolean',
    help: 'write even where a directory on the way belongs to another user or others may write it (they could redirect the writes)',
    example: 'recover --allow-foreign-owner',
  },
} as const satisfies Flags;

export const recoverCommand = defineCommand({
  name: 'recover',
  summary: 'finish or undo a change that a crash interrupted',
  options: RECOVER_FLAGS,
  examples: ['recover', 'recover --discard'],
  run: (v, _p, io) => runRecover(v, io),
});

async function runRecover(v: CommandValues<typeof RECOVER_FLAGS>, io: Io): Promise<number> {
  const { summary } = await recover({
    cwd: v.cwd,
    configFile: v.config,
    discard: v.discard,
    allowForeignOwner: v['allow-foreign-owner'],
    onEvent: (e) => io.err(`heimdall-version: ${e.message}\n`),
  });
  io.out(`${summary}\n`);
  return 0;
}
