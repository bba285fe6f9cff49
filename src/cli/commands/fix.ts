// check --fix on the command line: runs the fix use case and renders its events; loaded only when asked for.
import { configPlace, type GlobalValues, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { formatResult, type Format } from '../../report/index.js';
import { fix } from '../../core/fix.js';
import type { FixEvent } from '../../core/change-types.js';
import { showDiff } from './change.js';

/** The flags of `check` that --fix reads (declared by check.ts, which loads this module only with --fix). */
type FixValues = GlobalValues & { staged?: boolean; 'dry-run'?: boolean; 'allow-foreign-owner'?: boolean };

export async function runFix(v: FixValues, format: Format, io: Io): Promise<number> {
  if (v.staged) throw new UserError('--fix changes the work tree and cannot go with --staged');
  // The report keeps stdout to itself in the machine formats; the diff and notes go to stderr.
  const say = format === 'stylish' ? io.out : io.err;
  const render = (e: FixEvent) => {
    if (e.type === 'notice') return io.err(`heimdall-version: ${e.message}\n`);
    say(showDiff(e.changes, format === 'stylish' && io.color));
    if (e.dryRun) say(`dry run: would set ${e.changes.map((c) => c.file).join(', ')} to ${e.version}; nothing was written\n`);
  };
  const done = await fix({ ...configPlace(v), dryRun: v['dry-run'], allowForeignOwner: v['allow-foreign-owner'], onEvent: render });
  if (done.applied) say(`fixed: ${done.changes.map((c) => c.file).join(', ')} now agree with ${done.version}\n`);
  io.out(formatResult(done.result, format, io.color));
  return done.result.ok ? 0 : 1;
}
