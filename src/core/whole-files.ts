// Files written whole: a new file appears complete with its mode (never through a planted link), an
// existing one is replaced by a rename keeping its mode and owner; never half-written for a reader.
import { linkSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../change/apply.js';
import { syncDir, tempName, writeNew } from '../change/exclusive.js';

/** Creates `file`, which must not exist, with its whole content at once. */
export function createWhole(file: string, content: string, mode: number): void {
  const temp = tempName(file);
  writeNew(temp, Buffer.from(content), mode);
  try {
    linkSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
  syncDir(path.dirname(file));
}

/** Replaces an existing file's content, keeping its owner and its mode plus `addMode`. */
export function replaceWhole(file: string, content: string, addMode = 0): void {
  const was = statSync(file);
  replaceFile(file, Buffer.from(content), { mode: was.mode | addMode, uid: was.uid, gid: was.gid } as typeof was);
}

/** A path as the user would type it from here. */
export const shownPath = (file: string) => path.relative(process.cwd(), file) || file;
