// Where a change keeps its journal and lock: a place git does not carry, so a clone cannot plant them.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { gitDirs } from '../git/workspace.js';

export interface ChangeState {
  /** The directory holding the journal and the lock. */
  dir: string;
  journal: string;
  lock: string;
  /** Journal paths are relative to this: the git top level, else the project root. */
  base: string;
}

/** Inside the work tree's own git directory; without git, in the user's state directory keyed by the root. */
export function changeState(root: string, gitTop: string | undefined): ChangeState {
  const gitDir = gitTop ? gitDirs(gitTop)?.git : undefined;
  const dir = gitDir ?? path.join(process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'heimdall-version', createHash('sha256').update(root).digest('hex').slice(0, 20));
  return { dir, journal: path.join(dir, 'heimdall-version.journal'), lock: path.join(dir, 'heimdall-version.lock'), base: gitDir ? gitTop! : root };
}

/** Creates the state directory when it is ours to create (never the git directory). */
export function ensureStateDir(state: ChangeState): void {
  try {
    mkdirSync(state.dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new UserError(`cannot create ${state.dir} for the change journal (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 1);
  }
}
