// Reading a directory's files by relative path for layout detection and workspace discovery,
// never through a link that leads out of that directory.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8 } from '../core/text.js';
import { isInside, readRegular } from '../git/workspace.js';
import type { ReadFile } from './layout.js';

/** Reads root-relative files for layout detection: absent is undefined; present but unusable (a link
 *  out of the root, bad UTF-8) is empty text, so the source is still listed and its reader says why. */
export function rootFileReader(root: string): ReadFile {
  const realRoot = realpathSync.native(root);
  // Layout detection and workspace discovery ask for the same files more than once.
  const seen = new Map<string, string | undefined>();
  const readOnce = (file: string) => {
    if (!seen.has(file)) seen.set(file, readFile(realRoot, file));
    return seen.get(file);
  };
  return readOnce;
}

function readFile(realRoot: string, file: string): string | undefined {
  const joined = joinPlain(realRoot, file);
  // Most files asked for are absent: told by one lstat, without an exception (a link that leads nowhere is present).
  if (!lstatSync(joined, { throwIfNoEntry: false })) return undefined;
  if (!statSync(joined, { throwIfNoEntry: false })) return '';
  let real: string;
  try {
    // The native realpath: one system call, not one lstat per part of the path.
    real = realpathSync.native(joined);
  } catch {
    return lstatExists(joined) ? '' : undefined;
  }
  if (!isInside(realRoot, real)) return '';
  try {
    const read = readRegular(real);
    const decoded = 'bytes' in read ? decodeUtf8(read.bytes) : { error: read.missing };
    return 'text' in decoded ? decoded.text : '';
  } catch {
    return '';
  }
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** root/file: by concatenation when the file is a plain relative path (path.join normalizes every part, for each of the hundreds of files a workspace's detection asks for). */
function joinPlain(root: string, file: string): string {
  const plain = file !== '' && !file.startsWith('/') && !file.endsWith('/') && !file.includes('//') && !/(?:^|\/)\.\.?(?:\/|$)/.test(file);
  return plain ? `${root.endsWith('/') ? root : `${root}/`}${file}` : path.join(root, file);
}
