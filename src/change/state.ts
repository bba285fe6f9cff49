// Where a change keeps its journal and lock: a place git does not carry, so a clone cannot plant them.
import { existsSync, mkdirSync } from 'node:fs';
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

/**
 * Inside the work tree's own git directory; without git, in the user's state directory keyed by the
 * root. node:crypto (several milliseconds to load) and node:os are loaded only for the latter: check
 * in a git repository, as a hook runs it, never pays for them.
 */
export async function changeState(root: string, gitTop: string | undefined): Promise<ChangeState> {
  const gitDir = gitTop ? gitDirs(gitTop)?.git : undefined;
  const dir =
    gitDir ?? path.join(process.env.XDG_STATE_HOME || path.join((await import('node:os')).homedir(), '.local', 'state'), 'heimdall-version', await keyOf(root));
  return { dir, journal: path.join(dir, 'heimdall-version.journal'), lock: path.join(dir, 'heimdall-version.lock'), base: gitDir ? gitTop! : root };
}

async function keyOf(root: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(root).digest('hex').slice(0, 20);
}

/** The error every command but recover gives while a journal is there. */
export function unfinished(state: ChangeState): UserError {
  return new UserError(
    `a heimdall-version change is unfinished (interrupted, or still running): run \`heimdall-version recover\` to finish or undo it (journal: ${state.journal})`,
    1,
  );
}

/** Read commands only report an unfinished change; nothing but `recover` undoes one. */
export async function refuseUnfinished(loaded: { root: string; gitTop?: string | undefined }): Promise<void> {
  const state = await changeState(loaded.root, loaded.gitTop);
  if (existsSync(state.journal)) throw unfinished(state);
}

/** Creates the state directory when it is ours to create (never the git directory). */
export function ensureStateDir(state: ChangeState): void {
  try {
    mkdirSync(state.dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new UserError(`cannot create ${state.dir} for the change journal (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 1);
  }
}
