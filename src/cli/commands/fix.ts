// check --fix, loaded only when asked for: check itself never loads the machinery that writes.
import type { Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { formatResult, type Format } from '../../report/index.js';
import { loadConfig } from '../../config/load.js';
import { changesFor, planFix, spellingsFor } from '../../change/plan.js';
import { refuseUnfinished } from '../../change/state.js';
import { inspect } from '../../core/inspect.js';
import { applyVerified, showDiff, underLock } from './change.js';
import { common, type CheckValues } from './check.js';

/** check --fix: every drifted literal set to the primary version, with the same machinery as bump. */
export async function runFix(v: CheckValues, format: Format, io: Io): Promise<number> {
  if (v.staged) throw new UserError('--fix changes the work tree and cannot go with --staged');
  const loaded = await loadConfig(common(v));
  // The report keeps stdout to itself in the machine formats; the diff and notes go to stderr.
  const say = format === 'stylish' ? io.out : io.err;
  const fix = async () => {
    const { project, result } = await inspect(loaded, false);
    const version = project.version;
    const meaning = version === undefined ? undefined : project.scheme.parse(version);
    // A source that cannot state the version is left as it is: check reports why.
    const changes = meaning ? changesFor(project, planFix(project, spellingsFor(project, meaning).spellings)) : [];
    if (changes.length === 0 || v['dry-run']) {
      say(showDiff(changes, format === 'stylish' && io.color));
      if (changes.length) say(`dry run: would set ${changes.map((c) => c.file).join(', ')} to ${version}; nothing was written\n`);
      io.out(formatResult(result, format, io.color));
      return result.ok ? 0 : 1;
    }
    say(showDiff(changes, format === 'stylish' && io.color));
    (await applyVerified(loaded, changes, { scheme: project.scheme, value: version! })).finish();
    say(`fixed: ${changes.map((c) => c.file).join(', ')} now agree with ${version}\n`);
    const after = (await inspect(loaded, false)).result;
    io.out(formatResult(after, format, io.color));
    return after.ok ? 0 : 1;
  };
  if (v['dry-run']) return (await refuseUnfinished(loaded), fix());
  return underLock(loaded, io, fix);
}
