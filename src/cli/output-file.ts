// A report written where the user asked (--output): all at once (a synced temp file renamed over
// the target, whose mode is kept), never through a planted link, so a reader never sees half of it.
import { renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { syncDir, tempName, writeNew } from '../change/exclusive.js';

export function writeOutputFile(file: string, text: string): void {
  const target = path.resolve(file);
  let mode = 0o644;
  try {
    const st = statSync(target);
    if (!st.isFile()) throw new UserError(`--output: ${file} is not a regular file`);
    mode = st.mode & 0o777;
  } catch (e) {
    if (e instanceof UserError) throw e;
  }
  const temp = tempName(target);
  try {
    writeNew(temp, Buffer.from(text, 'utf8'), mode);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`--output: cannot write ${file} (${code ?? (e as Error).message})`);
  }
  syncDir(path.dirname(target));
}
